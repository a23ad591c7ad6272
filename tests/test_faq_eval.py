"""The FAQ on the labelled question sets, as the bot answers (issue 12).

- tests/data/faq_eval.yaml (and faq_eval_more.yaml): the tuning sets. Their misses were used
  to add phrasings and synonyms, and the answer policy is fitted on them (`boligbot faq-fit`):
  their figures are in-sample.
- tests/data/faq_holdout.yaml: written by someone else from the answers and sources, never used
  for tuning.
- tests/data/faq_blind_uk_en.yaml: Ukrainian and English, written by a helper who saw only the
  sources and the list of entry titles, never the knowledge or the other sets.
The floors asserted here are the issue's targets; timings are never asserted.
"""

import pytest

from bot.core.faq.evaluate import evaluate, faq_links
from bot.core.faq.normalise import Normaliser
from tests.faqsupport import ROOT, load_set, understanding

SETS = ["faq_eval.yaml", "faq_eval_more.yaml", "faq_holdout.yaml", "faq_blind_uk_en.yaml"]
HELD_OUT = ["faq_holdout.yaml", "faq_blind_uk_en.yaml"]


@pytest.fixture(scope="module")
def knowledge():
    return understanding().knowledge


@pytest.fixture(scope="module")
def reports():
    u = understanding()
    links = faq_links(u.knowledge)
    return {
        name: evaluate(u.match, load_set(name), links)
        for name in SETS
        if (ROOT / "tests" / "data" / name).exists()
    }


@pytest.mark.parametrize("name", SETS)
def test_sets_are_labelled_with_real_entries_and_copy_no_phrasing(knowledge, name):
    items = load_set(name)
    plain = {
        " ".join(Normaliser.words(q))
        for e in knowledge.entries.values()
        for qs in e.questions.values()
        for q in qs
    }
    unknown = [
        it["expect"] for it in items if it["expect"] and it["expect"] not in knowledge.entries
    ]
    copies = [
        it["q"]
        for it in items
        if " ".join(Normaliser.words(it["q"])) in plain and Normaliser.words(it["q"])
    ]
    assert not unknown and not copies


@pytest.mark.parametrize("name", HELD_OUT)
def test_no_phrasing_nearly_copies_a_held_out_question(knowledge, name):
    """The held-out sets measure questions the knowledge never saw: no phrasing may share 70 %
    of its words with one of them (a new phrasing that does must go, however natural)."""
    phrasings = [
        set(Normaliser.words(q))
        for e in knowledge.entries.values()
        for qs in e.questions.values()
        for q in qs
    ]
    near = []
    for it in load_set(name):
        words = set(Normaliser.words(it["q"]))
        if words and any(len(words & p) / len(words | p) >= 0.7 for p in phrasings):
            near.append(it["q"])
    assert near == []


def test_sets_are_large_enough():
    items = load_set("faq_eval.yaml")
    assert sum(1 for it in items if it["expect"]) >= 200
    assert sum(1 for it in items if it["expect"] is None) >= 30
    blind = load_set("faq_blind_uk_en.yaml")
    assert sum(1 for it in blind if it["expect"]) >= 60
    assert sum(1 for it in blind if it["expect"] is None) >= 10


def test_held_out_set(reports):
    """Regression floors just under what was measured on 2026-12-06 (answered 0.553, ranked
    0.833, rejected 0.920, direct answers right 0.943); the issue's targets are below."""
    r = reports["faq_holdout.yaml"]
    assert r.answered_rate >= 0.53
    assert r.ranked_rate >= 0.81
    assert r.rejection_rate >= 0.90
    assert r.direct_precision >= 0.92


def test_blind_ukrainian_and_english_set(reports):
    """Measured 2026-12-06: answered 0.691, direct answers right 0.981."""
    r = reports["faq_blind_uk_en.yaml"]
    assert r.answered_rate >= 0.67
    assert r.direct_precision >= 0.95


def test_tuning_set(reports):
    r = reports["faq_eval.yaml"]
    assert r.rejection_rate >= 0.90
    assert r.direct_precision >= 0.95


@pytest.mark.xfail(
    strict=True,
    reason="issue 12's held-out targets are not reached: measured "
    "answered 0.553 (target 0.80), ranked 0.833 (0.90), direct answers right "
    "0.943 (0.95); see the README",
)
def test_issue_target_held_out(reports):
    r = reports["faq_holdout.yaml"]
    assert r.answered_rate >= 0.80 and r.ranked_rate >= 0.90 and r.direct_precision >= 0.95


@pytest.mark.xfail(
    strict=True,
    reason="issue 12's blind-set target is not reached: measured "
    "answered 0.691 (target 0.75); see the README",
)
def test_issue_target_blind(reports):
    assert reports["faq_blind_uk_en.yaml"].answered_rate >= 0.75
