"""Periodic clean-up: everything kept for a configured time is deleted when that time is up.

Users inactive longer than ``privacy.inactive_user_days`` (with all their data), and each
:class:`Retention` handed in (unanswered FAQ questions, closed handover threads). Runs at start
and every six hours; /personvern names the same periods (:mod:`bot.core.privacy`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.feature import Feature
from bot.core.jobs import Job, SystemClock
from bot.core.ports import Clock, UserStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Retention:
    """``what`` is kept for ``keep``; ``purge(cut_off)`` deletes what is older and counts it."""

    what: str
    keep: timedelta
    purge: Callable[[datetime], Awaitable[int]]


class Housekeeping(Feature):
    name = "housekeeping"

    def __init__(
        self,
        users: UserStore,
        inactive_days: int,
        clock: Clock | None = None,
        every: timedelta = timedelta(hours=6),
        retentions: Sequence[Retention] = (),
    ):
        self.users = users
        self.clock: Clock = clock or SystemClock()
        self.retention = timedelta(days=inactive_days)
        self.retentions = tuple(retentions)
        self.every = every

    async def run_once(self) -> int:
        """One round; returns the number of users deleted."""
        now = self.clock.now()
        removed = await self.users.purge_inactive(now - self.retention)
        if removed:
            log.info("deleted %d users inactive for more than %s", removed, self.retention)
        for r in self.retentions:
            if purged := await r.purge(now - r.keep):
                log.info("deleted %d %s older than %s", purged, r.what, r.keep)
        return removed

    def jobs(self) -> list[Job]:
        return [Job("users:inactive", self.run_once, every=self.every)]
