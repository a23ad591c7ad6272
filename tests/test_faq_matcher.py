"""The FAQ on the real knowledge: typos, languages, and false positives that must not pass."""

from pathlib import Path

import pytest

from bot.core.faq.knowledge import KnowledgeError, load_knowledge
from bot.core.faq.matcher import FaqMatcher
from bot.core.faq.normalise import Normaliser
from tests.faqsupport import understanding

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", params=[True, False], ids=["blended", "lexical"])
def faq(request):
    return understanding(request.param)


@pytest.mark.parametrize(
    "question,entry",
    [
        ("hva koster det å bo der", "bolignu-price"),
        ("kan studenter få bostotte", "bostotte-student"),  # oe for ø
        ("jeg ble kastet ut fordi jeg ikke betalte husleia", "bolignu-evicted"),
        ("when is the meetup", "meetup-when"),
    ],
)
def test_confident_answers(faq, question, entry):
    result = faq.match(question)
    assert result.band == "confident" and result.candidates[0].entry_id == entry


@pytest.mark.parametrize(
    "question,entry",
    [
        ("скільки коштує жити в Bolig Nu", "bolignu-price"),
        ("що таке стартова позика", "startlan-what"),
    ],
)
def test_ukrainian_is_understood_by_the_semantic_view(question, entry):
    assert understanding(True).match(question).best == entry


@pytest.mark.parametrize(
    "question",
    [
        "hva er været i morgen",
        "skatt",
        "fotball",
        "🙂",
        "asdfgh",
        "kkkkk",
        "",
        "hva",
        "nav",
        "bolig",
        "what",
        "when does the bus leave",
    ],
)
def test_one_shared_word_or_nothing_is_never_confident(faq, question):
    assert faq.match(question).band != "confident"


@pytest.mark.parametrize("question", ["hva er været i morgen", "fotball", "🙂", "asdfgh"])
def test_off_topic_is_no_match(faq, question):
    assert faq.match(question).band == "none"


def test_what_is_and_who_can_get_are_told_apart(faq):
    assert faq.match("hva er startlån").best == "startlan-what"
    assert faq.match("hvem kan få startlån").best == "startlan-who"


def test_unsure_offers_at_most_three_close_ones(faq):
    result = faq.match("how long can i stay")
    assert result.band != "none"
    assert 1 <= len(result.candidates) <= (3 if result.band == "unsure" else 4)


def test_normaliser_folds_spellings_synonyms_and_stems():
    norm = Normaliser([["husleie", "leie", "rent"]])
    assert norm.words("Bostøtte, BOSTOETTE!") == ["bostøtte", "bostøtte"]
    assert norm.tokens("rent") == norm.tokens("husleie")
    assert norm.tokens("hvem kan få") == [norm.stem("hvem")]  # question words are kept
    assert norm.tokens("hva") == ["hva"]  # a question of stop words only is still something


def test_broken_knowledge_file_is_reported_with_file_and_entry(tmp_path):
    (tmp_path / "a.yaml").write_text("- id: one\n  questions: [not, a, mapping]\n")
    (tmp_path / "b.yaml").write_text("- id: two\n  questions: {nb: [x]}\n- id: two\n")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(tmp_path)
    text = "\n".join(err.value.problems)
    assert "knowledge/faq/a.yaml: one:" in text
    assert "knowledge/faq/b.yaml: two: duplicate id" in text


def test_ascii_spellings_are_folded_but_not_words_that_have_those_letters():
    assert Normaliser.words("noe noen does bostoette paa") == [
        "noe",
        "noen",
        "does",
        "bostøtte",
        "på",
    ]


def test_only_unknown_words_are_read_as_typos():
    """A word the knowledge knows is taken as written; one it does not know may be a typo."""
    from bot.core.faq.matcher import EntryText

    m = FaqMatcher(
        Normaliser(),
        [
            EntryText("fast", ["hvor fort får jeg hjelp"], [], []),
            EntryText("tell", ["fortell om treffet"], [], []),
        ],
    )
    known = m._expand(m.norm.tokens("fortell"))
    assert list(known.values()) == [{m.norm.stem("fortell"): 1.0}]
    typo = m._expand(m.norm.tokens("hjlep"))
    assert "hjelp" in next(iter(typo.values()))
