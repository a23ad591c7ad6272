"""One pace for everything the process sends: about 30 messages a second overall, one a second
per private chat, 20 a minute per group, and a full stop while Telegram has asked us to wait
(RetryAfter). Replies to people come first: a resident waiting for an answer never waits behind
a broadcast or a reminder sweep."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any


def instance_rate(rate: float, instances: int) -> float:
    """This process's share of the overall rate when ``instances`` processes send for one bot
    (one token: Telegram's overall limit is theirs together). The per-chat limits are not
    divided: a person's updates are handled by one instance at a time (the inbound queue's
    lease), so one chat's replies come from one instance at a time."""
    return rate / max(1, instances)


class Pacer:
    """Hands out send slots spaced ``1/rate`` apart (no bursts), one a ``per_chat`` seconds for
    a private chat (``per_group`` for a group: negative chat ids), and none before a RetryAfter
    pause ends. A private chat may have a short burst of ``chat_burst`` messages (a reply in
    two parts should not wait a second between them), as Telegram allows; a group may have any
    burst as long as no ``group_window`` holds more than ``group_window / per_group`` sends
    (20 a minute).
    ``urgent`` callers (replies) take the next free slot before any waiting non-urgent caller
    (broadcasts, reminders, notices)."""

    def __init__(
        self,
        rate: float,
        per_chat: float = 1.0,
        per_group: float = 3.0,
        chat_burst: int = 3,
        group_window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ):
        self.interval = 1.0 / rate
        self.per_chat = per_chat
        self.per_group = per_group
        self.chat_burst = chat_burst
        self.group_window = group_window
        self._group_sent: dict[int, deque[float]] = {}
        self.clock, self.sleep = clock, sleep
        self._next = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[int, float] = {}  # when the chat's bucket is full again
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._gate = asyncio.Condition()
        self._busy = False
        self._urgent_waiting = 0
        self._tickets = 0  # non-urgent callers are served in the order they asked
        self._serving = 0
        self._abandoned: set[int] = set()

    def pause(self, seconds: float) -> None:
        """Telegram said RetryAfter: nothing goes out for ``seconds``."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    async def acquire(self, chat_id: int, urgent: bool = False) -> None:
        # One caller per chat at a time (its lock), so a chat's second is counted from when its
        # message really goes out, even after a RetryAfter pause. The chat's wait comes before
        # the shared slot: a chat that must wait (the staff chat's progress message) never holds
        # up the others.
        # A chat's budget is kept as the time its bucket is full again (``full``): each send adds
        # one period; a send may go while the bucket is not beyond ``burst - 1`` periods ahead.
        if chat_id < 0:
            await self._group(chat_id, urgent)
            return
        period, burst = self.per_chat, max(1, self.chat_burst)
        async with self._chat_locks.setdefault(chat_id, asyncio.Lock()):
            while (
                wait := self._chat_next.get(chat_id, 0.0) - (burst - 1) * period - self.clock()
            ) > 0:
                await self.sleep(wait)
            now = await self._slot(urgent)
            self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), now) + period
        if len(self._chat_next) > 10_000:  # forget chats whose second has passed
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
            self._chat_locks = {
                c: lk for c, lk in self._chat_locks.items() if c in self._chat_next or lk.locked()
            }

    async def _group(self, chat_id: int, urgent: bool) -> None:
        """A group: at most ``group_window / per_group`` sends in any ``group_window``."""
        most = max(1, round(self.group_window / self.per_group))
        sent = self._group_sent.setdefault(chat_id, deque())
        async with self._chat_locks.setdefault(chat_id, asyncio.Lock()):
            while len(sent) >= most and (wait := sent[0] + self.group_window - self.clock()) > 0:
                await self.sleep(wait)
            while len(sent) >= most:
                sent.popleft()
            sent.append(await self._slot(urgent))

    async def _slot(self, urgent: bool) -> float:
        """Wait for the shared grid's next slot: urgent callers first, then the others in the
        order they asked (a broadcast asking again at once never overtakes a reminder that
        has been waiting)."""
        await (self._enter_urgent() if urgent else self._enter_in_turn())
        try:
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
            return now
        finally:
            async with self._gate:
                self._busy = False
                self._gate.notify_all()

    async def _enter_urgent(self) -> None:
        self._urgent_waiting += 1
        try:
            async with self._gate:
                await self._gate.wait_for(lambda: not self._busy)
                self._busy = True
        finally:
            self._urgent_waiting -= 1

    async def _enter_in_turn(self) -> None:
        ticket = self._tickets
        self._tickets += 1
        try:
            async with self._gate:
                await self._gate.wait_for(
                    lambda: not self._busy and self._urgent_waiting == 0 and self._turn() == ticket
                )
                self._busy = True
                self._serving = ticket + 1
        except BaseException:  # cancelled while waiting: its turn is skipped
            self._abandoned.add(ticket)
            raise

    def _turn(self) -> int:
        while self._serving in self._abandoned:
            self._abandoned.discard(self._serving)
            self._serving += 1
        return self._serving
