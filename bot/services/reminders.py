"""Meetups and follow-up agreements: what staff and residents change, without a chat.

The reminders themselves are sent by the sweep (``ReminderSender.sweep`` in
``bot/features/reminders/sending.py``, job ``reminders:sweep``), which reads only the database;
these operations write what it reads. What staff change is recorded in the audit log (never a
meetup's place or an agreement's label: numbers and dates only).
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.core.audit import Actor, AuditLog
from bot.core.codes import code_hash
from bot.core.ports import Clock
from bot.core.reminders.records import AgreementInfo, MeetupInfo
from bot.storage.reminders import ReminderStore

log = logging.getLogger(__name__)

CODE_PREFIX = "avt_"
_CODE = re.compile(r"^[A-Za-z0-9_-]{8,60}$")


@dataclass(frozen=True)
class LinkCode:
    """A one-time code a resident uses to link Telegram to an agreement
    (``t.me/<bot>?start=avt_<code>``); only its hash is stored."""

    code: str
    expires: datetime

    @property
    def payload(self) -> str:
        return CODE_PREFIX + self.code


class MeetupService:
    def __init__(self, store: ReminderStore, clock: Clock, audit: AuditLog):
        self.store, self.clock, self.audit = store, clock, audit

    async def meetups(self) -> list[MeetupInfo]:
        return await self.store.meetups()

    async def meetup(self, meetup_id: int) -> MeetupInfo | None:
        return await self.store.meetup(meetup_id)

    async def save(
        self,
        meetup_id: int | None,
        weekday: int,
        at: time,
        place: str,
        note: str | None,
        by: Actor,
    ) -> int | None:
        """Create (``meetup_id`` None) or change a weekly meetup; None if it is gone."""
        saved = await self.store.save_meetup(meetup_id, weekday, at, place, note, self.clock.now())
        if saved is not None:
            log.info("staff %s saved meetup %s", by.user_id, saved)
            action = "meetup.create" if meetup_id is None else "meetup.change"
            await self.audit.record(by, action, saved)
        return saved

    async def cancel_date(self, meetup_id: int, day: date, by: Actor) -> int | None:
        """Cancel one date (residents are told); None when it was cancelled already."""
        cancel_id = await self.store.cancel_date(meetup_id, day, self.clock.now())
        if cancel_id is not None:
            log.info("staff %s cancelled meetup %s on %s", by.user_id, meetup_id, day)
            await self.audit.record(by, "meetup.cancel_date", meetup_id, detail=day.isoformat())
        return cancel_id

    async def uncancel(self, cancel_id: int, by: Actor) -> bool:
        """Undo a cancelled date (``cancel_id``: what :meth:`cancel_date` gave)."""
        undone = await self.store.uncancel(cancel_id)
        if undone:
            await self.audit.record(by, "meetup.uncancel", cancel_id)
        return undone

    async def cancellations(self, meetup_id: int, since: date) -> list[tuple[int, date]]:
        """The meetup's cancelled dates from ``since``: (id to undo with, date)."""
        return await self.store.cancellations(meetup_id, since)

    async def cancelled(self, meetup_id: int, since: date) -> set[date]:
        return await self.store.cancelled(meetup_id, since)

    async def delete(self, meetup_id: int, by: Actor) -> bool:
        deleted = await self.store.delete_meetup(meetup_id)
        if deleted:
            log.info("staff %s deleted meetup %s", by.user_id, meetup_id)
            await self.audit.record(by, "meetup.delete", meetup_id)
        return deleted

    async def subscribe(self, user_id: int, meetup_id: int) -> bool:
        return await self.store.subscribe(user_id, meetup_id, self.clock.now())

    async def unsubscribe(self, user_id: int, meetup_id: int | None = None) -> int:
        """Stop one meetup's reminders, or all (``None``); returns how many stopped."""
        if meetup_id is None:
            return await self.store.unsubscribe(user_id)
        return await self.store.unsubscribe(user_id, meetup_id)


class AgreementService:
    def __init__(self, store: ReminderStore, clock: Clock, code_valid: timedelta, audit: AuditLog):
        self.store, self.clock, self.code_valid = store, clock, code_valid
        self.audit = audit

    def _new_code(self) -> LinkCode:
        return LinkCode(secrets.token_urlsafe(12), self.clock.now() + self.code_valid)

    async def agreements(self, ending_from: date) -> list[AgreementInfo]:
        """Agreements that end on or after ``ending_from``, soonest end first."""
        return await self.store.agreements(ending_from)

    async def agreement(self, agreement_id: int) -> AgreementInfo | None:
        return await self.store.agreement(agreement_id)

    async def register(
        self,
        label: str,
        starts: date,
        ends: date,
        reviews: list[date],
        by: int | None,
        *,
        actor: Actor,
    ) -> tuple[int, LinkCode]:
        """Register an agreement and make the resident's one-time link code. ``by``: the staff
        member reminded of its reviews (a Telegram user), None for the staff chat; ``actor``:
        who registered it (the audit log)."""
        if by is not None and not await self.store.known_user(by):
            by = None  # never wrote to the bot: cannot be reminded in Telegram
        code = self._new_code()
        agreement_id = await self.store.create_agreement(
            label, starts, ends, reviews, by, code_hash(code.code), code.expires, self.clock.now()
        )
        log.info("staff %s registered agreement %s", by, agreement_id)
        await self.audit.record(actor, "agreement.register", agreement_id, count=len(reviews))
        return agreement_id, code

    async def new_code(self, agreement_id: int, by: Actor) -> LinkCode | None:
        if await self.store.agreement(agreement_id) is None:
            return None
        code = self._new_code()
        await self.store.set_code(agreement_id, code_hash(code.code), code.expires)
        await self.audit.record(by, "agreement.new_code", agreement_id)
        return code

    async def delete(self, agreement_id: int, by: Actor) -> bool:
        deleted = await self.store.delete_agreement(agreement_id)
        if deleted:
            log.info("staff %s deleted agreement %s", by.user_id, agreement_id)
            await self.audit.record(by, "agreement.delete", agreement_id)
        return deleted

    async def link(self, code: str, user_id: int) -> AgreementInfo | None:
        """Use a resident's one-time code; the agreement, or None if unknown/used/expired."""
        if not _CODE.match(code):
            return None
        return await self.store.link(code_hash(code), user_id, self.clock.now())

    async def unlink(self, user_id: int) -> None:
        await self.store.unlink(user_id)
