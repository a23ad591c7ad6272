"""Small pure parts of the desk: the login throttle's waits, redirects after login, charts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.desk import charts
from bot.desk.access import safe_next
from bot.desk.auth import valid_email, wait_seconds

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def test_the_wait_doubles_after_each_failure_past_the_limit_up_to_the_most():
    waits = [wait_seconds(n, NOW, NOW, after=5, most=900) for n in range(3, 13)]
    assert waits == [0, 0, 15, 30, 60, 120, 240, 480, 900, 900]
    assert wait_seconds(5, NOW - timedelta(seconds=10), NOW, 5, 900) == 5
    assert wait_seconds(5, NOW - timedelta(seconds=15), NOW, 5, 900) == 0


def test_after_login_only_a_path_on_this_site_is_followed():
    assert safe_next("/statistics?x=1") == "/statistics?x=1"
    for bad in ("https://evil.example", "//evil.example", "/\\evil.example", "", None, "x"):
        assert safe_next(bad) == "/"


def test_email_addresses_are_checked_for_their_shape_only():
    assert valid_email("kari.nordmann@kommune.no")
    for bad in ("kari", "kari@kommune", "@kommune.no", "ka ri@kommune.no", "a@b.c" + "x" * 260):
        assert not valid_email(bad)


def test_charts_escape_labels_and_scale_bars_to_the_largest():
    svg = charts.bars("c", "Tittel <b>", "Beskrivelse", [("<script>", 10), ("halv", 5)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'role="img"' in svg and 'aria-labelledby="c-t c-d"' in svg
    assert 'width="580"' in svg and 'width="290"' in svg
    days = [date(2026, 11, 7) + timedelta(days=i) for i in range(30)]
    columns = charts.per_day("d", "t", "d", days, [("a", [1] * 30), ("b", [0] * 29 + [3])])
    assert columns.count("<rect") == 31
    assert ">6.12.</text>" in columns and ">29.11.</text>" in columns and ">8.11.</text>" in columns
    assert ">7.11.</text>" not in columns  # a label a week apart, counted back from the last day
