"""The inbound update queue: updates are stored first, then handled from the store.

A channel stores each update (:meth:`InboundQueue.put`) before it tells the sender that it
arrived (the next ``getUpdates`` offset, or the webhook's 200), so a process that dies loses
nothing it had taken. Workers in any number of processes on one database take stored updates
with a lease: the next update of a person (or chat) is taken only when every earlier one of
theirs is done, so one person's updates are handled one after another, in update order, by
whichever process; different people's run concurrently (``concurrency`` at a time per
process).

Handling is **at least once**: an update is marked done after its handler returned. A process
that dies while handling leaves a lease that expires (``lease``), and the update is handled
again by another process or after the restart; a handler that runs longer than the lease keeps
it renewed while its process lives. An update taken ``max_attempts`` times without being done
(it kills every process that tries it) is given up. A redelivered update (the same id) is
stored once, hence handled once.

Leases use the wall clock, not the injected assistant clock: they are compared between
processes, and tests move their clock to any date. Processes' clocks must agree to within
seconds (NTP); the lease is a minute.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
POLL_SECONDS = 0.5  # how often the store is asked for updates another process stored
MAX_ATTEMPTS = 5
KEEP_DONE = timedelta(days=1)  # a done update's id is kept this long: a redelivery is ignored


@dataclass(frozen=True)
class Arrived:
    """One update as received: its id, the person or chat it belongs to, its JSON."""

    update_id: int
    chat_key: int | None
    payload: str


@dataclass(frozen=True)
class Claimed:
    update_id: int
    payload: str | None
    attempts: int  # times taken, this one included


class InboundStore(Protocol):
    async def put(self, updates: Sequence[Arrived], now: datetime) -> int:
        """Store these updates (committed on return); an id stored before is ignored.
        Returns how many were new."""

    async def claim(self, owner: str, limit: int, now: datetime, until: datetime) -> list[Claimed]:
        """Lease up to ``limit`` updates that are next of their person and not leased (or
        whose lease ran out before ``now``), lowest id first."""

    async def done(self, update_id: int) -> None:
        """Handled: drop the payload and the person, keep the id (a redelivery is ignored)."""

    async def renew(self, owner: str, until: datetime) -> int: ...

    async def release(self, owner: str) -> int:
        """Leases ``owner`` still holds (a stop that did not finish) go back to the queue."""


def wall_clock() -> datetime:
    return datetime.now(UTC)


class InboundQueue:
    def __init__(
        self,
        store: InboundStore,
        handle: Callable[[str], Awaitable[None]],
        owner: str,
        concurrency: int,
        *,
        lease: timedelta = LEASE,
        poll_seconds: float = POLL_SECONDS,
        max_attempts: int = MAX_ATTEMPTS,
        now: Callable[[], datetime] = wall_clock,
    ):
        self.store, self.handle, self.owner = store, handle, owner
        self.concurrency = max(1, concurrency)
        self.lease, self.poll_seconds, self.max_attempts = lease, poll_seconds, max_attempts
        self.now = now
        self._wake = asyncio.Event()
        self._inflight: set[asyncio.Task] = set()
        self._task: asyncio.Task | None = None
        self._stopping = False
        self._renewed = now()

    async def put(self, updates: Sequence[Arrived]) -> int:
        """Store updates (committed when this returns) and wake the worker."""
        if not updates:
            return 0
        new = await self.store.put(updates, self.now())
        self.wake()
        return new

    def wake(self) -> None:
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="inbound-worker")

    async def stop(self) -> None:
        """Take no more updates; those being handled finish and are marked done."""
        self._stopping = True
        self.wake()
        if self._task is not None:
            await self._task
            self._task = None
        try:
            if self._inflight:
                await asyncio.gather(*self._inflight, return_exceptions=True)
        finally:
            with contextlib.suppress(Exception):
                await self.store.release(self.owner)

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            free = self.concurrency - len(self._inflight)
            if free > 0:
                now = self.now()
                try:
                    claimed = await self.store.claim(self.owner, free, now, now + self.lease)
                except Exception:
                    log.exception("inbound queue: could not take updates; trying again")
                    claimed = []
                for item in claimed:
                    task = asyncio.create_task(self._handle_one(item))
                    self._inflight.add(task)
            await self._renew_leases()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    async def _renew_leases(self) -> None:
        now = self.now()
        if not self._inflight or now - self._renewed < self.lease / 3:
            return
        self._renewed = now
        try:
            await self.store.renew(self.owner, now + self.lease)
        except Exception:
            log.exception("inbound queue: could not renew leases")

    async def _handle_one(self, item: Claimed) -> None:
        task = asyncio.current_task()
        try:
            if item.payload is None:
                pass  # done by another process meanwhile
            elif item.attempts > self.max_attempts:
                log.error(
                    "update %s was taken %d times without being handled; given up",
                    item.update_id,
                    item.attempts - 1,
                )
            else:
                try:
                    await self.handle(item.payload)
                except Exception:  # the channel's own error handling let it through
                    log.exception("update %s could not be handled", item.update_id)
            try:
                await self.store.done(item.update_id)
            except Exception:
                log.exception(
                    "update %s was handled but not marked done: it is handled again once its "
                    "lease runs out",
                    item.update_id,
                )
        finally:
            if task is not None:
                self._inflight.discard(task)
            self.wake()  # a slot is free, and this person's next update may be taken
