"""Dates and times as people write them, in bokmål or English.

Our own rules take what they can be sure of (``18:00``, ``kl 18``, ``tirsdag 18``,
``12.03.2027``, ``i morgen``); dateparser reads what is left (``24. desember``, ``om to dager``,
``next tuesday``). Anything ambiguous (``03/04/2027``, ``fredag 24.12`` when 24.12 is a Thursday)
is reported as a problem so the caller can ask again instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

Problem = Literal["ambiguous", "invalid", "mismatch", "unknown"]

WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "mandag mandager man mån måndag monday mondays mon",
        "tirsdag tirsdager tir tirs tysdag tuesday tuesdays tue tues",
        "onsdag onsdager ons wednesday wednesdays wed",
        "torsdag torsdager tor tors thursday thursdays thu thur thurs",
        "fredag fredager fre friday fridays fri",
        "lørdag lørdager lordag lør lor laurdag saturday saturdays sat",
        "søndag søndager sondag søn son sundag sunday sundays sun",
    ]
):
    for _name in _names.split():
        WEEKDAYS[_name] = _i

_RELATIVE = {
    "i dag": 0,
    "idag": 0,
    "today": 0,
    "i morgen": 1,
    "imorgen": 1,
    "tomorrow": 1,
    "i overmorgen": 2,
    "overmorgen": 2,
    "day after tomorrow": 2,
}
_FILLER = {
    "kl",
    "klokka",
    "klokken",
    "at",
    "on",
    "den",
    "neste",
    "next",
    "på",
    "om",
    "the",
    "this",
    "denne",
    "hver",
    "every",
}

_KL_TIME = re.compile(r"\b(?:kl|klokka|klokken|at)\s*(\d{1,2})(?:[:.](\d{2}))?\b")
_COLON_TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_AMPM_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b")
_DMY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b")
_DM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.?(?![\d.])")
_BARE_HOUR = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")


@dataclass(frozen=True)
class When:
    """What a piece of text said: any of a date, a time of day and a weekday, or a problem."""

    date: date | None = None
    time: time | None = None
    weekday: int | None = None
    problem: Problem | None = None


def _time(hour: str, minute: str | None, ampm: str | None = None) -> time | None:
    h, m = int(hour), int(minute or 0)
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm == "pm" else 0)
    if h == 24 and m == 0:
        h = 0
    return time(h, m) if 0 <= h <= 23 and 0 <= m <= 59 else None


def _year(y: str) -> int:
    return int(y) + 2000 if len(y) == 2 else int(y)


def _make_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _yearless(day: int, month: int, today: date, future: bool) -> date | None:
    """A day and month without a year: the next one (future) or the nearest one (else)."""
    this = _make_date(today.year, month, day)
    if this is None and not (month == 2 and day == 29):
        return None
    candidates = [
        c for y in (today.year - 1, today.year, today.year + 1) if (c := _make_date(y, month, day))
    ]
    if future:
        return next((c for c in candidates if c >= today), None)
    return min(candidates, key=lambda c: abs((c - today).days))


def normalise(text: str) -> str:
    s = text.strip().lower().replace("kl.", "kl ").replace(",", " ")
    s = re.sub(r"[!?]+$", "", s)
    return re.sub(r"\s+", " ", s).strip(" .")


def parse_time(text: str) -> time | None:
    """A time of day alone: ``18``, ``18:00``, ``18.30``, ``kl 18``, ``6 pm``."""
    s = normalise(text)
    if m := _BARE_HOUR.match(re.sub(r"^(?:kl|klokka|klokken|at)\s*", "", s)):
        return _time(m[1], m[2])
    if (m := _AMPM_TIME.fullmatch(s)) is not None:
        return _time(m[1], m[2], m[3])
    return None


def parse_when(text: str, now: datetime, future: bool = True) -> When:
    """Read a date and/or time and/or weekday from ``text``; ``now`` is local wall-clock time.

    ``future`` decides which year a day and month without one belongs to: the next such date,
    or else the nearest one (for dates that may lie in the past, like an agreement's start).
    """
    s = f" {normalise(text)} "
    today = now.date()
    found_date: date | None = None
    found_time: time | None = None
    weekday: int | None = None

    def cut(m: re.Match[str]) -> None:
        nonlocal s
        s = s[: m.start()] + " " + s[m.end() :]

    for pattern in (_AMPM_TIME, _KL_TIME, _COLON_TIME):
        if (m := pattern.search(s)) is not None:
            found_time = _time(m[1], m[2], m[3] if pattern is _AMPM_TIME else None)
            if found_time is None:
                return When(problem="invalid")
            cut(m)
            break

    if (m := _DMY.search(s)) is not None:
        found_date = _make_date(_year(m[3]), int(m[2]), int(m[1]))
        cut(m)
    elif (m := _ISO.search(s)) is not None:
        found_date = _make_date(int(m[1]), int(m[2]), int(m[3]))
        cut(m)
    elif (m := _SLASH.search(s)) is not None:
        a, b = int(m[1]), int(m[2])
        if a <= 12 and b <= 12 and a != b:
            return When(problem="ambiguous")  # 03/04: 3 April or March 4?
        found_date = _make_date(_year(m[3]), b, a) if m[3] else _yearless(a, b, today, future)
        cut(m)
    elif (m := _DM.search(s)) is not None:
        found_date = _yearless(int(m[1]), int(m[2]), today, future)
        cut(m)
    if m is not None and found_date is None:
        return When(problem="invalid")

    for phrase, days in sorted(_RELATIVE.items(), key=lambda kv: -len(kv[0])):
        if f" {phrase} " in s:
            if found_date is not None:
                return When(problem="ambiguous")
            found_date = today + timedelta(days=days)
            s = s.replace(f" {phrase} ", " ", 1)
            break

    words = s.split()
    for word in list(words):
        if word in WEEKDAYS:
            if weekday is not None and weekday != WEEKDAYS[word]:
                return When(problem="ambiguous")
            weekday = WEEKDAYS[word]
            words.remove(word)
    words = [w for w in words if w not in _FILLER]

    bare = _BARE_HOUR.match(words[0]) if len(words) == 1 else None
    if weekday is not None and found_time is None and found_date is None and bare:
        found_time = _time(bare[1], bare[2])  # "tirsdag 18"
        if found_time is None:
            return When(problem="invalid")
        words = []

    if words:
        if found_date is not None:
            return When(problem="unknown")
        found_date = _dateparser(" ".join(words), now, future)
        if found_date is None:
            return When(problem="unknown")

    if found_date is not None and weekday is not None and found_date.weekday() != weekday:
        return When(problem="mismatch", date=found_date, weekday=weekday)
    if found_date is None and found_time is None and weekday is None:
        return When(problem="unknown")
    return When(found_date, found_time, weekday)


def resolve_date(when: When, today: date) -> date | None:
    """The date ``when`` names; a weekday alone is the next such day after today."""
    if when.date is not None:
        return when.date
    if when.weekday is not None:
        return today + timedelta(days=(when.weekday - today.weekday() - 1) % 7 + 1)
    return None


def _dateparser(text: str, now: datetime, future: bool) -> date | None:
    import dateparser  # slow to import; only needed for words our rules do not know

    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "future" if future else "current_period",
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    result = dateparser.parse(text, languages=["nb", "en"], settings=settings)
    return result.date() if result is not None else None
