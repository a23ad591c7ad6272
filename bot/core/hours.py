"""Office opening hours (from config): is the office open, and when does it open next."""

from __future__ import annotations

from datetime import datetime, time, timedelta


def is_open(now: datetime, days: list[int], opens: time, closes: time) -> bool:
    """``now`` in local time; ``days`` Monday = 0."""
    return now.weekday() in days and opens <= now.time() < closes


def next_opening(now: datetime, days: list[int], opens: time, closes: time) -> datetime | None:
    """The next moment the office opens (local), or None when no day is configured."""
    if not days:
        return None
    for ahead in range(8):
        day = (now + timedelta(days=ahead)).date()
        if day.weekday() not in days:
            continue
        at = datetime.combine(day, opens, tzinfo=now.tzinfo)
        if at > now:
            return at
    return None
