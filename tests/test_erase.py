"""Erasing people (/slett and inactivity) reaches the staff tables that have no foreign key:
read back from the real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from bot.storage.broadcasts import BroadcastStore
from bot.storage.erase import NOBODY
from bot.storage.models import User
from bot.storage.models_staff import StaffInvite, StaffMember
from bot.storage.models_tips import Broadcast
from bot.storage.staff import StaffStore
from bot.storage.types import utcnow
from bot.storage.users import SqlUserStore
from tests.dbsupport import database_with_users


async def _staff_world(db_url):
    engine, sessions = await database_with_users(db_url, [5, 6])
    staff, tips = StaffStore(sessions), BroadcastStore(sessions)
    await staff.add_staff(5, added_by=6)
    await staff.add_staff(6, added_by=5)
    await staff.new_invite("code", created_by=5, expires_at=utcnow() + timedelta(days=1))
    sent = await tips.new_draft(5)
    await tips.set_content(sent, "Ledig hybel", None)
    await tips.queue(sent, 5, "all", utcnow().date(), report_chat_id=5)
    await tips.new_draft(5)  # a second tip, not sent
    return engine, sessions, sent


async def _state(sessions):
    async with sessions() as s:
        members = {m.user_id: m.added_by for m in (await s.scalars(select(StaffMember))).all()}
        invites = [i.created_by for i in (await s.scalars(select(StaffInvite))).all()]
        tips = [
            (b.status, b.created_by, b.report_chat_id)
            for b in (await s.scalars(select(Broadcast))).all()
        ]
    return members, invites, tips


async def test_slett_deletes_role_and_drafts_and_keeps_what_others_need_without_the_id(db_url):
    engine, sessions, _ = await _staff_world(db_url)
    assert await SqlUserStore(sessions).delete(5)
    members, invites, tips = await _state(sessions)
    assert members == {6: NOBODY}  # the staff member 5 added stays, without 5's id
    assert invites == [NOBODY]
    assert tips == [("running", NOBODY, None)]  # the draft is gone, the sent tip is anonymous
    await engine.dispose()


async def test_inactive_staff_are_erased_like_slett(db_url):
    engine, sessions, _ = await _staff_world(db_url)
    async with sessions() as s:
        await s.execute(
            update(User).where(User.id == 5).values(last_seen=utcnow() - timedelta(days=400))
        )
        await s.commit()
    assert await SqlUserStore(sessions).purge_inactive(utcnow() - timedelta(days=365)) == 1
    members, invites, tips = await _state(sessions)
    assert members == {6: NOBODY} and invites == [NOBODY]
    assert tips == [("running", NOBODY, None)]
    await engine.dispose()
