"""Keeps sends within Telegram's limits: about 30 messages a second overall, one a second per
chat, and a full stop while Telegram has asked us to wait (RetryAfter)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any


class Pacer:
    """Hands out send slots spaced ``1/rate`` apart (no bursts), at least ``per_chat`` seconds
    apart for one chat, and none before a RetryAfter pause ends."""

    def __init__(self, rate: float, per_chat: float = 1.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep):
        self.interval = 1.0 / rate
        self.per_chat = per_chat
        self.clock, self.sleep = clock, sleep
        self._next = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Telegram said RetryAfter: nothing goes out for ``seconds``."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    def chat_ready_in(self, chat_id: int) -> float:
        return max(0.0, self._chat_next.get(chat_id, 0.0) - self.clock())

    async def acquire(self, chat_id: int) -> None:
        # The chat's own second first, without the lock: a chat that must wait (the staff
        # chat's progress message) never holds up the others.
        while (wait := self._chat_next.get(chat_id, 0.0) - self.clock()) > 0:
            await self.sleep(wait)
        self._chat_next[chat_id] = self.clock() + self.per_chat  # reserved before any await
        async with self._lock:
            while True:
                now = self.clock()
                at = max(self._next, self._paused_until)
                if at <= now:
                    break
                await self.sleep(at - now)
            self._next = max(now, self._next) + self.interval
            if len(self._chat_next) > 10_000:  # forget chats whose second has passed
                self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
