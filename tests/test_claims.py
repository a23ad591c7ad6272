"""Who is answering a case: the claims in the database are shared by every instance (two
stores on one database stand for two processes), and behave as the ones in memory do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.claims import CLAIM_FOR, MemoryClaims
from bot.storage.claims import SqlClaims
from bot.storage.models_handover import HandoverThread
from tests.dbsupport import database_with_users

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.at = START

    def now(self) -> datetime:
        return self.at


async def a_case(sessions) -> int:  # type: ignore[no-untyped-def]
    async with sessions() as s:
        thread = HandoverThread(user_id=5001, status="open", opened_at=START, updated_at=START)
        s.add(thread)
        await s.commit()
        return thread.id


@pytest.fixture
async def instances(db_url):  # type: ignore[no-untyped-def]
    engine, sessions = await database_with_users(db_url, [5001])
    clock = Clock()
    case = await a_case(sessions)
    yield SqlClaims(sessions, clock), SqlClaims(sessions, clock), clock, case
    await engine.dispose()


async def test_a_claim_on_one_instance_is_seen_and_kept_on_the_other(instances):
    one, other, clock, case = instances
    kari = await one.claim(case, "kari@kommune.no")
    assert (kari.who, kari.since, kari.until) == ("kari@kommune.no", START, START + CLAIM_FOR)
    assert await other.holder(case) == kari
    assert (await other.claim(case, "ola@kommune.no")).who == "kari@kommune.no"  # kept

    clock.at += timedelta(seconds=30)  # Kari types on: renewed, from when she started
    renewed = await other.claim(case, "kari@kommune.no")
    assert (renewed.since, renewed.until) == (START, clock.at + CLAIM_FOR)
    await one.release(case, "ola@kommune.no")  # not Ola's to let go
    assert (await other.holder(case)).who == "kari@kommune.no"

    await other.release(case, "kari@kommune.no")  # her answer was sent (on the other desk)
    assert await one.holder(case) is None
    ola = await one.claim(case, "ola@kommune.no")
    assert (ola.who, ola.since) == ("ola@kommune.no", clock.at)


async def test_a_claim_that_ran_out_is_nobody_s_and_may_be_taken(instances):
    one, other, clock, case = instances
    await one.claim(case, "kari@kommune.no")
    clock.at += CLAIM_FOR
    assert await other.holder(case) is None
    ola = await other.claim(case, "ola@kommune.no")
    assert (ola.who, ola.since) == ("ola@kommune.no", clock.at)
    clock.at += CLAIM_FOR  # Kari comes back after hers ran out: a new claim, a new start
    kari = await one.claim(case, "kari@kommune.no")
    assert (kari.who, kari.since) == ("kari@kommune.no", clock.at)


async def test_claims_in_memory_behave_the_same_in_one_process():
    clock = Clock()
    claims = MemoryClaims(clock)
    kari = await claims.claim(7, "kari@kommune.no")
    assert (await claims.claim(7, "ola@kommune.no")) == kari
    clock.at += timedelta(seconds=30)
    assert (await claims.claim(7, "kari@kommune.no")).since == START
    await claims.release(7, "kari@kommune.no")
    assert await claims.holder(7) is None
    await claims.claim(7, "ola@kommune.no")
    clock.at += CLAIM_FOR
    assert await claims.holder(7) is None
