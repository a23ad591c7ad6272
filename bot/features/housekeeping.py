"""Periodic clean-up: users inactive longer than the configured retention are deleted."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.core.feature import Feature
from bot.core.jobs import Job, SystemClock
from bot.core.ports import Clock, UserStore

log = logging.getLogger(__name__)


class Housekeeping(Feature):
    name = "housekeeping"

    def __init__(
        self,
        users: UserStore,
        inactive_days: int,
        clock: Clock | None = None,
        every: timedelta = timedelta(hours=6),
    ):
        self.users = users
        self.clock: Clock = clock or SystemClock()
        self.retention = timedelta(days=inactive_days)
        self.every = every

    async def run_once(self) -> int:
        removed = await self.users.purge_inactive(self.clock.now() - self.retention)
        if removed:
            log.info("deleted %d users inactive for more than %s", removed, self.retention)
        return removed

    def jobs(self) -> list[Job]:
        return [Job("users:inactive", self.run_once, every=self.every)]
