"""FAQ learning: unanswered questions (no user id, personal details redacted before they are
written) and per-entry feedback counters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql import ColumnElement

from bot.core.redact import redact
from bot.storage.models import Base
from bot.storage.models_faq_dialogs import FaqAnswerDay, FaqFeedback, FaqQuestion
from bot.storage.types import utcnow


@dataclass(frozen=True)
class EntryFeedback:
    entry_id: str
    answered: int
    helpful: int
    unhelpful: int


class FaqStore:
    def __init__(
        self, sessions: async_sessionmaker, today: Callable[[], date] = lambda: utcnow().date()
    ):
        """``today``: the municipality's date, the day an answer is counted on."""
        self.sessions = sessions
        self.today = today

    async def record_question(self, text: str, language: str, band: str) -> None:
        """Keep a question the FAQ could not answer, with names, numbers, addresses and
        e-mail addresses replaced by tags (:func:`bot.core.redact.redact`)."""
        stored = redact(text)[:500]
        async with self.sessions() as s:
            s.add(FaqQuestion(text=stored, language=language, band=band, asked_at=utcnow()))
            await s.commit()

    async def _bump(self, entry_id: str, column: str) -> None:
        counts = {"answered": 0, "helpful": 0, "unhelpful": 0, column: 1}
        await self._increment(
            FaqFeedback(entry_id=entry_id, **counts),
            FaqFeedback.entry_id == entry_id,
            getattr(FaqFeedback, column),
        )

    async def _increment(
        self, first: Base, row: ColumnElement[bool], col: InstrumentedAttribute[int]
    ) -> None:
        """Add one to ``col`` of the row ``row`` selects, or insert ``first`` when there is none
        (two processes counting the first at once: the loser counts again as an update)."""
        async with self.sessions() as s:
            result = await s.execute(update(type(first)).where(row).values({col: col + 1}))
            if not result.rowcount:
                s.add(first)
            try:
                await s.commit()
            except IntegrityError:
                await s.rollback()
                await s.execute(update(type(first)).where(row).values({col: col + 1}))
                await s.commit()

    async def count_answer(self, entry_id: str) -> None:
        await self._bump(entry_id, "answered")
        day = self.today()
        await self._increment(
            FaqAnswerDay(day=day, answered=1), FaqAnswerDay.day == day, FaqAnswerDay.answered
        )

    async def answered_since(self, first: date) -> dict[date, int]:
        """Answers given per day from ``first`` on (days without one are left out)."""
        async with self.sessions() as s:
            rows = await s.execute(
                select(FaqAnswerDay.day, FaqAnswerDay.answered).where(FaqAnswerDay.day >= first)
            )
            return {day: n for day, n in rows}

    async def feedback(self, entry_id: str, helpful: bool) -> None:
        await self._bump(entry_id, "helpful" if helpful else "unhelpful")

    async def purge(self, before: datetime) -> int:
        async with self.sessions() as s:
            result = await s.execute(delete(FaqQuestion).where(FaqQuestion.asked_at < before))
            await s.commit()
            return result.rowcount or 0

    async def top_unanswered(self, limit: int = 20) -> list[tuple[str, int]]:
        """Most frequent stored questions (case-insensitive), most common first."""
        key = func.lower(func.trim(FaqQuestion.text))
        async with self.sessions() as s:
            rows = await s.execute(
                select(key, func.count())
                .group_by(key)
                .order_by(func.count().desc(), key)
                .limit(limit)
            )
            return [(text, n) for text, n in rows]

    async def least_helpful(self, limit: int = 10) -> list[EntryFeedback]:
        async with self.sessions() as s:
            rows = await s.execute(
                select(FaqFeedback)
                .where(FaqFeedback.unhelpful > 0)
                .order_by(
                    (FaqFeedback.unhelpful - FaqFeedback.helpful).desc(),
                    FaqFeedback.unhelpful.desc(),
                )
                .limit(limit)
            )
            return [
                EntryFeedback(f.entry_id, f.answered, f.helpful, f.unhelpful)
                for f in rows.scalars()
            ]

    async def totals(self) -> dict[str, int]:
        async with self.sessions() as s:
            answered = await s.execute(select(func.coalesce(func.sum(FaqFeedback.answered), 0)))
            unanswered = await s.execute(select(func.count()).select_from(FaqQuestion))
            return {
                "answered": int(answered.scalar_one()),
                "unanswered": int(unanswered.scalar_one()),
            }

    async def questions_since(self, since: datetime) -> list[tuple[datetime, str]]:
        """(asked at, band) of every stored question asked since ``since``, oldest first."""
        async with self.sessions() as s:
            rows = await s.execute(
                select(FaqQuestion.asked_at, FaqQuestion.band)
                .where(FaqQuestion.asked_at >= since)
                .order_by(FaqQuestion.asked_at)
            )
            return [(asked_at, band) for asked_at, band in rows]
