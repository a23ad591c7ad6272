"""Dates and times as people write them, and the staff flows' step rules (pure)."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.core.reminders.flows import DONE, Env, add_months, answer, review_dates
from bot.core.reminders.parse import parse_time, parse_when, resolve_date
from tests.test_reminders_support import oslo

NOW = oslo(2026, 12, 20, 10)  # a Sunday
ENV = Env(NOW, max_months=3, review_every=14)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12.03.2027", (date(2027, 3, 12), None, None)),
        ("12.3.27", (date(2027, 3, 12), None, None)),
        ("2027-03-12", (date(2027, 3, 12), None, None)),
        ("24.12", (date(2026, 12, 24), None, None)),
        ("24.12.", (date(2026, 12, 24), None, None)),
        ("i morgen kl 12", (date(2026, 12, 21), time(12), None)),
        ("I morgen kl. 12.30", (date(2026, 12, 21), time(12, 30), None)),
        ("i dag", (date(2026, 12, 20), None, None)),
        ("overmorgen", (date(2026, 12, 22), None, None)),
        ("tomorrow at 12", (date(2026, 12, 21), time(12), None)),
        ("24. desember", (date(2026, 12, 24), None, None)),
        ("24 des", (date(2026, 12, 24), None, None)),
        ("December 24", (date(2026, 12, 24), None, None)),
        ("om to dager", (date(2026, 12, 22), None, None)),
        ("tirsdag 18", (None, time(18), 1)),
        ("Tirsdager kl. 18.30", (None, time(18, 30), 1)),
        ("tuesday 6pm", (None, time(18), 1)),
        ("neste tirsdag", (None, None, 1)),
        ("18:00", (None, time(18), None)),
        ("kl 18", (None, time(18), None)),
        ("torsdag 24.12", (date(2026, 12, 24), None, 3)),
        ("24.12 kl 18", (date(2026, 12, 24), time(18), None)),
    ],
)
def test_understood(text, expected):
    w = parse_when(text, NOW)
    assert w.problem is None, w
    assert (w.date, w.time, w.weekday) == expected


@pytest.mark.parametrize(
    "text,problem",
    [
        ("03/04/2027", "ambiguous"),  # 3 April or March 4?
        ("mandag og tirsdag", "ambiguous"),
        ("i morgen 24.12", "ambiguous"),
        ("fredag 24.12", "mismatch"),  # 24.12.2026 is a Thursday
        ("31.02.2027", "invalid"),
        ("kl 25", "invalid"),
        ("tirsdag 25", "invalid"),
        ("hei", "unknown"),
        ("tirsdag hei", "unknown"),
        ("", "unknown"),
    ],
)
def test_not_guessed(text, problem):
    assert parse_when(text, NOW).problem == problem


def test_unambiguous_slash_date_is_day_first():
    assert parse_when("13/4/2027", NOW).date == date(2027, 4, 13)


def test_yearless_dates_pick_the_next_one_or_the_nearest_one():
    assert parse_when("05.01", NOW).date == date(2027, 1, 5)  # the next 5 January
    assert parse_when("01.12", NOW).date == date(2027, 12, 1)  # future: next year's
    assert parse_when("01.12", NOW, future=False).date == date(2026, 12, 1)  # nearest


def test_a_bare_weekday_is_the_next_such_day():
    assert resolve_date(parse_when("tirsdag", NOW), NOW.date()) == date(2026, 12, 22)
    assert resolve_date(parse_when("søndag", NOW), NOW.date()) == date(2026, 12, 27)  # not today


@pytest.mark.parametrize(
    "text,expected",
    [
        ("18", time(18)),
        ("18:00", time(18)),
        ("kl. 18.30", time(18, 30)),
        ("6 pm", time(18)),
        ("24:00", time(0)),
        ("25", None),
        ("hei", None),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2027, 1, 15), 3) == date(2027, 4, 15)


# --- flows -------------------------------------------------------------------------------------


def test_meetup_weekday_with_hour_skips_the_time_question():
    r = answer("meetup", "weekday", {}, ENV, text="tirsdag 18")
    assert r is not None and r.next == "place"
    assert r.data == {"weekday": 1, "time": "18:00"}


def test_meetup_flow_reasks_with_an_example_and_keeps_what_it_has():
    r = answer("meetup", "time", {"weekday": 1}, ENV, text="etter middag")
    assert r is not None and r.next is None and r.error == "reminders-err-time"
    assert r.data == {"weekday": 1}


def test_meetup_edit_keeps_values_and_old_buttons_are_refused():
    d = {"id": 3, "weekday": 1, "time": "18:00", "place": "Storgata 1", "note": None}
    r = answer("meetup", "place", d, ENV, value="keep")
    assert r is not None and r.next == "note" and r.data["place"] == "Storgata 1"
    assert answer("meetup", "weekday", {}, ENV, value="keep") is None  # nothing to keep
    assert answer("meetup", "weekday", {}, ENV, value="w9") is None
    assert answer("meetup", "note", d, ENV, value="skip").data["note"] is None


def test_cancel_date_must_be_a_future_meetup_day():
    d = {"id": 1, "weekday": 1, "time": "18:00"}  # Tuesdays 18:00
    r = answer("cancel", "date", d, ENV, text="24.12")
    assert r.error == "reminders-err-not-meetup-day" and r.args == {"weekday": 1}
    r = answer("cancel", "date", d, ENV, text="15.12.2026")
    assert r.error == "reminders-err-past" and r.args == {"date": "2026-12-15"}
    r = answer("cancel", "date", d, ENV, text="22.12")
    assert r.next == "confirm" and r.data["date"] == "2026-12-22"
    r = answer("cancel", "date", d, Env(oslo(2026, 12, 22, 18, 5)), value="d:2026-12-22")
    assert r.error == "reminders-err-past"  # it has begun


def test_agreement_end_beyond_max_warns_and_can_be_kept():
    d = {"label": "Rom 3", "start": "2026-12-01"}
    r = answer("agreement", "end", d, ENV, text="15.04.2027")
    assert r.next is None and r.error == "reminders-warn-end-long"
    assert r.args["limit"] == "2027-03-01" and r.data["end_pending"] == "2027-04-15"
    kept = answer("agreement", "end", r.data, ENV, value="endok")
    assert kept.next == "reviews" and kept.data["end"] == "2027-04-15"
    assert "end_pending" not in kept.data


def test_agreement_dates_in_the_past_are_refused_with_a_reason():
    d = {"label": "Rom 3", "start": "2026-12-01"}
    r = answer("agreement", "end", d, ENV, text="10.12.2026")
    assert r.error == "reminders-err-past" and r.args["date"] == "2026-12-10"
    # The start may lie in the past (an agreement already running), but not before the max stay.
    assert answer("agreement", "start", {"label": "x"}, ENV, text="01.12.2026").next == "end"
    assert (
        answer("agreement", "start", {"label": "x"}, ENV, text="01.06.2026").error
        == "reminders-err-start-old"
    )


def test_agreement_reviews_by_interval_or_dates():
    d = {"label": "Rom 3", "start": "2026-12-01", "end": "2027-03-01"}
    r = answer("agreement", "reviews", d, ENV, value="every")
    assert r.data["reviews"][:2] == ["2026-12-29", "2027-01-12"]  # 15.12 is past: left out
    assert answer("agreement", "reviews", d, ENV, text="hver 30. dag").data["reviews"] == [
        "2026-12-31",
        "2027-01-30",
    ]
    r = answer("agreement", "reviews", d, ENV, text="05.01, 20.1.2027 og 02.02")
    assert r.data["reviews"] == ["2027-01-05", "2027-01-20", "2027-02-02"]
    r = answer("agreement", "reviews", d, ENV, text="05.01, 10.03.2027")
    assert r.error == "reminders-err-review-after-end"
    assert answer("agreement", "reviews", d, ENV, text="kanskje").error == "reminders-err-reviews"
    assert answer("agreement", "reviews", d, ENV, value="none").data["reviews"] == []


def test_review_dates_are_before_the_end_and_from_today():
    assert review_dates(date(2027, 1, 1), date(2027, 2, 1), 14, date(2027, 1, 10)) == [
        date(2027, 1, 15),
        date(2027, 1, 29),
    ]


def test_label_is_short_and_confirm_needs_the_button():
    assert answer("agreement", "label", {}, ENV, text="x" * 41).error == "reminders-err-label"
    assert answer("agreement", "label", {}, ENV, text="  Rom   3 ").data == {"label": "Rom 3"}
    assert answer("agreement", "confirm", {}, ENV, text="ja").error == "reminders-err-confirm"
    assert answer("agreement", "confirm", {}, ENV, value="ok").next == DONE
