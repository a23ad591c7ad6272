"""Who may have a row in a per-user table, so that a message from anyone else skips a read.

Most messages come from people with no running dialog, staff flow, handover thread or tip
draft, yet each of those features used to read its table on every message. A store keeps a
:class:`Presence` of the user ids that may have a row: filled from the table at start, added to
by every write this process makes. The table stays the truth: a stale id costs one read, and
until :meth:`Presence.load` has run every lookup reads. On SQLite one bot process writes these
tables; a PostgreSQL database may be shared by several processes (behind one webhook proxy),
each unaware of the others' writes, so there the stores do not load a presence
(:func:`shared_database`) and every lookup reads.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import async_sessionmaker


def shared_database(sessions: async_sessionmaker) -> bool:
    """Whether other processes may write this database too (PostgreSQL)."""
    bind = sessions.kw.get("bind")
    return bind is not None and bind.dialect.name == "postgresql"


class Presence:
    def __init__(self) -> None:
        self._ids: set[int] | None = None

    def load(self, ids: Iterable[int]) -> None:
        self._ids = set(ids)

    def may_have(self, user_id: int) -> bool:
        return self._ids is None or user_id in self._ids

    def add(self, user_id: int) -> None:
        if self._ids is not None:
            self._ids.add(user_id)

    def discard(self, user_id: int) -> None:
        if self._ids is not None:
            self._ids.discard(user_id)
