"""What to do now about one planned reminder, given what the delivery log says about its key.

The log holds one row per key (UNIQUE). A row is claimed *before* sending (status ``sending``),
so a reminder is sent at most once whatever restarts or second instances do. After the send:

* delivered → ``sent``;
* the channel says it was not delivered (rate limit, network, server error) → ``failed``, and a
  later sweep claims it again (``retry``) after a backoff, while still within grace and below
  the attempt limit; otherwise ``gave_up``;
* the user blocked the bot → ``blocked`` (final);
* the process died between claim and result → the row stays ``sending``; once the lease has
  passed it becomes ``unknown`` and is **not** sent again: it may well have been delivered.

A reminder first seen after its grace (the bot was down) is logged once and marked ``skipped``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.core.delivery import backoff as delivery_backoff
from bot.core.reminders.plan import Planned

Action = Literal["send", "retry", "skip", "give_up", "abandon", "none"]

LEASE = timedelta(minutes=10)
MAX_BACKOFF = timedelta(minutes=30)


@dataclass(frozen=True)
class Delivery:
    """The delivery log's row for one key."""

    status: str  # sending | sent | failed | skipped | blocked | gave_up | unknown
    attempts: int
    updated_at: datetime
    next_attempt_at: datetime | None = None


def decide(p: Planned, now: datetime, row: Delivery | None, max_attempts: int) -> Action:
    if now < p.due_at:
        return "none"
    expired = now > p.expires_at
    if row is None:
        return "skip" if expired else "send"
    if row.status == "failed":
        if expired or row.attempts >= max_attempts:
            return "give_up"
        if row.next_attempt_at is None or row.next_attempt_at <= now:
            return "retry"
        return "none"
    if row.status == "sending" and now - row.updated_at > LEASE:
        return "abandon"
    return "none"


def backoff(attempts: int, now: datetime, retry_after: float | None = None) -> datetime:
    """When to try again after ``attempts`` failed tries (1 min, 2, 4 … at most 30)."""
    wait = delivery_backoff(attempts, timedelta(minutes=1), MAX_BACKOFF)
    if retry_after is not None:
        wait = max(wait, timedelta(seconds=retry_after))
    return now + wait
