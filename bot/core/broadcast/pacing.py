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
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Telegram said RetryAfter: nothing goes out for ``seconds``."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    async def acquire(self, chat_id: int) -> None:
        # One caller per chat at a time (its lock), so a chat's second is counted from when its
        # message really goes out, even after a RetryAfter pause. The chat's wait comes before
        # the shared lock: a chat that must wait (the staff chat's progress message) never holds
        # up the others.
        async with self._chat_locks.setdefault(chat_id, asyncio.Lock()):
            while (wait := self._chat_next.get(chat_id, 0.0) - self.clock()) > 0:
                await self.sleep(wait)
            async with self._lock:
                while True:
                    now = self.clock()
                    at = max(self._next, self._paused_until)
                    if at <= now:
                        break
                    await self.sleep(at - now)
                # Keep to the 1/rate grid when this slot was taken a little late (sleep wakes
                # ~1 ms late; restarting the grid at ``now`` every time lost ~3% of the rate).
                # Up to half an interval late only, so two sends are never closer than half an
                # interval; further behind (idle, paused) the grid starts again from now.
                late = now - self._next
                self._next = (self._next if late < self.interval / 2 else now) + self.interval
            self._chat_next[chat_id] = now + self.per_chat
        if len(self._chat_next) > 10_000:  # forget chats whose second has passed
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
            self._chat_locks = {c: lk for c, lk in self._chat_locks.items()
                                if c in self._chat_next or lk.locked()}
