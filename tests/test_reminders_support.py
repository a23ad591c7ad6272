"""Shared helpers for the reminder tests: a controllable clock, a recording messenger, and a
reminders feature wired to a real database and assistant (no Telegram). Holds no tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Config
from bot.core.assistant import Assistant
from bot.core.basics import Basics
from bot.core.callbacks import CallbackSigner
from bot.core.events import Button, Incoming, Outcome, Reply, Sender
from bot.core.i18n import translator
from bot.core.roles import ConfigRoles
from bot.features.reminders import Reminders
from bot.storage.audit import SqlAuditLog
from bot.storage.db import create_engine, session_factory
from bot.storage.migrate import upgrade
from bot.storage.users import SqlUserStore

OSLO = ZoneInfo("Europe/Oslo")
STAFF = 42
STAFF_CHAT = -100


def oslo(*args: int) -> datetime:
    """An aware datetime given as Oslo wall-clock time."""
    return datetime(*args, tzinfo=OSLO)


class FakeClock:
    def __init__(self, start: datetime):
        self.at = start.astimezone(UTC)

    def now(self) -> datetime:
        return self.at

    def set(self, moment: datetime) -> None:
        self.at = moment.astimezone(UTC)

    def advance(self, **kw: float) -> None:
        self.at += timedelta(**kw)


@dataclass
class Sent:
    chat_id: int
    reply: Reply
    at: datetime


@dataclass
class RecordingMessenger:
    clock: FakeClock
    sent: list[Sent] = field(default_factory=list)
    fail: Callable[[int], Exception | None] | None = None  # raise this for a chat, if any

    async def send(
        self,
        chat_id: int,
        reply: Reply,
        slot_taken: bool = False,
        urgent: bool = False,
        parts: object = None,
    ) -> int:
        await asyncio.sleep(0)  # let other tasks (a second scheduler) interleave
        if self.fail is not None and (exc := self.fail(chat_id)) is not None:
            raise exc
        self.sent.append(Sent(chat_id, reply, self.clock.now()))
        return len(self.sent)

    def to(self, chat_id: int) -> list[str]:
        return [s.reply.text for s in self.sent if s.chat_id == chat_id]


def config(**sections: dict[str, Any]) -> Config:
    data: dict[str, Any] = {"bot": {"admin_ids": [STAFF], "staff_chat_id": STAFF_CHAT}}
    for key, value in sections.items():
        data.setdefault(key, {}).update(value)
    return Config.model_validate(data)


@dataclass
class World:
    """One running instance of the bot's reminder side, on a given database."""

    feature: Reminders
    assistant: Assistant
    messenger: RecordingMessenger
    clock: FakeClock
    users: SqlUserStore

    async def user(self, user_id: int, language: str = "nb") -> None:
        await self.users.touch(user_id, language)

    async def handle(self, user_id: int, **kw: Any) -> Outcome:
        lang = kw.pop("lang", "nb")
        event = Incoming(sender=Sender(user_id, "Test", lang), chat_id=user_id, **kw)
        return await self.assistant.handle(event)

    async def command(self, user_id: int, name: str, text: str = "") -> Outcome:
        return await self.handle(user_id, kind="command", command=name, text=text)

    async def say(self, user_id: int, text: str) -> Outcome:
        return await self.handle(user_id, kind="text", text=text)

    async def press(self, user_id: int, button: Button) -> Outcome:
        return await self.handle(user_id, kind="button", data=button.data)

    async def subscribe(self, user_id: int, meetup_id: int, language: str = "nb") -> None:
        await self.user(user_id, language)
        assert await self.feature.store.subscribe(user_id, meetup_id, self.clock.now())


def button(out: Outcome | Reply, label: str) -> Button:
    """The button whose label contains ``label`` on the (last) reply."""
    reply = out.replies[-1] if isinstance(out, Outcome) else out
    found = [b for row in reply.buttons for b in row if label.lower() in b.label.lower()]
    assert found, f"no button {label!r} in {[b.label for row in reply.buttons for b in row]}"
    return found[0]


def text(out: Outcome) -> str:
    return "\n".join(r.text for r in out.replies)


@asynccontextmanager
async def world(
    db_url: str, clock: FakeClock, cfg: Config | None = None, migrate: bool = True
) -> AsyncIterator[World]:
    """A reminders feature on ``db_url`` with its own engine (as a separate process would)."""
    cfg = cfg or config()
    engine = create_engine(db_url)
    if migrate:
        await upgrade(engine)
    sessions = session_factory(engine)
    users = SqlUserStore(sessions)
    assistant = Assistant(
        users, translator(), CallbackSigner(b"k" * 32), ConfigRoles(cfg.bot.admin_ids)
    )
    messenger = RecordingMessenger(clock)
    assistant.messenger = messenger
    feature = Reminders(cfg, sessions, assistant, clock=clock, audit=SqlAuditLog(sessions, clock))
    assistant.add(Basics(cfg.privacy_facts()))
    assistant.add(feature)
    try:
        yield World(feature, assistant, messenger, clock, users)
    finally:
        await engine.dispose()


async def add_meetup(
    w: World, weekday: int = 1, hour: int = 18, place: str = "Storgata 1", note: str | None = None
) -> int:
    from datetime import time

    meetup_id = await w.feature.store.save_meetup(
        None, weekday, time(hour), place, note, w.clock.now()
    )
    assert meetup_id is not None
    return meetup_id
