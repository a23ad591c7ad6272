"""The audit log of staff actions (issue 16.5): each action done through its application
service writes one row (read back from the real database: SQLite, and PostgreSQL when
TEST_DATABASE_URL is set), stamped by the injected clock, with no text anyone wrote; /slett
keeps the rows without the person's id; housekeeping deletes rows older than
``privacy.audit_days``."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from bot.app import build_runtime
from bot.config import Config
from bot.core.audit import NOBODY, Actor, AuditEntry
from bot.services.handover import Person
from bot.storage.models_audit import AuditRow

ADMIN = 1
STAFF_CHAT = -100
START = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
KARI = Actor.desk("kari@kommune.no", 4242)  # a desk login linked to a Telegram id
OLA = Actor.desk("ola@kommune.no")  # one that is not


class Clock:
    def __init__(self, now: datetime):
        self.at = now

    def now(self) -> datetime:
        return self.at


@pytest.fixture
async def world(db_url):
    cfg = Config.model_validate(
        {
            "database": {"url": db_url},
            "faq": {"embedder": "none"},
            "bot": {"admin_ids": [ADMIN], "staff_chat_id": STAFF_CHAT},
            "privacy": {"audit_days": 30},
        }
    )
    clock = Clock(START)
    runtime = await build_runtime(cfg, clock=clock)
    yield runtime
    await runtime.close()


async def rows(runtime) -> list[AuditRow]:
    async with runtime.sessions() as s:
        return list((await s.scalars(select(AuditRow).order_by(AuditRow.id))).all())


def brief(r: AuditRow) -> tuple:
    return (r.via, r.actor_id, r.actor_login, r.action, r.subject, r.person, r.count, r.detail)


def staff_service(runtime):
    return runtime.assistant.feature("staff_tools").service


async def test_staff_added_removed_invited_and_joining_are_recorded(world):
    svc, me = staff_service(world), Actor.chat(ADMIN)
    assert await svc.add(5, me)
    assert not await svc.add(5, me)  # already staff: nothing changed, nothing recorded
    assert await svc.remove(5, me)
    invite = await svc.invite(me)
    world.assistant.clock.at = START + timedelta(minutes=5)
    assert await svc.accept(invite.code, 6)
    got = await rows(world)
    assert [brief(r) for r in got] == [
        ("chat", ADMIN, None, "staff.add", "", 5, None, ""),
        ("chat", ADMIN, None, "staff.remove", "", 5, None, ""),
        ("chat", ADMIN, None, "staff.invite", "", None, None, ""),
        ("chat", 6, None, "staff.join", "", 6, None, ""),
    ]
    assert [r.at for r in got] == [START] * 3 + [START + timedelta(minutes=5)]  # the clock's


async def test_a_tip_sent_and_stopped_is_recorded_with_its_recipients_and_not_its_text(world):
    tips = world.services.tips
    for user_id in (11, 12, 13):
        await world.assistant.users.touch(user_id, "nb")
        await tips.subscribe(user_id)
    secret = "Ledig hybel i Storgata 1, ring Kari på 99999999"
    draft = await tips.new_draft(ADMIN)
    await tips.set_content(draft, secret, None)
    total = await tips.queue(draft, ADMIN, "all", None, Actor.chat(ADMIN))
    assert total == 3
    assert await tips.queue(draft, ADMIN, "all", None, Actor.chat(ADMIN)) is None  # twice
    assert await tips.stop(draft, KARI)
    assert not await tips.stop(draft, KARI)  # stopped already
    got = await rows(world)
    assert [brief(r) for r in got] == [
        ("chat", ADMIN, None, "tip.send", str(draft), None, 3, "all"),
        ("desk", 4242, "kari@kommune.no", "tip.stop", str(draft), None, None, ""),
    ]
    assert not any("Storgata" in str(v) for r in got for v in brief(r))


async def test_cases_answered_closed_and_reopened_are_recorded_but_not_the_residents_closing(
    world,
):
    svc = world.services.handover
    await world.assistant.users.touch(501, "nb")
    await svc.ask(501)
    thread = await svc.thread_of(501)
    await svc.relay(thread, Person(501, "Amina", "nb"), "Hei, jeg heter Amina", "k1")
    thread = await svc.thread(thread.id)
    text = "Hei Amina, du kan komme i morgen kl. 10"
    assert await svc.answer(thread, text, "a1", Actor.chat(ADMIN)) == "queued"
    assert await svc.answer(thread, text, "a1", Actor.chat(ADMIN)) == "unknown"  # redelivered
    assert await svc.close(thread, "desk", "kari@kommune.no", actor=KARI)
    assert await svc.reopen(thread.id, "ola@kommune.no", OLA) == "reopened"
    thread = await svc.thread(thread.id)
    assert await svc.close(thread, "person", "Amina", actor=None)  # the resident: no staff row
    got = await rows(world)
    case = str(thread.id)
    assert [brief(r) for r in got] == [
        ("chat", ADMIN, None, "case.answer", case, None, None, ""),
        ("desk", 4242, "kari@kommune.no", "case.close", case, None, None, ""),
        ("desk", None, "ola@kommune.no", "case.reopen", case, None, None, ""),
    ]
    assert not any("Amina" in str(v) for r in got for v in brief(r))


async def test_meetups_and_agreements_are_recorded_without_place_or_label(world):
    meetups, agreements = world.services.meetups, world.services.agreements
    me = Actor.chat(ADMIN)
    m = await meetups.save(None, 1, time(18), "Kafé Kari, Storgata 1", None, me)
    assert await meetups.save(m, 2, time(18), "Kafé Kari, Storgata 1", "Ta med kake", KARI) == m
    day = date(2025, 3, 5)
    cancel_id = await meetups.cancel_date(m, day, me)
    assert cancel_id is not None
    assert await meetups.uncancel(cancel_id, me)
    assert await meetups.delete(m, OLA)
    start = date(2025, 3, 1)
    reviews = [date(2025, 6, 1), date(2025, 9, 1)]
    a, _ = await agreements.register(
        "Per Hansen, rom 3", start, date(2025, 12, 31), reviews, ADMIN, actor=me
    )
    assert await agreements.new_code(a, KARI) is not None
    assert await agreements.delete(a, KARI)
    assert not await agreements.delete(a, KARI)  # gone: nothing recorded
    got = await rows(world)
    assert [brief(r) for r in got] == [
        ("chat", ADMIN, None, "meetup.create", str(m), None, None, ""),
        ("desk", 4242, "kari@kommune.no", "meetup.change", str(m), None, None, ""),
        ("chat", ADMIN, None, "meetup.cancel_date", str(m), None, None, "2025-03-05"),
        ("chat", ADMIN, None, "meetup.uncancel", str(cancel_id), None, None, ""),
        ("desk", None, "ola@kommune.no", "meetup.delete", str(m), None, None, ""),
        ("chat", ADMIN, None, "agreement.register", str(a), None, 2, ""),
        ("desk", 4242, "kari@kommune.no", "agreement.new_code", str(a), None, None, ""),
        ("desk", 4242, "kari@kommune.no", "agreement.delete", str(a), None, None, ""),
    ]
    words = " ".join(str(v) for r in got for v in brief(r))
    assert "Storgata" not in words and "Hansen" not in words and "kake" not in words


async def test_desk_logins_added_disabled_enabled_and_removed_are_recorded(world):
    accounts = world.services.accounts
    new = await accounts.add("per@kommune.no", None, "admin", KARI, telegram_id=77)
    assert new is not None
    assert await accounts.add("per@kommune.no", None, "staff", KARI) is None  # taken
    assert await accounts.set_disabled(new, True, KARI)
    assert await accounts.set_disabled(new, False, OLA)
    assert await accounts.remove(new, OLA)
    assert not await accounts.remove(new, OLA)  # gone already
    assert [(r.actor_login, r.action, r.subject, r.detail) for r in await rows(world)] == [
        ("kari@kommune.no", "login.add", "per@kommune.no", "admin"),
        ("kari@kommune.no", "login.disable", "per@kommune.no", ""),
        ("ola@kommune.no", "login.enable", "per@kommune.no", ""),
        ("ola@kommune.no", "login.remove", "per@kommune.no", ""),
    ]


async def test_a_staff_members_slett_keeps_the_rows_without_their_id(world):
    svc = staff_service(world)
    await svc.add(5, Actor.chat(ADMIN))
    await world.assistant.users.touch(5, "nb")
    await world.services.meetups.save(None, 1, time(18), "Huset", None, Actor.chat(5))
    await svc.add(8, Actor.chat(5))
    staff_tools = world.assistant.feature("staff_tools")
    mine = await staff_tools.personal_data(5, "nb")  # /mine_data tells of the rows
    assert any("3 rader" in line and "30 dager" in line for line in mine), mine

    assert await world.assistant.personal_data.delete(5)  # /slett
    got = await rows(world)
    assert [(r.actor_id, r.action, r.person) for r in got] == [
        (ADMIN, "staff.add", NOBODY),
        (NOBODY, "meetup.create", None),
        (NOBODY, "staff.add", 8),
        (NOBODY, "data.erase", None),  # the erasure itself, by "a deleted staff member"
    ]
    assert not any(5 in (r.actor_id, r.person) for r in got)
    assert await staff_tools.personal_data(5, "nb") == []

    # A resident's /slett is no staff action: nothing recorded.
    await world.assistant.users.touch(900, "nb")
    assert await world.assistant.personal_data.delete(900)
    assert len(await rows(world)) == 4


async def test_housekeeping_deletes_rows_older_than_audit_days(world):
    svc = staff_service(world)
    await svc.add(5, Actor.chat(ADMIN))
    world.assistant.clock.at = START + timedelta(days=20)
    await svc.add(6, Actor.chat(ADMIN))
    housekeeping = world.assistant.feature("housekeeping")
    world.assistant.clock.at = START + timedelta(days=30, minutes=1)  # the first is 30 days old
    await housekeeping.run_once()
    assert [r.person for r in await rows(world)] == [6]
    world.assistant.clock.at = START + timedelta(days=49)
    await housekeeping.run_once()
    assert [r.person for r in await rows(world)] == [6]  # 29 days old: kept
    world.assistant.clock.at = START + timedelta(days=51)
    await housekeeping.run_once()
    assert await rows(world) == []


def test_an_entry_holds_only_known_actions_and_short_codes():
    at = datetime(2025, 1, 1, tzinfo=UTC)
    AuditEntry(at, Actor.cli(), "login.add", "kari@kommune.no", detail="admin")
    with pytest.raises(ValueError, match="unknown audit action"):
        AuditEntry(at, Actor.cli(), "tip.edit")
    with pytest.raises(ValueError, match="never free text"):
        AuditEntry(at, Actor.cli(), "tip.send", "1", detail="Ledig hybel i Storgata")
    with pytest.raises(ValueError, match="aware"):
        AuditEntry(datetime(2025, 1, 1), Actor.cli(), "tip.send")
