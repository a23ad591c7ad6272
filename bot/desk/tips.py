"""Tips on the desk: compose, preview as residents see it, pick the audience, send, watch, stop.

Every step is :class:`bot.services.tips.TipService`'s, the one the Telegram flow uses: the tip
goes out through the same tip outbox and pacer (job ``tips:send``), so it reaches each
subscriber once. With a staff chat, the progress message is posted there too (with its stop
button); the desk's own report page is asked again every 1.5 seconds while the tip is sent.
The report's CSV holds the counts only (no one's Telegram id).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.core.broadcast.records import AUDIENCES, BroadcastInfo
from bot.core.ports import DeliveryError
from bot.desk.access import deps
from bot.desk.shared import acting, actor, csv_download, fragment, local, services, telegram_html

log = logging.getLogger(__name__)

MAX_LINK = 300
_LINK = re.compile(r"^https?://[^\s<>\"']+$")
RECENT = 20
MAX_PHOTO = 5 * 1024 * 1024  # Telegram takes photos up to 10 MB
# What a photo's first bytes say it is (the file name and the browser's word are not trusted).
PHOTO_TYPES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def _see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _id(request: Request) -> int:
    return int(request.path_params["tip_id"])


async def tips_page(request: Request, status: int = 200, **extra: object) -> Response:
    d, svc = deps(request), services(request).tips
    me, _ = actor(request)
    recent = await svc.recent(RECENT)
    return await d.render(
        request,
        "tips.html",
        status=status,
        draft=await svc.draft(me),
        recent=[(b, local(b.created_at, d.cfg.tz)) for b in recent],
        max_link=MAX_LINK,
        **extra,
    )


async def _photo(form: Any) -> tuple[bytes, str] | str | None:
    """The form's photo as (bytes, media type), a message id saying why not, or None."""
    upload = form.get("photo")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    data = await upload.read(MAX_PHOTO + 1)
    if not data:
        return None
    if len(data) > MAX_PHOTO:
        return "desk-tips-photo-big"
    kind = next((t for magic, t in PHOTO_TYPES.items() if data.startswith(magic)), None)
    return (data, kind) if kind else "desk-tips-photo-type"


async def compose(request: Request) -> Response:
    """A new draft from the form (it replaces this login's earlier draft), then its preview.
    A photo is uploaded to Telegram once, into the staff chat (else the login's own chat)."""
    d, svc = deps(request), services(request).tips
    me, _ = actor(request)
    form = await request.form()
    text = str(form.get("text", "")).strip()
    link = str(form.get("link", "")).strip()
    values = {"text": text, "link": link}

    async def refused(message: str, **args: object) -> Response:
        return await tips_page(request, 400, error=(message, args), values=values)

    if link and (len(link) > MAX_LINK or not _LINK.match(link)):
        return await refused("desk-tips-bad-link")
    photo = await _photo(form)
    if isinstance(photo, str):
        return await refused(photo)
    if not text and not link and photo is None:
        return await refused("desk-tips-empty")
    content = f"{text}\n\n{link}" if text and link else text or link
    draft_id = await svc.new_draft(me)
    photo_id = None
    if photo is not None:
        account = request.state.visitor.account
        chat = d.cfg.bot.staff_chat_id or account.telegram_id
        if not chat:
            await svc.drop_draft(me)
            return await refused("desk-tips-photo-nowhere")
        try:
            photo_id = await svc.upload_photo(chat, photo[0])
        except (DeliveryError, RuntimeError):
            log.exception("desk: could not upload a tip's photo")
            await svc.drop_draft(me)
            return await refused("desk-tips-photo-failed")
        d.photos.put(account.id, draft_id, *photo)
    if too_long := await svc.set_content(draft_id, content, photo_id):
        await svc.drop_draft(me)
        return await refused("desk-tips-too-long", limit=too_long.limit, length=too_long.length)
    return _see(f"/tips/{draft_id}")


async def photo(request: Request) -> Response:
    """The photo of this login's draft, for its preview."""
    held = deps(request).photos.get(request.state.visitor.account.id, _id(request))
    if held is None:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(held[0], media_type=held[1])


async def tip_page(request: Request, status: int = 200, error: str | None = None) -> Response:
    d, svc = deps(request), services(request).tips
    me, _ = actor(request)
    info = await svc.info(_id(request))
    if info is None or (info.status == "draft" and info.created_by != me):
        return await d.refuse(request, 404, "desk-tips-gone")
    if info.status == "draft":
        draft = await svc.draft(me)
        if draft is None or draft.id != info.id or draft.step != "preview":
            return await d.refuse(request, 404, "desk-tips-gone")
        sample = await svc.preview(info.id, me, request.state.lang)
        account_id = request.state.visitor.account.id
        return await d.render(
            request,
            "tip_draft.html",
            status=status,
            tip=info,
            preview=telegram_html(sample.text),
            has_photo=bool(sample.photo),
            photo_shown=d.photos.get(account_id, info.id) is not None,
            button=sample.buttons[0][0].label if sample.buttons else "",
            audiences=[(a, n) for a, n in (await svc.audiences()).items() if a in AUDIENCES],
            error=error,
        )
    return await d.render(
        request, "tip_report.html", status=status, tip=info, report=_report(request, info)
    )


def _report(request: Request, info: BroadcastInfo) -> dict:
    r, tz = info.report, deps(request).cfg.tz
    return {
        "rows": [
            ("delivered", r.sent),
            ("blocked", r.blocked),
            ("failed", r.failed),
            ("unknown", r.unknown),
            ("cancelled", r.cancelled),
            ("pending", r.pending),
        ],
        "done": r.done,
        "total": r.total,
        "running": info.status == "running",
        "started": local(info.created_at, tz),
        "finished": local(info.finished_at, tz),
    }


async def progress(request: Request) -> Response:
    d, svc = deps(request), services(request).tips
    info = await svc.info(_id(request))
    if info is None or info.status == "draft":
        return Response("not found", status_code=404, media_type="text/plain")
    return fragment(
        d.fragment(request, "_tip_progress.html", tip=info, report=_report(request, info))
    )


async def audiences(request: Request) -> Response:
    """How many people each audience reaches now (the draft page shows them live)."""
    return Response(
        json.dumps(await services(request).tips.audiences()), media_type="application/json"
    )


async def send(request: Request) -> Response:
    svc = services(request).tips
    me, _ = actor(request)
    tip_id = _id(request)
    audience = str((await request.form()).get("audience", ""))
    if audience not in AUDIENCES:
        return await tip_page(request, 400, "desk-tips-pick-audience")
    if (await svc.audiences()).get(audience, 0) == 0:
        return await tip_page(request, 400, "desk-tips-audience-empty")
    # Sent twice (or dropped meanwhile): queue does nothing, and the page shows how it stands.
    staff_chat = deps(request).cfg.bot.staff_chat_id or None
    await svc.queue(tip_id, me, audience, staff_chat, acting(request))
    return _see(f"/tips/{tip_id}")


async def drop(request: Request) -> Response:
    me, _ = actor(request)
    await services(request).tips.drop_draft(me)
    return _see("/tips")


async def stop(request: Request) -> Response:
    await services(request).tips.stop(_id(request), acting(request))
    return _see(f"/tips/{_id(request)}")


async def report_csv(request: Request) -> Response:
    info = await services(request).tips.info(_id(request))
    if info is None or info.status == "draft":
        return Response("not found", status_code=404, media_type="text/plain")
    report = _report(request, info)
    row = [info.id, info.audience or "", info.status, report["started"], report["finished"]]
    return csv_download(
        f"tip-{info.id}-report.csv",
        ["tip", "audience", "status", "started", "finished", "result", "count"],
        [[*row, name, n] for name, n in [*report["rows"], ("total", report["total"])]],
    )
