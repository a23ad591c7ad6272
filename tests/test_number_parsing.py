"""Numbers and dates typed in a dialog: read when unambiguous, else a reason to ask again."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.dialogs.parsing import format_number, parse_date, parse_number
from bot.core.i18n import translator


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12000", 12000),
        ("12 000", 12000),
        ("12\u00a0000", 12000),
        ("12k", 12000),
        ("12 k", 12000),
        ("12 tusen", 12000),
        ("ca 12000 kr", 12000),
        ("ca. 12 000 kroner i måneden", 12000),
        ("12.000", 12000),
        ("1.234.567", 1234567),
        ("1,234,567", 1234567),
        ("1 500 000", 1500000),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("0,5", 0.5),
        (",5", 0.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("kr 12 000,-", 12000),
        ("12000,-", 12000),
        ("1,5 mill", 1500000),
        ("2 millioner", 2000000),
        ("1,5k", 1500),
        ("20 år", 20),
        ("Jeg er 20", 20),
        ("-5", -5),
    ],
)
def test_numbers_read_when_unambiguous(text, expected):
    parsed = parse_number(text)
    assert parsed.ok and parsed.reason is None
    assert parsed.value == expected
    assert type(parsed.value) is type(expected)


@pytest.mark.parametrize(
    "text,reason",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("12-15000", "range"),
        ("12 000 - 15 000", "range"),
        ("mellom 10 og 20", "range"),
        ("fra 10 til 20", "range"),
        ("between 10 and 20", "range"),
        ("10 eller 20", "several"),
        ("2 barn og 3000 kr", "several"),
        ("12,000", "ambiguous"),
        ("vet ikke", "not_a_number"),
        ("tolv tusen", "not_a_number"),
        ("12.03.2027", "not_a_number"),
        ("1.23.456", "not_a_number"),
    ],
)
def test_numbers_refused_with_a_reason(text, reason):
    parsed = parse_number(text)
    assert not parsed.ok
    assert parsed.value is None
    assert parsed.reason == reason


@pytest.mark.parametrize("reason", ["empty", "not_a_number", "range", "several", "ambiguous"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_number_reason_has_a_message_in_both_languages(reason, lang):
    msg_id = "dialog-number-" + reason.replace("_", "-")
    assert translator().has(lang, msg_id)


TODAY = date(2026, 12, 20)


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("12.03.2027", "nb", date(2027, 3, 12)),
        ("12/3", "nb", date(2027, 3, 12)),
        ("12/3/2027", "nb", date(2027, 3, 12)),
        ("24.12", "nb", date(2026, 12, 24)),
        ("i morgen", "nb", date(2026, 12, 21)),
        ("tomorrow", "en", date(2026, 12, 21)),
        ("24. desember", "nb", date(2026, 12, 24)),
        ("2027-03-12", "en", date(2027, 3, 12)),
    ],
)
def test_dates(text, lang, expected):
    parsed = parse_date(text, TODAY, lang)
    assert parsed.ok, parsed.reason
    assert parsed.value == expected


@pytest.mark.parametrize(
    "text,lang,reason",
    [
        ("", "nb", "empty"),
        ("12/3", "en", "ambiguous"),  # 12 March or December 3?
        ("31.02.2027", "nb", "invalid"),
        ("kl 18", "nb", "no_date"),
        ("snart", "nb", "unknown"),
    ],
)
def test_dates_refused_with_a_reason(text, lang, reason):
    parsed = parse_date(text, TODAY, lang)
    assert parsed.reason == reason
    assert parsed.value is None
    assert translator().has(lang, "dialog-date-" + reason.replace("_", "-"))


def test_date_without_a_year_can_be_the_nearest_instead_of_the_next():
    assert parse_date("1.12", TODAY, "nb", future=True).value == date(2027, 12, 1)
    assert parse_date("1.12", TODAY, "nb", future=False).value == date(2026, 12, 1)


@pytest.mark.parametrize(
    "value,lang,text",
    [
        (12000, "nb", "12 000"),
        (12000, "en", "12 000"),
        (12.5, "nb", "12,5"),
        (12.5, "en", "12.5"),
        (1234.5, "nb", "1 234,5"),
        (300, "nb", "300"),
        (12.001, "nb", "12"),
    ],
)
def test_format_number(value, lang, text):
    assert format_number(value, lang) == text
