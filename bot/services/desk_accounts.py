"""Desk logins: add, disable, enable again, remove — the desk's admin page and
``boligbot desk add-user`` both come here, and each change is recorded in the audit log.

Passwords arrive hashed (``bot.desk.passwords``). The audit log names a login by its e-mail
address (the account's id means nothing once it is removed); the process log by its id.
"""

from __future__ import annotations

import logging

from bot.core.audit import Actor, AuditLog
from bot.core.ports import Clock
from bot.storage.desk import DeskAccount, DeskStore

log = logging.getLogger(__name__)


class DeskAccounts:
    def __init__(self, store: DeskStore, clock: Clock, audit: AuditLog):
        self.store, self.clock, self.audit = store, clock, audit

    async def add(
        self,
        email: str,
        password_hash: str | None,
        role: str,
        by: Actor,
        telegram_id: int | None = None,
    ) -> DeskAccount | None:
        """The new login, or None when its e-mail address (or Telegram id) is taken."""
        account = await self.store.add_user(
            email, password_hash, role, self.clock.now(), telegram_id=telegram_id
        )
        if account is not None:
            log.info("desk: account %s added (%s)", account.id, by.via)
            await self.audit.record(by, "login.add", account.email, detail=role)
        return account

    async def set_disabled(self, account: DeskAccount, disabled: bool, by: Actor) -> bool:
        """Disable (ends its sessions) or enable again; False when the login is gone."""
        if not await self.store.set_disabled(account.id, disabled):
            return False
        action = "login.disable" if disabled else "login.enable"
        log.info("desk: %s of account %s (%s)", action, account.id, by.via)
        await self.audit.record(by, action, account.email)
        return True

    async def remove(self, account: DeskAccount, by: Actor) -> bool:
        if not await self.store.remove(account.id):
            return False
        log.info("desk: account %s removed (%s)", account.id, by.via)
        await self.audit.record(by, "login.remove", account.email)
        return True
