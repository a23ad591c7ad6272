"""Dialog progress (one running screening per user) and anonymous dialog statistics.

Answers typed as free text are redacted before the progress is written: the person's name,
numbers, address and e-mail never reach the database (nor, so, a summary sent to staff).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.redact import redact
from bot.storage.models_faq_dialogs import DialogProgress, DialogStat
from bot.storage.presence import Presence
from bot.storage.types import utcnow


def redacted_state(state: dict) -> dict:
    """``state`` (:meth:`DialogState.to_dict`) with every text answer redacted. Button answers
    are values from the dialog files, which redaction leaves as they are (a test keeps it so)."""
    answers = state.get("answers")
    if not isinstance(answers, dict):
        return state
    return {
        **state,
        "answers": {k: redact(v) if isinstance(v, str) else v for k, v in answers.items()},
    }


class DialogStore:
    def __init__(self, sessions: async_sessionmaker):
        self.sessions = sessions
        self.running = Presence()  # people who may have a dialog in progress

    async def load_presence(self) -> None:
        await self.running.fill(self.sessions, select(DialogProgress.user_id))

    async def load(self, user_id: int) -> tuple[str, dict, datetime] | None:
        if not self.running.may_have(user_id):
            return None
        async with self.sessions() as s:
            row = await s.get(DialogProgress, user_id)
        if row is None:
            self.running.discard(user_id)
            return None
        return row.dialog_id, row.state, row.updated_at

    async def save(self, user_id: int, dialog_id: str, state: dict) -> None:
        state = redacted_state(state)
        self.running.add(user_id)
        async with self.sessions() as s:
            row = await s.get(DialogProgress, user_id)
            if row is None:
                s.add(
                    DialogProgress(
                        user_id=user_id, dialog_id=dialog_id, state=state, updated_at=utcnow()
                    )
                )
            else:
                row.dialog_id, row.state, row.updated_at = dialog_id, state, utcnow()
            await s.commit()

    async def clear(self, user_id: int) -> None:
        async with self.sessions() as s:
            await s.execute(delete(DialogProgress).where(DialogProgress.user_id == user_id))
            await s.commit()

    async def purge_older_than(self, before: datetime) -> int:
        async with self.sessions() as s:
            stmt = delete(DialogProgress).where(DialogProgress.updated_at < before)
            result = await s.execute(stmt)
            await s.commit()
            return result.rowcount or 0

    async def stat_started(self, dialog_id: str, today: date) -> int:
        async with self.sessions() as s:
            row = DialogStat(dialog_id=dialog_id, started_on=today)
            s.add(row)
            await s.commit()
            return row.id

    async def stat_finished(self, stat_id: int, outcome: str, kind: str) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(DialogStat)
                .where(DialogStat.id == stat_id)
                .values(outcome=outcome, kind=kind)
            )
            await s.commit()

    async def stats(self) -> list[tuple[str, str | None, int]]:
        """(dialog id, outcome or None for unfinished, count)."""
        async with self.sessions() as s:
            rows = await s.execute(
                select(DialogStat.dialog_id, DialogStat.outcome, func.count())
                .group_by(DialogStat.dialog_id, DialogStat.outcome)
                .order_by(DialogStat.dialog_id, DialogStat.outcome)
            )
            return [(d, o, n) for d, o, n in rows]
