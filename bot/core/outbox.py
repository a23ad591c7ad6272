"""The message outbox: sends that must not be lost, retried on their own, sent at most once.

A feature queues an :class:`Envelope` (committed before the handler answers) and the
:class:`Courier` sends it: a slot of the shared pacer, claim (pending → sending), send, finish
(sent with its message id, or failed / blocked / unknown). What a failure means comes from
:mod:`bot.core.delivery`, like for tips and reminders. A feature hears about the result through
hooks per kind: ``on_sent`` (link a staff-chat post to its case as soon as its id is known) and
``on_failed`` (tell the sender it could not be delivered).

At most once: a row found ``sending`` at start-up (the process died mid-send) becomes
``unknown`` and is not sent again; a timeout that may have delivered is ``unknown`` too. A
message that goes out in parts records each part as it arrives (``parts_sent``): a retry goes
on from the part that failed, never sends part 1 again.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.core.broadcast.pacing import Pacer
from bot.core.delivery import (
    MAX_WAITS,
    RECOVER_EVERY,
    backoff,
    retry_after,
    stale_before,
    verdict,
)
from bot.core.events import Button, Reply
from bot.core.ports import BlockedRecipients, Clock, Parts

log = logging.getLogger(__name__)

FINAL = ("sent", "failed", "blocked", "unknown")
# A finished row (its text with it) is deleted this many days after its last change, at the
# next purge (every 6 hours); a handover case's relays stay while the case is open.
KEEP_FINISHED_DAYS = 2
NEAR = 2.0  # seconds: a retry due this soon is waited for within the same run


@dataclass(frozen=True)
class Envelope:
    key: str  # unique: the same key is queued once
    kind: str  # which feature's hooks hear the result, e.g. "ho.post"
    chat_id: int
    reply: Reply
    ref: int = 0  # what it belongs to, e.g. a handover thread
    origin: int = 0  # the message it answers, e.g. a staff member's reply in the staff chat
    user_id: int | None = None  # whom it is about (deleted with them)
    urgent: bool = False  # a person waits for it: before broadcasts and reminders


@dataclass(frozen=True)
class Queued:
    """An outbox row as the courier sees it."""

    id: int
    kind: str
    ref: int
    origin: int
    user_id: int | None
    chat_id: int
    reply: Reply
    attempts: int
    status: str = "pending"
    message_id: int | None = None
    urgent: bool = False
    parts_sent: int = 0  # parts of a long message that arrived in earlier attempts
    waits: int = 0  # RetryAfter answers so far


class MessageStore(Protocol):
    async def put(self, env: Envelope, payload: str, now: datetime) -> int | None:
        """Insert a pending row; None when the key is already queued."""

    async def recover(self, stale_before: datetime) -> int:
        """Rows left "sending" since before ``stale_before`` (by a process that died) become
        "unknown"; returns how many."""

    async def due(self, now: datetime, limit: int) -> list[Queued]: ...

    async def next_due_at(self) -> datetime | None: ...

    async def claim(self, row_id: int, now: datetime) -> bool: ...

    async def finish(
        self, row_id: int, status: str, now: datetime, message_id: int | None = None
    ) -> None: ...

    async def retry(
        self, row_id: int, at: datetime, count_attempt: bool, count_wait: bool = False
    ) -> None: ...

    async def progress(self, row_id: int, parts_sent: int) -> None:
        """Record that the first ``parts_sent`` parts of a long message arrived."""

    async def depth(self) -> int:
        """Rows not yet finished."""


def dump_reply(reply: Reply) -> str:
    return json.dumps(
        {
            "text": reply.text,
            "buttons": [[[b.label, b.data, b.url] for b in row] for row in reply.buttons],
            "photo": reply.photo,
            "reply_to": reply.reply_to_message_id,
        },
        ensure_ascii=False,
    )


def load_reply(payload: str) -> Reply:
    d = json.loads(payload)
    return Reply(
        d["text"],
        [[Button(*b) for b in row] for row in d.get("buttons", [])],
        photo=d.get("photo"),
        reply_to_message_id=d.get("reply_to"),
    )


# chat, reply, urgent, parts (progress, and every part's id) → the last message id; the courier
# holds the pacer's slot for the first request (``messenger.send(..., slot_taken=True)``)
Send = Callable[[int, Reply, bool, Parts], Awaitable[int]]
SentHook = Callable[[Queued, list[int]], Awaitable[None]]  # the row, every part's message id
FailedHook = Callable[[Queued, str], Awaitable[None]]


class Courier:
    """Drains the message outbox: one task, woken when something is queued."""

    def __init__(
        self,
        store: MessageStore,
        pacer: Pacer,
        clock: Clock,
        send: Send,
        ready: Callable[[], bool] = lambda: True,
        max_attempts: int = 8,
        max_waits: int = MAX_WAITS,
    ):
        """``send(chat, reply, urgent, parts)`` delivers; ``ready()``: whether a channel is up."""
        self.store, self.pacer, self.clock = store, pacer, clock
        self.send, self.ready = send, ready
        self.max_attempts, self.max_waits = max_attempts, max_waits
        self.wake: Callable[[], None] = lambda: None  # set by the wiring: run drain() now
        self.blocked: BlockedRecipients | None = None  # set by the wiring: one handling
        self.sole_process = False  # set by the wiring: no other process uses this database
        self._on_sent: dict[str, SentHook] = {}
        self._on_failed: dict[str, FailedHook] = {}
        self._stopping = False
        self._recovered_at: datetime | None = None
        self._inflight: set[asyncio.Task] = set()

    def hooks(
        self, kind: str, on_sent: SentHook | None = None, on_failed: FailedHook | None = None
    ) -> None:
        if on_sent:
            self._on_sent[kind] = on_sent
        if on_failed:
            self._on_failed[kind] = on_failed

    async def put(self, env: Envelope) -> bool:
        """Queue a message (committed when this returns); False if its key was queued before."""
        row = await self.store.put(env, dump_reply(env.reply), self.clock.now())
        self.wake()
        return row is not None

    # --- lifecycle: the one scheduler runs :meth:`drain` (job "outbox:send") ---------------

    async def recover(self) -> None:
        """At start-up and now and then while draining: rows a crash left "sending" become
        "unknown" (never sent twice), once they are :data:`STALE_CLAIM` old: a younger one may
        be on its way from another process on the same database (:func:`stale_before`)."""
        now = self.clock.now()
        first, self._recovered_at = self._recovered_at is None, now
        if n := await self.store.recover(stale_before(now, first, self.sole_process)):
            log.warning("%d outbox messages were on their way at a stop: marked unknown", n)

    async def stop(self) -> None:
        self._stopping = True
        if self._inflight:
            await asyncio.gather(*self._inflight, return_exceptions=True)

    # --- sending -----------------------------------------------------------------------------

    async def drain(self) -> int:
        """Send every row due now; returns how many were tried."""
        if not self.ready():
            return 0
        if self._recovered_at is None or self.clock.now() - self._recovered_at > RECOVER_EVERY:
            await self.recover()
        tried = 0
        while not self._stopping:
            rows = await self.store.due(self.clock.now(), 100)
            if not rows:
                # A retry due within moments is waited for here, not at the next run.
                at = await self.store.next_due_at()
                wait = (at - self.clock.now()).total_seconds() if at else NEAR + 1
                if wait > NEAR:
                    break
                await asyncio.sleep(max(0.02, wait))
                continue
            for row in rows:
                if self._stopping:
                    break
                tried += 1
                task = asyncio.create_task(self._deliver(row))
                self._inflight.add(task)
                task.add_done_callback(self._inflight.discard)
            if self._inflight:
                await asyncio.gather(*self._inflight, return_exceptions=True)
        return tried

    async def _deliver(self, row: Queued) -> None:
        # The pacer's slot before the claim: a row is "sending" only while its request is on
        # its way, not while it waits its turn (the staff chat's 20 a minute can mean a minute),
        # so a crash costs at most the messages really in flight.
        await self.pacer.acquire(row.chat_id, row.urgent)
        if self._stopping or not await self.store.claim(row.id, self.clock.now()):
            return

        async def saved(done: int) -> None:
            await self.store.progress(row.id, done)

        try:
            parts = Parts(row.parts_sent, saved)
            message_id = await self.send(row.chat_id, row.reply, row.urgent, parts)
        except Exception as exc:
            await self._failed(row, exc)
            return
        await self.store.finish(row.id, "sent", self.clock.now(), message_id)
        if hook := self._on_sent.get(row.kind):
            try:
                await hook(row, parts.ids or [message_id])
            except Exception:
                log.exception("outbox %s: the on-sent hook of %s failed", row.id, row.kind)

    async def _failed(self, row: Queued, exc: Exception) -> None:
        now = self.clock.now()
        match verdict(exc):
            case "wait" if row.waits + 1 < self.max_waits:
                self.pacer.pause(retry_after(exc))
                at = now + timedelta(seconds=retry_after(exc))
                await self.store.retry(row.id, at, count_attempt=False, count_wait=True)
                return
            case "wait":
                self.pacer.pause(retry_after(exc))
                status = "failed"
            case "retry" if row.attempts + 1 < self.max_attempts:
                wait = backoff(row.attempts + 1, timedelta(seconds=0.5), timedelta(minutes=5))
                log.warning(
                    "outbox %s (%s): attempt %d failed: %s", row.id, row.kind, row.attempts + 1, exc
                )
                await self.store.retry(row.id, now + wait, count_attempt=True)
                return
            case "retry":
                status = "failed"
            case "blocked":
                status = "blocked"
            case "unknown":
                status = "unknown"
            case _:
                status = "failed"
                log.error("outbox %s (%s): a bug, not retried", row.id, row.kind, exc_info=exc)
        await self.store.finish(row.id, status, now)
        log.warning("outbox %s (%s) ended %s", row.id, row.kind, status)
        if status == "blocked" and self.blocked is not None:
            await self.blocked.blocked(row.chat_id, now)
        if hook := self._on_failed.get(row.kind):
            try:
                await hook(row, status)
            except Exception:
                log.exception("outbox %s: the on-failed hook of %s failed", row.id, row.kind)
