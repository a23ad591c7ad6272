"""One policy for every send outside a reply: what a delivery error means, and when to retry.

Tips, reminders and the message outbox (handover relays, staff notices, dialog summaries) all
ask :func:`verdict` what an exception means and :func:`backoff` when to try again, so a blocked
person, a rate limit, a network failure and a bug are handled the same way everywhere:

* ``blocked``: the person blocked the bot: final, and nothing more goes to them;
* ``wait``: Telegram said RetryAfter: pause all sending and try again, not counted as an attempt
  but as a wait, at most :data:`MAX_WAITS` per message (never a loop without end);
* ``retry``: a network or server error that did not deliver: retry with backoff, counted;
* ``unknown``: a timeout that may have delivered: never sent again (a copy twice is worse);
* ``bug``: anything else (a rendering or programming error): logged with its traceback by the
  caller and not retried, since trying again would fail the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from bot.core.ports import DeliveryUncertain, RecipientBlocked, RetryLater, TransientError

Verdict = Literal["blocked", "wait", "retry", "unknown", "bug"]

# A row "sending" longer than this was left by a process that died (a send takes seconds):
# only then does a start (or a later drain) mark it "unknown". A younger one may be another
# process's send on its way (two processes on one database), which must not be touched.
STALE_CLAIM = timedelta(minutes=5)
RECOVER_EVERY = timedelta(minutes=1)  # how often a drain looks for stale claims


def stale_before(now: datetime, first: bool, sole_process: bool) -> datetime:
    """Rows "sending" since before this moment are a dead process's. When the database is this
    process's alone (SQLite), every such row is at its first recovery (before it sends anything
    itself); else only one older than :data:`STALE_CLAIM`."""
    return now if first and sole_process else now - STALE_CLAIM


MAX_WAITS = 20  # RetryAfter answers one message may get before it is given up as failed


def verdict(exc: BaseException) -> Verdict:
    if isinstance(exc, RecipientBlocked):
        return "blocked"
    if isinstance(exc, RetryLater):
        return "wait"
    if isinstance(exc, DeliveryUncertain):
        return "unknown"
    if isinstance(exc, TransientError):
        return "retry"
    return "bug"


def backoff(attempts: int, base: timedelta, cap: timedelta) -> timedelta:
    """``base`` doubled per failed attempt (1, 2, 4 … × base), at most ``cap``."""
    return min(cap, base * 2 ** max(0, attempts - 1))


def retry_after(exc: BaseException) -> float:
    """Seconds Telegram asked to wait, 0 for other errors."""
    return float(exc.seconds) if isinstance(exc, RetryLater) else 0.0
