"""Periodic work a feature declares (``Feature.jobs()``); one scheduler runs it all."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from bot.core.ports import Clock


@dataclass(frozen=True)
class Job:
    """``run`` every ``every``, or at the minutes of ``cron_minute`` ("*", "17") in the
    municipality's time zone; once right at start-up when ``at_start``."""

    name: str
    run: Callable[[], Awaitable[object]]
    every: timedelta | None = None
    cron_minute: str | None = None
    at_start: bool = True


class SystemClock:
    """The one clock (aware UTC); tests inject their own with the same ``now()``."""

    def now(self) -> datetime:
        return datetime.now(UTC)


def local_today(clock: Clock, tz: tzinfo) -> date:
    """Today in the municipality's zone: the server's own date may be another."""
    return clock.now().astimezone(tz).date()
