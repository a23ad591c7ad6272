"""The desk's ASGI app: its routes, each with who may use it, and the headers every answer gets."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.app import AppServices
from bot.config import Config
from bot.core.i18n import Translator
from bot.desk import audit, inbox, meetups, pages, stats, tips
from bot.desk.access import ACCESS_LEVELS, Cookies, deps, form_token, language_of, route
from bot.desk.auth import ANONYMOUS, Auth
from bot.desk.health import Health
from bot.desk.metrics import Exporter
from bot.desk.shared import LinkShelf, PhotoShelf
from bot.desk.webhook import WebhookInbox, telegram_update
from bot.storage.desk import DeskStore

if TYPE_CHECKING:
    from bot.desk.sso import SingleSignOn

HERE = Path(__file__).resolve().parent
PUBLIC_MOUNTS = ("/static",)  # the style sheet: nothing private

# No inline script or style anywhere; forms post to this site only; no framing.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Adds :data:`HEADERS` to every answer, ``Cache-Control: no-store`` to all but static
    files, and HSTS when the cookies are Secure (the desk is behind HTTPS)."""

    def __init__(self, app: ASGIApp, hsts: bool):
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + HEADERS
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                if self.hsts:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


@dataclass
class DeskDeps:
    """What the pages use; kept in ``app.state.desk``."""

    cfg: Config
    sessions: async_sessionmaker
    store: DeskStore
    auth: Auth
    t: Translator
    health: Health
    exporter: Exporter
    cookies: Cookies
    sso: SingleSignOn | None = None
    services: AppServices | None = None  # the services the chat uses (None: not wired)
    links: LinkShelf = field(default_factory=LinkShelf)  # agreements' one-time links on show
    photos: PhotoShelf = field(default_factory=PhotoShelf)  # tip drafts' photos, to preview
    webhook: WebhookInbox | None = None  # webhook mode: Telegram's updates on /telegram
    templates: Jinja2Templates = field(
        default_factory=lambda: Jinja2Templates(directory=str(HERE / "templates"))
    )

    async def render(
        self, request: Request, name: str, status: int = 200, **context: Any
    ) -> Response:
        lang = getattr(request.state, "lang", None) or language_of(request)
        visitor = getattr(request.state, "visitor", ANONYMOUS)
        context.update(
            t=lambda mid, **kw: self.t(lang, mid, **kw),
            lang=lang,
            visitor=visitor,
            csrf=form_token(request),
            path=request.url.path,
            sso=self.sso is not None,
        )
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def fragment(self, request: Request, template: str, **context: Any) -> str:
        """A part of a page (what the page's script asks for again), as HTML."""
        lang = getattr(request.state, "lang", None) or language_of(request)
        context.update(
            t=lambda mid, **kw: self.t(lang, mid, **kw),
            lang=lang,
            visitor=getattr(request.state, "visitor", ANONYMOUS),
            csrf=form_token(request),
        )
        return self.templates.get_template(template).render(context)

    async def refuse(self, request: Request, status: int, message: str) -> Response:
        return await self.render(request, "refused.html", status=status, message=message)


async def healthz(request: Request) -> Response:
    checks = await deps(request).health.checks()
    ok = all(checks.values())
    body = json.dumps({"status": "ok" if ok else "failing", "checks": checks})
    return Response(body, status_code=200 if ok else 503, media_type="application/json")


async def metrics(request: Request) -> Response:
    return Response(
        await deps(request).exporter.text(), media_type="text/plain; version=0.0.4; charset=utf-8"
    )


ROUTES = [
    route("/", pages.home, "staff"),
    route("/login", pages.login_page, "public"),
    route("/login", pages.login, "public", ("POST",)),
    route("/login/sso", pages.sso_start, "public"),
    route("/login/sso/callback", pages.sso_callback, "public"),
    route("/logout", pages.logout, "staff", ("POST",)),
    route("/language", pages.set_language, "public", ("POST",)),
    route("/admin/users", pages.users_page, "admin"),
    route("/admin/users", pages.add_user, "admin", ("POST",)),
    route("/admin/users/{user_id:int}/disable", pages.disable_user, "admin", ("POST",)),
    route("/admin/users/{user_id:int}/enable", pages.enable_user, "admin", ("POST",)),
    route("/admin/users/{user_id:int}/remove", pages.remove_user, "admin", ("POST",)),
    route("/audit", audit.audit_page, "admin"),
    route("/audit.csv", audit.audit_csv, "admin"),
    route("/inbox", inbox.inbox, "staff"),
    route("/inbox/cases", inbox.cases_fragment, "staff"),
    route("/inbox/{case_id:int}", inbox.case_page, "staff"),
    route("/inbox/{case_id:int}/updates", inbox.case_updates, "staff"),
    route("/inbox/{case_id:int}/reply", inbox.reply, "staff", ("POST",)),
    route("/inbox/{case_id:int}/close", inbox.close, "staff", ("POST",)),
    route("/inbox/{case_id:int}/reopen", inbox.reopen, "staff", ("POST",)),
    route("/inbox/{case_id:int}/claim", inbox.claim, "staff", ("POST",)),
    route("/tips", tips.tips_page, "staff"),
    route("/tips", tips.compose, "staff", ("POST",)),
    route("/tips/audiences", tips.audiences, "staff"),
    route("/tips/{tip_id:int}", tips.tip_page, "staff"),
    route("/tips/{tip_id:int}/progress", tips.progress, "staff"),
    route("/tips/{tip_id:int}/photo", tips.photo, "staff"),
    route("/tips/{tip_id:int}/report.csv", tips.report_csv, "staff"),
    route("/tips/{tip_id:int}/send", tips.send, "staff", ("POST",)),
    route("/tips/{tip_id:int}/drop", tips.drop, "staff", ("POST",)),
    route("/tips/{tip_id:int}/stop", tips.stop, "staff", ("POST",)),
    route("/meetups", meetups.meetups_page, "staff"),
    route("/meetups", meetups.create_meetup, "staff", ("POST",)),
    route("/meetups/{meetup_id:int}", meetups.edit_page, "staff"),
    route("/meetups/{meetup_id:int}", meetups.change_meetup, "staff", ("POST",)),
    route("/meetups/{meetup_id:int}/cancel", meetups.cancel_date, "staff", ("POST",)),
    route("/meetups/{meetup_id:int}/delete", meetups.delete_meetup, "staff", ("POST",)),
    route("/meetups/cancellations/{cancel_id:int}/undo", meetups.undo_cancel, "staff", ("POST",)),
    route("/agreements", meetups.register, "staff", ("POST",)),
    route("/agreements/{agreement_id:int}/code", meetups.new_code, "staff", ("POST",)),
    route("/agreements/{agreement_id:int}/delete", meetups.delete_agreement, "staff", ("POST",)),
    route("/agreements/{agreement_id:int}/link/{token}", meetups.link_page, "staff"),
    route("/statistics", stats.statistics, "staff"),
    route("/statistics/unanswered.csv", stats.unanswered_csv, "staff"),
    # For monitoring on the local network: figures only, no personal data.
    route("/healthz", healthz, "public"),
    route("/metrics", metrics, "public"),
    # Telegram's updates in webhook mode; the caller proves itself with the webhook's secret.
    route("/telegram", telegram_update, "public", ("POST",), browser=False),
]


def check_routes(routes: list[BaseRoute]) -> None:
    """Default deny: a route not made with :func:`bot.desk.access.route` stops the start."""
    for r in routes:
        if isinstance(r, Mount) and r.path in PUBLIC_MOUNTS:
            continue
        if not isinstance(r, Route) or getattr(r.endpoint, "access", None) not in ACCESS_LEVELS:
            raise RuntimeError(f"desk route {getattr(r, 'path', r)!r} does not say who may use it")


def build_app(desk: DeskDeps, routes: list[BaseRoute] | None = None) -> Starlette:
    all_routes = [
        *(routes if routes is not None else ROUTES),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    check_routes(all_routes)
    middleware = [Middleware(SecurityHeaders, hsts=desk.cookies.secure)]
    if desk.sso is not None:  # the single sign-on handshake's signed cookie, for 10 minutes
        from bot.desk.sso import HANDSHAKE_SECONDS

        middleware.append(
            Middleware(
                SessionMiddleware,
                secret_key=secrets.token_urlsafe(32),  # a handshake does not outlive a restart
                session_cookie=f"{'__Host-' if desk.cookies.secure else ''}desk_sso",
                max_age=HANDSHAKE_SECONDS,
                same_site="lax",
                https_only=desk.cookies.secure,
            )
        )
    app = Starlette(routes=all_routes, middleware=middleware)
    app.state.desk = desk
    return app
