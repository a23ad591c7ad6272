"""Tables for vacant-rental tips: subscriptions, broadcasts and their outbox (one row per
recipient)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base
from bot.storage.types import UTCDateTime


class TipSubscription(Base):
    """Someone who wants vacant-rental tips. ``blocked_at`` is set when Telegram says they
    blocked the bot; nothing is sent to them until they subscribe again."""

    __tablename__ = "tip_subscriptions"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Broadcast(Base):
    """One tip: a draft while staff compose it, then running until every outbox row is done."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_by: Mapped[int] = mapped_column(BigInteger, index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)  # draft running done cancelled
    step: Mapped[str] = mapped_column(String(12))  # draft: content → preview
    audience: Mapped[str | None] = mapped_column(String(12), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[str | None] = mapped_column(String(255), nullable=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    report_chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    report_message_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class OutboxRow(Base):
    """One recipient of one broadcast. UNIQUE(broadcast, user) makes a second copy impossible;
    a row is claimed ("sending") before the message goes out, so a crash never resends it."""

    __tablename__ = "broadcast_outbox"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "user_id"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # pending sending sent blocked failed unknown cancelled
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A long tip goes out in parts: how many arrived (a retry goes on from the next), and how
    # many RetryAfter answers it got (bounded: see bot.core.delivery.MAX_WAITS).
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    waits: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
