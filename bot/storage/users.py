"""SQL implementation of :class:`bot.core.ports.UserStore` and the app-settings store."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.ports import UserRecord
from bot.storage.erase import erase_people
from bot.storage.models import AppSetting, User
from bot.storage.types import utcnow

# last_seen is kept to the hour: enough for retention, and it spares a write per message.
LAST_SEEN_RESOLUTION = timedelta(hours=1)


def _record(u: User) -> UserRecord:
    return UserRecord(u.id, u.language, u.first_seen, u.last_seen)


class SqlUserStore:
    def __init__(self, sessions: async_sessionmaker):
        self.sessions = sessions

    async def touch(self, user_id: int, language: str) -> UserRecord:
        now = utcnow()
        async with self.sessions() as s:
            user = await s.get(User, user_id)
            if user is None:
                user = User(id=user_id, language=language, first_seen=now, last_seen=now)
                s.add(user)
                try:
                    await s.commit()
                except IntegrityError:  # created meanwhile by another instance
                    await s.rollback()
                    user = await s.get(User, user_id, populate_existing=True)
                    assert user is not None
                return _record(user)
            if now - user.last_seen > LAST_SEEN_RESOLUTION:
                user.last_seen = now
                await s.commit()
            return _record(user)

    async def get(self, user_id: int) -> UserRecord | None:
        async with self.sessions() as s:
            user = await s.get(User, user_id)
            return _record(user) if user else None

    async def set_language(self, user_id: int, language: str) -> None:
        async with self.sessions() as s:
            await s.execute(update(User).where(User.id == user_id).values(language=language))
            await s.commit()

    async def delete(self, user_id: int) -> bool:
        """Everything about the person, staff role and tip drafts included (/slett)."""
        async with self.sessions() as s:
            removed = await erase_people(s, [user_id])
            await s.commit()
            return bool(removed)

    async def purge_inactive(self, before: datetime) -> int:
        """Everything about people who have not written since ``before``, as :meth:`delete`."""
        async with self.sessions() as s:
            ids = (await s.scalars(select(User.id).where(User.last_seen < before))).all()
            removed = await erase_people(s, ids)
            await s.commit()
            return removed

    async def count(self) -> int:
        async with self.sessions() as s:
            return len((await s.execute(select(User.id))).all())


async def get_or_create_secret(sessions: async_sessionmaker, key: str = "callback_secret") -> bytes:
    """A random secret generated once and kept in the database, so it survives restarts."""
    async with sessions() as s:
        row = await s.get(AppSetting, key)
        if row is None:
            s.add(AppSetting(key=key, value=secrets.token_hex(32)))
            try:
                await s.commit()
            except IntegrityError:
                await s.rollback()
            row = await s.get(AppSetting, key, populate_existing=True)
        assert row is not None
        return bytes.fromhex(row.value)
