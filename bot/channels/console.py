"""Local chat in the terminal on the same core: buttons are shown as numbered choices."""

from __future__ import annotations

import asyncio
import getpass
import html
import re
import sys
from typing import TextIO

from bot.core.assistant import Assistant
from bot.core.events import Button, Incoming, Outcome, Reply, Sender
from bot.core.ports import Parts

CONSOLE_USER_ID = 1
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Telegram HTML → terminal text."""
    return html.unescape(_TAG.sub("", text))


class ConsoleMessenger:
    """Messages to other chats (staff chat, reminders) are printed with their chat id."""

    username = ""

    def __init__(self, out: TextIO):
        self.out = out
        self._next_id = 1_000_000

    async def send(
        self,
        chat_id: int,
        reply: Reply,
        slot_taken: bool = False,
        urgent: bool = False,
        parts: Parts | None = None,
    ) -> int:
        self._next_id += 1
        if parts is not None:
            parts.ids.append(self._next_id)
        self.out.write(f"\n[→ chat {chat_id}] {plain(reply.text)}\n")
        return self._next_id

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> None:
        self.out.write(f"\n[✎ chat {chat_id} #{message_id}] {plain(reply.text)}\n")

    async def upload_photo(self, chat_id: int, data: bytes, caption: str) -> str:
        self._next_id += 1
        self.out.write(f"\n[→ chat {chat_id}] (photo, {len(data)} bytes) {plain(caption)}\n")
        return f"console-photo-{self._next_id}"


class ConsoleChat:
    def __init__(
        self,
        assistant: Assistant,
        inp: TextIO = sys.stdin,
        out: TextIO = sys.stdout,
        language: str = "nb",
    ):
        self.assistant = assistant
        self.inp, self.out = inp, out
        self.sender = Sender(CONSOLE_USER_ID, getpass.getuser() or "du", language)
        self.choices: list[Button] = []
        self.message_id = 0
        assistant.messenger = ConsoleMessenger(out)

    async def show(self, outcome: Outcome) -> None:
        if outcome.notice:
            self.out.write(f"({outcome.notice})\n")
        for reply in outcome.replies:
            if reply.chat_id not in (None, CONSOLE_USER_ID):
                self.out.write(f"\n[→ chat {reply.chat_id}] {plain(reply.text)}\n")
                continue
            self.out.write("\n" + plain(reply.text) + "\n")
            self.message_id += 1
            if callable(reply.on_sent):  # "delivered": shown in the terminal
                await reply.on_sent(self.message_id)
            buttons = [b for row in reply.buttons for b in row]
            if buttons:
                self.choices = buttons
                for i, b in enumerate(buttons, 1):
                    self.out.write(f"  {i}. {b.label}" + (f" ({b.url})" if b.url else "") + "\n")
        self.out.flush()

    def event_for(self, line: str) -> Incoming:
        self.message_id += 1
        base = dict(sender=self.sender, chat_id=CONSOLE_USER_ID, message_id=self.message_id)
        if line.isdigit() and 1 <= int(line) <= len(self.choices):
            button = self.choices[int(line) - 1]
            if button.data:
                return Incoming(kind="button", data=button.data, **base)
        if line.startswith("/"):
            head, _, rest = line[1:].partition(" ")
            return Incoming(kind="command", command=head, text=rest.strip(), **base)
        return Incoming(kind="text", text=line, **base)

    async def run(self) -> None:
        await self.assistant.start()
        try:
            await self.show(await self.assistant.handle(self.event_for("/start")))
            loop = asyncio.get_running_loop()
            while True:
                self.out.write("> ")
                self.out.flush()
                line = await loop.run_in_executor(None, self.inp.readline)
                if not line:
                    break
                line = line.strip()
                if line in ("/quit", "/exit", "/avslutt"):
                    break
                if line:
                    await self.show(await self.assistant.handle(self.event_for(line)))
        finally:
            await self.assistant.stop()
