"""The inbox: residents' conversations with staff (handover cases), answered in the browser.

Every operation is :class:`bot.services.handover.HandoverService`'s, the one the Telegram staff
chat uses: an answer goes through the message outbox to the resident (and a copy to the staff
chat), a case closed here is closed there. The pages ask for what changed every 1.5 seconds
(``static/desk.js``): the list of cases, and an open case's messages, status and who is
answering. Unread counts are per login (``desk_reads``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.core.hours import is_open, next_opening
from bot.core.reminders.texts import WEEKDAY_CODES
from bot.desk.access import deps
from bot.desk.shared import (
    acting,
    actor,
    form_nonce,
    fragment,
    local,
    nonce,
    services,
    telegram_html,
)
from bot.services.handover import CaseMessage
from bot.storage.staff import Thread

MAX_ANSWER = 3500  # one Telegram message with the heading


@dataclass(frozen=True)
class CaseRow:
    id: int
    name: str
    language: str
    status: str
    unread: int
    last: str
    answering: str


@dataclass(frozen=True)
class MessageRow:
    id: int
    from_resident: bool
    html: object
    at: str
    at_iso: str
    status: str


def _t(request: Request):  # type: ignore[no-untyped-def]
    d, lang = deps(request), request.state.lang
    return lambda mid, **kw: d.t(lang, mid, **kw)


def _case_id(request: Request) -> int:
    return int(request.path_params["case_id"])


async def _rows(request: Request) -> tuple[list[CaseRow], list[CaseRow]]:
    d, svc = deps(request), services(request).handover
    t = _t(request)
    marks = await d.store.read_marks(request.state.visitor.account.id)
    _, me = actor(request)
    open_rows, closed_rows = [], []
    for case in await svc.cases():
        seen = marks.get(case.thread.id, 0)
        claim = await svc.answering(case.thread.id)
        row = CaseRow(
            case.thread.id,
            case.first_name,
            t(f"language-name-{case.thread.language}"),
            case.thread.status,
            sum(1 for i in case.resident_messages if i > seen),
            local(case.last_at, d.cfg.tz),
            claim.who if claim is not None and claim.who != me else "",
        )
        (closed_rows if case.thread.status == "closed" else open_rows).append(row)
    return open_rows, closed_rows


def _office(request: Request) -> dict:
    """Opening hours and whether residents who write now get the out-of-hours notice (the
    chat decides it with the same functions, :mod:`bot.core.hours`)."""
    d = deps(request)
    o, t = d.cfg.office, _t(request)
    now = services(request).handover.clock.now().astimezone(d.cfg.tz)
    nxt = (
        None
        if is_open(now, o.opening_days, o.opens, o.closes)
        else (next_opening(now, o.opening_days, o.opens, o.closes))
    )
    when = (
        t("reminders-weekday", day=WEEKDAY_CODES[nxt.weekday()]) + " " + nxt.strftime("%H.%M")
        if nxt
        else ""
    )
    return {"hours": o.hours, "open": nxt is None and bool(o.opening_days), "next": when}


async def inbox(request: Request) -> Response:
    d = deps(request)
    open_rows, closed_rows = await _rows(request)
    return await d.render(
        request,
        "inbox.html",
        open_cases=open_rows,
        closed_cases=closed_rows,
        office=_office(request),
        available=services(request).handover.available,
    )


async def cases_fragment(request: Request) -> Response:
    open_rows, closed_rows = await _rows(request)
    return fragment(
        deps(request).fragment(
            request, "_cases.html", open_cases=open_rows, closed_cases=closed_rows
        )
    )


def _message_rows(request: Request, messages: list[CaseMessage]) -> list[MessageRow]:
    tz = deps(request).cfg.tz
    return [
        MessageRow(
            m.id,
            m.from_resident,
            telegram_html(m.html),
            local(m.at, tz),
            m.at.isoformat(),
            m.status,
        )
        for m in messages
    ]


async def _read(request: Request, case: int, messages: list[CaseMessage]) -> None:
    """This login has now seen the case's messages (the resident's newest one)."""
    newest = max((m.id for m in messages if m.from_resident), default=0)
    if newest:
        await deps(request).store.mark_read(request.state.visitor.account.id, case, newest)


async def _answering(request: Request, case: int) -> str:
    claim = await services(request).handover.answering(case)
    _, me = actor(request)
    if claim is None or claim.who == me:
        return ""
    return _t(request)("desk-case-answering", who=claim.who)


async def _thread(request: Request) -> Thread | None:
    return await services(request).handover.thread(_case_id(request))


async def _not_found(request: Request) -> Response:
    return await deps(request).refuse(request, 404, "desk-case-gone")


async def _updates(request: Request, thread: Thread) -> dict:
    """What the case page shows that may change: its messages (and their delivery), its
    status, and who is answering; ``version`` changes when any of them does. Reading them
    marks the case read for this login."""
    d, svc = deps(request), services(request).handover
    messages = await svc.messages(thread.id)
    await _read(request, thread.id, messages)
    name = await svc.first_name(thread.id)
    html = d.fragment(
        request, "_messages.html", messages=_message_rows(request, messages), person=name
    )
    answering = await _answering(request, thread.id)
    version = hashlib.sha256(f"{html}|{thread.status}|{answering}".encode()).hexdigest()[:16]
    return {
        "version": version,
        "html": html,
        "status": thread.status,
        "answering": answering,
        "name": name,
    }


async def case_page(
    request: Request, error: str | None = None, status: int = 200, draft: str = ""
) -> Response:
    """The case; after a refused answer, with why and with what was typed."""
    d = deps(request)
    thread = await _thread(request)
    if thread is None:
        return await _not_found(request)
    updates = await _updates(request, thread)
    return await d.render(
        request,
        "case.html",
        status=status,
        case=thread,
        person=updates["name"],
        language=_t(request)(f"language-name-{thread.language}"),
        messages_html=Markup(updates["html"]),
        version=updates["version"],
        answering=updates["answering"],
        nonce=nonce(),
        error=error,
        draft=draft,
        max_answer=MAX_ANSWER,
    )


async def case_updates(request: Request) -> Response:
    thread = await _thread(request)
    if thread is None:
        return Response('{"gone": true}', status_code=404, media_type="application/json")
    body = await _updates(request, thread)
    del body["name"]
    return Response(json.dumps(body), media_type="application/json")


async def reply(request: Request) -> Response:
    svc = services(request).handover
    thread = await _thread(request)
    if thread is None:
        return await _not_found(request)
    form = await request.form()
    text = str(form.get("text", "")).strip()
    if not text:
        return await case_page(request, "desk-case-empty", 400)
    if len(text) > MAX_ANSWER:
        return await case_page(request, "desk-case-too-long", 400, text)
    account_id = request.state.visitor.account.id
    _, me = actor(request)
    key = f"desk:{account_id}:{form_nonce(form.get('nonce'))}"
    if await svc.answer(thread, text, key, acting(request), desk=me) == "closed":
        return await case_page(request, "desk-case-closed-cannot-answer", 409, text)
    return RedirectResponse(f"/inbox/{thread.id}", status_code=303)


async def close(request: Request) -> Response:
    svc = services(request).handover
    thread = await _thread(request)
    if thread is None:
        return await _not_found(request)
    _, me = actor(request)
    await svc.close(thread, "desk", me, actor=acting(request))  # closed already: nothing
    return RedirectResponse(f"/inbox/{thread.id}", status_code=303)


async def reopen(request: Request) -> Response:
    svc = services(request).handover
    _, me = actor(request)
    result = await svc.reopen(_case_id(request), me, acting(request))
    if result == "gone":
        return await _not_found(request)
    if result == "busy":
        return await case_page(request, "desk-case-busy", 409)
    return RedirectResponse(f"/inbox/{_case_id(request)}", status_code=303)


async def claim(request: Request) -> Response:
    """The staff member started typing an answer: colleagues see who is answering."""
    svc = services(request).handover
    thread = await _thread(request)
    if thread is None or thread.status == "closed":
        return Response('{"answering": ""}', media_type="application/json")
    _, me = actor(request)
    held = await svc.claim(thread.id, me)
    other = _t(request)("desk-case-answering", who=held.who) if held.who != me else ""
    return Response(json.dumps({"answering": other}), media_type="application/json")
