"""The audit log of staff actions (``bot.core.audit``): labels and numbers, never free text."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base
from bot.storage.types import UTCDateTime


class AuditRow(Base):
    """One staff action. ``actor_id`` and ``person`` are Telegram ids without a foreign key
    (admins need no user row; the row outlives the people): ``bot/storage/erase.py`` sets them
    to ``NOBODY`` when the person is erased."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"), Index("ix_audit_log_action", "action"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    via: Mapped[str] = mapped_column(String(8))  # chat desk cli
    actor_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    actor_login: Mapped[str | None] = mapped_column(String(254), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(254), default="")
    person: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(String(40), default="")
