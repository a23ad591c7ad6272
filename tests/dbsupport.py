"""A migrated database with some users, for store tests."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.db import create_engine, session_factory
from bot.storage.migrate import upgrade
from bot.storage.models import User


async def database_with_users(
    db_url: str, ids: list[int]
) -> tuple[AsyncEngine, async_sessionmaker]:
    engine = create_engine(db_url)
    await upgrade(engine)
    sessions = session_factory(engine)
    now = datetime.now(UTC)
    async with sessions() as s:
        s.add_all([User(id=i, language="nb", first_seen=now, last_seen=now) for i in ids])
        await s.commit()
    return engine, sessions
