"""Desk users, their sessions, and failed-login counts (the tables of ``models_desk``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.storage.models_desk import DeskLoginFailure, DeskRead, DeskSession, DeskUser

ROLES = ("staff", "admin")


@dataclass(frozen=True)
class DeskAccount:
    id: int
    email: str
    role: str
    disabled: bool
    telegram_id: int | None
    password_hash: str | None
    created_at: datetime
    last_login_at: datetime | None


def _account(u: DeskUser) -> DeskAccount:
    return DeskAccount(
        u.id,
        u.email,
        u.role,
        u.disabled,
        u.telegram_id,
        u.password_hash,
        u.created_at,
        u.last_login_at,
    )


@dataclass(frozen=True)
class SessionRow:
    token_hash: str
    user_id: int
    csrf: str
    expires_at: datetime
    last_seen_at: datetime


class DeskStore:
    def __init__(self, sessions: async_sessionmaker):
        self.sessions = sessions

    # --- users -------------------------------------------------------------------------------

    async def add_user(
        self,
        email: str,
        password_hash: str | None,
        role: str,
        now: datetime,
        telegram_id: int | None = None,
    ) -> DeskAccount | None:
        """The new account, or None when the e-mail address (or Telegram id) is taken."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        async with self.sessions() as s:
            user = DeskUser(
                email=email,
                password_hash=password_hash,
                role=role,
                disabled=False,
                telegram_id=telegram_id,
                created_at=now,
            )
            s.add(user)
            try:
                await s.commit()
            except IntegrityError:
                return None
            return _account(user)

    async def user(self, user_id: int) -> DeskAccount | None:
        async with self.sessions() as s:
            u = await s.get(DeskUser, user_id)
            return _account(u) if u else None

    async def user_by_email(self, email: str) -> DeskAccount | None:
        async with self.sessions() as s:
            u = await s.scalar(select(DeskUser).where(DeskUser.email == email))
            return _account(u) if u else None

    async def user_by_telegram(self, telegram_id: int) -> DeskAccount | None:
        async with self.sessions() as s:
            u = await s.scalar(select(DeskUser).where(DeskUser.telegram_id == telegram_id))
            return _account(u) if u else None

    async def users(self) -> list[DeskAccount]:
        async with self.sessions() as s:
            return [_account(u) for u in await s.scalars(select(DeskUser).order_by(DeskUser.email))]

    async def active_admins(self) -> int:
        async with self.sessions() as s:
            return int(
                await s.scalar(
                    select(func.count())
                    .select_from(DeskUser)
                    .where(DeskUser.role == "admin", DeskUser.disabled.is_(False))
                )
                or 0
            )

    async def set_disabled(self, user_id: int, disabled: bool) -> bool:
        """Disable (which also ends every session of the account) or enable again."""
        async with self.sessions() as s:
            result = await s.execute(
                update(DeskUser).where(DeskUser.id == user_id).values(disabled=disabled)
            )
            if disabled:
                await s.execute(delete(DeskSession).where(DeskSession.user_id == user_id))
            await s.commit()
            return bool(result.rowcount)

    async def remove(self, user_id: int) -> bool:
        async with self.sessions() as s:
            await s.execute(delete(DeskSession).where(DeskSession.user_id == user_id))
            result = await s.execute(delete(DeskUser).where(DeskUser.id == user_id))
            await s.commit()
            return bool(result.rowcount)

    async def set_password_hash(self, user_id: int, password_hash: str) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(DeskUser).where(DeskUser.id == user_id).values(password_hash=password_hash)
            )
            await s.commit()

    # --- sessions ----------------------------------------------------------------------------

    async def open_session(
        self, token_hash: str, user_id: int, csrf: str, now: datetime, expires_at: datetime
    ) -> None:
        async with self.sessions() as s:
            s.add(
                DeskSession(
                    token_hash=token_hash,
                    user_id=user_id,
                    csrf=csrf,
                    created_at=now,
                    expires_at=expires_at,
                    last_seen_at=now,
                )
            )
            await s.execute(
                update(DeskUser).where(DeskUser.id == user_id).values(last_login_at=now)
            )
            await s.execute(delete(DeskSession).where(DeskSession.expires_at < now))
            await s.commit()

    async def session(self, token_hash: str) -> SessionRow | None:
        async with self.sessions() as s:
            row = await s.get(DeskSession, token_hash)
            if row is None:
                return None
            return SessionRow(
                row.token_hash, row.user_id, row.csrf, row.expires_at, row.last_seen_at
            )

    async def touch_session(self, token_hash: str, now: datetime) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(DeskSession)
                .where(DeskSession.token_hash == token_hash)
                .values(last_seen_at=now)
            )
            await s.commit()

    async def close_session(self, token_hash: str) -> None:
        async with self.sessions() as s:
            await s.execute(delete(DeskSession).where(DeskSession.token_hash == token_hash))
            await s.commit()

    # --- failed logins -----------------------------------------------------------------------

    async def failures(self, keys: list[str]) -> list[tuple[int, datetime]]:
        """(failures, last failure) for each key that has any."""
        async with self.sessions() as s:
            rows = await s.scalars(select(DeskLoginFailure).where(DeskLoginFailure.key.in_(keys)))
            return [(r.failures, r.last_failure_at) for r in rows]

    async def record_failure(self, keys: list[str], now: datetime, forget_before: datetime) -> None:
        """Count one failure for each key; counts idle since ``forget_before`` start again."""
        async with self.sessions() as s:
            await s.execute(
                delete(DeskLoginFailure).where(DeskLoginFailure.last_failure_at < forget_before)
            )
            for key in keys:
                result = await s.execute(
                    update(DeskLoginFailure)
                    .where(DeskLoginFailure.key == key)
                    .values(failures=DeskLoginFailure.failures + 1, last_failure_at=now)
                )
                if not result.rowcount:
                    s.add(DeskLoginFailure(key=key, failures=1, last_failure_at=now))
            try:
                await s.commit()
            except IntegrityError:  # a parallel attempt inserted the same key: one count lost
                await s.rollback()

    async def clear_failures(self, key: str) -> None:
        async with self.sessions() as s:
            await s.execute(delete(DeskLoginFailure).where(DeskLoginFailure.key == key))
            await s.commit()

    # --- what each login has read of the handover cases --------------------------------------

    async def read_marks(self, account_id: int) -> dict[int, int]:
        """Case id → the newest resident message (outbox row id) this login has seen."""
        async with self.sessions() as s:
            rows = (
                await s.execute(
                    select(DeskRead.thread_id, DeskRead.last_read).where(
                        DeskRead.account_id == account_id
                    )
                )
            ).all()
        return {thread_id: last for thread_id, last in rows}

    async def mark_read(self, account_id: int, thread_id: int, last_read: int) -> None:
        """Remember that this login has seen a case up to ``last_read`` (never moves back)."""
        async with self.sessions() as s:
            row = await s.get(DeskRead, (account_id, thread_id))
            if row is None:
                s.add(DeskRead(account_id=account_id, thread_id=thread_id, last_read=last_read))
            elif row.last_read >= last_read:
                return
            else:
                row.last_read = last_read
            try:
                await s.commit()
            except IntegrityError:  # the same login in two tabs: the other one wrote it
                await s.rollback()
