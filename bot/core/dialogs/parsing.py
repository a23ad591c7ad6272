"""Numbers and dates typed as free text in a dialog, read only when unambiguous.

:func:`parse_number` reads ``12 000``, ``12k``, ``ca 12000 kr``, ``12.000``, ``12,5``,
``kr 12 000,-``, ``1,5 mill``; it refuses ranges (``12-15000``, ``mellom 10 og 20``), several
numbers, ``12,000`` (twelve thousand or twelve?) and text without a number, giving a reason key
(``dialog-number-<reason>`` in the .ftl files). :func:`parse_date` uses the reminders' date
reader, with Norwegian day-first slashes (``12/3`` is 12 March in bokmål).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.core.reminders.parse import parse_when, resolve_date

NUMBER_REASONS = ("empty", "not_a_number", "range", "several", "ambiguous")
DATE_REASONS = ("empty", "ambiguous", "invalid", "mismatch", "unknown", "no_date")

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# A number: digits grouped by single spaces in threes ("12 000"), or digits with . and ,
# ("12.000", "1.234,5", "12,5"), or a bare decimal part (",5"); then an optional multiplier.
_NUMBER = re.compile(
    r"(?<![\d.,])(?:(?P<grouped>\d{1,3}(?: \d{3})+(?:,\d+)?)(?![\d.,])"
    r"|(?P<plain>\d+(?:[.,]\d+)*|[.,]\d+))"
    r"(?:\s?(?P<mult>k|tusen|thousand|mill\.?|millioner|million|millions|mln)\b)?",
    re.IGNORECASE,
)
_MULTIPLIER = {"k": 1000, "tusen": 1000, "thousand": 1000}
_RANGE_CUE = re.compile(r"\d\s*[-–—]\s*\d|\b(?:til|to|mellom|between|fra|from)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Parsed:
    """A value, or None with the reason it could not be read."""

    value: Any = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.reason is None


def _decimal(token: str) -> Decimal | None:
    """Interpret one token's separators; None when they make no sense or are ambiguous."""
    if token[0] in ".,":
        token = "0" + token
    dots, commas = token.count("."), token.count(",")
    groups = re.split(r"[.,]", token)
    if dots and commas:
        last = max(token.rfind("."), token.rfind(","))
        thousands = "," if token[last] == "." else "."
        head = token[:last].split(thousands)
        if any(len(g) != 3 for g in head[1:]) or token[last + 1 :].count(thousands):
            return None
        return Decimal("".join(head) + "." + token[last + 1 :])
    if dots + commas == 0:
        return Decimal(token)
    if dots + commas > 1:  # several of one kind: thousands groups ("1.234.567")
        return Decimal("".join(groups)) if all(len(g) == 3 for g in groups[1:]) else None
    whole, part = groups
    if len(part) == 3:
        if dots:
            return Decimal(whole + part)  # "12.000": Norwegian thousands
        raise _Ambiguous  # "12,000": twelve thousand (English) or twelve (Norwegian)?
    return Decimal(f"{whole}.{part}")


class _Ambiguous(Exception):
    pass


def parse_number(text: str) -> Parsed:
    """The one number in ``text`` (int when whole, else float), or a reason."""
    s = _SPACES.sub(" ", text or "").strip()
    if not s:
        return Parsed(reason="empty")
    s = re.sub(r"[.,]-+", "", s)  # "12 000,-"
    matches = list(_NUMBER.finditer(s))
    if not matches:
        return Parsed(reason="not_a_number")
    if len(matches) > 1:
        return Parsed(reason="range" if _RANGE_CUE.search(s) else "several")
    m = matches[0]
    try:
        if m["grouped"]:
            value: Decimal | None = Decimal(m["grouped"].replace(" ", "").replace(",", "."))
        else:
            value = _decimal(m["plain"])
    except _Ambiguous:
        return Parsed(reason="ambiguous")
    except InvalidOperation:
        value = None
    if value is None:
        return Parsed(reason="not_a_number")
    if mult := (m["mult"] or "").lower().rstrip("."):
        value *= _MULTIPLIER.get(mult, 1_000_000)
    if s[: m.start()].rstrip().endswith("-") and not s[: m.start()].rstrip()[:-1].strip():
        value = -value  # "-5", but not "12-15"
    return Parsed(int(value) if value == value.to_integral_value() else float(value))


_DAY_FIRST_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})(/\d{2,4})?\b")


def parse_date(text: str, today: date, lang: str = "nb", future: bool = True) -> Parsed:
    """A date in ``text`` (``12.03.2027``, ``12/3``, ``i morgen``, ``24. desember`` ...).

    ``future`` picks the year of a date written without one: the next such date, else the
    nearest. Slashes are day first in Norwegian and Ukrainian; in English ``03/04`` stays
    ambiguous.
    """
    s = (text or "").strip()
    if not s:
        return Parsed(reason="empty")
    if lang != "en":  # day first in Norwegian (nb, nn) and Ukrainian
        s = _DAY_FIRST_SLASH.sub(lambda m: f"{m[1]}.{m[2]}" + ("." + m[3][1:] if m[3] else ""), s)
    when = parse_when(s, datetime.combine(today, time(12)), future=future)
    if when.problem is not None:
        return Parsed(reason=when.problem)
    found = resolve_date(when, today)
    return Parsed(found) if found is not None else Parsed(reason="no_date")


def format_number(value: float | int, lang: str) -> str:
    """``12000`` → ``12 000``; a decimal comma in Norwegian and Ukrainian, a point in English."""
    if float(value).is_integer():
        whole = f"{value:,.0f}"
    else:
        whole = f"{value:,.2f}".rstrip("0").rstrip(".")
    whole = whole.replace(",", " ")
    return whole.replace(".", ",") if lang != "en" else whole
