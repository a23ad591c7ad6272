"""Staff's guided flows as pure step functions: a meetup, a cancelled date, an agreement.

Each step takes the flow's data so far and one answer (typed ``text`` or a button ``value``) and
returns the updated data with the next step, or a message id saying why the answer was not
taken (the step is then asked again). An unknown button value gives ``None``: an old button.
Dates and times in ``data`` are ISO strings, so the state fits a JSON column.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from bot.core.ids import parse_int
from bot.core.reminders.occurrences import local_at
from bot.core.reminders.parse import When, parse_time, parse_when, resolve_date

STEPS = {
    "meetup": ("weekday", "time", "place", "note", "confirm"),
    "cancel": ("date", "confirm"),
    "agreement": ("label", "start", "end", "reviews", "confirm"),
}
DONE = "done"
PLACE_MAX, NOTE_MAX, LABEL_MAX = 200, 300, 40
_INTERVAL = re.compile(r"^(?:hver|every)?\s*(\d{1,2})\.?\s*(?:dag|dager|days?|d)?$")
_LIST_SPLIT = re.compile(r"\s*(?:[,;]|\bog\b|\band\b)\s*")


@dataclass(frozen=True)
class Env:
    now: datetime  # local wall-clock time, aware
    max_months: int = 3
    review_every: int = 14


@dataclass
class Result:
    data: dict[str, Any]
    next: str | None = None  # the next step, DONE, or None when the step is asked again
    error: str | None = None
    args: dict[str, Any] = field(default_factory=dict)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _again(data: dict[str, Any], error: str, **args: Any) -> Result:
    return Result(data, None, error, args)


def _when_error(w: When) -> str:
    return {
        "ambiguous": "reminders-err-ambiguous",
        "mismatch": "reminders-err-mismatch",
    }.get(w.problem or "", "reminders-err-date")


def _date_answer(
    text: str | None, value: str | None, env: Env, future: bool = True
) -> date | str | None:
    """A date from a ``d:<iso>`` button or typed text; a message id when it could not be read."""
    if value is not None:
        if not value.startswith("d:"):
            return None
        try:
            return date.fromisoformat(value[2:])
        except ValueError:
            return None
    w = parse_when(text or "", env.now, future=future)
    day = resolve_date(w, env.now.date()) if w.problem is None else None
    return day if day is not None else _when_error(w)


# --- meetup ------------------------------------------------------------------------------------


def _weekday(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    if value == "keep" and "weekday" in d:
        return Result(d, "time")
    if value is not None:
        day = parse_int(value[1:], 0, 6) if value.startswith("w") else None
        if day is None:
            return None
        return Result({**d, "weekday": day}, "time")
    w = parse_when(text or "", env.now)
    if w.problem is None and w.weekday is not None and w.date is None:
        data = {**d, "weekday": w.weekday}
        if w.time is not None:
            return Result({**data, "time": w.time.strftime("%H:%M")}, "place")
        return Result(data, "time")
    return _again(d, "reminders-err-weekday")


def _time(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    if value is not None:
        return Result(d, "place") if value == "keep" and "time" in d else None
    t = parse_time(text or "")
    if t is None:
        return _again(d, "reminders-err-time")
    return Result({**d, "time": t.strftime("%H:%M")}, "place")


def _place(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    if value is not None:
        return Result(d, "note") if value == "keep" and "place" in d else None
    place = " ".join((text or "").split())
    if not 2 <= len(place) <= PLACE_MAX:
        return _again(d, "reminders-err-place", max=PLACE_MAX)
    return Result({**d, "place": place}, "note")


def _note(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    if value == "keep" and "note" in d:
        return Result(d, "confirm")
    if value == "skip":
        return Result({**d, "note": None}, "confirm")
    if value is not None:
        return None
    note = (text or "").strip()
    if not note or len(note) > NOTE_MAX:
        return _again(d, "reminders-err-note", max=NOTE_MAX)
    return Result({**d, "note": note}, "confirm")


# --- cancelling one date -----------------------------------------------------------------------


def _cancel_date(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    day = _date_answer(text, value, env)
    if day is None:
        return None
    if isinstance(day, str):
        return _again(d, day)
    if day.weekday() != d["weekday"]:
        return _again(d, "reminders-err-not-meetup-day", weekday=d["weekday"])
    at = datetime.strptime(d["time"], "%H:%M").time()
    if local_at(day, at, env.now.tzinfo) <= env.now:  # type: ignore[arg-type]
        return _again(d, "reminders-err-past", date=day.isoformat())
    return Result({**d, "date": day.isoformat()}, "confirm")


# --- agreement ---------------------------------------------------------------------------------


def _label(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    if value is not None:
        return None
    label = " ".join((text or "").split())
    if not 1 <= len(label) <= LABEL_MAX:
        return _again(d, "reminders-err-label", max=LABEL_MAX)
    return Result({**d, "label": label}, "start")


def _start(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    day = _date_answer(text, value, env, future=False)
    if day is None:
        return None
    if isinstance(day, str):
        return _again(d, day)
    today = env.now.date()
    if add_months(day, env.max_months) < today:
        return _again(d, "reminders-err-start-old", months=env.max_months)
    if day > today + timedelta(days=365):
        return _again(d, "reminders-err-start-far")
    return Result({**d, "start": day.isoformat()}, "end")


def _end(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    if value == "endok" and "end_pending" in d:
        data = {k: v for k, v in d.items() if k != "end_pending"}
        return Result({**data, "end": d["end_pending"]}, "reviews")
    day = _date_answer(text, value, env)
    if day is None:
        return None
    data = {k: v for k, v in d.items() if k != "end_pending"}
    if isinstance(day, str):
        return _again(data, day)
    start = date.fromisoformat(d["start"])
    if day < env.now.date():
        return _again(data, "reminders-err-past", date=day.isoformat())
    if day <= start:
        return _again(data, "reminders-err-end-before-start", start=d["start"])
    limit = add_months(start, env.max_months)
    if day > limit:
        return _again(
            {**data, "end_pending": day.isoformat()},
            "reminders-warn-end-long",
            months=env.max_months,
            limit=limit.isoformat(),
            date=day.isoformat(),
        )
    return Result({**data, "end": day.isoformat()}, "reviews")


def review_dates(start: date, end: date, every: int, today: date) -> list[date]:
    """Every ``every`` days after ``start``, before ``end``, from today on."""
    out, day = [], start + timedelta(days=every)
    while day < end:
        if day >= today:
            out.append(day)
        day += timedelta(days=every)
    return out


def _reviews(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    start, end, today = date.fromisoformat(d["start"]), date.fromisoformat(d["end"]), env.now.date()
    if value == "none":
        return Result({**d, "reviews": []}, "confirm")
    if value == "every":
        days = review_dates(start, end, env.review_every, today)
        return Result({**d, "reviews": [x.isoformat() for x in days]}, "confirm")
    if value is not None:
        return None
    s = " ".join((text or "").lower().split())
    if (m := _INTERVAL.match(s)) is not None:
        every = int(m[1])
        if not 1 <= every <= 90:
            return _again(d, "reminders-err-reviews")
        days = review_dates(start, end, every, today)
        return Result({**d, "reviews": [x.isoformat() for x in days]}, "confirm")
    days = []
    for part in filter(None, _LIST_SPLIT.split(s)):
        day = _date_answer(part, None, env)
        if isinstance(day, str) or day is None:
            return _again(d, "reminders-err-reviews")
        if day < today:
            return _again(d, "reminders-err-past", date=day.isoformat())
        if day > end:
            return _again(d, "reminders-err-review-after-end", end=d["end"])
        days.append(day)
    if not days:
        return _again(d, "reminders-err-reviews")
    return Result({**d, "reviews": sorted({x.isoformat() for x in days})}, "confirm")


def _confirm(d: dict, text: str | None, value: str | None, env: Env) -> Result | None:
    if value == "ok":
        return Result(d, DONE)
    if value is not None:
        return None
    return _again(d, "reminders-err-confirm")


Step = Callable[[dict, "str | None", "str | None", Env], "Result | None"]
HANDLERS: dict[tuple[str, str], Step] = {
    ("meetup", "weekday"): _weekday,
    ("meetup", "time"): _time,
    ("meetup", "place"): _place,
    ("meetup", "note"): _note,
    ("meetup", "confirm"): _confirm,
    ("cancel", "date"): _cancel_date,
    ("cancel", "confirm"): _confirm,
    ("agreement", "label"): _label,
    ("agreement", "start"): _start,
    ("agreement", "end"): _end,
    ("agreement", "reviews"): _reviews,
    ("agreement", "confirm"): _confirm,
}


def answer(
    kind: str,
    step: str,
    data: dict[str, Any],
    env: Env,
    text: str | None = None,
    value: str | None = None,
) -> Result | None:
    """Apply one answer to the step ``step`` of flow ``kind``."""
    handler = HANDLERS.get((kind, step))
    return handler(dict(data), text, value, env) if handler else None
