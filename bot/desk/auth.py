"""Logging in and out: throttled password checks and server-side sessions.

A session is a random token in an ``HttpOnly``, ``SameSite=Strict`` cookie (``Secure`` when
configured); the database keeps only its SHA-256, its CSRF secret and its expiry. The account
and its role are read again on every request, so disabling someone ends their access at once.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.config import Desk as DeskConfig
from bot.desk.passwords import hash_password, needs_rehash, verify_password
from bot.storage.desk import DeskAccount, DeskStore
from bot.storage.staff import SqlRoles
from bot.storage.types import utcnow

log = logging.getLogger(__name__)

FORGET_FAILURES = timedelta(days=1)  # failure counts idle this long start again
FIRST_WAIT = 15  # seconds after the throttle_after-th failure; doubles with each further one
TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def valid_email(email: str) -> bool:
    local, at, domain = email.partition("@")
    return bool(at and local and "." in domain and len(email) <= 254) and not any(
        c.isspace() for c in email
    )


def wait_seconds(failures: int, last: datetime, now: datetime, after: int, most: int) -> int:
    """Seconds still to wait before the next attempt (0: go ahead)."""
    if failures < after:
        return 0
    wait = min(most, FIRST_WAIT * 2 ** (failures - after))
    left = (last + timedelta(seconds=wait) - now).total_seconds()
    return max(0, int(left + 0.999))


@dataclass(frozen=True)
class Visitor:
    """Who sent a request: an account with its role, or nobody (``role`` None)."""

    account: DeskAccount | None = None
    role: str | None = None
    session_token_hash: str | None = None
    csrf: str | None = None


ANONYMOUS = Visitor()


@dataclass(frozen=True)
class LoginResult:
    token: str | None = None  # the new session's cookie value when the login succeeded
    wait: int = 0  # seconds to wait when throttled


class Auth:
    def __init__(self, cfg: DeskConfig, store: DeskStore, roles: SqlRoles):
        self.cfg = cfg
        self.store = store
        self.roles = roles

    async def login(self, email: str, password: str, address: str) -> LoginResult:
        now = utcnow()
        email = normalise_email(email)
        keys = [f"email:{email[:250]}", f"ip:{address}"]
        wait = max(
            (
                wait_seconds(n, last, now, self.cfg.throttle_after, self.cfg.throttle_max_seconds)
                for n, last in await self.store.failures(keys)
            ),
            default=0,
        )
        if wait:
            log.warning("desk login throttled (%s s)", wait)
            return LoginResult(wait=wait)
        account = await self.store.user_by_email(email) if valid_email(email) else None
        stored = account.password_hash if account else None
        ok = await verify_password(stored, password)
        if not ok or account is None or self.roles.desk_role(account) is None:
            await self.store.record_failure(keys, now, now - FORGET_FAILURES)
            log.warning("desk login failed")  # neither the address nor the e-mail is logged
            return LoginResult()
        await self.store.clear_failures(keys[0])
        if stored and needs_rehash(stored):
            await self.store.set_password_hash(account.id, await hash_password(password))
        return LoginResult(token=await self.open_session(account, "password"))

    async def login_vouched(self, email: str) -> str | None:
        """A session for the account of an e-mail address that single sign-on vouched for."""
        account = await self.store.user_by_email(normalise_email(email))
        if account is None or self.roles.desk_role(account) is None:
            log.warning("desk SSO: no enabled desk login for the vouched address")
            return None
        return await self.open_session(account, "single sign-on")

    async def open_session(self, account: DeskAccount, how: str) -> str:
        """A new session (a new token at every login); returns the cookie value."""
        now = utcnow()
        token = secrets.token_urlsafe(32)
        await self.store.open_session(
            token_hash(token),
            account.id,
            secrets.token_urlsafe(32),
            now,
            now + timedelta(hours=self.cfg.session_hours),
        )
        log.info("desk login (%s): account %s", how, account.id)
        return token

    async def visitor(self, token: str | None) -> Visitor:
        """The visitor a session cookie belongs to; expired or idle sessions are ended."""
        if not token or len(token) > 100:
            return ANONYMOUS
        hashed = token_hash(token)
        row = await self.store.session(hashed)
        if row is None:
            return ANONYMOUS
        now = utcnow()
        idle = timedelta(minutes=self.cfg.idle_minutes)
        account = await self.store.user(row.user_id)
        role = self.roles.desk_role(account) if account else None
        if now >= row.expires_at or now - row.last_seen_at >= idle or role is None:
            await self.store.close_session(hashed)
            return ANONYMOUS
        if now - row.last_seen_at >= TOUCH_EVERY:
            await self.store.touch_session(hashed, now)
        return Visitor(account, role, hashed, row.csrf)

    async def logout(self, visitor: Visitor) -> None:
        if visitor.session_token_hash:
            await self.store.close_session(visitor.session_token_hash)
