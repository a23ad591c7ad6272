"""Tables for staff roles: staff added by admins, and one-time invites."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base
from bot.storage.types import UTCDateTime


class StaffMember(Base):
    """Staff added at run time by an admin (admins themselves come from the config)."""

    __tablename__ = "staff_members"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    added_by: Mapped[int] = mapped_column(BigInteger)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StaffInvite(Base):
    """A one-time link an admin gives a new staff member; only the code's hash is kept."""

    __tablename__ = "staff_invites"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
