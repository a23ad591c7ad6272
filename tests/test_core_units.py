"""Unit tests of small core pieces: callback signing, message splitting, languages."""

import re

import pytest

from bot.core.callbacks import CallbackSigner
from bot.core.i18n import Translator, language_from_telegram
from bot.core.ids import parse_int, row_id, telegram_id
from bot.core.textsplit import CAPTION_LIMIT, message_parts, split_message
from tests.e2e.emulator import check_html


def test_signed_button_round_trip_and_tamper():
    s = CallbackSigner(b"k" * 32)
    data = s.sign(7, "lang", "en")
    assert s.verify(7, data).arg == "en"
    assert s.verify(8, data) is None  # another user
    assert s.verify(7, data.replace("en", "nb")) is None  # altered argument
    assert s.verify(7, "lang|en") is None and s.verify(7, "") is None
    assert CallbackSigner(b"x" * 32).verify(7, data) is None  # another secret
    # Non-ASCII or oversized data is an inactive button, never an exception.
    assert s.verify(7, "lang|en|ÆØÅÆØÅÆØ") is None and s.verify(7, "lang|ø|" + "🙂" * 8) is None
    assert s.verify(7, data + "a" * 64) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12345", 12345), (" 42 ", 42), ("007", 7), (str(2**52), 2**52)]
    + [(t, None) for t in ("²", "٣", "0", "-1", "+1", "1.0", "1e3", "", " ", "1 2")]
    + [(str(2**52 + 1), None), ("9" * 20, None), ("1" * 5000, None)],
)
def test_telegram_ids_are_ascii_digits_in_range(text, expected):
    assert telegram_id(text) == expected


def test_row_ids_and_small_ranges():
    assert row_id(str(2**31 - 1)) == 2**31 - 1 and row_id(str(2**31)) is None
    assert parse_int("0", 0, 6) == 0 and parse_int("7", 0, 6) is None
    assert parse_int("0000000000000000000000003", 0, 6) == 3  # leading zeros are not length


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


def test_split_never_cuts_inside_an_entity():
    text = "&amp;" * 2000  # no space to cut at: a hard cut, moved back to the entity's start
    parts = split_message(text)
    assert len(parts) == 3 and "".join(parts) == text
    for part in parts:
        check_html(part)


def test_a_photo_caption_too_long_goes_on_in_messages_cut_at_safe_places():
    text = "<b>Ledig</b> " + "hybel&amp;bad " * 200  # 2,813 characters as sent
    caption, *rest = message_parts(text, photo=True)
    assert len(caption) <= CAPTION_LIMIT and rest and all(len(p) <= 4096 for p in rest)
    for part in (caption, *rest):
        check_html(part)
    assert " ".join([caption, *rest]).split() == text.split()  # nothing lost
    assert message_parts("kort", photo=True) == ["kort"] and message_parts("", True) == [""]


def test_a_text_fluent_cannot_format_is_logged_without_its_values(caplog):
    t = Translator()
    out = t("nb", "handover-answer", office="hemmelig " * 400)  # over 2,500 characters
    assert out == "{???}"  # what Fluent does: why user text never goes into a placeable
    [record] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "handover-answer" in record.getMessage() and "hemmelig" not in record.getMessage()


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
