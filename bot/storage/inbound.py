"""SQL side of the inbound update queue (:mod:`bot.core.inbound`).

Claims are conditional UPDATEs (state new, or a lease that ran out; no earlier update of the
same person not yet done), so two processes never hold one update, on SQLite and PostgreSQL
alike. On PostgreSQL the candidates are first locked with ``FOR UPDATE SKIP LOCKED``: a row
another process is claiming is passed over, not waited for (and never a deadlock)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import aliased

from bot.core.inbound import Arrived, Claimed
from bot.storage.models_inbound import InboundUpdate as U

_EARLIER = aliased(U)


def _claimable(now: datetime):  # type: ignore[no-untyped-def]
    """Free (or its lease ran out) and next of its person: no earlier update of theirs that
    is not done (an update without a person waits for nothing)."""
    free = or_(U.state == "new", and_(U.state == "handling", U.lease_until < now))
    earlier = exists().where(
        _EARLIER.chat_key == U.chat_key,
        _EARLIER.update_id < U.update_id,
        _EARLIER.state != "done",
    )
    return and_(free, ~earlier)


class SqlInboundStore:
    def __init__(self, sessions: async_sessionmaker):
        self.sessions = sessions

    async def put(self, updates: Sequence[Arrived], now: datetime) -> int:
        rows = [
            {
                "update_id": u.update_id,
                "chat_key": u.chat_key,
                "payload": u.payload,
                "state": "new",
                "received_at": now,
                "attempts": 0,
            }
            for u in updates
        ]
        if not rows:
            return 0
        async with self.sessions() as s:
            dialect = s.bind.dialect.name
            insert = pg_insert if dialect == "postgresql" else sqlite_insert
            stmt = insert(U).values(rows).on_conflict_do_nothing(index_elements=["update_id"])
            result = await s.execute(stmt)
            await s.commit()
            return max(result.rowcount or 0, 0)

    async def claim(self, owner: str, limit: int, now: datetime, until: datetime) -> list[Claimed]:
        async with self.sessions() as s:
            candidates = (
                select(U.update_id).where(_claimable(now)).order_by(U.update_id).limit(limit)
            )
            if s.bind.dialect.name == "postgresql":
                # Rows another process is claiming are passed over rather than waited for: two
                # processes locking overlapping rows in different orders would deadlock.
                candidates = candidates.with_for_update(skip_locked=True)
            ids = (await s.scalars(candidates)).all()
            if not ids:
                return []
            rows = (
                await s.execute(
                    update(U)
                    .where(U.update_id.in_(ids), _claimable(now))
                    .values(
                        state="handling",
                        lease_owner=owner,
                        lease_until=until,
                        attempts=U.attempts + 1,
                    )
                    .returning(U.update_id, U.payload, U.attempts)
                )
            ).all()
            await s.commit()
        return sorted((Claimed(r[0], r[1], r[2]) for r in rows), key=lambda c: c.update_id)

    async def done(self, update_id: int) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(U)
                .where(U.update_id == update_id)
                .values(
                    state="done", payload=None, chat_key=None, lease_owner=None, lease_until=None
                )
            )
            await s.commit()

    async def renew(self, owner: str, until: datetime) -> int:
        async with self.sessions() as s:
            result = await s.execute(
                update(U)
                .where(U.lease_owner == owner, U.state == "handling")
                .values(lease_until=until)
            )
            await s.commit()
            return result.rowcount or 0

    async def release(self, owner: str) -> int:
        async with self.sessions() as s:
            result = await s.execute(
                update(U)
                .where(U.lease_owner == owner, U.state == "handling")
                .values(state="new", lease_owner=None, lease_until=None)
            )
            await s.commit()
            return result.rowcount or 0

    async def waiting(self) -> int:
        """Updates stored and not yet done (for /metrics and tests)."""
        async with self.sessions() as s:
            return await s.scalar(select(func.count()).where(U.state != "done")) or 0

    async def purge(self, before: datetime) -> int:
        """Forget handled updates received before ``before`` (the housekeeping's retention)."""
        async with self.sessions() as s:
            result = await s.execute(delete(U).where(U.state == "done", U.received_at < before))
            await s.commit()
            return result.rowcount or 0
