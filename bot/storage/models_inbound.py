"""The inbound update queue: every Telegram update is stored here before it is confirmed to
Telegram (polling) or answered 200 (webhook), and handled from here (:mod:`bot.core.inbound`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base
from bot.storage.types import UTCDateTime


class InboundUpdate(Base):
    __tablename__ = "inbound_updates"

    # Telegram's update id: a redelivered update is stored once, hence handled once.
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # The person (else the chat) the update belongs to: one key's updates are handled one after
    # another, in update order. None for updates without one (handled in any order). Cleared
    # with the payload once the update is handled (no user id outlives the handling).
    chat_key: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    payload: Mapped[str | None] = mapped_column(Text, nullable=True)  # the update's JSON
    state: Mapped[str] = mapped_column(String(10))  # new, handling, done
    lease_owner: Mapped[str | None] = mapped_column(String(80), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_inbound_updates_state", "state", "update_id"),
        Index("ix_inbound_updates_chat", "chat_key", "update_id"),
    )
