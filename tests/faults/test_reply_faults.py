"""Issue 17.5: replies under Telegram's limits, through the one shared pacer."""

from __future__ import annotations

import asyncio

from tests.e2e.emulator import ApiError
from tests.e2e.harness import running

APOLOGY = "Beklager"
QUESTION = "Hva er startlån?"


async def test_a_hundred_residents_asking_at_once_all_get_their_answer(emulator, db_url, person):
    async with running(emulator, db_url, broadcast={"chat_burst": 3}):
        emulator.limit_rate(per_second=30, burst=30, per_chat=1, chat_burst=3)
        people = [person(f"P{i}") for i in range(100)]
        await asyncio.gather(*(emulator.send_text(p.user, QUESTION) for p in people))
        await emulator.wait_for(lambda: all(p.messages for p in people), timeout=60)
        await asyncio.sleep(1.0)
        assert all("startlån" in p.messages[0].text.lower() for p in people)
        assert not any(m.text.startswith(APOLOGY) for p in people for m in p.messages)


async def test_two_429s_in_a_row_are_waited_out_not_apologised_for(bot, person, emulator):
    kari = person("Kari")
    limited = [
        ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1}),
        ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1}),
    ]
    emulator.fault = lambda method, p: (
        limited.pop(0)
        if method == "sendMessage" and p.get("chat_id") == kari.id and limited
        else None
    )
    [answer] = await kari.say(QUESTION)
    assert limited == []
    assert "startlån" in answer.text.lower() and not answer.text.startswith(APOLOGY)


async def test_a_server_error_on_a_reply_is_sent_again_not_apologised_for(bot, person, emulator):
    """bench_faults found FAQ answers lost to a 500/502: the reply did not arrive, so it is
    sent again; a refused request (400) is not."""
    kari = person("Kari")
    failures = [ApiError(502, "Bad Gateway"), ApiError(500, "Internal Server Error")]
    emulator.fault = lambda method, p: (
        failures.pop(0)
        if method == "sendMessage" and p.get("chat_id") == kari.id and failures
        else None
    )
    [answer] = await kari.say(QUESTION)
    assert failures == []
    assert "startlån" in answer.text.lower() and not answer.text.startswith(APOLOGY)
    await kari.replies(allow_none=True, settle=0.5)
    assert len(kari.messages) == 1  # once
