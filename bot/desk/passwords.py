"""Password hashing with argon2id (argon2-cffi's defaults), off the event loop."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 256

_hasher = PasswordHasher()
# Verified when the e-mail address is unknown, so a wrong address costs as long as a wrong
# password and the answer time tells nothing about which accounts exist.
_DUMMY = _hasher.hash("not-a-password-of-anyone")


def problem(password: str) -> str | None:
    """The message id of what is wrong with a new password, or None."""
    if len(password) < MIN_LENGTH:
        return "desk-password-short"
    if len(password) > MAX_LENGTH:
        return "desk-password-long"
    return None


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password[:MAX_LENGTH]) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(stored: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored`` (None: no account; always False)."""
    return await asyncio.to_thread(_verify, stored, password)


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)
