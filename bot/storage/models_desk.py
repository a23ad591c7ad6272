"""Tables for the staff desk: desk logins, their server-side sessions, and failed-login counts.

A desk user may also have a Telegram id: then :class:`bot.storage.staff.SqlRoles` gives them the
same role in Telegram, so one person has one role (see ``bot/storage/desk.py``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base
from bot.storage.types import UTCDateTime


class DeskUser(Base):
    __tablename__ = "desk_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lower case
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)  # argon2
    role: Mapped[str] = mapped_column(String(8))  # staff admin
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    telegram_id: Mapped[int | None] = mapped_column(BigInteger, unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class DeskSession(Base):
    """A login. Only the token's SHA-256 is kept, so the table cannot be used to log in."""

    __tablename__ = "desk_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("desk_users.id", ondelete="CASCADE"), index=True
    )
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DeskLoginFailure(Base):
    """Failed logins per key (``email:<address>`` or ``ip:<address>``) for throttling."""

    __tablename__ = "desk_login_failures"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class DeskRead(Base):
    """How far a desk login has read a handover case: its newest resident message seen (an
    outbox row id). Unread counts are the case's resident messages after it."""

    __tablename__ = "desk_reads"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("desk_users.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("handover_threads.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    last_read: Mapped[int] = mapped_column(BigInteger)


class DeskClaim(Base):
    """Who is answering a handover case on the desk (:mod:`bot.core.claims`): in the database,
    so every instance's desk sees every colleague's claim. A row outlives its ``until`` until
    the next claim of the case overwrites it; it goes with its case."""

    __tablename__ = "desk_claims"

    thread_id: Mapped[int] = mapped_column(
        ForeignKey("handover_threads.id", ondelete="CASCADE"), primary_key=True
    )
    who: Mapped[str] = mapped_column(String(254))  # a desk login's e-mail address
    since: Mapped[datetime] = mapped_column(UTCDateTime())
    until: Mapped[datetime] = mapped_column(UTCDateTime())
