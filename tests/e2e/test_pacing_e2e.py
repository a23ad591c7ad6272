"""Issue 14.3: with Telegram's limits enforced, every resident gets every reply."""

from __future__ import annotations

import asyncio

from tests.e2e.harness import running


async def test_many_people_writing_at_once_get_every_reply_within_the_limits(
    emulator, db_url, person
):
    async with running(emulator, db_url, broadcast={"chat_burst": 3}):
        await _many_at_once(emulator, person)


async def _many_at_once(emulator, person) -> None:
    emulator.limit_rate(per_second=30, burst=30, per_chat=1, chat_burst=3)
    people = [person(f"P{i}") for i in range(40)]
    for p in people:  # each says /help five times in a row, all at once
        for _ in range(5):
            await emulator.send_text(p.user, "/help")
    await emulator.wait_for(lambda: sum(len(p.messages) for p in people) >= 200, timeout=60)
    await asyncio.sleep(1.5)  # nothing more, and nothing twice
    assert sorted(len(p.messages) for p in people) == [5] * 40
