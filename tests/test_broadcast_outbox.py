"""The broadcast outbox on a real database, drained by the real sender with a scripted channel,
and the pacer with a controlled clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.app import build_runtime
from bot.config import Config
from bot.core.broadcast.pacing import Pacer, instance_rate
from bot.core.broadcast.records import OutboxItem, Tip
from bot.core.broadcast.sender import OutboxSender
from bot.core.delivery import STALE_CLAIM
from bot.core.events import Reply
from bot.core.ports import RecipientBlocked, RetryLater, TransientError
from bot.storage.broadcasts import BroadcastStore
from bot.storage.models_tips import TipSubscription
from tests.dbsupport import database_with_users

STAFF = 42
TODAY = date(2026, 12, 1)


async def outbox(db_url: str, ids: list[int]) -> tuple[BroadcastStore, int, object]:
    """A running broadcast to ``ids``."""
    engine, sessions = await database_with_users(db_url, ids)
    now = datetime.now(UTC)
    async with sessions() as s:
        s.add_all([TipSubscription(user_id=i, created_at=now) for i in ids])
        await s.commit()
    store = BroadcastStore(sessions)
    draft = await store.new_draft(STAFF)
    await store.set_content(draft, "Ledig hybel", None)
    assert await store.queue(draft, STAFF, "all", TODAY, None) == len(ids)
    return store, draft, engine


def render(tip: Tip, item: OutboxItem) -> Reply:
    return Reply(tip.text)


async def no_report(info) -> None:
    return None


class Channel:
    """A scripted channel: ``script[chat]`` lists what each successive send to it does."""

    def __init__(self, script: dict[int, list[Exception | None]]):
        self.script = script
        self.delivered: list[int] = []

    async def send(self, chat_id: int, reply: Reply, parts: object = None) -> int:
        steps = self.script.get(chat_id, [])
        if steps and (err := steps.pop(0)) is not None:
            raise err
        self.delivered.append(chat_id)
        return len(self.delivered)


async def drain_until_done(sender: OutboxSender, store: BroadcastStore, broadcast: int) -> None:
    for _ in range(50):
        await sender.drain()
        info = await store.info(broadcast)
        if info is not None and info.report.finished:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the outbox did not drain")


async def test_sender_delivers_once_marks_blocked_retries_and_gives_up(db_url, monkeypatch):
    monkeypatch.setattr("bot.core.broadcast.sender.backoff", lambda attempts: timedelta(0))
    ids = list(range(100, 110))
    store, broadcast, engine = await outbox(db_url, ids)
    channel = Channel(
        {
            101: [RecipientBlocked("blocked")],
            102: [TransientError("500"), None],
            103: [TransientError("500")] * 5,
            104: [RetryLater(0.01), None],
        }
    )
    sender = OutboxSender(
        store, channel.send, render, Pacer(1000, per_chat=0), no_report, max_attempts=3
    )
    await drain_until_done(sender, store, broadcast)
    report = (await store.info(broadcast)).report
    assert sorted(channel.delivered) == [i for i in ids if i not in (101, 103)]
    assert (report.sent, report.blocked, report.failed, report.pending) == (8, 1, 1, 0)
    assert len(channel.script[103]) == 2  # three attempts, then "failed"
    # The person who blocked the bot is left out of the next tip's audience.
    assert (await store.audience_sizes(TODAY))["all"] == 9
    await engine.dispose()


async def test_rows_on_their_way_at_a_crash_are_unknown_and_never_resent(db_url):
    ids = list(range(200, 205))
    store, broadcast, engine = await outbox(db_url, ids)
    first, second = (await store.due(datetime.now(UTC), 0, 10))[:2]
    now = datetime.now(UTC)
    assert await store.claim(first.id, now - 2 * STALE_CLAIM)  # then the process dies
    assert await store.claim(second.id, now)  # another process is sending this one right now
    assert await store.recover(now - STALE_CLAIM) == 1  # only the stale claim is reset
    await store.finish(second.id, "sent", now)
    channel = Channel({})
    sender = OutboxSender(store, channel.send, render, Pacer(1000, per_chat=0), no_report)
    await drain_until_done(sender, store, broadcast)
    report = (await store.info(broadcast)).report
    assert first.user_id not in channel.delivered and second.user_id not in channel.delivered
    assert len(channel.delivered) == 3
    assert (report.sent, report.unknown, report.pending) == (4, 1, 0)
    await engine.dispose()


async def test_a_cancelled_broadcast_sends_no_more(db_url):
    ids = list(range(300, 320))
    store, broadcast, engine = await outbox(db_url, ids)
    assert await store.cancel(broadcast)
    assert not await store.cancel(broadcast)  # pressed twice
    channel = Channel({})
    sender = OutboxSender(store, channel.send, render, Pacer(1000, per_chat=0), no_report)
    await sender.drain()
    report = (await store.info(broadcast)).report
    assert channel.delivered == [] and report.cancelled == 20
    await engine.dispose()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def test_pacer_spaces_sends_keeps_one_a_second_per_chat_and_pauses():
    clock = Clock()
    pacer = Pacer(30, per_chat=1.0, chat_burst=1, clock=clock, sleep=clock.sleep)
    times = []
    for chat in range(60):
        await pacer.acquire(chat)
        times.append(clock.now)
    assert abs((times[-1] - times[0]) - 59 / 30) < 1e-9  # 30 a second, no burst
    await pacer.acquire(7)
    again = clock.now
    await pacer.acquire(7)
    assert clock.now - again >= 1.0  # one a second to the same chat
    pacer.pause(5)
    paused_at = clock.now
    await pacer.acquire(1000)
    assert clock.now - paused_at >= 5  # nothing during a RetryAfter pause


async def test_a_reply_takes_the_next_slot_before_a_queue_of_broadcast_sends():
    """Issue 14.3: a resident waiting for an answer never waits behind a broadcast."""
    import asyncio

    class YieldingClock(Clock):
        async def sleep(self, seconds: float) -> None:
            self.now += seconds
            await asyncio.sleep(0)

    clock = YieldingClock()
    pacer = Pacer(30, per_chat=1.0, clock=clock, sleep=clock.sleep)
    order: list[str] = []

    async def send(name: str, chat: int, urgent: bool) -> None:
        await pacer.acquire(chat, urgent=urgent)
        order.append(name)

    tips = [asyncio.create_task(send(f"tip{i}", 100 + i, False)) for i in range(20)]
    for _ in range(3):
        await asyncio.sleep(0)  # the tips are queued for slots
    before = len(order)
    reply = asyncio.create_task(send("reply", 5, True))
    await asyncio.gather(reply, *tips)
    assert before < 20  # tips were still waiting when the reply came
    assert order.index("reply") <= before + 1  # only a tip already holding a slot goes first
    assert len(order) == 21


async def test_a_sender_asking_again_at_once_does_not_overtake_one_that_waits():
    """Issue 14.3: a reminder waiting for a slot is served before a broadcast that asks for its
    next slot right after the last one (the sweep was starved during a broadcast)."""
    import asyncio

    class YieldingClock(Clock):
        async def sleep(self, seconds: float) -> None:
            self.now += seconds
            await asyncio.sleep(0)

    clock = YieldingClock()
    pacer = Pacer(30, per_chat=0, clock=clock, sleep=clock.sleep)
    order: list[str] = []

    async def broadcast() -> None:
        for i in range(10):
            await pacer.acquire(100 + i)
            order.append("tip")

    async def reminders() -> None:
        await asyncio.sleep(0)
        for i in range(3):
            await pacer.acquire(500 + i)
            order.append("reminder")

    await asyncio.gather(broadcast(), reminders())
    assert order.count("reminder") == 3
    last_reminder = max(i for i, name in enumerate(order) if name == "reminder")
    assert last_reminder < 8  # the reminders took turns with the tips, not waited for all ten


async def test_a_group_gets_at_most_twenty_messages_a_minute():
    clock = Clock()
    pacer = Pacer(30, per_chat=1.0, per_group=3.0, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(45):
        await pacer.acquire(-100)
        times.append(clock.now)
    assert times[4] - times[0] < 1  # a few notices at once go out at once
    assert all(later - times[i] >= 60 - 1e-9 for i, later in enumerate(times[20:]))  # 20 a min


async def test_a_private_chat_may_have_a_short_burst_then_one_a_second():
    clock = Clock()
    pacer = Pacer(30, per_chat=1.0, chat_burst=3, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(6):
        await pacer.acquire(7)
        times.append(clock.now)
    assert times[2] - times[0] < 0.1  # a reply in three parts goes out at once
    assert times[3] - times[0] >= 0.9 and times[5] - times[3] >= 1.9  # then one a second


async def test_instances_of_one_bot_share_the_overall_rate_not_the_per_chat_one(tmp_path):
    """``[bot] instances = 2``: each process sends at half the overall rate, so the two
    together keep Telegram's limit for the bot; one chat's limit stays whole (a person's
    updates are handled by one instance at a time)."""
    assert instance_rate(30, 2) == 15 and instance_rate(30, 1) == 30
    sends: list[float] = []
    for _ in range(2):  # two processes, each with its own pacer and clock, from the same instant
        clock = Clock()
        pacer = Pacer(instance_rate(30, 2), per_chat=1.0, chat_burst=1, clock=clock, sleep=clock.sleep)  # fmt: skip
        for chat in range(60):
            await pacer.acquire(chat, urgent=True)
            sends.append(clock.now)
        await pacer.acquire(7)
        start = clock.now
        await pacer.acquire(7)
        assert clock.now - start == pytest.approx(1.0)  # a chat: one a second, as with one
    sends.sort()
    busiest = max(sum(1 for t in sends if s <= t < s + 1 - 1e-9) for s in sends)
    assert busiest <= 30  # together within the overall limit (each alone at 30: 60)

    # `boligbot run` builds its pacer with its share.
    cfg = Config.model_validate(
        {
            "database": {"url": f"sqlite+aiosqlite:///{tmp_path}/bot.db"},
            "faq": {"embedder": "none"},
            "bot": {"instances": 2},
            "broadcast": {"rate_per_second": 30},
        }
    )
    runtime = await build_runtime(cfg)
    try:
        assert runtime.assistant.pacer.interval == pytest.approx(1 / 15)
        assert runtime.assistant.pacer.per_chat == 1.0
    finally:
        await runtime.close()
