"""Weekly occurrences and reminder times in Europe/Oslo, across both daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from apscheduler.triggers.cron import CronTrigger

from bot.core.reminders.occurrences import days_before, local_at, upcoming, weekly
from bot.core.reminders.plan import MeetupSpec, Settings, meetup_reminders
from tests.test_reminders_support import OSLO, oslo

TUESDAY = 1


def _utc_hours(moments: list[datetime]) -> list[int]:
    return [m.astimezone(UTC).hour for m in moments]


def test_weekly_meetup_stays_at_18_across_the_last_sunday_of_march():
    # Summer time starts Sunday 28 March 2027.
    occ = list(weekly(TUESDAY, time(18), OSLO, oslo(2027, 3, 15), oslo(2027, 4, 7)))
    assert [o.date() for o in occ] == [
        date(2027, 3, 16),
        date(2027, 3, 23),
        date(2027, 3, 30),
        date(2027, 4, 6),
    ]
    assert all(o.hour == 18 and o.minute == 0 for o in occ)
    assert _utc_hours(occ) == [17, 17, 16, 16]  # the UTC time moves, the local time does not


def test_weekly_meetup_stays_at_18_across_the_last_sunday_of_october():
    # Summer time ends Sunday 31 October 2027.
    occ = list(weekly(TUESDAY, time(18), OSLO, oslo(2027, 10, 18), oslo(2027, 11, 10)))
    assert [o.date() for o in occ] == [
        date(2027, 10, 19),
        date(2027, 10, 26),
        date(2027, 11, 2),
        date(2027, 11, 9),
    ]
    assert all(o.hour == 18 for o in occ)
    assert _utc_hours(occ) == [16, 16, 17, 17]


@pytest.mark.parametrize("weekday", range(7))
@pytest.mark.parametrize("start", [oslo(2027, 3, 1), oslo(2027, 10, 1)])
def test_occurrences_match_apscheduler_cron_trigger(weekday, start):
    """Our pure computation and APScheduler's calendar trigger agree, DST weeks included."""
    end = start + timedelta(days=60)
    ours = list(weekly(weekday, time(18, 30), OSLO, start, end))
    trigger = CronTrigger(day_of_week=weekday, hour=18, minute=30, timezone=OSLO)
    theirs, prev = [], None
    now = start
    while (fire := trigger.get_next_fire_time(prev, now)) is not None and fire < end:
        theirs.append(fire)
        prev, now = fire, fire + timedelta(seconds=1)
    assert [o.astimezone(UTC) for o in ours] == [t.astimezone(UTC) for t in theirs]
    assert len(ours) >= 8


def test_a_time_skipped_by_the_spring_change_moves_forward():
    moment = local_at(date(2027, 3, 28), time(2, 30), OSLO)
    assert (moment.hour, moment.minute) == (3, 30)
    assert moment.astimezone(UTC) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


def test_a_time_that_happens_twice_in_autumn_is_the_first():
    moment = local_at(date(2027, 10, 31), time(2, 30), OSLO)
    assert moment.astimezone(UTC) == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # still CEST


def test_day_before_at_noon_is_noon_local_on_the_dst_sunday():
    # Meetup Monday 29 March 2027; the day before is the DST Sunday.
    due = days_before(date(2027, 3, 29), 1, time(12), OSLO)
    assert (due.hour, due.astimezone(UTC).hour) == (12, 10)


def test_reminders_of_a_week_with_a_dst_change_are_at_local_times():
    s = Settings(tz=OSLO)
    m = MeetupSpec(1, 0, time(18), subscribers={7: oslo(2027, 1, 1)})  # Mondays 18:00
    planned = list(meetup_reminders(m, s, oslo(2027, 3, 27), oslo(2027, 3, 30)))
    assert [(p.due_at.astimezone(OSLO).day, p.due_at.astimezone(OSLO).hour) for p in planned] == [
        (28, 12),
        (29, 16),
    ]


def test_upcoming_leaves_out_cancelled_dates():
    after = oslo(2027, 12, 20, 12)
    nxt = upcoming(4, time(18), OSLO, after, 2, frozenset({date(2027, 12, 24)}))
    assert [o.date() for o in nxt] == [date(2027, 12, 31), date(2028, 1, 7)]
    # An occurrence later today still counts; one that has begun does not.
    assert upcoming(0, time(18), OSLO, oslo(2027, 12, 20, 17, 59), 1)[0].date() == date(
        2027, 12, 20
    )
    assert upcoming(0, time(18), OSLO, oslo(2027, 12, 20, 18), 1)[0].date() == date(2027, 12, 27)
