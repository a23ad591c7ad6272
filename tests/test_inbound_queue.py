"""The inbound update queue on a real database (SQLite, and PostgreSQL with TEST_DATABASE_URL):
the store's dedupe, per-person order and leases, and the worker of two "processes" (two queues,
two engines) sharing one database."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core.inbound import Arrived, InboundQueue
from bot.storage.db import create_engine, session_factory
from bot.storage.inbound import SqlInboundStore
from bot.storage.models_inbound import InboundUpdate
from tests.dbsupport import database_with_users

NOW = datetime.now(UTC)


def arrived(update_id: int, key: int | None) -> Arrived:
    return Arrived(update_id, key, json.dumps({"update_id": update_id, "key": key}))


async def rows(sessions) -> dict[int, tuple]:
    async with sessions() as s:
        found = (await s.scalars(select(InboundUpdate))).all()
    return {r.update_id: (r.state, r.chat_key, r.payload is not None) for r in found}


async def test_a_redelivered_update_is_stored_once_and_not_taken_again_once_done(db_url):
    engine, sessions = await database_with_users(db_url, [])
    store = SqlInboundStore(sessions)
    assert await store.put([arrived(7, 1), arrived(8, 1)], NOW) == 2
    assert await store.put([arrived(7, 1), arrived(9, 2)], NOW) == 1  # 7 again: ignored
    assert [c.update_id for c in await store.claim("a", 10, NOW, NOW + timedelta(seconds=60))] == [
        7,
        9,
    ]
    await store.done(7)
    assert await store.put([arrived(7, 1)], NOW) == 0  # redelivered after it was handled
    assert [c.update_id for c in await store.claim("a", 10, NOW, NOW + timedelta(seconds=60))] == [
        8
    ]
    # Handled: only the id and its state are kept (no JSON, no person).
    assert (await rows(sessions))[7] == ("done", None, False)
    assert await store.purge(NOW + timedelta(days=1)) == 1  # the housekeeping's retention
    assert set(await rows(sessions)) == {8, 9}
    await engine.dispose()


async def test_one_persons_updates_are_taken_one_at_a_time_in_order(db_url):
    engine, sessions = await database_with_users(db_url, [])
    store = SqlInboundStore(sessions)
    until = NOW + timedelta(seconds=60)
    await store.put([arrived(5, 100), arrived(3, 100), arrived(4, 200), arrived(6, None)], NOW)
    await store.put([arrived(8, None), arrived(9, 100)], NOW)
    first = await store.claim("a", 10, NOW, until)
    assert [(c.update_id, c.attempts) for c in first] == [(3, 1), (4, 1), (6, 1), (8, 1)]
    assert json.loads(first[0].payload or "") == {"update_id": 3, "key": 100}
    assert await store.claim("b", 10, NOW, until) == []  # 5 waits for 3, 9 for 5
    await store.done(4)
    assert await store.claim("b", 10, NOW, until) == []
    await store.done(3)
    assert [c.update_id for c in await store.claim("b", 10, NOW, until)] == [5]
    await store.done(5)
    assert [c.update_id for c in await store.claim("a", 1, NOW, until)] == [9]
    await engine.dispose()


async def test_an_expired_lease_is_taken_over_by_another_owner(db_url):
    engine, sessions = await database_with_users(db_url, [])
    store = SqlInboundStore(sessions)
    await store.put([arrived(1, 100), arrived(2, 100)], NOW)
    [mine] = await store.claim("a", 10, NOW, NOW + timedelta(seconds=60))
    assert mine.update_id == 1
    # Within the lease nobody else takes it (nor the next update of that person).
    assert await store.claim("b", 10, NOW + timedelta(seconds=59), NOW) == []
    # "a" died: once the lease ran out, "b" handles it again (at least once).
    later = NOW + timedelta(seconds=61)
    [taken] = await store.claim("b", 10, later, later + timedelta(seconds=60))
    assert (taken.update_id, taken.attempts) == (1, 2)
    assert await store.claim("a", 10, later, later + timedelta(seconds=60)) == []
    assert await store.renew("b", later + timedelta(seconds=120)) == 1
    assert await store.claim("a", 10, later + timedelta(seconds=100), later) == []  # renewed
    assert await store.release("b") == 1  # a stop that did not finish: back to the queue
    [again] = await store.claim("a", 10, later, later + timedelta(seconds=60))
    assert (again.update_id, again.attempts) == (1, 3)
    await engine.dispose()


async def test_two_workers_on_one_database_handle_each_update_once_in_order_per_person(db_url):
    engine, _ = await database_with_users(db_url, [])
    second = create_engine(db_url)  # another process's own connections
    handled: list[tuple[str, int, int]] = []
    running: set[int] = set()
    overlap: list[int] = []
    all_handled = asyncio.Event()

    def handler(owner: str):
        async def handle(payload: str) -> None:
            data = json.loads(payload)
            if data["key"] in running:
                overlap.append(data["update_id"])
            running.add(data["key"])
            await asyncio.sleep(0.01)
            handled.append((owner, data["key"], data["update_id"]))
            running.discard(data["key"])
            if len(handled) == 60:
                all_handled.set()

        return handle

    queues = [
        InboundQueue(SqlInboundStore(session_factory(e)), handler(name), name, 4)
        for name, e in (("a", engine), ("b", second))
    ]
    for q in queues:
        await q.start()
    try:
        # Three people and updates without a person, stored through either process in turn.
        for i in range(1, 61):
            await queues[i % 2].put([arrived(i, (i % 3) or None)])
        await asyncio.wait_for(all_handled.wait(), 30)
    finally:
        for q in queues:
            await q.stop()
    ids = [u for _, _, u in handled]
    assert sorted(ids) == list(range(1, 61))  # each once
    for key in (1, 2):
        mine = [u for _, k, u in handled if k == key]
        assert mine == sorted(mine)  # in order, wherever stored
    assert not [u for u in overlap if (u % 3)]  # never two of one person at once
    assert {owner for owner, _, _ in handled} == {"a", "b"}  # both took a share
    await second.dispose()
    await engine.dispose()


async def test_an_update_a_dead_worker_held_is_handled_by_the_next_once_its_lease_ran_out(
    db_url,
):
    engine, sessions = await database_with_users(db_url, [])
    store = SqlInboundStore(sessions)
    stuck = asyncio.Event()
    seen: list[tuple[str, int]] = []
    both = asyncio.Event()

    async def hangs(payload: str) -> None:
        seen.append(("a", json.loads(payload)["update_id"]))
        stuck.set()
        await asyncio.Event().wait()  # the process dies here

    async def works(payload: str) -> None:
        seen.append(("b", json.loads(payload)["update_id"]))
        if len(seen) == 3:
            both.set()

    lease = timedelta(seconds=1)
    a = InboundQueue(store, hangs, "a", 1, lease=lease, poll_seconds=0.1)
    await a.start()
    await a.put([arrived(1, 100), arrived(2, 100)])
    await asyncio.wait_for(stuck.wait(), 10)
    assert a._task is not None
    for task in [a._task, *a._inflight]:  # killed: no release, no done
        task.cancel()
    b = InboundQueue(store, works, "b", 1, lease=lease, poll_seconds=0.1)
    await b.start()
    try:
        await asyncio.wait_for(both.wait(), 10)
    finally:
        await b.stop()
    assert seen == [("a", 1), ("b", 1), ("b", 2)]
    assert await store.waiting() == 0
    await engine.dispose()
