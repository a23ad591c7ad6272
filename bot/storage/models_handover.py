"""Tables for handover: a person's conversation with staff, and which staff-chat posts belong
to it. The messages themselves pass through the message outbox (``models_outbox.py``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base
from bot.storage.types import UTCDateTime


class HandoverThread(Base):
    """A person talking to staff: asking (we wait for their first message), open, closed."""

    __tablename__ = "handover_threads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(8), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class HandoverPost(Base):
    """A post in the staff chat that belongs to a thread: staff reply to it to answer."""

    __tablename__ = "handover_posts"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    message_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("handover_threads.id", ondelete="CASCADE"), index=True
    )
