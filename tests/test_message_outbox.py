"""The message outbox on a real database, drained by the real courier and pacer with a scripted
channel."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime

from bot.core.broadcast.pacing import Pacer
from bot.core.delivery import STALE_CLAIM
from bot.core.events import Reply
from bot.core.jobs import SystemClock
from bot.core.outbox import Courier, Envelope
from bot.storage.outbox import SqlMessageStore
from tests.dbsupport import database_with_users

GROUP = -100  # the staff chat: a group, 20 sends a minute in production


async def test_a_message_waiting_for_its_turn_is_still_pending_not_sending(db_url):
    """A row is "sending" only while its request is on its way. A post that waits for the staff
    chat's pace is still "pending", so a crash then costs nothing: it is sent after the restart
    (a "sending" row would become "unknown" and never be sent)."""
    engine, sessions = await database_with_users(db_url, [1])
    store = SqlMessageStore(sessions)
    pacer = Pacer(rate=1000, per_group=30.0, group_window=60.0)  # two sends a minute per group
    sent: list[str] = []
    two_sent = asyncio.Event()

    async def send(chat_id: int, reply: Reply, urgent: bool, parts: list[int]) -> int:
        sent.append(reply.text)
        if len(sent) == 2:
            two_sent.set()
        return len(sent)

    courier = Courier(store, pacer, SystemClock(), send)
    for i in range(3):
        await courier.put(Envelope(f"note:{i}", "note", GROUP, Reply(f"post {i}"), user_id=1))
    drain = asyncio.create_task(courier.drain())
    try:
        await asyncio.wait_for(two_sent.wait(), 5)
        await asyncio.sleep(0.2)  # the third has had time to be claimed, were it claimed early
        assert len(sent) == 2
        assert await store.counts() == {"sent": 2, "pending": 1}
    finally:
        drain.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await drain
        await engine.dispose()


async def test_a_start_resets_only_claims_a_dead_process_left_not_another_process_s_send(db_url):
    """Two processes on one database: at start, a "sending" row is "unknown" only once its
    claim is older than any send takes; a younger one is another process's send on its way."""
    engine, sessions = await database_with_users(db_url, [1])
    store = SqlMessageStore(sessions)
    now = datetime.now(UTC)
    old, fresh = [
        await store.put(Envelope(f"note:{i}", "note", GROUP, Reply(f"post {i}")), "{}", now)
        for i in range(2)
    ]
    assert old is not None and fresh is not None
    assert await store.claim(old, now - 2 * STALE_CLAIM)  # its process died long ago
    assert await store.claim(fresh, now)  # another process is sending it now
    courier = Courier(store, Pacer(1000), SystemClock(), lambda *a: asyncio.sleep(0, 1))
    await courier.recover()
    assert await store.counts() == {"unknown": 1, "sending": 1}
    await engine.dispose()


async def test_a_start_on_a_database_of_its_own_resets_every_claim_then_only_stale_ones(db_url):
    """SQLite (one process): at start nothing else can be sending, so every "sending" row a kill
    left is "unknown" at once; later recoveries (while draining) touch only stale claims."""
    engine, sessions = await database_with_users(db_url, [1])
    store = SqlMessageStore(sessions)
    now = datetime.now(UTC)
    rows = [
        await store.put(Envelope(f"note:{i}", "note", GROUP, Reply(f"post {i}")), "{}", now)
        for i in range(2)
    ]
    assert rows[0] is not None and rows[1] is not None
    assert await store.claim(rows[0], now)  # on its way when the bot was killed, seconds ago
    courier = Courier(store, Pacer(1000), SystemClock(), lambda *a: asyncio.sleep(0, 1))
    courier.sole_process = True
    await courier.recover()
    assert await store.counts() == {"unknown": 1, "pending": 1}
    assert await store.claim(rows[1], datetime.now(UTC))  # this process sends it now
    await courier.recover()
    assert await store.counts() == {"unknown": 1, "sending": 1}  # left alone
    await engine.dispose()
