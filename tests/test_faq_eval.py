"""The FAQ matcher on the labelled question set tests/data/faq_eval.yaml (issue 3).

The set was written as residents type (paraphrases, typos, SMS style, bokmål, nynorsk,
English) without running the matcher. Since then its misses have been used as editors use
`faq-eval`: to add phrasings and synonyms to the knowledge (never copies of its questions), so
its figures are in-sample. tests/data/faq_holdout.yaml was written the same way by someone else
and is never used for tuning: `boligbot faq-eval --data tests/data/faq_holdout.yaml` tells how
the matcher does on questions nobody tuned for. Later phrasings were written by people who saw
neither set, and any that nearly copied a question of either set were dropped.
"""

from pathlib import Path

import pytest
import yaml

from bot.core.faq.evaluate import evaluate
from bot.core.faq.knowledge import load_knowledge
from bot.core.faq.matcher import FaqMatcher, Thresholds
from bot.core.faq.normalise import Normaliser

ROOT = Path(__file__).resolve().parent.parent
SETS = ["faq_eval.yaml", "faq_holdout.yaml"]


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge(ROOT / "knowledge" / "faq")


@pytest.fixture(scope="module")
def report(knowledge):
    matcher = FaqMatcher.build(knowledge, ROOT / "knowledge" / "synonyms.yaml")
    return evaluate(matcher, load("faq_eval.yaml"), Thresholds())


def load(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SETS)
def test_sets_are_labelled_with_real_entries_and_copy_no_phrasing(knowledge, name):
    items = load(name)
    plain = {" ".join(Normaliser.words(q)) for e in knowledge.entries.values()
             for qs in e.questions.values() for q in qs}
    unknown = [it["expect"] for it in items if it["expect"] and it["expect"] not in knowledge.entries]
    copies = [it["q"] for it in items if " ".join(Normaliser.words(it["q"])) in plain
              and Normaliser.words(it["q"])]
    assert not unknown and not copies


def test_no_phrasing_nearly_copies_a_held_out_question(knowledge):
    """The held-out set measures questions the knowledge never saw: no phrasing may share 70 %
    of its words with one of them (a new phrasing that does must go, however natural)."""
    phrasings = [set(Normaliser.words(q)) for e in knowledge.entries.values()
                 for qs in e.questions.values() for q in qs]
    near = []
    for it in load("faq_holdout.yaml"):
        words = set(Normaliser.words(it["q"]))
        if words and any(len(words & p) / len(words | p) >= 0.7 for p in phrasings):
            near.append(it["q"])
    assert near == []


def test_eval_set_is_large_enough():
    items = load("faq_eval.yaml")
    assert sum(1 for it in items if it["expect"]) >= 200
    assert sum(1 for it in items if it["expect"] is None) >= 30


def test_out_of_scope_questions_are_rejected(report):
    assert report.rejection_rate >= 0.90


def test_answered_top1_does_not_fall_below_what_was_reached(report):
    """A regression floor just under the measured 0.860 (2026-12-02), not the goal below."""
    assert report.top1_rate >= 0.84


@pytest.mark.xfail(strict=True, reason="issue 3's target top-1 >= 0.90 is not reached: measured "
                   "0.860 answered on this set, 0.547 on the held-out set; a lexical matcher misses "
                   "paraphrases that share few words with the knowledge")
def test_issue_target_top1(report):
    assert report.top1_rate >= 0.90
