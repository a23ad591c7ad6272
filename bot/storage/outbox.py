"""SQL side of the message outbox (:mod:`bot.core.outbox`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, not_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.events import Reply
from bot.core.outbox import FINAL, KEEP_FINISHED_DAYS, Envelope, Queued, load_reply
from bot.storage.models_handover import HandoverThread
from bot.storage.models_outbox import OutboxMessage

# A handover case's relays (resident → staff, staff → resident): the conversation the desk
# shows, so they are kept while their case is open (see :meth:`SqlMessageStore.purge`).
CASE_KINDS = ("ho.post", "ho.answer")


@dataclass(frozen=True)
class Relay:
    """One message of a handover case as queued, with its delivery status."""

    id: int
    kind: str
    ref: int
    status: str
    reply: Reply
    created_at: datetime


class SqlMessageStore:
    def __init__(self, sessions: async_sessionmaker):
        self.sessions = sessions

    async def put(self, env: Envelope, payload: str, now: datetime) -> int | None:
        row = OutboxMessage(
            key=env.key[:120],
            kind=env.kind,
            ref=env.ref,
            origin=env.origin,
            user_id=env.user_id,
            chat_id=env.chat_id,
            payload=payload,
            status="pending",
            urgent=env.urgent,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
        async with self.sessions() as s:
            s.add(row)
            try:
                await s.commit()
            except IntegrityError:  # the key is queued already (or its user is gone)
                await s.rollback()
                return None
            return row.id

    async def recover(self, stale_before: datetime) -> int:
        async with self.sessions() as s:
            result = await s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.status == "sending", OutboxMessage.updated_at < stale_before)
                .values(status="unknown", updated_at=func.now())
            )
            await s.commit()
            return result.rowcount or 0

    async def due(self, now: datetime, limit: int) -> list[Queued]:
        async with self.sessions() as s:
            rows = (
                await s.scalars(
                    select(OutboxMessage)
                    .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
                    .order_by(OutboxMessage.id)
                    .limit(limit)
                )
            ).all()
        return [_queued(r) for r in rows]

    async def next_due_at(self) -> datetime | None:
        async with self.sessions() as s:
            return await s.scalar(
                select(func.min(OutboxMessage.next_attempt_at)).where(
                    OutboxMessage.status == "pending"
                )
            )

    async def claim(self, row_id: int, now: datetime) -> bool:
        async with self.sessions() as s:
            result = await s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id, OutboxMessage.status == "pending")
                .values(status="sending", updated_at=now)
            )
            await s.commit()
            return bool(result.rowcount)

    async def finish(
        self, row_id: int, status: str, now: datetime, message_id: int | None = None
    ) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id)
                .values(status=status, updated_at=now, message_id=message_id)
            )
            await s.commit()

    async def retry(
        self, row_id: int, at: datetime, count_attempt: bool, count_wait: bool = False
    ) -> None:
        values: dict = {"status": "pending", "next_attempt_at": at, "updated_at": at}
        if count_attempt:
            values["attempts"] = OutboxMessage.attempts + 1
        if count_wait:
            values["waits"] = OutboxMessage.waits + 1
        async with self.sessions() as s:
            await s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id, OutboxMessage.status == "sending")
                .values(values)
            )
            await s.commit()

    async def progress(self, row_id: int, parts_sent: int) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id)
                .values(parts_sent=parts_sent)
            )
            await s.commit()

    async def depth(self) -> int:
        async with self.sessions() as s:
            return (
                await s.scalar(
                    select(func.count()).where(OutboxMessage.status.in_(("pending", "sending")))
                )
                or 0
            )

    async def counts(self) -> dict[str, int]:
        """Rows per status (for statistics and /metrics)."""
        async with self.sessions() as s:
            rows = (
                await s.execute(
                    select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
                )
            ).all()
        return {status: n for status, n in rows}

    async def relays(self, refs: Iterable[int]) -> list[Relay]:
        """The relays of these handover cases (both ways, any status), oldest first."""
        refs = list(refs)
        if not refs:
            return []
        async with self.sessions() as s:
            rows = (
                await s.scalars(
                    select(OutboxMessage)
                    .where(OutboxMessage.kind.in_(CASE_KINDS), OutboxMessage.ref.in_(refs))
                    .order_by(OutboxMessage.id)
                )
            ).all()
        return [
            Relay(r.id, r.kind, r.ref, r.status, load_reply(r.payload), r.created_at) for r in rows
        ]

    async def purge(self, before: datetime, keep_open_cases_since: datetime | None = None) -> int:
        """Delete finished rows older than ``before`` (the text goes with them). With
        ``keep_open_cases_since``, the relays of a case that is still open stay (the desk shows
        the conversation) unless they are older than that."""
        finished = and_(OutboxMessage.status.in_(FINAL), OutboxMessage.updated_at < before)
        if keep_open_cases_since is not None:
            open_cases = select(HandoverThread.id).where(HandoverThread.status != "closed")
            kept = and_(
                OutboxMessage.kind.in_(CASE_KINDS),
                OutboxMessage.ref.in_(open_cases),
                OutboxMessage.updated_at >= keep_open_cases_since,
            )
            finished = and_(finished, not_(kept))
        async with self.sessions() as s:
            result = await s.execute(delete(OutboxMessage).where(finished))
            await s.commit()
            return result.rowcount or 0


def _queued(r: OutboxMessage) -> Queued:
    return Queued(
        r.id,
        r.kind,
        r.ref,
        r.origin,
        r.user_id,
        r.chat_id,
        load_reply(r.payload),
        r.attempts,
        r.status,
        r.message_id,
        r.urgent,
        r.parts_sent,
        r.waits,
    )


KEEP_FINISHED = timedelta(days=KEEP_FINISHED_DAYS)
