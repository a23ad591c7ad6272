"""Issue 14.3: one handling of a person who blocked the bot, whichever send found it out: no
more tips, no more meetup reminders, their open conversation with staff closed. Read back
from the real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import select

from bot.storage.blocked import SqlBlocked
from bot.storage.broadcasts import BroadcastStore
from bot.storage.models_handover import HandoverThread
from bot.storage.models_reminders import MeetupSubscription
from bot.storage.models_tips import TipSubscription
from bot.storage.reminders import ReminderStore
from bot.storage.staff import StaffStore
from bot.storage.types import utcnow
from tests.dbsupport import database_with_users


async def _world(db_url):
    engine, sessions = await database_with_users(db_url, [5, 6])
    staff, reminders = StaffStore(sessions), ReminderStore(sessions)
    meetup = await reminders.save_meetup(None, 2, time(12), "Huset", None, utcnow())
    for user in (5, 6):
        await staff.subscribe_tips(user)
        await reminders.subscribe(user, meetup, utcnow())
        await staff.ask(user)
    return engine, sessions


async def _state(sessions, user: int) -> tuple:
    async with sessions() as s:
        tip = await s.get(TipSubscription, user)
        meetups = (
            await s.scalars(select(MeetupSubscription).where(MeetupSubscription.user_id == user))
        ).all()
        threads = (
            await s.scalars(select(HandoverThread.status).where(HandoverThread.user_id == user))
        ).all()
    return tip.blocked_at is not None, len(meetups), sorted(threads)


@pytest.mark.parametrize("path", ["tip", "reminder or staff answer"])
async def test_a_block_found_by_any_send_stops_every_kind_of_send(db_url, path):
    engine, sessions = await _world(db_url)
    try:
        if path == "tip":  # the tip outbox's store
            await BroadcastStore(sessions).mark_blocked(5, utcnow())
        else:  # the reminder sweep and the message outbox call the same handling
            await SqlBlocked(sessions).blocked(5, utcnow())
        assert await _state(sessions, 5) == (True, 0, ["closed"])
        assert await _state(sessions, 6) == (False, 1, ["asking"])  # nobody else
    finally:
        await engine.dispose()
