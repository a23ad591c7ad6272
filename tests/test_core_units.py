"""Unit tests of small core pieces: callback signing, message splitting, languages."""

import re

import pytest

from bot.core.callbacks import CallbackSigner
from bot.core.i18n import Translator, language_from_telegram
from bot.core.textsplit import split_message


def test_signed_button_round_trip_and_tamper():
    s = CallbackSigner(b"k" * 32)
    data = s.sign(7, "lang", "en")
    assert s.verify(7, data).arg == "en"
    assert s.verify(8, data) is None  # another user
    assert s.verify(7, data.replace("en", "nb")) is None  # altered argument
    assert s.verify(7, "lang|en") is None and s.verify(7, "") is None
    assert CallbackSigner(b"x" * 32).verify(7, data) is None  # another secret


def test_signing_refuses_oversized_or_ambiguous_data():
    s = CallbackSigner(b"k")
    with pytest.raises(ValueError):
        s.sign(1, "a", "x" * 60)
    with pytest.raises(ValueError):
        s.sign(1, "a|b")


def test_split_keeps_short_text_whole():
    assert split_message("hei") == ["hei"]


def test_split_long_text_under_limit_at_paragraphs_with_tags_balanced():
    text = "\n\n".join(f"<b>Del {i}</b> " + "ord " * 200 for i in range(30))
    parts = split_message(text)
    assert len(parts) > 1 and all(len(p) <= 4096 for p in parts)
    assert all(p.count("<b>") == p.count("</b>") for p in parts)
    assert "".join(parts).count("Del ") == 30


def test_split_closes_and_reopens_a_tag_cut_in_the_middle():
    text = "<i>" + "ord " * 3000 + "</i>"
    parts = split_message(text)
    assert len(parts) == 3
    assert all(p.startswith("<i>") and p.endswith("</i>") for p in parts)


def test_split_never_cuts_inside_a_tag():
    text = "x" * 4050 + '<a href="https://example.org/lang/sti">lenke</a>' + "y" * 100
    first, second = split_message(text)
    assert "<a" not in first and second.startswith("<a href")


@pytest.mark.parametrize("shift", range(8))
def test_split_never_cuts_inside_a_character_entity(shift):
    """A pasted link has no space to cut at; its escaped "&amp;" must not be cut in two, or
    Telegram refuses the part ("can't parse entities")."""
    text = "x" * shift + "https://example.no/?" + "&amp;x=&lt;1&gt;".join(map(str, range(600)))
    parts = split_message(text)
    assert len(parts) > 1 and "".join(parts) == text
    for part in parts:
        assert not re.search(r"&(?![a-z]+;)", part), part[-12:]
        assert re.match(r"[^;]*?(&|$)", part)  # starts with no tail of an entity ("mp;")


@pytest.mark.parametrize(
    "code,lang",
    [
        ("nb", "nb"),
        ("nn", "nn"),
        ("no", "nb"),
        ("nb-NO", "nb"),
        ("nn-NO", "nn"),
        ("uk", "uk"),
        ("uk-UA", "uk"),
        ("en", "en"),
        ("de", "en"),
        (None, "nb"),
        ("", "nb"),
    ],
)
def test_telegram_language_mapping(code, lang):
    assert language_from_telegram(code) == lang


def test_the_shipped_texts_are_complete_in_every_language():
    """Resident texts in nb, nn, en and uk; staff texts (staff.ftl) in nb and en."""
    from pathlib import Path

    from bot.core.i18n import missing_messages

    assert missing_messages(Path(__file__).parent.parent / "bot" / "locales") == []


def test_a_missing_text_falls_back_to_a_language_the_reader_knows(tmp_path):
    for lang, body in (
        ("nb", "a = nb-a\nb = nb-b\n"),
        ("en", "a = en-a\n"),
        ("nn", ""),
        ("uk", ""),
    ):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "x.ftl").write_text(body)
    t = Translator(tmp_path)
    assert (t("nn", "a"), t("uk", "a"), t("uk", "b")) == ("nb-a", "en-a", "nb-b")


def test_every_core_message_exists_in_both_languages():
    t = Translator()
    from pathlib import Path

    ids = set()
    for lang in ("nb", "en"):
        for path in (Path(__file__).parent.parent / "bot/locales" / lang).glob("*.ftl"):
            ids |= {
                line.split("=")[0].strip()
                for line in path.read_text().splitlines()
                if line and line[0].isalpha() and "=" in line
            }
    missing = [(lang, i) for i in sorted(ids) for lang in ("nb", "en") if not t.has(lang, i)]
    assert missing == []
