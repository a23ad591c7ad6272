"""Who may have a row in a per-user table, so that a message from anyone else skips a read.

Most messages come from people with no running dialog, staff flow, handover thread or tip
draft, yet each of those features used to read its table on every message. A store keeps a
:class:`Presence` of the user ids that may have a row: filled from the table at start, added to
by every write this process makes. The table stays the truth: a stale id costs one read, and
until :meth:`Presence.load` has run every lookup reads. Only one bot process writes these
tables (Telegram allows one poller or webhook per bot).
"""

from __future__ import annotations

from collections.abc import Iterable


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
