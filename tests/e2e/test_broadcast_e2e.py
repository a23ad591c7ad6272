"""Tip broadcasts end to end: staff compose and send through the real bot; the emulator answers
some sends with 429, 403 and 500; every subscriber gets the tip once, or is counted."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

import pytest

from bot.storage.db import create_engine, session_factory
from bot.storage.models import User
from bot.storage.models_tips import TipSubscription
from tests.e2e.emulator import ApiError
from tests.e2e.harness import Person, running

ADMIN = 42
STAFF_CHAT = -100
HEADING = "Tips om ledig bolig"


async def add_subscribers(db_url: str, ids: list[int], language: str = "nb") -> None:
    """Subscribers written straight to the database: hundreds of /start would only slow the
    test; subscribing through the menu is tested below."""
    engine = create_engine(db_url)
    now = datetime.now(UTC)
    async with session_factory(engine)() as s:
        s.add_all([User(id=i, language=language, first_seen=now, last_seen=now) for i in ids])
        await s.flush()
        s.add_all([TipSubscription(user_id=i, created_at=now) for i in ids])
        await s.commit()
    await engine.dispose()


def tips_received(emulator, chat_id: int) -> list:
    return [m for m in emulator.chats.get(chat_id, []) if HEADING in m.text]


def report(emulator):
    """The progress message in the staff chat (edited into the final report)."""
    posts = [m for m in emulator.chats.get(STAFF_CHAT, []) if "Tips " in m.text]
    return posts[-1] if posts else None


async def compose(admin: Person, text: str, audience: str = "Alle som abonnerer") -> list:
    await admin.say("/tips")
    preview = await admin.say(text)
    assert any(HEADING in m.text for m in preview), "the preview shows the tip as sent"
    await admin.press(audience)
    await admin.press("Send til")  # the confirmation is edited into "started"
    return admin.messages


async def wait_report_done(emulator, timeout: float = 60):
    await emulator.wait_for(
        lambda: (r := report(emulator)) and ("ferdig sendt" in r.text or "stoppet" in r.text),
        timeout,
    )
    return report(emulator)


def staff_bot(emulator, db_url, **broadcast):
    return running(
        emulator,
        db_url,
        bot={"admin_ids": [ADMIN], "staff_chat_id": STAFF_CHAT},
        broadcast=broadcast,
    )


@pytest.fixture
async def fast_bot(emulator, db_url):
    async with staff_bot(
        emulator, db_url, rate_per_second=300, max_attempts=3, progress_every_seconds=0.5
    ) as b:
        yield b


async def test_broadcast_to_hundreds_with_429_403_and_500(fast_bot, emulator, db_url):
    ids = list(range(5000, 5300))
    await add_subscribers(db_url, ids)
    blocked = set(ids[10:20])
    broken = {ids[30]}  # always 500: fails after max_attempts
    flaky = set(ids[40:60])  # 500 once, then fine
    limited = set(ids[100:110])  # 429 once, then fine
    emulator.blocked |= blocked
    seen: Counter[int] = Counter()

    def fault(method: str, params: dict) -> ApiError | None:
        if method != "sendMessage":
            return None
        chat = int(params["chat_id"])
        seen[chat] += 1
        if chat in broken:
            return ApiError(500, "Internal Server Error")
        if chat in flaky and seen[chat] == 1:
            return ApiError(500, "Internal Server Error")
        if chat in limited and seen[chat] == 1:
            return ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        return None

    emulator.fault = fault
    admin = Person(emulator, ADMIN, "Anne", "nb")
    started = await compose(admin, "2-roms leilighet ledig i Storgata, 9 000 kr i måneden & strøm")
    assert any("300 personer" in m.text for m in started)

    final = await wait_report_done(emulator)
    counts = {chat: len(tips_received(emulator, chat)) for chat in ids}
    expected = set(ids) - blocked - broken
    assert all(counts[c] == 1 for c in expected), "every reachable subscriber got it once"
    assert all(counts[c] == 0 for c in blocked | broken)
    assert seen[ids[30]] == 3  # retried up to max_attempts
    assert "levert 289" in final.text and "blokkert 10" in final.text and "feilet 1" in final.text
    tip = tips_received(emulator, ids[0])[0]
    assert "måneden &amp; strøm" in tip.text  # escaped once for HTML: the phone shows "&"
    assert any("Ikke send flere tips" in label for label in tip.labels())

    # Those who blocked the bot are marked: the next tip's audience leaves them out.
    await admin.say("/tips")
    await admin.say("Nytt tips")
    audience = [m for m in admin.messages if "Hvem skal få det" in m.text][-1]
    assert any("Alle som abonnerer (290)" in label for label in audience.labels())


async def test_subscribe_unsubscribe_and_no_tip_twice_after_restart(fast_bot, emulator, person):
    kari = person("Kari")
    await kari.say("/start")
    await kari.press("Tips om ledige boliger")
    await kari.press("Ja, send meg tips")
    data = await kari.say("/mine_data")
    assert any("tips om ledige boliger" in m.text.lower() for m in data)

    admin = Person(emulator, ADMIN, "Anne", "nb")
    await compose(admin, "Hybel ledig fra 1. mars")
    await wait_report_done(emulator)
    assert len(tips_received(emulator, kari.id)) == 1

    await fast_bot.restart()  # the finished broadcast is not sent again
    await asyncio.sleep(1)
    assert len(tips_received(emulator, kari.id)) == 1

    tip = tips_received(emulator, kari.id)[0]
    kari.seen = len(kari.messages)
    out = await kari.press("Ikke send flere tips", tip)
    assert any("ikke flere tips" in m.text for m in out)
    await admin.say("/tips")
    await admin.say("Enda et tips")
    await admin.press("Alle som abonnerer (0)")
    assert any("Ingen i den gruppen abonnerer" in m.text for m in admin.messages[-2:])
    assert len(tips_received(emulator, kari.id)) == 1


async def test_staff_cancel_a_running_broadcast(emulator, db_url):
    ids = list(range(7000, 7200))
    async with staff_bot(emulator, db_url, rate_per_second=20, progress_every_seconds=0.3):
        await add_subscribers(db_url, ids)
        admin = Person(emulator, ADMIN, "Anne", "nb")
        await compose(admin, "Tips som stoppes")
        await emulator.wait_for(lambda: (r := report(emulator)) and r.buttons, 10)
        staff = {"id": ADMIN, "is_bot": False, "first_name": "Anne", "language_code": "nb"}
        progress = report(emulator)
        data = next(x["callback_data"] for row in progress.buttons for x in row)
        await emulator.press(staff, progress, data)
        final = await wait_report_done(emulator)
        assert "ble stoppet" in final.text
        await asyncio.sleep(0.5)
        got = sum(len(tips_received(emulator, c)) for c in ids)
        assert 0 < got < len(ids)
        assert all(len(tips_received(emulator, c)) <= 1 for c in ids)


async def test_pacing_keeps_within_telegram_limits(emulator, db_url):
    """With the emulator enforcing 30/s and 1/s per chat, the bot's own pacing keeps it from
    being told to wait, and everyone gets the tip."""
    emulator.limit_rate(per_second=30, burst=30, per_chat=1, chat_burst=6)
    ids = list(range(8000, 8090))
    async with staff_bot(
        emulator, db_url, rate_per_second=30, progress_every_seconds=1, chat_burst=3
    ):
        await add_subscribers(db_url, ids)
        admin = Person(emulator, ADMIN, "Anne", "nb")
        await compose(admin, "Tips i tempo")
        final = await wait_report_done(emulator)
        assert "levert 90" in final.text
        assert all(len(tips_received(emulator, c)) == 1 for c in ids)
        assert emulator.rate_limited == 0
