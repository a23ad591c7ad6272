"""Runs the real bot (PTB Application in polling mode) against the emulator, and plays users."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
from collections.abc import Callable
from typing import Any

from bot.app import Runtime, build_runtime
from bot.channels.telegram.app import TelegramChannel
from bot.config import Config
from tests.e2e.emulator import BotApiEmulator, SentMessage
from tests.faqsupport import VECTOR_CACHE

TOKEN = "123456:TEST-TOKEN-e2e"


def make_config(emulator: BotApiEmulator, db_url: str, **sections: dict) -> Config:
    data: dict[str, Any] = {
        "telegram": {"token": TOKEN, "api_base_url": emulator.base_url},
        "database": {"url": db_url},
        # One vector cache for the whole run: the knowledge is embedded once, not per test.
        "faq": {"cache_dir": str(VECTOR_CACHE)},
        # Test people press buttons far faster than people do; the one-a-second pace per chat
        # is tested where it is the point (test_pacing_e2e, the broadcast tests).
        "broadcast": {"chat_burst": 30},
    }
    for key, value in sections.items():
        data.setdefault(key, {}).update(value)
    return Config.model_validate(data)


class BotUnderTest:
    def __init__(self, cfg: Config, extra_features: list | None = None, webhook: bool = False):
        self.cfg = cfg
        self.extra_features = extra_features or []
        self.webhook = webhook  # updates come through channel.receive (emulator.deliver)
        self.runtime: Runtime | None = None
        self.channel: TelegramChannel | None = None

    async def start(self) -> None:
        self.runtime = await build_runtime(self.cfg)
        for feature in self.extra_features:
            self.runtime.assistant.add(feature)
        self.channel = TelegramChannel(self.cfg, self.runtime.assistant)
        if self.webhook:
            await self.channel.start_webhook()
        else:
            await self.channel.start_polling(poll_timeout=1)

    async def stop(self) -> None:
        if self.channel:
            await self.channel.stop()
        if self.runtime:
            await self.runtime.close()
        self.channel = self.runtime = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()


@contextlib.asynccontextmanager
async def running(emulator: BotApiEmulator, db_url: str, **sections: dict):
    """The bot with these config sections, started and, whatever happens, stopped."""
    b = BotUnderTest(make_config(emulator, db_url, **sections))
    await b.start()
    try:
        yield b
    finally:
        await b.stop()


class Person:
    """A Telegram user talking to the bot in a private chat."""

    def __init__(self, emu: BotApiEmulator, user_id: int, first_name: str, language: str):
        self.emu = emu
        self.user = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language,
        }
        self.id = user_id
        self.seen = 0  # messages already read by this person

    @property
    def messages(self) -> list[SentMessage]:
        return self.emu.chats.get(self.id, [])

    async def say(self, text: str, expect: int = 1) -> list[SentMessage]:
        """Send text and return the bot's new messages once it has answered (at least
        ``expect`` of them: the pacer lets a few go at once, then one a second per chat)."""
        await self.emu.send_text(self.user, text)
        return await self.replies(expect=expect)

    async def send(self, **content: Any) -> list[SentMessage]:
        """Send any message content (sticker, photo, location ...)."""
        chat = {"id": self.id, "type": "private", "first_name": self.user["first_name"]}
        await self.emu.push_update(self.emu.user_message(self.user, chat, **content))
        return await self.replies()

    async def press(self, label: str, msg: SentMessage | None = None) -> list[SentMessage]:
        """Press the button whose label contains ``label`` on ``msg`` (default: the latest
        message with buttons)."""
        msg = msg or self.last_with_buttons()
        data = next(
            (
                b["callback_data"]
                for row in msg.buttons
                for b in row
                if label.lower() in b["text"].lower() and "callback_data" in b
            ),
            None,
        )
        assert data is not None, f"no button {label!r} in {msg.labels()}"
        return await self.press_data(msg, data)

    async def press_data(self, msg: SentMessage, data: str) -> list[SentMessage]:
        before = self.snapshot()
        answers = len(self.emu.callback_answers)
        await self.emu.press(self.user, msg, data)
        await self.emu.wait_for(lambda: len(self.emu.callback_answers) > answers)
        await self.emu.wait_for(lambda: self.snapshot() != before or self._settled(), 5)
        return await self.replies(allow_none=True)

    def snapshot(self) -> tuple:
        return tuple((m.message_id, m.edited) for m in self.messages)

    def _settled(self) -> bool:
        return True

    async def replies(
        self, allow_none: bool = False, settle: float = 0.15, expect: int = 1
    ) -> list[SentMessage]:
        """Wait for the bot to answer (``expect`` messages), then for it to go quiet; return
        what is new."""
        if not allow_none:
            await self.emu.wait_for(lambda: len(self.messages) >= self.seen + expect)
        last = -1
        while last != (now := sum(1 + m.edited for m in self.messages)):
            last = now
            await asyncio.sleep(settle)
        new = self.messages[self.seen :]
        self.seen = len(self.messages)
        return new

    def last_with_buttons(self) -> SentMessage:
        for msg in reversed(self.messages):
            if msg.buttons:
                return msg
        raise AssertionError("no message with buttons")

    def last_outcome(self) -> SentMessage:
        """The last message with buttons, its text led by the messages without buttons just
        before it: a result the bot split so that each part fits one phone screen."""
        msgs = self.messages
        end = max(i for i, m in enumerate(msgs) if m.buttons)
        start = end
        while start > 0 and not msgs[start - 1].buttons and not msgs[start - 1].edited:
            start -= 1
        return dataclasses.replace(
            msgs[end], text="\n\n".join(m.text for m in msgs[start : end + 1])
        )

    def last(self) -> SentMessage:
        return self.messages[-1]


def people(emu: BotApiEmulator, start: int = 1000) -> Callable[..., Person]:
    ids = itertools.count(start)

    def make(name: str = "Kari", language: str = "nb") -> Person:
        return Person(emu, next(ids), name, language)

    return make
