from datetime import timedelta

from sqlalchemy import select, update

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


async def test_unanswered_questions_and_closed_cases_go_when_their_time_is_up(db_url):
    """The periods /personvern names are enforced while the bot runs, not only at start."""
    from bot.features.housekeeping import Retention
    from bot.storage.faq import FaqStore
    from bot.storage.models_faq_dialogs import FaqQuestion
    from bot.storage.models_handover import HandoverThread
    from bot.storage.staff import StaffStore
    from tests.dbsupport import database_with_users

    engine, sessions = await database_with_users(db_url, [1, 2])
    faq, staff = FaqStore(sessions), StaffStore(sessions)
    await faq.record_question("gammelt spørsmål", "nb", "none")
    await faq.record_question("nytt spørsmål", "nb", "none")
    for user in (1, 2):
        await staff.ask(user)
    async with sessions() as s:
        ids = {t.user_id: t.id for t in (await s.scalars(select(HandoverThread))).all()}
    for thread_id in ids.values():
        await staff.set_status(thread_id, "closed")
    long_ago = utcnow() - timedelta(days=31)
    async with sessions() as s:
        await s.execute(
            update(FaqQuestion)
            .where(FaqQuestion.text == "gammelt spørsmål")
            .values(asked_at=long_ago)
        )
        await s.execute(
            update(HandoverThread).where(HandoverThread.user_id == 1).values(closed_at=long_ago)
        )
        await s.commit()
    housekeeping = Housekeeping(
        SqlUserStore(sessions),
        inactive_days=365,
        retentions=[
            Retention("questions", timedelta(days=30), faq.purge),
            Retention("closed cases", timedelta(days=30), staff.purge_closed),
        ],
    )
    assert await housekeeping.run_once() == 0  # no user inactive
    async with sessions() as s:
        assert (await s.scalars(select(FaqQuestion.text))).all() == ["nytt spørsmål"]
        assert (await s.scalars(select(HandoverThread.user_id))).all() == [2]
    await engine.dispose()
