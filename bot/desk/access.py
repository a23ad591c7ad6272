"""Who may use a route, checked on every request, and the CSRF token of every form.

Every route is made with :func:`route`, which requires its access level: ``public``, ``staff``
or ``admin``. ``web.build_app`` refuses to start with a route made any other way (default
deny). The account and its role are read from the database on each request (``Auth.visitor``).
Every request that may change something (not GET/HEAD) must carry the CSRF token: the session's,
or for a visitor not logged in (the login form), the one in a ``SameSite=Strict`` cookie.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.desk.auth import ANONYMOUS

if TYPE_CHECKING:
    from bot.desk.web import DeskDeps

Access = Literal["public", "staff", "admin"]
ACCESS_LEVELS: tuple[str, ...] = ("public", "staff", "admin")
SAFE_METHODS = frozenset({"GET", "HEAD"})
LANGUAGES = ("nb", "en")
Endpoint = Callable[[Request], Awaitable[Response]]


def deps(request: Request) -> DeskDeps:
    return request.app.state.desk


def route(
    path: str,
    endpoint: Endpoint,
    access: Access,
    methods: tuple[str, ...] = ("GET",),
    *,
    browser: bool = True,
):
    """A route whose endpoint runs only for visitors with ``access``.

    ``browser=False`` (public routes only): the caller is a program that proves itself to the
    endpoint (Telegram's webhook, with its secret header), so no session is read and no form
    token is asked for."""
    if access not in ACCESS_LEVELS:
        raise ValueError(f"unknown access {access!r}")
    if not browser and access != "public":
        raise ValueError("only a public route may skip the browser's session and form token")

    async def guarded(request: Request) -> Response:
        if not browser:
            return await endpoint(request)
        d = deps(request)
        visitor = await d.auth.visitor(request.cookies.get(d.cookies.session))
        request.state.visitor = visitor
        request.state.lang = language_of(request)
        if access != "public" and visitor.role is None:
            return _not_logged_in(request)
        if access == "admin" and visitor.role != "admin":
            return await d.refuse(request, 403, "desk-refused-admin")
        if request.method not in SAFE_METHODS and not await _csrf_ok(request):
            return await d.refuse(request, 403, "desk-refused-csrf")
        response = await endpoint(request)
        fresh = getattr(request.state, "new_form_token", None)
        if fresh:
            d.cookies.set(response, d.cookies.form, fresh)
        return response

    guarded.access = access  # type: ignore[attr-defined]
    guarded.__name__ = endpoint.__name__
    return Route(path, guarded, methods=list(methods), name=f"{endpoint.__name__}")


def form_token(request: Request) -> str:
    """The CSRF token to put in this page's forms."""
    visitor = getattr(request.state, "visitor", ANONYMOUS)
    if visitor.csrf:
        return visitor.csrf
    d = deps(request)
    existing = request.cookies.get(d.cookies.form)
    if existing and len(existing) <= 100:
        return existing
    fresh = getattr(request.state, "new_form_token", None) or secrets.token_urlsafe(32)
    request.state.new_form_token = fresh
    return fresh


async def _csrf_ok(request: Request) -> bool:
    visitor = request.state.visitor
    expected = visitor.csrf or request.cookies.get(deps(request).cookies.form)
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            sent = (await request.form()).get("csrf")
    if not expected or not isinstance(sent, str):
        return False
    return hmac.compare_digest(sent.encode(), expected.encode())


def _not_logged_in(request: Request) -> Response:
    if request.method in SAFE_METHODS:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    return Response("login required", status_code=401, media_type="text/plain")


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site only (never //host or a URL)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def language_of(request: Request) -> str:
    """Bokmål first: English only when chosen with the switch (whatever the browser says)."""
    chosen = request.cookies.get("desk_lang")
    return chosen if chosen in LANGUAGES else "nb"


class Cookies:
    """Cookie names and flags. With ``Secure`` the names carry the ``__Host-`` prefix, which
    the browser accepts only from HTTPS, for the whole site, set by this host alone."""

    def __init__(self, secure: bool):
        self.secure = secure
        prefix = "__Host-" if secure else ""
        self.session = f"{prefix}desk_session"
        self.form = f"{prefix}desk_form"

    def set(self, response: Response, name: str, value: str, max_age: int | None = None) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path="/",
            secure=self.secure,
            httponly=True,
            samesite="strict",
        )

    def clear(self, response: Response, name: str) -> None:
        response.delete_cookie(name, path="/", secure=self.secure, httponly=True, samesite="strict")
