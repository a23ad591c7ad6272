"""Drains the broadcast outbox within Telegram's limits, exactly once per person.

Every recipient is a row in the outbox (UNIQUE per broadcast and person). A row is claimed
(pending → sending, committed) right before its message goes out and finished right after, so:
- a restart resumes with the rows still pending, and skips those already sent;
- a row found "sending" after a crash is marked "unknown" and never resent: it may or may not
  have arrived, and a tip twice is worse than one missing;
- RetryAfter pauses all sending and puts the row back, counted as a wait, not an attempt (at
  most ``max_waits``: never a loop without end);
- a long tip goes out in parts; each part that arrives is recorded, so a retry goes on from
  the part that failed and nobody gets part 1 twice;
- a blocked bot (Forbidden) marks the person so no later tip goes to them;
- network and server errors are retried with backoff up to ``max_attempts``; a timeout is
  "unknown" for the same reason as a crash.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.core.broadcast.pacing import Pacer
from bot.core.broadcast.records import BroadcastInfo, OutboxItem, OutboxStore, Tip
from bot.core.delivery import MAX_WAITS, RECOVER_EVERY, retry_after, stale_before, verdict
from bot.core.delivery import backoff as delivery_backoff
from bot.core.events import Reply
from bot.core.jobs import SystemClock
from bot.core.ports import Parts

log = logging.getLogger(__name__)

Send = Callable[[int, Reply, Parts], Awaitable[int]]  # chat, reply, progress → message id
Render = Callable[[Tip, OutboxItem], Reply]
ReportHook = Callable[[BroadcastInfo], Awaitable[None]]


def backoff(attempts: int) -> timedelta:
    """1 s, 2 s, 4 s … up to a minute."""
    return delivery_backoff(attempts, timedelta(seconds=1), timedelta(minutes=1))


class OutboxSender:
    BATCH = 200

    def __init__(
        self,
        store: OutboxStore,
        send: Send,
        render: Render,
        pacer: Pacer,
        report: ReportHook,
        max_attempts: int = 5,
        max_waits: int = MAX_WAITS,
        progress_every: float = 3.0,
        concurrency: int = 32,
        now: Callable[[], datetime] | None = None,
    ):
        self.store, self.send, self.render, self.pacer = store, send, render, pacer
        self.report = report
        self.max_attempts, self.max_waits = max_attempts, max_waits
        self.progress_every = progress_every
        self.now = now or SystemClock().now
        self._slots = asyncio.Semaphore(concurrency)
        self._inflight: set[asyncio.Task] = set()
        self._stopping = False
        self._recovered_at: datetime | None = None
        self.sole_process = False  # set by the wiring: no other process uses this database

    # --- lifecycle: the one scheduler runs :meth:`drain` (``Tips.jobs``) ----------------------

    async def recover(self) -> None:
        """At start-up and now and then while draining: rows a crash left "sending" become
        "unknown" (never sent twice), once they are :data:`STALE_CLAIM` old: a younger one may
        be on its way from another process on the same database (:func:`stale_before`)."""
        now = self.now()
        first, self._recovered_at = self._recovered_at is None, now
        if recovered := await self.store.recover(stale_before(now, first, self.sole_process)):
            log.warning(
                "%d tip messages were being sent when the bot stopped; they are "
                "marked unknown and not sent again",
                recovered,
            )

    async def stop(self) -> None:
        """Stop taking rows; messages already on their way finish and are recorded."""
        self._stopping = True
        if self._inflight:
            await asyncio.gather(*self._inflight, return_exceptions=True)

    # --- sending -----------------------------------------------------------------------------

    async def drain(self) -> None:
        """Send every row due now; return when none is left (or on stop)."""
        if self._recovered_at is None or self.now() - self._recovered_at > RECOVER_EVERY:
            await self.recover()
        cursor = 0
        tips: dict[int, Tip | None] = {}
        reporter = asyncio.create_task(self._report_while_sending())
        try:
            while not self._stopping:
                items = await self.store.due(self.now(), cursor, self.BATCH)
                if not items:
                    break
                for item in items:
                    if self._stopping:
                        break
                    cursor = item.id
                    if item.broadcast_id not in tips:
                        tips[item.broadcast_id] = await self.store.tip(item.broadcast_id)
                    tip = tips[item.broadcast_id]
                    if tip is None:
                        continue
                    await self.pacer.acquire(item.user_id)
                    await self._slots.acquire()
                    task = asyncio.create_task(self._deliver(item, tip))
                    self._inflight.add(task)
                    task.add_done_callback(self._done)
        finally:
            if self._inflight:
                await asyncio.gather(*self._inflight, return_exceptions=True)
            reporter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reporter
        await self.report_progress()

    async def _report_while_sending(self) -> None:
        """Progress every ``progress_every`` seconds, beside the sending, never in its way."""
        while True:
            await asyncio.sleep(self.progress_every)
            try:
                await self.report_progress()
            except Exception:
                log.exception("could not report broadcast progress")

    def _done(self, task: asyncio.Task) -> None:
        self._inflight.discard(task)
        self._slots.release()

    async def _deliver(self, item: OutboxItem, tip: Tip) -> None:
        try:
            reply = self.render(tip, item)  # before the claim: keep claim → request short
            if not await self.store.claim(item.id, self.now()):
                return
            status = await self._send_one(item, reply)
            if status is not None:
                await self.store.finish(item.id, status, self.now())
        except Exception:
            # The row stays "sending" and becomes "unknown" at the next start: never twice.
            log.exception("could not record tip delivery for outbox row %s", item.id)

    async def _send_one(self, item: OutboxItem, reply: Reply) -> str | None:
        """Send; return the row's final status, or None when it was put back for a retry."""

        async def saved(done: int) -> None:
            await self.store.progress(item.id, done)

        try:
            await self.send(item.user_id, reply, Parts(item.parts_sent, saved))
        except Exception as exc:
            match verdict(exc):
                case "blocked":
                    await self.store.mark_blocked(item.user_id, self.now())
                    return "blocked"
                case "wait" if item.waits + 1 < self.max_waits:
                    self.pacer.pause(retry_after(exc))
                    at = self.now() + timedelta(seconds=retry_after(exc))
                    await self.store.retry(item.id, at, count_attempt=False, count_wait=True)
                    return None
                case "wait":
                    self.pacer.pause(retry_after(exc))
                    log.warning(
                        "tip to outbox row %s: RetryAfter %d times, given up",
                        item.id,
                        self.max_waits,
                    )
                    return "failed"
                case "unknown":
                    return "unknown"
                case "retry":
                    attempts = item.attempts + 1
                    if attempts >= self.max_attempts:
                        return "failed"
                    await self.store.retry(item.id, self.now() + backoff(attempts), True)
                    return None
                case _:
                    log.exception("tip to outbox row %s failed: a bug, not retried", item.id)
                    return "failed"
        return "sent"

    # --- progress ----------------------------------------------------------------------------

    async def report_progress(self) -> None:
        """Tell the report hook how each running broadcast stands; complete finished ones."""
        for info in await self.store.running():
            if info.report.finished:
                await self.store.complete(info.id, self.now())
                info = dataclasses.replace(info, status="done", finished_at=self.now())
            try:
                await self.report(info)
            except Exception:
                log.exception("could not report progress of broadcast %s", info.id)
