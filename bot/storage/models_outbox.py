"""The message outbox: every send outside a reply that is not a tip or a reminder (handover
relays both ways, staff notices, screening summaries), one row per message, unique by key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base
from bot.storage.types import UTCDateTime


class OutboxMessage(Base):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # What makes a message the same message: the same key is never queued twice (a redelivered
    # update, a retried handler), e.g. "ho.post:<chat>:<message id>".
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[int] = mapped_column(BigInteger, default=0)  # e.g. the handover thread
    origin: Mapped[int] = mapped_column(BigInteger, default=0)  # e.g. the staff post answered
    # The person the message is about (CASCADE with /slett); None for staff-only notices.
    user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[str] = mapped_column(Text)  # the Reply as JSON
    status: Mapped[str] = mapped_column(String(10))  # pending sending sent failed unknown ...
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A long message goes out in parts: how many arrived (a retry goes on from the next), and
    # how many RetryAfter answers it got (bounded: see bot.core.delivery.MAX_WAITS).
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    waits: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_outbox_messages_due", "status", "next_attempt_at"),)
