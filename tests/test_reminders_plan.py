"""What is due when (pure): keys, cancellations, grace, subscription times, retry decisions."""

from __future__ import annotations

from datetime import UTC, date, time, timedelta

from bot.core.reminders.due import LEASE, Delivery, backoff, decide
from bot.core.reminders.plan import AgreementSpec, MeetupSpec, Settings, plan
from tests.test_reminders_support import OSLO, oslo

S = Settings(tz=OSLO)
EARLY = oslo(2027, 1, 1)
TUESDAYS = MeetupSpec(1, 1, time(18), subscribers={7: EARLY, 8: EARLY})


def test_keys_name_what_whom_and_which_occurrence_and_are_stable():
    now = oslo(2027, 3, 23, 16, 0)  # Tuesday 16:00: both reminders of today are due
    first = plan([TUESDAYS], [], S, now)
    assert [p.key for p in first] == [
        "m:1:20270323T1800:d1:7",
        "m:1:20270323T1800:d1:8",
        "m:1:20270323T1800:h2:7",
        "m:1:20270323T1800:h2:8",
    ]
    assert len({p.key for p in first}) == len(first)
    assert [p.key for p in plan([TUESDAYS], [], S, now + timedelta(minutes=5))] == [
        p.key for p in first
    ]  # the same reminders, computed again later: the same keys


def test_a_cancelled_date_gets_one_notice_instead_of_reminders():
    m = MeetupSpec(1, 1, time(18), {7: EARLY}, cancelled={date(2027, 3, 23): EARLY})
    planned = plan([m], [], S, oslo(2027, 3, 23, 17))
    assert [(p.kind, p.key) for p in planned] == [("cancel", "mc:1:20270323T1800:x:7")]
    assert planned[0].due_at == oslo(2027, 3, 22, 12)  # when the first reminder would have gone


def test_a_late_cancellation_is_announced_when_it_is_made():
    cancelled_at = oslo(2027, 3, 23, 9, 15)  # after the day-before reminder went out
    m = MeetupSpec(1, 1, time(18), {7: EARLY}, cancelled={date(2027, 3, 23): cancelled_at})
    [notice] = [p for p in plan([m], [], S, oslo(2027, 3, 23, 9, 16)) if p.kind == "cancel"]
    assert notice.due_at == cancelled_at and notice.expires_at <= oslo(2027, 3, 23, 18)
    # Cancelling after the meetup began announces nothing.
    m = MeetupSpec(1, 1, time(18), {7: EARLY}, cancelled={date(2027, 3, 23): oslo(2027, 3, 23, 19)})
    assert [p for p in plan([m], [], S, oslo(2027, 3, 23, 20)) if p.kind == "cancel"] == []


def test_a_new_subscriber_gets_only_reminders_due_after_signing_up():
    m = MeetupSpec(1, 1, time(18), {7: EARLY, 9: oslo(2027, 3, 22, 13)})
    keys = [p.key for p in plan([m], [], S, oslo(2027, 3, 23, 16, 1))]
    assert "m:1:20270323T1800:d1:9" not in keys and "m:1:20270323T1800:h2:9" in keys
    assert "m:1:20270323T1800:d1:7" in keys


def test_grace_and_event_start_bound_a_reminder():
    [d1, h2] = [p for p in plan([TUESDAYS], [], S, oslo(2027, 3, 23, 16)) if p.user_id == 7]
    assert d1.expires_at == d1.due_at + S.grace
    assert h2.expires_at == oslo(2027, 3, 23, 18)  # never after the meetup has begun
    assert decide(d1, oslo(2027, 3, 22, 17, 59), None, 5) == "send"  # 5:59 late: within grace
    assert decide(d1, oslo(2027, 3, 22, 18, 1), None, 5) == "skip"
    assert decide(h2, oslo(2027, 3, 23, 18, 1), None, 5) == "skip"
    assert decide(h2, oslo(2027, 3, 23, 15, 59), None, 5) == "none"  # not yet due


def test_decide_never_resends_and_retries_only_failures():
    [p] = [p for p in plan([TUESDAYS], [], S, oslo(2027, 3, 23, 16)) if p.key.endswith("h2:7")]
    now = oslo(2027, 3, 23, 16, 5)
    for status in ("sent", "skipped", "blocked", "gave_up", "unknown"):
        assert decide(p, now, Delivery(status, 1, now), 5) == "none"
    assert decide(p, now, Delivery("sending", 1, now - timedelta(minutes=1)), 5) == "none"
    assert (
        decide(p, now, Delivery("sending", 1, now - LEASE - timedelta(seconds=1)), 5) == "abandon"
    )
    failed = Delivery("failed", 1, now, next_attempt_at=now + timedelta(minutes=1))
    assert decide(p, now, failed, 5) == "none"
    assert decide(p, now + timedelta(minutes=1), failed, 5) == "retry"
    assert decide(p, now + timedelta(minutes=1), Delivery("failed", 5, now), 5) == "give_up"
    assert decide(p, oslo(2027, 3, 23, 18, 1), failed, 5) == "give_up"  # too late now


def test_backoff_grows_and_respects_retry_after():
    now = oslo(2027, 1, 1).astimezone(UTC)
    assert [backoff(n, now) - now for n in (1, 2, 3, 9)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=30),
    ]
    assert backoff(1, now, retry_after=300) - now == timedelta(minutes=5)


def test_agreement_reminders_go_to_resident_and_staff_at_ten():
    a = AgreementSpec(
        5, date(2027, 6, 1), (date(2027, 4, 1),), created_at=EARLY, staff_id=42, resident=(7, EARLY)
    )
    planned = plan([], [a], S, oslo(2027, 3, 30, 10))
    assert [p.key for p in planned] == ["ar:5:20270401:2:s42", "ar:5:20270401:2:u7"]
    assert all(p.due_at == oslo(2027, 3, 30, 10) for p in planned)
    ends = plan([], [a], S, oslo(2027, 5, 18, 10))
    assert [p.key for p in ends] == ["ae:5:20270601:14:s42", "ae:5:20270601:14:u7"]
    assert ends[1].lead_days == 14 and not ends[1].to_staff and ends[0].to_staff


def test_agreement_without_staff_member_reminds_the_staff_chat():
    a = AgreementSpec(5, date(2027, 6, 1), (date(2027, 4, 1),), created_at=EARLY)
    [p] = plan([], [a], S, oslo(2027, 3, 30, 10))
    assert p.key == "ar:5:20270401:2:chat" and p.user_id is None and p.to_staff
