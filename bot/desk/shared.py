"""What the desk's working pages share: the application services, who is acting, Telegram's
HTML made safe for the browser, times in the office's zone, and a page fragment's answer."""

from __future__ import annotations

import csv
import io
import re
import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import nh3
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from bot.app import AppServices
from bot.core.audit import Actor
from bot.desk.access import deps
from bot.services.reminders import LinkCode

# Telegram's HTML subset as the bot writes it (bold headings, links in tips).
TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "s", "code", "pre", "a", "br"}
_NONCE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def services(request: Request) -> AppServices:
    found = deps(request).services
    if found is None:  # the desk is built from a runtime whose features are wired
        raise RuntimeError("the desk has no application services")
    return found


def actor(request: Request) -> tuple[int, str]:
    """The desk login acting: (its staff id in tip and meetup records, its e-mail address).
    A desk login's staff id is its account id made negative: never a Telegram user id, so a
    desk draft is never taken for a draft in that person's Telegram chat."""
    account = request.state.visitor.account
    return -account.id, account.email


def acting(request: Request) -> Actor:
    """The desk login acting, as the audit log records it (its address, and the Telegram id
    it is linked to, if any)."""
    account = request.state.visitor.account
    return Actor.desk(account.email, account.telegram_id)


def telegram_html(text: str) -> Markup:
    """Telegram HTML (already escaped where it holds what people wrote) as safe HTML."""
    return Markup(
        nh3.clean(
            text,
            tags=TELEGRAM_TAGS,
            attributes={"a": {"href"}},
            url_schemes={"https", "http", "tg", "mailto"},
            link_rel="noopener noreferrer",
        )
    )


def local(moment: datetime | None, tz: ZoneInfo, fmt: str = "%d.%m.%Y %H:%M") -> str:
    return moment.astimezone(tz).strftime(fmt) if moment else ""


def nonce() -> str:
    """A form's one-time key: the same form posted twice does one thing."""
    return secrets.token_urlsafe(16)


def form_nonce(value: object) -> str:
    text = str(value or "")
    return text if _NONCE.match(text) else nonce()


def fragment(html: str) -> Response:
    return Response(html, media_type="text/html; charset=utf-8")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A spreadsheet must not run a cell someone typed as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA) else text


def csv_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Response:
    """A CSV file to save (cells someone typed go through :func:`csv_cell` first)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


class LinkShelf:
    """An agreement's one-time link, held in memory for the page that shows its QR code.

    Only the code's hash is stored in the database, so the page that shows the code must have
    it from the moment it was made: it is kept here under a random token, for the login that
    made it, until the code expires or :data:`SHOW_FOR` has passed (the page can be reloaded,
    and a form sent twice does not register the agreement twice)."""

    SHOW_FOR = timedelta(minutes=30)

    def __init__(self) -> None:
        self._links: dict[str, tuple[int, int, LinkCode, datetime]] = {}

    def put(self, account_id: int, agreement_id: int, code: LinkCode, now: datetime) -> str:
        self._drop_old(now)
        token = secrets.token_urlsafe(16)
        self._links[token] = (
            account_id,
            agreement_id,
            code,
            min(code.expires, now + self.SHOW_FOR),
        )
        return token

    def get(self, token: str, account_id: int, agreement_id: int, now: datetime) -> LinkCode | None:
        self._drop_old(now)
        held = self._links.get(token)
        if held is None or held[0] != account_id or held[1] != agreement_id:
            return None
        return held[2]

    def forget(self, agreement_id: int) -> None:
        for token in [k for k, v in self._links.items() if v[1] == agreement_id]:
            del self._links[token]

    def _drop_old(self, now: datetime) -> None:
        for token in [k for k, v in self._links.items() if v[3] <= now]:
            del self._links[token]


class PhotoShelf:
    """The photo of each login's tip draft, held in memory to show it in the preview (Telegram
    keeps the photo itself; the draft stores only Telegram's id for it). One per login."""

    def __init__(self) -> None:
        self._photos: dict[int, tuple[int, bytes, str]] = {}  # account → (draft, bytes, type)

    def put(self, account_id: int, draft_id: int, data: bytes, media_type: str) -> None:
        self._photos[account_id] = (draft_id, data, media_type)

    def get(self, account_id: int, draft_id: int) -> tuple[bytes, str] | None:
        held = self._photos.get(account_id)
        return (held[1], held[2]) if held is not None and held[0] == draft_id else None
