"""The audit log of staff actions: who changed what, when (the port; SQL in ``bot.storage``).

One row per staff action that changes something (a tip sent, a case closed, a login
disabled, ...), written by the application service that does it, so the chat and the desk
record through the same code. A row holds labels and numbers only: the actor (Telegram id
and/or desk login), a fixed action code, what it was about (a case or tip number, a desk login's
address, a person's Telegram id) and a count or short code. Never text a person wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

NOBODY = 0  # stands for "a person whose data was deleted" where a row outlives them

Via = Literal["chat", "desk", "cli"]

# Every action the log knows; the desk names each (``desk-audit-action-<code with dashes>``).
ACTIONS: tuple[str, ...] = (
    "tip.send",
    "tip.stop",
    "staff.add",
    "staff.remove",
    "staff.invite",
    "staff.join",
    "login.add",
    "login.disable",
    "login.enable",
    "login.remove",
    "case.answer",
    "case.close",
    "case.reopen",
    "meetup.create",
    "meetup.change",
    "meetup.cancel_date",
    "meetup.uncancel",
    "meetup.delete",
    "agreement.register",
    "agreement.new_code",
    "agreement.delete",
    "data.erase",
)
# A detail is a code (an audience, a role, a date), never words someone wrote.
_DETAIL = re.compile(r"^[a-z0-9_.:-]{0,40}$")
_SUBJECT_MAX = 254  # a desk login's e-mail address at most


def action_key(action: str) -> str:
    """The action as it appears in a message id: ``meetup.cancel_date`` → ``meetup-cancel-date``."""
    return action.replace(".", "-").replace("_", "-")


@dataclass(frozen=True)
class Actor:
    """Who acted: a Telegram user (``user_id``), a desk login (``login``, its e-mail address,
    with the Telegram id it is linked to if any) or the command line."""

    via: Via
    user_id: int | None = None
    login: str | None = None

    @classmethod
    def chat(cls, user_id: int) -> Actor:
        return cls("chat", user_id=user_id)

    @classmethod
    def desk(cls, login: str, telegram_id: int | None = None) -> Actor:
        return cls("desk", user_id=telegram_id, login=login)

    @classmethod
    def cli(cls) -> Actor:
        return cls("cli")


@dataclass(frozen=True)
class AuditEntry:
    at: datetime  # aware UTC
    actor: Actor
    action: str
    subject: str = ""  # a case or tip number, a meetup, a desk login's address
    person: int | None = None  # a Telegram user the action was about (staff added, removed)
    count: int | None = None  # e.g. how many a tip went to
    detail: str = ""  # a short code: an audience, a role, a date

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown audit action {self.action!r}")
        if not _DETAIL.match(self.detail):
            raise ValueError("an audit detail is a short code, never free text")
        if len(self.subject) > _SUBJECT_MAX:
            raise ValueError("an audit subject is a number or an address")
        if self.at.tzinfo is None:
            raise ValueError("audit times are aware (UTC)")


class AuditLog(Protocol):
    async def record(
        self,
        actor: Actor,
        action: str,
        subject: str | int = "",
        *,
        person: int | None = None,
        count: int | None = None,
        detail: str = "",
    ) -> None:
        """Record one action now (the log's clock: the one injected clock)."""

    async def about(self, user_id: int) -> int:
        """How many rows name this Telegram user (as actor or as the person acted on)."""
