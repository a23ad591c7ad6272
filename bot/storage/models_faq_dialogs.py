"""Tables for FAQ learning and screening dialogs (progress and anonymous statistics)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base
from bot.storage.types import UTCDateTime


class FaqQuestion(Base):
    """A question that fell in the unsure or no-match band. No user id, by design; the text is
    redacted before it is written (:meth:`bot.storage.faq.FaqStore.record_question`)."""

    __tablename__ = "faq_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    band: Mapped[str] = mapped_column(String(16))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class FaqFeedback(Base):
    """Per-entry counters: answers given and 👍/👎 received."""

    __tablename__ = "faq_feedback"

    entry_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    helpful: Mapped[int] = mapped_column(Integer, default=0)
    unhelpful: Mapped[int] = mapped_column(Integer, default=0)


class FaqAnswerDay(Base):
    """Answers the FAQ gave on a day in the municipality's time zone (a direct answer, or one
    picked from "Did you mean"): a count only, for the desk's questions-per-day chart."""

    __tablename__ = "faq_answers_per_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    answered: Mapped[int] = mapped_column(Integer, default=0)


class DialogProgress(Base):
    """A running screening: one per user. Deleted at the end or when abandoned."""

    __tablename__ = "dialog_progress"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    dialog_id: Mapped[str] = mapped_column(String(40))
    state: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class DialogStat(Base):
    """Anonymous statistics: dialog id, outcome and date only."""

    __tablename__ = "dialog_stats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dialog_id: Mapped[str] = mapped_column(String(40), index=True)
    outcome: Mapped[str | None] = mapped_column(String(60), nullable=True)
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    started_on: Mapped[date] = mapped_column(Date, index=True)
