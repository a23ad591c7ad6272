"""Everything stored about people, deleted in one transaction: ``/slett`` and inactivity.

Per-user tables cascade from ``users`` (their foreign keys). The staff tables key staff by
Telegram id without a foreign key (admins come from the config and need no user row), so here:
a staff member's role and unsent tip drafts are deleted, and the tips they sent, the staff they
added, the invites they made and the audit log's rows about them are kept without their id
(:data:`NOBODY`): the municipality keeps the record of staff actions for ``privacy.audit_days``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.audit import NOBODY
from bot.storage.models import User
from bot.storage.models_audit import AuditRow
from bot.storage.models_staff import StaffInvite, StaffMember
from bot.storage.models_tips import Broadcast

__all__ = ["NOBODY", "erase_people"]

_CHUNK = 500  # ids per statement, well under every database's limit on bound parameters


async def erase_people(session: AsyncSession, user_ids: Sequence[int]) -> int:
    """Delete every row about these people (commit is the caller's); returns how many of them
    had a user row."""
    removed = 0
    for i in range(0, len(user_ids), _CHUNK):
        ids = list(user_ids[i : i + _CHUNK])
        await session.execute(delete(StaffMember).where(StaffMember.user_id.in_(ids)))
        await session.execute(
            update(StaffMember).where(StaffMember.added_by.in_(ids)).values(added_by=NOBODY)
        )
        await session.execute(
            update(StaffInvite).where(StaffInvite.created_by.in_(ids)).values(created_by=NOBODY)
        )
        await session.execute(
            delete(Broadcast).where(Broadcast.created_by.in_(ids), Broadcast.status == "draft")
        )
        await session.execute(
            update(Broadcast).where(Broadcast.created_by.in_(ids)).values(created_by=NOBODY)
        )
        await session.execute(
            update(Broadcast)
            .where(Broadcast.report_chat_id.in_(ids))  # a progress report in their private chat
            .values(report_chat_id=None, report_message_id=None)
        )
        # The record of staff actions stays: who acted becomes "a deleted staff member".
        await session.execute(
            update(AuditRow).where(AuditRow.actor_id.in_(ids)).values(actor_id=NOBODY)
        )
        await session.execute(
            update(AuditRow).where(AuditRow.person.in_(ids)).values(person=NOBODY)
        )
        result = await session.execute(delete(User).where(User.id.in_(ids)))
        removed += result.rowcount or 0
    return removed
