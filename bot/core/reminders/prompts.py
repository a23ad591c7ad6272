"""The questions of the staff flows, with their buttons, and the summaries to confirm."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from bot.core.context import Context
from bot.core.events import Button, Outcome
from bot.core.reminders.flows import LABEL_MAX, Result, add_months
from bot.core.reminders.occurrences import local_at
from bot.core.reminders.records import Flow, MeetupInfo
from bot.core.reminders.texts import Texts, esc, fmt_date

FLOW_ACTION = "rf"  # button action of every flow answer: arg "<step>:<value>", or "x" to cancel
_DATE_ARGS = {"date", "limit", "start", "end"}


@dataclass(frozen=True)
class Facts:
    """What a question needs to know besides the flow's own data."""

    now: datetime  # local wall-clock time
    max_months: int
    review_every: int
    meetup: MeetupInfo | None = None  # cancelling a date: the meetup
    dates: tuple[date, ...] = ()  # cancelling a date: the next dates to offer


def error_text(ctx: Context, texts: Texts, result: Result) -> str | None:
    """Why the last answer was not taken, with dates and weekdays written out."""
    if result.error is None:
        return None
    args: dict[str, Any] = dict(result.args)
    for key in _DATE_ARGS & set(args):
        args[key] = fmt_date(date.fromisoformat(args[key]))
    if "weekday" in args:
        args["weekday"] = texts.weekday(ctx.lang, args["weekday"])
    elif "date" in result.args:
        args["weekday"] = texts.weekday(ctx.lang, date.fromisoformat(result.args["date"]).weekday())
    return ctx.t(result.error, **args)


def prompt(
    ctx: Context, texts: Texts, flow: Flow, facts: Facts, error: str | None = None
) -> Outcome:
    """Ask the flow's current step (after ``error`` when the last answer was not taken)."""
    d, lang = flow.data, ctx.lang

    def btn(label: str, value: str) -> Button:
        return ctx.button(label, FLOW_ACTION, f"{flow.step}:{value}")

    def keep(key: str, shown: str) -> list[list[Button]]:
        return [[btn(ctx.t("reminders-btn-keep", value=shown), "keep")]] if key in d else []

    rows: list[list[Button]] = []
    step = (flow.kind, flow.step)
    if step == ("meetup", "weekday"):
        text = ctx.t("reminders-ask-weekday")
        days = [btn(texts.weekday(lang, i, short=True), f"w{i}") for i in range(7)]
        rows = [days[:4], days[4:]]
        if "weekday" in d:
            rows += keep("weekday", texts.weekday(lang, d["weekday"]))
    elif step == ("meetup", "time"):
        text = ctx.t("reminders-ask-time")
        if "time" in d:
            rows = keep("time", texts.clock(lang, time.fromisoformat(d["time"])))
    elif step == ("meetup", "place"):
        text, rows = ctx.t("reminders-ask-place"), keep("place", d.get("place", ""))
    elif step == ("meetup", "note"):
        text = ctx.t("reminders-ask-note")
        rows = [[btn(ctx.t("reminders-btn-skip"), "skip")]]
        if d.get("note"):
            rows += keep("note", d["note"][:30])
    elif step == ("cancel", "date"):
        assert facts.meetup is not None
        text = ctx.t("reminders-ask-cancel-date", meetup=texts.weekly(lang, facts.meetup))
        rows = [[btn(fmt_date(day, year=False), f"d:{day.isoformat()}") for day in facts.dates]]
    elif step == ("agreement", "label"):
        text = ctx.t("reminders-ask-label", max=LABEL_MAX)
    elif step == ("agreement", "start"):
        today = facts.now.date()
        text = ctx.t("reminders-ask-start")
        rows = [[btn(ctx.t("reminders-btn-today", date=fmt_date(today)), f"d:{today.isoformat()}")]]
    elif step == ("agreement", "end"):
        months = facts.max_months
        default = add_months(date.fromisoformat(d["start"]), months)
        text = ctx.t("reminders-ask-end", months=months)
        if "end_pending" in d:
            pending = fmt_date(date.fromisoformat(d["end_pending"]))
            rows.append([btn(ctx.t("reminders-btn-end-keep", date=pending), "endok")])
        if default >= facts.now.date():
            rows.append(
                [
                    btn(
                        ctx.t("reminders-btn-end-default", months=months, date=fmt_date(default)),
                        f"d:{default.isoformat()}",
                    )
                ]
            )
    elif step == ("agreement", "reviews"):
        text = ctx.t("reminders-ask-reviews", days=facts.review_every)
        rows = [
            [
                btn(ctx.t("reminders-btn-every", days=facts.review_every), "every"),
                btn(ctx.t("reminders-btn-no-reviews"), "none"),
            ]
        ]
    else:  # confirm
        text = summary(ctx, texts, flow, facts)
        yes = "reminders-btn-confirm-cancel" if flow.kind == "cancel" else "reminders-btn-save"
        rows = [[btn(ctx.t(yes), "ok")]]
    rows.append([ctx.button(ctx.t("reminders-btn-cancel"), FLOW_ACTION, "x")])
    if flow.step != "confirm":
        text += "\n" + ctx.t("reminders-flow-hint")
    if error:
        text = f"{error}\n\n{text}"
    return ctx.reply(text, rows)


def summary(ctx: Context, texts: Texts, flow: Flow, facts: Facts) -> str:
    d, lang = flow.data, ctx.lang
    if flow.kind == "meetup":
        m = MeetupInfo(0, d["weekday"], time.fromisoformat(d["time"]), d["place"], d.get("note"))
        return ctx.t(
            "reminders-meetup-summary",
            meetup=texts.weekly(lang, m),
            place=esc(m.place),
            note=esc(m.note) if m.note else ctx.t("reminders-no-note"),
        )
    if flow.kind == "cancel":
        occ = local_at(date.fromisoformat(d["date"]), time.fromisoformat(d["time"]), texts.tz)
        return ctx.t(
            "reminders-cancel-summary",
            when=texts.when(lang, occ, facts.now),
            count=facts.meetup.subscribers if facts.meetup else 0,
        )
    reviews = ", ".join(fmt_date(date.fromisoformat(x)) for x in d["reviews"])
    return ctx.t(
        "reminders-agreement-summary",
        label=esc(d["label"]),
        start=fmt_date(date.fromisoformat(d["start"])),
        end=fmt_date(date.fromisoformat(d["end"])),
        reviews=reviews or ctx.t("reminders-agreements-no-review"),
    )
