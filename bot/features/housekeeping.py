"""Periodic clean-up: users inactive longer than the configured retention are deleted."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from bot.core.feature import Feature
from bot.core.ports import UserStore
from bot.storage.types import utcnow

log = logging.getLogger(__name__)


class Housekeeping(Feature):
    name = "housekeeping"

    def __init__(self, users: UserStore, inactive_days: int, every: timedelta = timedelta(hours=6)):
        self.users = users
        self.retention = timedelta(days=inactive_days)
        self.every = every
        self._task: asyncio.Task | None = None

    async def run_once(self) -> int:
        removed = await self.users.purge_inactive(utcnow() - self.retention)
        if removed:
            log.info("deleted %d users inactive for more than %s", removed, self.retention)
        return removed

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:
                log.exception("housekeeping failed; will try again")
            await asyncio.sleep(self.every.total_seconds())

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
