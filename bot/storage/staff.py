"""Staff roles and invites, tip subscriptions, and handover threads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.codes import code_hash
from bot.storage.desk import DeskAccount
from bot.storage.models import User
from bot.storage.models_desk import DeskUser
from bot.storage.models_handover import HandoverPost, HandoverThread
from bot.storage.models_staff import StaffInvite, StaffMember
from bot.storage.models_tips import TipSubscription
from bot.storage.presence import Presence
from bot.storage.types import utcnow


class SqlRoles:
    """:class:`bot.core.roles.Roles`: admins from the config, staff from the database, looked
    up on every call so a removal takes effect at the next message or button press.

    The one role store for Telegram and the desk: a desk account linked to a Telegram id decides
    that person's role in both (admin, staff, or disabled: none); without one, ``staff_members``
    decides in Telegram. ``bot.admin_ids`` are admins everywhere."""

    def __init__(self, admin_ids: list[int], sessions: async_sessionmaker):
        self.admins = frozenset(admin_ids)
        self.sessions = sessions

    async def _desk_grant(self, user_id: int) -> tuple[str, bool] | None:
        """(role, disabled) of the desk account linked to this Telegram id, if any."""
        async with self.sessions() as s:
            row = (
                await s.execute(
                    select(DeskUser.role, DeskUser.disabled).where(DeskUser.telegram_id == user_id)
                )
            ).first()
        return (row[0], row[1]) if row else None

    async def is_admin(self, user_id: int) -> bool:
        if user_id in self.admins:
            return True
        grant = await self._desk_grant(user_id)
        return grant is not None and grant == ("admin", False)

    async def is_staff(self, user_id: int) -> bool:
        if user_id in self.admins:
            return True
        grant = await self._desk_grant(user_id)
        if grant is not None:
            return not grant[1]
        async with self.sessions() as s:
            return await s.get(StaffMember, user_id) is not None

    def desk_role(self, account: DeskAccount) -> str | None:
        """The role a desk account has on the desk: None when disabled."""
        if account.disabled:
            return None
        if account.telegram_id is not None and account.telegram_id in self.admins:
            return "admin"
        return account.role


@dataclass(frozen=True)
class Thread:
    id: int
    user_id: int
    status: str
    language: str
    updated_at: datetime


def _thread(row: Any) -> Thread:
    t, language = row
    return Thread(t.id, t.user_id, t.status, language, t.updated_at)


class StaffStore:
    def __init__(self, sessions: async_sessionmaker):
        self.sessions = sessions
        self.talking = Presence()  # people who may have a handover thread that is not closed

    # --- roles -------------------------------------------------------------------------------

    async def staff(self) -> list[int]:
        async with self.sessions() as s:
            return list(
                (await s.scalars(select(StaffMember.user_id).order_by(StaffMember.added_at))).all()
            )

    async def add_staff(self, user_id: int, added_by: int) -> bool:
        async with self.sessions() as s:
            s.add(StaffMember(user_id=user_id, added_by=added_by, added_at=utcnow()))
            try:
                await s.commit()
            except IntegrityError:
                return False
            return True

    async def remove_staff(self, user_id: int) -> bool:
        async with self.sessions() as s:
            result = await s.execute(delete(StaffMember).where(StaffMember.user_id == user_id))
            await s.commit()
            return bool(result.rowcount)

    async def new_invite(self, code: str, created_by: int, expires_at: datetime) -> None:
        async with self.sessions() as s:
            s.add(
                StaffInvite(code_hash=code_hash(code), created_by=created_by, expires_at=expires_at)
            )
            await s.commit()

    async def use_invite(self, code: str, user_id: int, now: datetime) -> bool:
        """Consume a valid invite and make ``user_id`` staff; an invite works once."""
        async with self.sessions() as s:
            result = await s.execute(
                delete(StaffInvite)
                .where(StaffInvite.code_hash == code_hash(code), StaffInvite.expires_at > now)
                .returning(StaffInvite.created_by)
            )
            creator = result.scalar()
            if creator is None:
                await s.rollback()
                return False
            if await s.get(StaffMember, user_id) is None:
                s.add(StaffMember(user_id=user_id, added_by=creator, added_at=now))
            await s.commit()
            return True

    # --- tips subscriptions ------------------------------------------------------------------

    async def subscribe_tips(self, user_id: int) -> bool:
        """Subscribe (again); True if they were not subscribed before."""
        async with self.sessions() as s:
            sub = await s.get(TipSubscription, user_id)
            if sub is not None:
                was_blocked = sub.blocked_at is not None
                sub.blocked_at = None
                await s.commit()
                return was_blocked
            s.add(TipSubscription(user_id=user_id, created_at=utcnow()))
            try:
                await s.commit()
            except IntegrityError:
                return False
            return True

    async def unsubscribe_tips(self, user_id: int) -> bool:
        async with self.sessions() as s:
            result = await s.execute(
                delete(TipSubscription).where(TipSubscription.user_id == user_id)
            )
            await s.commit()
            return bool(result.rowcount)

    async def tips_subscribed(self, user_id: int) -> bool:
        async with self.sessions() as s:
            sub = await s.get(TipSubscription, user_id)
            return sub is not None and sub.blocked_at is None

    async def tip_subscribers(self) -> int:
        async with self.sessions() as s:
            return int(
                await s.scalar(
                    select(func.count())
                    .select_from(TipSubscription)
                    .where(TipSubscription.blocked_at.is_(None))
                )
                or 0
            )

    # --- handover ----------------------------------------------------------------------------

    async def thread_of(self, user_id: int) -> Thread | None:
        """The person's thread that is not closed, if any."""
        if not self.talking.may_have(user_id):
            return None
        async with self.sessions() as s:
            row = (
                await s.execute(
                    select(HandoverThread, User.language)
                    .join(User, User.id == HandoverThread.user_id)
                    .where(HandoverThread.user_id == user_id, HandoverThread.status != "closed")
                    .order_by(HandoverThread.id.desc())
                    .limit(1)
                )
            ).first()
        if row is None:
            self.talking.discard(user_id)
            return None
        return _thread(row)

    async def load_presence(self) -> None:
        await self.talking.fill(
            self.sessions, select(HandoverThread.user_id).where(HandoverThread.status != "closed")
        )

    async def thread_by_post(self, chat_id: int, message_id: int) -> Thread | None:
        async with self.sessions() as s:
            row = (
                await s.execute(
                    select(HandoverThread, User.language)
                    .join(HandoverPost, HandoverPost.thread_id == HandoverThread.id)
                    .join(User, User.id == HandoverThread.user_id)
                    .where(HandoverPost.chat_id == chat_id, HandoverPost.message_id == message_id)
                )
            ).first()
        return _thread(row) if row else None

    async def thread(self, thread_id: int) -> Thread | None:
        async with self.sessions() as s:
            row = (
                await s.execute(
                    select(HandoverThread, User.language)
                    .join(User, User.id == HandoverThread.user_id)
                    .where(HandoverThread.id == thread_id)
                )
            ).first()
        return _thread(row) if row else None

    async def ask(self, user_id: int) -> None:
        """Start waiting for the person's message (reuses an open thread)."""
        self.talking.add(user_id)
        now = utcnow()
        async with self.sessions() as s:
            existing = await s.scalar(
                select(HandoverThread).where(
                    HandoverThread.user_id == user_id, HandoverThread.status != "closed"
                )
            )
            if existing is None:
                s.add(
                    HandoverThread(user_id=user_id, status="asking", opened_at=now, updated_at=now)
                )
            await s.commit()

    async def set_status(self, thread_id: int, status: str) -> bool:
        now = utcnow()
        values: dict = {"status": status, "updated_at": now}
        if status == "closed":
            values["closed_at"] = now
        async with self.sessions() as s:
            result = await s.execute(
                update(HandoverThread)
                .where(HandoverThread.id == thread_id, HandoverThread.status != "closed")
                .values(values)
            )
            await s.commit()
            return bool(result.rowcount)

    async def add_post(self, thread_id: int, chat_id: int, message_id: int) -> None:
        async with self.sessions() as s:
            s.add(HandoverPost(chat_id=chat_id, message_id=message_id, thread_id=thread_id))
            await s.execute(
                update(HandoverThread)
                .where(HandoverThread.id == thread_id)
                .values(updated_at=utcnow())
            )
            await s.commit()

    async def open_threads(self) -> list[Thread]:
        """Cases not closed, the longest waiting first."""
        async with self.sessions() as s:
            rows = (
                await s.execute(
                    select(HandoverThread, User.language)
                    .join(User, User.id == HandoverThread.user_id)
                    .where(HandoverThread.status.in_(("open", "shared")))
                    .order_by(HandoverThread.updated_at)
                )
            ).all()
        return [_thread(r) for r in rows]

    async def closed_threads(self, limit: int) -> list[Thread]:
        """The most recently closed cases, newest first."""
        async with self.sessions() as s:
            rows = (
                await s.execute(
                    select(HandoverThread, User.language)
                    .join(User, User.id == HandoverThread.user_id)
                    .where(HandoverThread.status == "closed")
                    .order_by(HandoverThread.closed_at.desc(), HandoverThread.id.desc())
                    .limit(limit)
                )
            ).all()
        return [_thread(r) for r in rows]

    async def reopen(self, thread_id: int) -> bool:
        """A closed case → open, unless its person has another case that is not closed."""
        async with self.sessions() as s:
            thread = await s.get(HandoverThread, thread_id)
            if thread is None or thread.status != "closed":
                return False
            other = await s.scalar(
                select(HandoverThread.id).where(
                    HandoverThread.user_id == thread.user_id, HandoverThread.status != "closed"
                )
            )
            if other is not None:
                return False
            result = await s.execute(
                update(HandoverThread)
                .where(HandoverThread.id == thread_id, HandoverThread.status == "closed")
                .values(status="open", closed_at=None, updated_at=utcnow())
            )
            await s.commit()
            if result.rowcount:
                self.talking.add(thread.user_id)
            return bool(result.rowcount)

    async def last_post(self, thread_id: int, chat_id: int) -> int | None:
        """The newest staff-chat post of a case (a note about it answers to that post)."""
        async with self.sessions() as s:
            return await s.scalar(
                select(func.max(HandoverPost.message_id)).where(
                    HandoverPost.thread_id == thread_id, HandoverPost.chat_id == chat_id
                )
            )

    async def handover_counts(self) -> dict[str, int]:
        async with self.sessions() as s:
            rows = (
                await s.execute(
                    select(HandoverThread.status, func.count()).group_by(HandoverThread.status)
                )
            ).all()
        return {status: n for status, n in rows}

    async def purge_closed(self, before: datetime) -> int:
        async with self.sessions() as s:
            result = await s.execute(
                delete(HandoverThread).where(
                    HandoverThread.status == "closed", HandoverThread.closed_at < before
                )
            )
            await s.commit()
            return result.rowcount or 0

    async def users_count(self) -> dict[str, int]:
        async with self.sessions() as s:
            total = int(await s.scalar(select(func.count()).select_from(User)) or 0)
            since = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
            active = int(
                await s.scalar(
                    select(func.count())
                    .select_from(User)
                    .where(User.last_seen >= since - timedelta(days=30))
                )
                or 0
            )
        return {"total": total, "active_30d": active}
