"""Who may have a row in a per-user table, so that a message from anyone else skips a read.

Most messages come from people with no running dialog, staff flow, handover thread or tip
draft, yet each of those features used to read its table on every message. A store keeps a
:class:`Presence` of the user ids that may have a row: filled from the table at start, added to
by every write this process makes. The table stays the truth: a stale id costs one read, and
until :meth:`Presence.load` has run every lookup reads. On SQLite one bot process writes these
tables; a PostgreSQL database may be shared by several processes (behind one webhook proxy),
each unaware of the others' writes, so there :meth:`Presence.fill` loads nothing and every
lookup reads (:func:`bot.storage.db.shared_database`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.storage.db import shared_database


class Presence:
    def __init__(self) -> None:
        self._ids: set[int] | None = None

    def load(self, ids: Iterable[int]) -> None:
        self._ids = set(ids)

    async def fill(self, sessions: async_sessionmaker, user_ids: Select) -> None:
        """Load the ids ``user_ids`` selects, unless other processes write the table too."""
        if shared_database(sessions):
            return
        async with sessions() as s:
            self.load((await s.scalars(user_ids)).all())

    def may_have(self, user_id: int) -> bool:
        return self._ids is None or user_id in self._ids

    def add(self, user_id: int) -> None:
        if self._ids is not None:
            self._ids.add(user_id)

    def discard(self, user_id: int) -> None:
        if self._ids is not None:
            self._ids.discard(user_id)
