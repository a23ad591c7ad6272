"""The sweep against a real database (SQLite, and PostgreSQL when configured), clock controlled.

Exactly-once, restarts, two instances, grace, failures and unsubscribing.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.core.ports import RecipientBlocked, RetryLater, TransientError
from bot.scheduling import Scheduling
from bot.storage.models_reminders import MeetupSubscription, ReminderDelivery
from tests.test_reminders_support import FakeClock, add_meetup, button, oslo, world

MONDAY_NOON = oslo(2027, 3, 22, 12, 0, 30)  # the day before Tuesday 23 March's meetup


async def _statuses(w) -> dict[str, str]:
    async with w.feature.store.sessions() as s:
        rows = (await s.scalars(select(ReminderDelivery))).all()
        return {r.key: r.status for r in rows}


async def test_reminders_go_out_the_day_before_and_two_hours_before_once(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        meetup = await add_meetup(w, note="Vi lager <middag> sammen")
        await w.subscribe(7, meetup)
        await w.subscribe(8, meetup, language="en")
        clock.set(oslo(2027, 3, 22, 11, 59))
        assert sum((await w.feature.sweep()).values()) == 0
        clock.set(MONDAY_NOON)
        assert (await w.feature.sweep())["sent"] == 2
        [nb] = w.messenger.to(7)
        assert "i morgen, tirsdag 23.03., kl. 18.00" in nb and "Storgata 1" in nb
        assert "&lt;middag&gt;" in nb  # staff text is escaped for Telegram's HTML
        [en] = w.messenger.to(8)
        assert "tomorrow, Tuesday 23.03., at 18:00" in en
        for _ in range(3):  # later sweeps, same day: nothing again
            clock.advance(minutes=1)
            assert (await w.feature.sweep())["sent"] == 0
        clock.set(oslo(2027, 3, 23, 16, 0, 5))
        assert (await w.feature.sweep())["sent"] == 2
        assert "i dag kl. 18.00" in w.messenger.to(7)[-1]
        assert len(w.messenger.sent) == 4


async def test_weekly_reminders_stay_at_local_times_across_dst(db_url):
    clock = FakeClock(oslo(2027, 3, 1))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        start = oslo(2027, 3, 15, 0, 0)
        for minutes in range(0, 60 * 24 * 21, 30):  # three weeks, a sweep every half hour
            clock.set(start + timedelta(minutes=minutes))
            await w.feature.sweep()
        times = [s.at.astimezone(oslo(2027, 1, 1).tzinfo) for s in w.messenger.sent]
        assert [(t.day, t.hour) for t in times] == [
            (15, 12),
            (16, 16),
            (22, 12),
            (23, 16),
            (29, 12),
            (30, 16),
        ]
        assert all("18.00" in s.reply.text for s in w.messenger.sent)


async def test_restart_between_scheduling_and_sending(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as first:
        await first.subscribe(7, await add_meetup(first))
        clock.set(oslo(2027, 3, 22, 11, 58))
        assert sum((await first.feature.sweep()).values()) == 0  # scheduled, nothing due yet
    clock.set(MONDAY_NOON)  # the first instance is gone; a new one starts
    async with world(db_url, clock) as second:
        assert (await second.feature.sweep())["sent"] == 1
    async with world(db_url, clock) as third:  # and a restart right after sending
        assert sum((await third.feature.sweep()).values()) == 0
        assert third.messenger.sent == []


async def test_a_crash_between_claim_and_send_never_sends_twice(db_url, caplog):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as first:
        await first.subscribe(7, await add_meetup(first))
        clock.set(MONDAY_NOON)
        first.messenger.fail = lambda chat: asyncio.CancelledError()  # the process dies mid-send
        try:
            await first.feature.sweep()
        except asyncio.CancelledError:
            pass
        assert set((await _statuses(first)).values()) == {"sending"}
    async with world(db_url, clock) as second:
        clock.advance(minutes=2)
        assert sum((await second.feature.sweep()).values()) == 0
        clock.advance(minutes=10)
        with caplog.at_level(logging.WARNING):
            assert (await second.feature.sweep())["unknown"] == 1
        assert "outcome unknown" in caplog.text
        assert second.messenger.sent == []
        assert set((await _statuses(second)).values()) == {"unknown"}


async def test_two_schedulers_on_one_database_send_once(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as a, world(db_url, clock, migrate=False) as b:
        meetup = await add_meetup(a)
        for user in range(100, 110):
            await a.subscribe(user, meetup)
        clock.set(MONDAY_NOON)
        counts = await asyncio.gather(a.feature.sweep(), b.feature.sweep(), a.feature.sweep())
        assert sum(c["sent"] for c in counts) == 10
        chats = [s.chat_id for s in a.messenger.sent + b.messenger.sent]
        assert sorted(chats) == list(range(100, 110))


async def test_missed_while_down_is_sent_late_within_grace(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        clock.set(oslo(2027, 3, 22, 17, 30))  # down from before 12:00 until 17:30
        assert (await w.feature.sweep())["sent"] == 1
        assert "i morgen" in w.messenger.to(7)[0]


async def test_missed_beyond_grace_is_skipped_with_one_log_line(db_url, caplog):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        clock.set(oslo(2027, 3, 23, 18, 30))  # down until after the meetup began
        with caplog.at_level(logging.INFO, logger="bot.features.reminders"):
            assert (await w.feature.sweep())["skipped"] == 2
            clock.advance(minutes=1)
            assert (await w.feature.sweep())["skipped"] == 0
        assert caplog.text.count("skipped") == 2  # one line per reminder, logged once
        assert w.messenger.sent == []
        assert set((await _statuses(w)).values()) == {"skipped"}


async def test_unsubscribe_by_button_takes_effect_before_the_next_reminder(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        await w.subscribe(8, 1)
        clock.set(MONDAY_NOON)
        await w.feature.sweep()
        reminder = next(s.reply for s in w.messenger.sent if s.chat_id == 7)
        out = await w.press(7, button(reminder, "Ikke send flere"))
        assert "ikke flere påminnelser" in out.replies[0].text
        clock.set(oslo(2027, 3, 23, 16, 0, 30))
        assert (await w.feature.sweep())["sent"] == 1
        assert len(w.messenger.to(7)) == 1 and len(w.messenger.to(8)) == 2


async def test_stopp_unsubscribes_from_every_meetup(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        await w.subscribe(7, await add_meetup(w, weekday=3, place="Biblioteket"))
        out = await w.command(7, "stopp")
        assert "ikke flere påminnelser" in out.replies[0].text
        clock.set(oslo(2027, 3, 24, 12, 1))
        await w.feature.sweep()
        assert w.messenger.sent == []


async def test_failed_send_is_retried_after_backoff_within_grace(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        clock.set(MONDAY_NOON)
        errors = [TransientError("network"), RetryLater(120)]
        w.messenger.fail = lambda chat: errors.pop(0) if errors else None
        assert (await w.feature.sweep())["failed"] == 1
        clock.advance(seconds=30)
        assert sum((await w.feature.sweep()).values()) == 0  # backing off
        clock.advance(minutes=1)
        assert (await w.feature.sweep())["failed"] == 1  # rate limited: wait 120 s
        clock.advance(minutes=1)
        assert sum((await w.feature.sweep()).values()) == 0
        clock.advance(minutes=1, seconds=5)
        assert (await w.feature.sweep())["sent"] == 1
        assert len(w.messenger.to(7)) == 1
        async with w.feature.store.sessions() as s:
            row = (await s.scalars(select(ReminderDelivery))).one()
            assert (row.status, row.attempts) == ("sent", 3)


async def test_failing_until_grace_ends_gives_up(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        clock.set(MONDAY_NOON)
        w.messenger.fail = lambda chat: TransientError("down")
        await w.feature.sweep()
        clock.set(oslo(2027, 3, 22, 18, 1))  # grace (6 h) is over
        assert (await w.feature.sweep())["gave_up"] == 1
        assert "gave_up" in (await _statuses(w)).values()


async def test_blocked_recipient_is_unsubscribed_and_not_retried(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        clock.set(MONDAY_NOON)
        w.messenger.fail = lambda chat: RecipientBlocked("blocked")
        assert (await w.feature.sweep())["blocked"] == 1
        async with w.feature.store.sessions() as s:
            assert (await s.scalars(select(MeetupSubscription))).all() == []


async def test_cancelled_date_sends_a_notice_naming_the_next_meetup(db_url):
    clock = FakeClock(oslo(2027, 12, 1, 9))
    async with world(db_url, clock) as w:
        meetup = await add_meetup(w, weekday=4)  # Fridays; 24.12.2027 is a Friday
        await w.subscribe(7, meetup)
        await w.feature.store.cancel_date(meetup, oslo(2027, 12, 24).date(), clock.now())
        await w.feature.store.cancel_date(meetup, oslo(2027, 12, 31).date(), clock.now())
        for moment in (oslo(2027, 12, 23, 12, 1), oslo(2027, 12, 24, 16, 1)):
            clock.set(moment)
            await w.feature.sweep()
        [notice] = w.messenger.to(7)
        assert "Ingen treff i morgen" in notice
        assert "Neste treff er fredag 07.01. kl. 18.00" in notice


async def test_agreement_reminders_reach_resident_and_staff(db_url):
    clock = FakeClock(oslo(2027, 3, 1, 9))
    async with world(db_url, clock) as w:
        await w.user(42)
        await w.user(7, "en")
        store = w.feature.store
        aid = await store.create_agreement(
            "Rom 3",
            oslo(2027, 3, 1).date(),
            oslo(2027, 5, 31).date(),
            [oslo(2027, 3, 15).date()],
            42,
            "h" * 64,
            clock.now() + timedelta(hours=72),
            clock.now(),
        )
        assert await store.link("h" * 64, 7, clock.now()) is not None
        clock.set(oslo(2027, 3, 13, 10, 0, 30))  # 2 days before the review, at 10:00
        assert (await w.feature.sweep())["sent"] == 2
        [staff] = w.messenger.to(42)
        assert "«Rom 3»" in staff and "har fått påminnelse" in staff
        [resident] = w.messenger.to(7)
        assert "reviewed on Monday 15.03.2027" in resident
        clock.set(oslo(2027, 5, 17, 10, 1))  # 14 days before the end
        await w.feature.sweep()
        end = next(s.reply for s in w.messenger.sent if s.chat_id == 7 and "ends" in s.reply.text)
        talk = button(end, "where to live")
        action = w.assistant.signer.verify(7, talk.data)
        assert (action.name, action.arg) == ("m", "staff")
        assert aid is not None


async def test_slett_removes_subscriptions_links_and_log_but_keeps_the_agreement(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        store = w.feature.store
        await w.subscribe(7, await add_meetup(w))
        await w.user(42)
        aid = await store.create_agreement(
            "Rom 3",
            oslo(2027, 3, 1).date(),
            oslo(2027, 5, 31).date(),
            [],
            42,
            "c" * 64,
            clock.now() + timedelta(hours=1),
            clock.now(),
        )
        await store.link("c" * 64, 7, clock.now())
        clock.set(MONDAY_NOON)
        await w.feature.sweep()
        assert await store.sent_count(7) == 1
        lines = await w.feature.personal_data(7, "nb")
        assert any("treffet hver tirsdag" in line for line in lines)
        assert any("«Rom 3»" in line for line in lines)
        assert await w.users.delete(7)
        assert await store.subscriptions(7) == set() and await store.linked_agreements(7) == []
        assert await store.sent_count(7) == 0
        assert (await store.agreement(aid)).linked is False
        # A staff member's deletion leaves the agreement; its reminders go to the staff chat.
        assert await w.users.delete(42)
        assert (await store.agreement(aid)).staff_id is None


async def test_link_code_works_once_and_expires(db_url):
    clock = FakeClock(oslo(2027, 3, 1, 9))
    async with world(db_url, clock) as w:
        await w.user(42)
        for uid in (7, 8):
            await w.user(uid)
        store = w.feature.store
        aid = await store.create_agreement(
            "A",
            oslo(2027, 3, 1).date(),
            oslo(2027, 5, 1).date(),
            [],
            42,
            "a" * 64,
            clock.now() + timedelta(hours=72),
            clock.now(),
        )
        first, second = await asyncio.gather(
            store.link("a" * 64, 7, clock.now()), store.link("a" * 64, 8, clock.now())
        )
        assert [first is None, second is None].count(True) == 1  # one of two simultaneous uses
        await store.set_code(aid, "b" * 64, clock.now() + timedelta(hours=72))
        clock.advance(hours=73)
        assert await store.link("b" * 64, 8, clock.now()) is None


async def test_stats_count_subscribers_and_agreements(db_url):
    from bot.features.reminders import stats

    clock = FakeClock(oslo(2027, 3, 1, 9))
    async with world(db_url, clock) as w:
        m1, m2 = await add_meetup(w), await add_meetup(w, weekday=3)
        await w.subscribe(7, m1)
        await w.subscribe(7, m2)
        await w.subscribe(8, m2)
        figures = await stats(w.feature.store.sessions, oslo(2027, 3, 1).date())
        assert figures["meetups"] == 2 and figures["meetup_subscribers"] == 2
        assert figures["meetup_subscriptions"] == {m1: 1, m2: 2}
        assert figures["agreements_active"] == 0


async def test_start_rebuilds_from_the_database_and_sweeps_at_once(db_url):
    """start() needs nothing in memory: the one scheduler runs the cron sweep in Oslo time and
    catches up at once."""
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        clock.set(MONDAY_NOON)
        scheduling = Scheduling(ZoneInfo("Europe/Oslo"), [w.feature])
        await w.feature.start()
        await scheduling.start()
        try:
            job = scheduling._scheduler.get_job("reminders:sweep")
            assert type(job.trigger).__name__ == "CronTrigger"
            assert str(job.trigger.timezone) == "Europe/Oslo"
            for _ in range(200):  # wait for the start-up sweep (a task), not for time
                if w.messenger.sent:
                    break
                await asyncio.sleep(0.01)
            assert len(w.messenger.to(7)) == 1
        finally:
            await scheduling.stop()
            await w.feature.stop()
        assert not scheduling.alive()


async def test_housekeeping_purges_old_rows(db_url):
    clock = FakeClock(oslo(2027, 3, 20, 9))
    async with world(db_url, clock) as w:
        await w.subscribe(7, await add_meetup(w))
        clock.set(MONDAY_NOON)
        await w.feature.sweep()
        await w.feature.store.save_flow(7, "meetup", "place", {}, clock.now())
        clock.advance(days=31)
        await w.feature.housekeeping()
        assert await _statuses(w) == {}
        assert await w.feature.store.flow(7) is None
