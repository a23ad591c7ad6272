"""Meetups and agreements on the desk: create, change and cancel weekly meetups; register a
bo- og oppfølgingsavtale and show the resident's one-time link as a QR code to scan on the spot.

The writes are :class:`bot.services.reminders.MeetupService`'s and ``AgreementService``'s (the
ones ``/treff`` and ``/avtale`` use), and every answer is checked by the same step functions as
the chat's guided flows (:mod:`bot.core.reminders.flows`), so the rules and their messages are
the same. The QR code is drawn on the server as SVG (segno); the link's code is never stored,
only held in memory for the page that shows it (:class:`bot.desk.shared.LinkShelf`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

import segno
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.core.reminders.flows import Env, Result, answer
from bot.core.reminders.occurrences import upcoming
from bot.core.reminders.prompts import error_text
from bot.core.reminders.texts import Texts, fmt_date
from bot.desk.access import deps
from bot.desk.shared import acting, local, services

NEXT_DATES = 6  # dates offered when cancelling one


@dataclass(frozen=True)
class _Reader:
    """What :func:`bot.core.reminders.prompts.error_text` reads of a chat context."""

    lang: str
    t: Any


def _see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _texts(request: Request) -> Texts:
    d = deps(request)
    return Texts(d.t, d.cfg.tz, None)  # type: ignore[arg-type]  # no buttons are signed here


def _env(request: Request) -> Env:
    d = deps(request)
    now = services(request).meetups.clock.now().astimezone(d.cfg.tz)
    return Env(now, d.cfg.agreement.max_months, d.cfg.agreement.review_interval_days)


def _why(request: Request, result: Result | None) -> str:
    """Why an answer was not taken, in the chat flow's words."""
    d, lang = deps(request), request.state.lang
    if result is None:
        return d.t(lang, "desk-meetups-invalid")
    reader = _Reader(lang, lambda mid, **kw: d.t(lang, mid, **kw))
    return error_text(reader, _texts(request), result) or ""  # type: ignore[arg-type]


def _steps(request: Request, kind: str, data: dict, steps: list[tuple]) -> tuple[dict, str | None]:
    """Run the flow's steps on the form's answers: (data, None) or (data so far, why not)."""
    env = _env(request)
    for step, text, value in steps:
        result = answer(kind, step, data, env, text=text, value=value)
        if result is None:
            return data, _why(request, result)
        if result.error is not None:  # the data may hold what the step asks to confirm
            return result.data, _why(request, result)
        data = result.data
    return data, None


def _day(value: object) -> str | None:
    """A form's date (YYYY-MM-DD) as a flow's date button value."""
    text = str(value or "").strip()
    try:
        return "d:" + date.fromisoformat(text).isoformat()
    except ValueError:
        return None


# --- the page ----------------------------------------------------------------------------


async def meetups_page(request: Request, status: int = 200, **extra: Any) -> Response:
    d, svc = deps(request), services(request)
    texts, lang, tz = _texts(request), request.state.lang, d.cfg.tz
    env = _env(request)
    today = env.now.date()
    rows = []
    for m in await svc.meetups.meetups():
        cancelled = await svc.meetups.cancellations(m.id, today)
        skip = frozenset(day for _, day in cancelled)
        dates = [o.date() for o in upcoming(m.weekday, m.at, tz, env.now, NEXT_DATES, skip)]
        rows.append(
            {
                "m": m,
                "when": texts.weekly(lang, m),
                "next": [
                    (x.isoformat(), f"{texts.weekday(lang, x.weekday())} {fmt_date(x)}")
                    for x in dates
                ],
                "cancelled": [
                    (i, f"{texts.weekday(lang, x.weekday())} {fmt_date(x)}") for i, x in cancelled
                ],
            }
        )
    agreements = []
    for a in await svc.agreements.agreements(today):
        review = next((x for x in a.reviews if x >= today), None)
        agreements.append(
            {
                "a": a,
                "starts": fmt_date(a.starts_on),
                "ends": fmt_date(a.ends_on),
                "review": fmt_date(review) if review else "",
            }
        )
    return await d.render(
        request,
        "meetups.html",
        status=status,
        meetups=rows,
        agreements=agreements,
        weekdays=[(i, texts.weekday(lang, i)) for i in range(7)],
        review_every=env.review_every,
        max_months=env.max_months,
        today=today.isoformat(),
        **extra,
    )


# --- meetups -----------------------------------------------------------------------------


def _meetup_steps(form: Any) -> list[tuple]:
    weekday = str(form.get("weekday", ""))
    note = str(form.get("note", "")).strip()
    return [
        ("weekday", None, f"w{weekday}"),
        ("time", str(form.get("time", "")), None),
        ("place", str(form.get("place", "")), None),
        ("note", note or None, None if note else "skip"),
    ]


async def _save_meetup(request: Request, meetup_id: int | None) -> Response:
    svc = services(request).meetups
    form = await request.form()
    data, why = _steps(request, "meetup", {}, _meetup_steps(form))
    values = {k: str(form.get(k, "")) for k in ("weekday", "time", "place", "note")}
    if why is not None:
        if meetup_id is None:
            return await meetups_page(request, 400, error=why, values=values)
        return await edit_page(request, 400, error=why, values=values)
    saved = await svc.save(
        meetup_id,
        data["weekday"],
        time.fromisoformat(data["time"]),
        data["place"],
        data.get("note"),
        acting(request),
    )
    if saved is None:
        return await deps(request).refuse(request, 404, "desk-meetups-gone")
    return _see(f"/meetups#meetup-{saved}")


async def create_meetup(request: Request) -> Response:
    return await _save_meetup(request, None)


async def change_meetup(request: Request) -> Response:
    return await _save_meetup(request, int(request.path_params["meetup_id"]))


async def edit_page(request: Request, status: int = 200, **extra: Any) -> Response:
    d = deps(request)
    m = await services(request).meetups.meetup(int(request.path_params["meetup_id"]))
    if m is None:
        return await d.refuse(request, 404, "desk-meetups-gone")
    values = extra.pop("values", None) or {
        "weekday": str(m.weekday),
        "time": m.at.strftime("%H:%M"),
        "place": m.place,
        "note": m.note or "",
    }
    texts, lang = _texts(request), request.state.lang
    return await d.render(
        request,
        "meetup_edit.html",
        status=status,
        m=m,
        values=values,
        weekdays=[(i, texts.weekday(lang, i)) for i in range(7)],
        **extra,
    )


async def cancel_date(request: Request) -> Response:
    svc = services(request).meetups
    meetup_id = int(request.path_params["meetup_id"])
    m = await svc.meetup(meetup_id)
    if m is None:
        return await deps(request).refuse(request, 404, "desk-meetups-gone")
    form = await request.form()
    start = {"id": m.id, "weekday": m.weekday, "time": m.at.strftime("%H:%M")}
    data, why = _steps(request, "cancel", start, [("date", None, _day(form.get("date")))])
    if why is not None:
        return await meetups_page(request, 400, error=why)
    if await svc.cancel_date(m.id, date.fromisoformat(data["date"]), acting(request)) is None:
        return await meetups_page(
            request,
            409,
            error=deps(request).t(request.state.lang, "desk-meetups-cancelled-already"),
        )
    return _see(f"/meetups#meetup-{m.id}")


async def undo_cancel(request: Request) -> Response:
    cancel_id = int(request.path_params["cancel_id"])
    await services(request).meetups.uncancel(cancel_id, acting(request))
    return _see("/meetups")


async def delete_meetup(request: Request) -> Response:
    meetup_id = int(request.path_params["meetup_id"])
    await services(request).meetups.delete(meetup_id, acting(request))
    return _see("/meetups")


# --- agreements --------------------------------------------------------------------------


async def register(request: Request) -> Response:
    d, svc = deps(request), services(request).agreements
    form = await request.form()
    values = {k: str(form.get(k, "")) for k in ("label", "start", "end", "reviews")}
    reviews = "none" if values["reviews"] == "none" else "every"
    steps = [
        ("label", values["label"], None),
        ("start", None, _day(values["start"])),
        ("end", None, _day(values["end"])),
    ]
    data, why = _steps(request, "agreement", {}, steps)
    long = "end_pending" in data  # longer than usual: the form asks to confirm it
    if long and form.get("long") == "yes":
        data, why = _steps(request, "agreement", data, [("end", None, "endok")])
    if why is None:
        data, why = _steps(request, "agreement", data, [("reviews", None, reviews)])
    if why is not None:
        return await meetups_page(request, 400, agreement_error=why, values=values, long=long)
    account = request.state.visitor.account
    agreement_id, code = await svc.register(
        data["label"],
        date.fromisoformat(data["start"]),
        date.fromisoformat(data["end"]),
        [date.fromisoformat(x) for x in data["reviews"]],
        account.telegram_id,  # reminded of reviews in Telegram when linked; else the staff chat
        actor=acting(request),
    )
    token = d.links.put(account.id, agreement_id, code, _env(request).now)
    return _see(f"/agreements/{agreement_id}/link/{token}")


async def new_code(request: Request) -> Response:
    d, svc = deps(request), services(request).agreements
    agreement_id = int(request.path_params["agreement_id"])
    code = await svc.new_code(agreement_id, acting(request))
    if code is None:
        return await d.refuse(request, 404, "desk-agreements-gone")
    d.links.forget(agreement_id)  # the earlier code no longer works
    token = d.links.put(request.state.visitor.account.id, agreement_id, code, _env(request).now)
    return _see(f"/agreements/{agreement_id}/link/{token}")


async def delete_agreement(request: Request) -> Response:
    d = deps(request)
    agreement_id = int(request.path_params["agreement_id"])
    await services(request).agreements.delete(agreement_id, acting(request))
    d.links.forget(agreement_id)
    return _see("/meetups#agreements")


def qr_svg(link: str, title: str) -> Markup:
    """The link as a QR code: SVG drawn on the server (no script, no inline style)."""
    svg = segno.make(link, error="m").svg_inline(
        scale=6,
        border=4,
        svgclass="qr",
        lineclass="qr-line",
        dark="#000",
        light="#fff",
        title=title,
    )
    return Markup(svg)


async def link_page(request: Request) -> Response:
    d, svc = deps(request), services(request)
    agreement_id = int(request.path_params["agreement_id"])
    a = await svc.agreements.agreement(agreement_id)
    if a is None:
        return await d.refuse(request, 404, "desk-agreements-gone")
    now = _env(request).now
    code = d.links.get(
        request.path_params["token"], request.state.visitor.account.id, agreement_id, now
    )
    link = svc.bot_link(code.payload) if code is not None else ""
    t = lambda mid, **kw: d.t(request.state.lang, mid, **kw)  # noqa: E731
    return await d.render(
        request,
        "agreement_link.html",
        a=a,
        code=code,
        link=link,
        start=f"/start {code.payload}" if code is not None else "",
        qr=qr_svg(link, t("desk-agreements-qr-title", label=a.label)) if link else "",
        expires=local(code.expires, d.cfg.tz) if code is not None else "",
        ends=fmt_date(a.ends_on),
    )
