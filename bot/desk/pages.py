"""Login, logout, language, the home page and staff management (admins)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.desk.access import LANGUAGES, deps, safe_next
from bot.desk.auth import normalise_email, valid_email
from bot.desk.passwords import hash_password, problem
from bot.desk.shared import acting, services

# The desk's sections: (message id, path or None while not built yet).
SECTIONS = [
    ("desk-section-inbox", "/inbox"),
    ("desk-section-tips", "/tips"),
    ("desk-section-meetups", "/meetups"),
    ("desk-section-statistics", "/statistics"),
]


def _see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


async def home(request: Request) -> Response:
    return await deps(request).render(request, "home.html", sections=SECTIONS)


async def login_page(request: Request) -> Response:
    d = deps(request)
    if request.state.visitor.role is not None:
        return _see_other(safe_next(request.query_params.get("next")))
    return await d.render(request, "login.html", next=safe_next(request.query_params.get("next")))


async def login(request: Request) -> Response:
    d = deps(request)
    form = await request.form()
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    target = safe_next(str(form.get("next", "")))
    address = request.client.host if request.client else "unknown"
    result = await d.auth.login(email, password, address)
    if result.token is None:
        if result.wait:
            error, status = ("desk-login-wait", {"seconds": result.wait}), 429
        else:
            error, status = ("desk-login-wrong", {}), 401
        return await d.render(
            request, "login.html", status=status, next=target, error=error, email=email
        )
    response = _see_other(target)
    _session_cookie(request, response, result.token)
    return response


def _session_cookie(request: Request, response: Response, token: str) -> None:
    d = deps(request)
    d.cookies.set(response, d.cookies.session, token, max_age=int(d.cfg.desk.session_hours * 3600))


async def sso_start(request: Request) -> Response:
    d = deps(request)
    if d.sso is None:
        return Response("not found", status_code=404, media_type="text/plain")
    request.session["desk_next"] = safe_next(request.query_params.get("next"))
    base = d.cfg.desk.public_url or str(request.base_url).rstrip("/")
    return await d.sso.redirect(request, f"{base}/login/sso/callback")


async def sso_callback(request: Request) -> Response:
    d = deps(request)
    if d.sso is None:
        return Response("not found", status_code=404, media_type="text/plain")
    target = safe_next(request.session.pop("desk_next", None))
    email = await d.sso.email(request)
    token = await d.auth.login_vouched(email) if email else None
    if token is None:
        error = ("desk-login-sso-unknown" if email else "desk-login-sso-failed", {})
        return await d.render(request, "login.html", status=401, next=target, error=error)
    # The session cookie is SameSite=Strict, and this answer ends a redirect chain that began
    # at the provider's site: the browser would not send it with a redirect from here. A page
    # of our own that moves on is same-site, so the next request carries the cookie.
    response = await d.render(request, "continue.html", next=target)
    _session_cookie(request, response, token)
    return response


async def logout(request: Request) -> Response:
    d = deps(request)
    await d.auth.logout(request.state.visitor)
    response = _see_other("/login")
    d.cookies.clear(response, d.cookies.session)
    return response


async def set_language(request: Request) -> Response:
    d = deps(request)
    form = await request.form()
    lang = str(form.get("lang", ""))
    response = _see_other(safe_next(str(form.get("next", ""))))
    if lang in LANGUAGES:
        d.cookies.set(response, "desk_lang", lang, max_age=365 * 24 * 3600)
    return response


# --- staff management (admins) -------------------------------------------------------------


async def users_page(request: Request, **extra: object) -> Response:
    d = deps(request)
    status = int(extra.pop("status", 200))  # type: ignore[call-overload]
    return await d.render(
        request, "users.html", status=status, users=await d.store.users(), **extra
    )


async def add_user(request: Request) -> Response:
    form = await request.form()
    email = normalise_email(str(form.get("email", "")))
    password = str(form.get("password", ""))
    role = "admin" if form.get("role") == "admin" else "staff"
    telegram = str(form.get("telegram_id", "")).strip()
    values = {"email": email, "telegram_id": telegram, "role": role}
    error = None
    if not valid_email(email):
        error = "desk-users-bad-email"
    elif telegram and not telegram.isdigit():
        error = "desk-users-bad-telegram"
    else:
        error = problem(password)
    if error is None:
        account = await services(request).accounts.add(
            email,
            await hash_password(password),
            role,
            acting(request),
            telegram_id=int(telegram) if telegram else None,
        )
        if account is None:
            error = "desk-users-taken"
        else:
            return _see_other("/admin/users")
    return await users_page(request, status=400, error=error, values=values)


async def _change(request: Request, action: str) -> Response:
    d = deps(request)
    me = request.state.visitor.account
    user_id = int(request.path_params["user_id"])
    target = await d.store.user(user_id)
    if target is None:
        return await users_page(request, status=404, error="desk-users-gone")
    if target.id == me.id:
        return await users_page(request, status=400, error="desk-users-not-yourself")
    accounts, by = services(request).accounts, acting(request)
    if action == "remove":
        await accounts.remove(target, by)
    else:
        await accounts.set_disabled(target, action == "disable", by)
    return _see_other("/admin/users")


async def disable_user(request: Request) -> Response:
    return await _change(request, "disable")


async def enable_user(request: Request) -> Response:
    return await _change(request, "enable")


async def remove_user(request: Request) -> Response:
    return await _change(request, "remove")
