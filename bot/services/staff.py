"""Staff: who may use the staff tools (list, add, remove, invite, accept an invite).

Admins come from the config (``bot.admin_ids``) and cannot be removed here; staff added at run
time live in the one role store (``bot/storage/staff.py`` ``SqlRoles``), which the staff desk's
logins share. Every change is recorded in the audit log.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.audit import NOBODY, Actor, AuditLog
from bot.core.ports import Clock
from bot.storage.staff import StaffStore

log = logging.getLogger(__name__)

INVITE_PREFIX = "staff_"
INVITE_VALID = timedelta(hours=24)


@dataclass(frozen=True)
class Invite:
    """A one-time link ``t.me/<bot>?start=<payload>``; only the code's hash is stored."""

    code: str
    expires: datetime

    @property
    def payload(self) -> str:
        return INVITE_PREFIX + self.code


class StaffService:
    def __init__(self, store: StaffStore, admin_ids: list[int], clock: Clock, audit: AuditLog):
        self.store, self.admin_ids, self.clock = store, sorted(admin_ids), clock
        self.audit = audit

    async def members(self) -> list[int]:
        """Staff added at run time (admins from the config are listed by ``admin_ids``)."""
        return await self.store.staff()

    async def audited(self, user_id: int) -> int:
        """How many rows of the audit log name this person (their /mine_data)."""
        return await self.audit.about(user_id)

    async def add(self, user_id: int, by: Actor) -> bool:
        added = await self.store.add_staff(user_id, _id(by))
        if added:
            log.info("staff %s added %s as staff", by.user_id, user_id)
            await self.audit.record(by, "staff.add", person=user_id)
        return added

    async def remove(self, user_id: int, by: Actor) -> bool:
        removed = await self.store.remove_staff(user_id)
        if removed:
            log.info("staff %s removed %s from staff", by.user_id, user_id)
            await self.audit.record(by, "staff.remove", person=user_id)
        return removed

    async def invite(self, by: Actor) -> Invite:
        invite = Invite(secrets.token_urlsafe(18), self.clock.now() + INVITE_VALID)
        await self.store.new_invite(invite.code, _id(by), invite.expires)
        log.info("staff %s made a staff invite", by.user_id)
        await self.audit.record(by, "staff.invite")
        return invite

    async def accept(self, code: str, user_id: int) -> bool:
        """Use an invite: ``user_id`` becomes staff; False when unknown, used or expired."""
        accepted = await self.store.use_invite(code, user_id, self.clock.now())
        if accepted:
            log.info("%s became staff through an invite", user_id)
            await self.audit.record(Actor.chat(user_id), "staff.join", person=user_id)
        return accepted


def _id(by: Actor) -> int:
    """The actor's Telegram id where a staff table keeps one (``NOBODY`` for none)."""
    return by.user_id if by.user_id is not None else NOBODY
