"""Wall-clock times in a time zone: weekly occurrences that stay at 18:00 across DST changes.

Weekdays count Monday = 0 … Sunday = 6 (Python's ``date.weekday()``), everywhere in this package.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_at(day: date, at: time, tz: ZoneInfo) -> datetime:
    """``day`` at wall-clock ``at`` in ``tz``, as an aware datetime in ``tz``.

    A time that does not exist (skipped by the spring change, e.g. 02:30) moves forward as a
    wall clock would (03:30); a time that exists twice (autumn) is the first of the two.
    """
    naive = datetime.combine(day, at.replace(tzinfo=None, fold=0))
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def weekly(
    weekday: int, at: time, tz: ZoneInfo, start: datetime, end: datetime
) -> Iterator[datetime]:
    """Occurrences of ``weekday`` at ``at`` (local) with ``start <= occurrence < end``."""
    day = start.astimezone(tz).date() - timedelta(days=1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    while True:
        occ = local_at(day, at, tz)
        if occ >= end:
            return
        if occ >= start:
            yield occ
        day += timedelta(days=7)


def upcoming(
    weekday: int,
    at: time,
    tz: ZoneInfo,
    after: datetime,
    count: int,
    skip: frozenset[date] = frozenset(),
) -> list[datetime]:
    """The next ``count`` occurrences strictly after ``after``, leaving out dates in ``skip``."""
    out: list[datetime] = []
    start = after + timedelta(microseconds=1)
    while len(out) < count:
        end = start + timedelta(days=7 * (count + len(skip)) + 1)
        out.extend(o for o in weekly(weekday, at, tz, start, end) if o.date() not in skip)
        start = end
    return out[:count]


def days_before(day: date, days: int, at: time, tz: ZoneInfo) -> datetime:
    """``days`` calendar days before ``day``, at wall-clock ``at``."""
    return local_at(day - timedelta(days=days), at, tz)
