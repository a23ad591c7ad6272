"""Which reminders exist in a time window: meetups, cancellations, reviews and agreement ends.

Every reminder gets a key naming what, for whom and which occurrence, e.g.
``m:3:20271228T1800:h2:1001`` (meetup 3, the occurrence 28.12.2027 18:00, 2 hours before, user
1001). The key is what the delivery log's UNIQUE constraint is claimed on, so the same reminder
computed by two sweeps, two processes or after a restart is the same row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.core.reminders.occurrences import days_before, local_at, weekly

Kind = Literal["meetup", "cancel", "review", "end"]


@dataclass(frozen=True)
class Settings:
    tz: ZoneInfo
    day_before_at: time | None = time(12, 0)  # meetup: the day before at this time (None: off)
    hours_before: tuple[int, ...] = (2,)  # meetup: this many hours before
    review_days_before: tuple[int, ...] = (2,)
    end_days_before: tuple[int, ...] = (14, 3)
    agreement_at: time = time(10, 0)  # agreement reminders go out at this time of day
    grace: timedelta = timedelta(hours=6)  # a missed reminder is still sent this late
    lookback: timedelta = timedelta(days=2)  # missed ones older than grace, logged as skipped


@dataclass(frozen=True)
class MeetupSpec:
    id: int
    weekday: int
    at: time
    subscribers: dict[int, datetime] = field(default_factory=dict)  # user id → subscribed at
    cancelled: dict[date, datetime] = field(default_factory=dict)  # date → cancelled at


@dataclass(frozen=True)
class AgreementSpec:
    id: int
    ends_on: date
    reviews: tuple[date, ...]
    created_at: datetime
    staff_id: int | None = None  # the responsible staff member; None: the staff chat
    resident: tuple[int, datetime] | None = None  # linked user id and since when


@dataclass(frozen=True)
class Planned:
    key: str
    kind: Kind
    subject: int  # meetup or agreement id
    event: datetime  # the meetup occurrence, or the review/end day at 00:00 (local)
    due_at: datetime
    expires_at: datetime  # not sent after this: grace is over, or the event has begun
    user_id: int | None  # recipient; None: the staff chat
    to_staff: bool = False
    lead_days: int = 0  # review/end reminders: days before the event


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M")


def meetup_reminders(
    m: MeetupSpec, s: Settings, start: datetime, end: datetime
) -> Iterator[Planned]:
    """Reminders and cancellation notices of meetup ``m`` due in ``[start, end]``."""
    reach = timedelta(days=2, hours=max(s.hours_before, default=0))
    for occ in weekly(m.weekday, m.at, s.tz, start, end + reach):
        offsets: list[tuple[str, datetime]] = []
        if s.day_before_at is not None:
            offsets.append(("d1", days_before(occ.date(), 1, s.day_before_at, s.tz)))
        offsets += [(f"h{h}", occ - timedelta(hours=h)) for h in s.hours_before]
        if occ.date() in m.cancelled:
            first = min((due for _, due in offsets), default=occ - timedelta(days=1))
            offsets = [("x", max(first, m.cancelled[occ.date()]))]
        for tag, due in offsets:
            if not start <= due <= end or due >= occ:
                continue
            kind: Kind = "cancel" if tag == "x" else "meetup"
            prefix = "mc" if tag == "x" else "m"
            expires = min(due + s.grace, occ)
            for user_id, since in m.subscribers.items():
                if due >= since:
                    yield Planned(
                        f"{prefix}:{m.id}:{_stamp(occ)}:{tag}:{user_id}",
                        kind,
                        m.id,
                        occ,
                        due,
                        expires,
                        user_id,
                    )


def agreement_reminders(
    a: AgreementSpec, s: Settings, start: datetime, end: datetime
) -> Iterator[Planned]:
    """Review and end reminders of agreement ``a`` due in ``[start, end]``."""
    events: list[tuple[Kind, date, tuple[int, ...]]] = [
        ("review", d, s.review_days_before) for d in a.reviews
    ]
    events.append(("end", a.ends_on, s.end_days_before))
    for kind, day, leads in events:
        event = local_at(day, time(0), s.tz)
        day_over = local_at(day + timedelta(days=1), time(0), s.tz)
        for lead in leads:
            due = days_before(day, lead, s.agreement_at, s.tz)
            if not start <= due <= end:
                continue
            expires = min(due + s.grace, day_over)
            base = f"{'ar' if kind == 'review' else 'ae'}:{a.id}:{day:%Y%m%d}:{lead}"
            if a.resident is not None and due >= a.resident[1]:
                yield Planned(
                    f"{base}:u{a.resident[0]}",
                    kind,
                    a.id,
                    event,
                    due,
                    expires,
                    a.resident[0],
                    lead_days=lead,
                )
            if due >= a.created_at:
                who = f"s{a.staff_id}" if a.staff_id is not None else "chat"
                yield Planned(
                    f"{base}:{who}",
                    kind,
                    a.id,
                    event,
                    due,
                    expires,
                    a.staff_id,
                    to_staff=True,
                    lead_days=lead,
                )


def plan(
    meetups: list[MeetupSpec], agreements: list[AgreementSpec], s: Settings, now: datetime
) -> list[Planned]:
    """Everything due between ``now - grace - lookback`` and ``now``, oldest first."""
    start = now - s.grace - s.lookback
    out = [p for m in meetups for p in meetup_reminders(m, s, start, now)]
    out += [p for a in agreements for p in agreement_reminders(a, s, start, now)]
    return sorted(out, key=lambda p: (p.due_at, p.key))
