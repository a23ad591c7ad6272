"""Who is answering a case (:mod:`bot.core.claims`), in the database: one row per case.

A claim is one upsert whose update is conditional (the row is free: its claim ran out, or it
is ``who``'s own), so two desks claiming at once on different instances cannot both hold it;
the row then read is the claim that holds."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, case, delete, or_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.claims import CLAIM_FOR, Claim
from bot.core.ports import Clock
from bot.storage.models_desk import DeskClaim as C


class SqlClaims:
    def __init__(self, sessions: async_sessionmaker, clock: Clock, ttl: timedelta = CLAIM_FOR):
        self.sessions, self.clock, self.ttl = sessions, clock, ttl

    async def claim(self, thread: int, who: str) -> Claim:
        now = self.clock.now()
        async with self.sessions() as s:
            insert = pg_insert if s.bind.dialect.name == "postgresql" else sqlite_insert
            stmt = insert(C).values(thread_id=thread, who=who, since=now, until=now + self.ttl)
            mine = C.who == stmt.excluded.who
            stmt = stmt.on_conflict_do_update(
                index_elements=[C.thread_id],
                set_={
                    "who": stmt.excluded.who,
                    "until": stmt.excluded.until,
                    # A renewal keeps its start; a claim that ran out starts again now.
                    "since": case((and_(mine, C.until > now), C.since), else_=stmt.excluded.since),
                },
                where=or_(mine, C.until <= now),
            )
            await s.execute(stmt)
            await s.commit()
            row = await s.get(C, thread, populate_existing=True)
        if row is None:  # the case is gone (its rows went with it)
            return Claim(who, now, now + self.ttl)
        return Claim(row.who, row.since, row.until)

    async def holder(self, thread: int) -> Claim | None:
        async with self.sessions() as s:
            row = await s.get(C, thread)
        if row is None or row.until <= self.clock.now():
            return None
        return Claim(row.who, row.since, row.until)

    async def release(self, thread: int, who: str) -> None:
        async with self.sessions() as s:
            await s.execute(delete(C).where(C.thread_id == thread, C.who == who))
            await s.commit()
