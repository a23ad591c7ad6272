"""Plain records the outbox sender and the storage exchange."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

AUDIENCES = ("residents", "former", "all")


@dataclass(frozen=True)
class OutboxItem:
    id: int
    broadcast_id: int
    user_id: int
    attempts: int
    language: str = "nb"
    parts_sent: int = 0  # parts of a long tip that arrived in earlier attempts
    waits: int = 0  # RetryAfter answers so far


@dataclass(frozen=True)
class Tip:
    """What a broadcast sends: HTML text (already escaped) and optionally a photo id."""

    id: int
    text: str
    photo: str | None


@dataclass
class Report:
    total: int = 0
    pending: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    unknown: int = 0  # on its way when the bot stopped: maybe delivered, never resent
    cancelled: int = 0

    @property
    def done(self) -> int:
        return self.sent + self.blocked + self.failed + self.unknown + self.cancelled

    @property
    def finished(self) -> bool:
        return self.pending == 0


@dataclass(frozen=True)
class BroadcastInfo:
    id: int
    status: str
    audience: str | None
    created_by: int
    created_at: datetime
    finished_at: datetime | None
    report_chat_id: int | None
    report_message_id: int | None
    report: Report


class OutboxStore(Protocol):
    async def recover(self, stale_before: datetime) -> int:
        """Rows left "sending" since before ``stale_before`` (by a process that died) become
        "unknown"; returns how many."""

    async def due(self, now: datetime, after_id: int, limit: int) -> list[OutboxItem]:
        """Pending rows of running broadcasts that are due, ordered by id, id > after_id."""

    async def next_due_at(self) -> datetime | None: ...

    async def claim(self, item_id: int, now: datetime) -> bool:
        """pending → sending if its broadcast still runs; False if someone else has it."""

    async def finish(self, item_id: int, status: str, now: datetime) -> None: ...

    async def retry(
        self, item_id: int, at: datetime, count_attempt: bool, count_wait: bool = False
    ) -> None: ...

    async def progress(self, item_id: int, parts_sent: int) -> None:
        """Record that the first ``parts_sent`` parts of a long tip arrived."""

    async def mark_blocked(self, user_id: int, now: datetime) -> None: ...

    async def tip(self, broadcast_id: int) -> Tip | None: ...

    async def running(self) -> list[BroadcastInfo]: ...

    async def complete(self, broadcast_id: int, now: datetime) -> None: ...
