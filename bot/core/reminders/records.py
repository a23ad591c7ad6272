"""Plain records the reminder store returns (like :class:`bot.core.ports.UserRecord`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any


@dataclass(frozen=True)
class MeetupInfo:
    id: int
    weekday: int  # Monday = 0
    at: time  # wall-clock time in the bot's time zone
    place: str
    note: str | None
    subscribers: int = 0


@dataclass(frozen=True)
class AgreementInfo:
    id: int
    label: str  # chosen by staff; never the resident's name
    starts_on: date
    ends_on: date
    reviews: tuple[date, ...]
    staff_id: int | None
    linked: bool = False


@dataclass(frozen=True)
class Flow:
    """A staff member's guided flow in progress (see :mod:`bot.core.reminders.flows`)."""

    kind: str
    step: str
    data: dict[str, Any]
    updated_at: datetime
