from datetime import timedelta

from sqlalchemy import update

from bot.features.housekeeping import Housekeeping
from bot.storage.db import create_engine, session_factory
from bot.storage.migrate import upgrade
from bot.storage.models import User
from bot.storage.types import utcnow
from bot.storage.users import SqlUserStore


async def test_inactive_users_are_deleted_and_active_kept(db_url):
    engine = create_engine(db_url)
    await upgrade(engine)
    sessions = session_factory(engine)
    users = SqlUserStore(sessions)
    await users.touch(1, "nb")
    await users.touch(2, "en")
    async with sessions() as s:
        await s.execute(
            update(User).where(User.id == 1).values(last_seen=utcnow() - timedelta(days=400))
        )
        await s.commit()
    assert await Housekeeping(users, inactive_days=365).run_once() == 1
    assert await users.get(1) is None and await users.get(2) is not None
    await engine.dispose()
