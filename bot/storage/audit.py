"""The audit log in SQL (:class:`bot.core.audit.AuditLog`): record, read for the desk, purge.

Each row is written in its own transaction right after the action it records committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.audit import Actor, AuditEntry
from bot.core.ports import Clock
from bot.storage.models_audit import AuditRow


@dataclass(frozen=True)
class AuditLine:
    """A row as read back (the actor's ids may be ``NOBODY`` after an erasure)."""

    id: int
    at: datetime
    via: str
    actor_id: int | None
    actor_login: str | None
    action: str
    subject: str
    person: int | None
    count: int | None
    detail: str


def _line(r: AuditRow) -> AuditLine:
    return AuditLine(
        r.id,
        r.at,
        r.via,
        r.actor_id,
        r.actor_login,
        r.action,
        r.subject,
        r.person,
        r.count,
        r.detail,
    )


class SqlAuditLog:
    def __init__(self, sessions: async_sessionmaker, clock: Clock):
        self.sessions, self.clock = sessions, clock

    async def record(
        self,
        actor: Actor,
        action: str,
        subject: str | int = "",
        *,
        person: int | None = None,
        count: int | None = None,
        detail: str = "",
    ) -> None:
        entry = AuditEntry(
            self.clock.now(), actor, action, str(subject), person, count, detail
        )  # checks the action and that nothing free-form goes in
        async with self.sessions() as s:
            s.add(
                AuditRow(
                    at=entry.at,
                    via=actor.via,
                    actor_id=actor.user_id,
                    actor_login=actor.login,
                    action=entry.action,
                    subject=entry.subject,
                    person=entry.person,
                    count=entry.count,
                    detail=entry.detail,
                )
            )
            await s.commit()

    async def recent(self, action: str | None = None, limit: int = 200) -> list[AuditLine]:
        """The newest rows first, of one action or all."""
        query = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit)
        if action:
            query = query.where(AuditRow.action == action)
        async with self.sessions() as s:
            return [_line(r) for r in await s.scalars(query)]

    async def about(self, user_id: int) -> int:
        """How many rows name this Telegram user, as actor or as the person acted on."""
        async with self.sessions() as s:
            found = await s.scalar(
                select(func.count())
                .select_from(AuditRow)
                .where(or_(AuditRow.actor_id == user_id, AuditRow.person == user_id))
            )
        return int(found or 0)

    async def purge(self, before: datetime) -> int:
        """Delete rows older than ``before`` (the housekeeping's retention); how many."""
        async with self.sessions() as s:
            result = await s.execute(delete(AuditRow).where(AuditRow.at < before))
            await s.commit()
            return result.rowcount or 0
