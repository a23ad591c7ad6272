"""One handling of a person who blocked the bot, whichever send found it out (a tip, a
reminder, a staff answer): no more tips (the subscription is marked, and comes back when they
subscribe again), no more meetup reminders, and their open conversation with staff is closed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.storage.models_handover import HandoverThread
from bot.storage.models_reminders import MeetupSubscription
from bot.storage.models_tips import TipSubscription


class SqlBlocked:
    def __init__(self, sessions: async_sessionmaker):
        self.sessions = sessions

    async def blocked(self, user_id: int, now: datetime) -> None:
        if user_id <= 0:  # a group (the staff chat) is not a person
            return
        async with self.sessions() as s:
            await s.execute(
                update(TipSubscription)
                .where(TipSubscription.user_id == user_id)
                .values(blocked_at=now)
            )
            await s.execute(delete(MeetupSubscription).where(MeetupSubscription.user_id == user_id))
            await s.execute(
                update(HandoverThread)
                .where(HandoverThread.user_id == user_id, HandoverThread.status != "closed")
                .values(status="closed", updated_at=now, closed_at=now)
            )
            await s.commit()
