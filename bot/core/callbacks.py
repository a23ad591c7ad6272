"""Signed callback data for inline buttons.

Telegram returns button data from the client, so it is never trusted: every button carries an
HMAC over the user id and its payload. Forged or altered data fails verification and is treated
like a button from an old message. Authorisation (roles) is checked separately, on every press.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

MAX_BYTES = 64
_SIG_LEN = 8


@dataclass(frozen=True)
class Action:
    name: str
    arg: str = ""


class CallbackSigner:
    def __init__(self, secret: bytes):
        self._secret = secret

    def _sig(self, user_id: int, payload: str) -> str:
        mac = hmac.new(self._secret, f"{user_id}|{payload}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode()[:_SIG_LEN]

    def sign(self, user_id: int, name: str, arg: str = "") -> str:
        if "|" in name or "|" in arg:
            raise ValueError("'|' is reserved in callback data")
        payload = f"{name}|{arg}"
        data = f"{payload}|{self._sig(user_id, payload)}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data too long: {data!r}")
        return data

    def verify(self, user_id: int, data: str) -> Action | None:
        """The action if ``data`` was signed for this user, else None (never raises: any data
        a client sends, non-ASCII or malformed, is at worst an inactive button)."""
        payload, sep, sig = data.rpartition("|")
        if not sep or payload.count("|") != 1 or len(data.encode()) > MAX_BYTES:
            return None
        # Bytes, not str: compare_digest raises on a str with non-ASCII characters.
        if not hmac.compare_digest(sig.encode(), self._sig(user_id, payload).encode()):
            return None
        name, arg = payload.split("|")
        return Action(name, arg)
