"""The inbound update queue end to end: an update stored but not handled when the process died
is handled after the restart, once; two bot instances on one database behind a round-robin
proxy answer each update once, and one person's steps in order, wherever they arrived."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
from datetime import timedelta

from bot.core.events import Outcome, Reply
from bot.core.feature import Feature
from bot.core.inbound import Arrived
from bot.storage.db import create_engine, session_factory
from bot.storage.inbound import SqlInboundStore
from bot.storage.migrate import upgrade
from bot.storage.types import utcnow
from tests.e2e.harness import BotUnderTest, make_config, running


async def test_an_update_stored_but_not_handled_before_a_restart_is_handled_after_it_once(
    emulator, db_url, person
):
    kari = person("Kari")
    # A process took Kari's /start, stored it, began to handle it and was killed: the row is
    # leased by a process that no longer runs, and Telegram, never told, sends it again.
    update = await emulator.send_text(kari.user, "/start")
    engine = create_engine(db_url)
    await upgrade(engine)
    store = SqlInboundStore(session_factory(engine))
    await store.put([Arrived(update["update_id"], kari.id, json.dumps(update))], utcnow())
    dead = utcnow() - timedelta(minutes=2)
    [taken] = await store.claim("dead-process", 1, dead, dead + timedelta(seconds=60))
    assert taken.update_id == update["update_id"]

    async with running(emulator, db_url) as b:
        [hello] = await kari.replies()
        assert hello.text.startswith("Hei, Kari")
        await kari.replies(allow_none=True, settle=1.0)  # a second handling would answer here
        assert len(kari.messages) == 1
        await b.restart()  # and again after another restart: nothing is handled twice
        [menu] = await kari.say("/start")
        assert menu.text.startswith("Hei, Kari")
        await kari.replies(allow_none=True, settle=1.0)
        assert len(kari.messages) == 2
    assert await store.waiting() == 0
    await engine.dispose()


class Steps(Feature):
    """``/step N``: answers "step N" after a short random pause, and notes who handled it."""

    name = "steps"

    def __init__(self, instance: str, seen: list[tuple[str, int, int]]):
        self.instance, self.seen = instance, seen

    def commands(self):  # type: ignore[no-untyped-def]
        return {"step": self.step}

    async def step(self, ctx):  # type: ignore[no-untyped-def]
        await asyncio.sleep(random.uniform(0, 0.03))
        self.seen.append((self.instance, ctx.user_id, int(ctx.arg)))
        return Outcome([Reply(f"step {ctx.arg}")])


async def test_two_instances_behind_one_proxy_answer_each_update_once_and_in_order(
    emulator, db_url, person
):
    cfg = make_config(emulator, db_url, bot={"admin_ids": [42], "staff_chat_id": -100})
    seen: list[tuple[str, int, int]] = []
    bots = [BotUnderTest(cfg, [Steps(name, seen)], webhook=True) for name in ("a", "b")]
    for b in bots:
        await b.start()
    turn = itertools.cycle(bots)

    async def proxy(update: dict) -> bool:  # a round-robin proxy in front of the two
        bot = next(turn)
        assert bot.channel is not None
        return await bot.channel.receive(update)

    emulator.deliver = proxy
    try:
        # Three people each send ten steps at once: half go to each instance.
        people = [person(name) for name in ("Kari", "Ola", "Siri")]
        for i in range(10):
            for p in people:
                await emulator.send_text(p.user, f"/step {i}")
        for p in people:
            await emulator.wait_for(lambda p=p: len(p.messages) >= 10, timeout=20)
        await asyncio.sleep(0.5)  # a second handling of any step would answer here
        for p in people:
            assert [m.text for m in p.messages] == [f"step {i}" for i in range(10)]
            assert [n for _, uid, n in seen if uid == p.id] == list(range(10))
            p.seen = len(p.messages)
        assert {instance for instance, _, _ in seen} == {"a", "b"}

        # A screening dialog, its steps alternating between the instances: the progress one
        # stored is what the other reads.
        kari = people[0]
        [menu] = await kari.say("/start")
        [question] = await kari.press("Midlertidig bolig", menu)
        [following] = await kari.press(question.labels()[0], question)
        assert following.text != question.text
        if db_url.startswith("postgresql"):  # several processes share PostgreSQL, not SQLite
            # Asking for a person on one instance, writing on the other: the second finds the
            # open case (no per-process cache of who has one on a shared database).
            [menu] = await kari.say("/start")
            await kari.press("Snakk med en ansatt", menu)
            [sent] = await kari.say("Kan noen ringe meg?")
            assert "✅" in sent.text
    finally:
        emulator.deliver = None
        for b in bots:
            await b.stop()
