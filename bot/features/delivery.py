"""The message outbox's place among the features: its jobs (send, purge) and its figures."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.core.feature import Feature
from bot.core.i18n import translator
from bot.core.jobs import Job
from bot.core.outbox import Courier
from bot.core.ports import Clock
from bot.storage.outbox import KEEP_FINISHED, SqlMessageStore

log = logging.getLogger(__name__)


class Delivery(Feature):
    name = "delivery"
    text_priority = 0  # starts first (recovers the outbox), stops last

    def __init__(
        self,
        courier: Courier,
        store: SqlMessageStore,
        clock: Clock,
        keep_open_case_relays: timedelta | None = None,
    ):
        """``keep_open_case_relays``: how long an open handover case keeps its messages."""
        self.courier, self.store, self.clock = courier, store, clock
        self.keep_open_case_relays = keep_open_case_relays

    def jobs(self) -> list[Job]:
        return [
            Job("outbox:send", self.courier.drain, every=timedelta(seconds=1)),
            Job("outbox:purge", self.purge, every=timedelta(hours=6)),
        ]

    async def start(self) -> None:
        await self.courier.recover()

    async def stop(self) -> None:
        await self.courier.stop()

    async def purge(self) -> None:
        now = self.clock.now()
        keep = self.keep_open_case_relays
        if n := await self.store.purge(now - KEEP_FINISHED, now - keep if keep else None):
            log.info("deleted %d finished outbox messages", n)

    async def statistics(self, lang: str) -> list[str]:
        c = await self.store.counts()
        if not c:
            return []
        return [
            translator()(
                lang,
                "stats-outbox",
                pending=c.get("pending", 0) + c.get("sending", 0),
                sent=c.get("sent", 0),
                failed=c.get("failed", 0) + c.get("blocked", 0),
                unknown=c.get("unknown", 0),
            )
        ]
