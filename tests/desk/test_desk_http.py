"""The desk over HTTP on loopback, started by the bot's own wiring (issue 15.1, 15.2, 15.6)."""

from __future__ import annotations

import csv
import io
import json
import re

import httpx
import pytest
from starlette.routing import Route

from bot.config import Desk
from bot.core.audit import Actor
from bot.core.events import Incoming, Sender
from bot.core.feature import Feature
from bot.desk.access import Cookies, route
from bot.desk.web import check_routes
from bot.storage.faq import FaqStore
from bot.storage.staff import SqlRoles, StaffStore
from tests.desk.support import PASSWORD, add_account, csrf_of, log_in

PUBLIC = {
    ("/login", "GET"),
    ("/login", "POST"),
    ("/language", "POST"),
    ("/login/sso", "GET"),  # single sign-on: 404 unless configured
    ("/login/sso/callback", "GET"),
}
MONITORING = {("/healthz", "GET"), ("/metrics", "GET")}
TELEGRAM = {("/telegram", "POST")}  # the webhook: Telegram proves itself with the secret


def endpoints(app) -> list[tuple[str, str, str]]:
    """(path with every parameter filled in, method, access) of every route of the app."""
    out = []
    for r in app.routes:
        if isinstance(r, Route):
            path = re.sub(r"\{[^}]+\}", "1", r.path)
            out += [(path, m, r.endpoint.access) for m in sorted(r.methods - {"HEAD"})]
    return out


async def test_login_shows_home_and_logout_ends_the_session(desk, client):
    await add_account(desk.store, "kari@kommune.no")
    anonymous = await client.get("/")
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/login?next=%2F"

    done = await log_in(client, "Kari@Kommune.no ")  # case and spaces do not matter
    assert done.status_code == 303 and done.headers["location"] == "/"
    cookie = done.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # loopback, no public_url: plain http in development
    token = client.cookies.get("desk_session")
    home = await client.get("/")
    assert home.status_code == 200 and "kari@kommune.no" in home.text
    for section in ("/inbox", "/tips", "/meetups", "/statistics"):
        assert f'href="{section}"' in home.text
    assert "kommer" not in home.text  # every section is built

    out = await client.post("/logout", data={"csrf": csrf_of(home.text)})
    assert out.status_code == 303 and out.headers["location"] == "/login"
    # The old cookie is worthless now: the session is gone on the server.
    client.cookies.set("desk_session", token)
    assert (await client.get("/")).status_code == 303


async def test_wrong_password_is_refused_then_attempts_must_wait(desk, client):
    await add_account(desk.store, "kari@kommune.no")
    for _ in range(3):  # throttle_after = 3 in the tests' config
        wrong = await log_in(client, "kari@kommune.no", "not the password")
        assert wrong.status_code == 401 and "Feil e-post eller passord" in wrong.text
    throttled = await log_in(client, "kari@kommune.no")  # even the right password must wait
    assert throttled.status_code == 429
    assert "For mange forsøk. Vent 15 sekunder" in throttled.text
    assert "desk_session" not in client.cookies
    # Counted per address too: another account from the same address waits as well.
    await add_account(desk.store, "ola@kommune.no")
    assert (await log_in(client, "ola@kommune.no")).status_code == 429
    # An unknown address gets the same answer as a wrong password.
    other = httpx.AsyncClient(base_url=desk.desk.url)
    desk.cfg.desk.throttle_after = 99
    async with other:
        assert (await log_in(other, "nobody@kommune.no")).status_code == 401


async def test_anonymous_requests_to_every_route_are_refused(desk, client):
    routes = endpoints(desk.desk.app)
    public = {(p, m) for p, m, access in routes if access == "public"}
    # A new public route must be added here on purpose.
    assert public == PUBLIC | MONITORING | TELEGRAM
    guarded = [(p, m) for p, m, access in routes if access != "public"]
    assert len(guarded) >= 37  # the inbox, tips, meetups and agreements included
    assert all("{" not in p for p, _ in guarded)  # every parameter filled in: each is served
    for path, method in guarded:
        response = await client.request(method, path, data={"csrf": "x"})
        if method == "GET":
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/login?next="), path
        else:
            assert response.status_code == 401, (path, method)


async def test_staff_are_refused_on_every_admin_route(desk, client):
    await add_account(desk.store, "staff@kommune.no", "staff")
    page = await client.get((await log_in(client, "staff@kommune.no")).headers["location"])
    token = csrf_of(page.text)
    admin_routes = [(p, m) for p, m, access in endpoints(desk.desk.app) if access == "admin"]
    assert ("/admin/users", "GET") in admin_routes and len(admin_routes) == 7
    for path, method in admin_routes:
        response = await client.request(method, path, data={"csrf": token})
        assert response.status_code == 403, (path, method)
        assert "Bare administratorer" in response.text
    assert 'href="/admin/users"' not in page.text  # not offered either


async def test_forged_or_missing_csrf_tokens_are_refused(desk, client):
    await add_account(desk.store, "admin@kommune.no", "admin")
    await log_in(client, "admin@kommune.no")
    token = csrf_of((await client.get("/admin/users")).text)
    new = {"email": "ny@kommune.no", "password": PASSWORD}
    for forged in ({"csrf": token[:-2] + "xx"}, {}):
        refused = await client.post("/admin/users", data={**new, **forged})
        assert refused.status_code == 403 and "Skjemaet var for gammelt" in refused.text
    assert await desk.store.user_by_email("ny@kommune.no") is None
    added = await client.post("/admin/users", data={**new, "csrf": token})
    assert added.status_code == 303
    assert (await desk.store.user_by_email("ny@kommune.no")).role == "staff"
    # The login form has its own token (a cookie set with the form): without it, refused.
    other = httpx.AsyncClient(base_url=desk.desk.url)
    async with other:
        bare = await other.post("/login", data={"email": "admin@kommune.no", "password": PASSWORD})
        assert bare.status_code == 403


async def test_admin_adds_disables_enables_and_removes_staff(desk, client):
    me = await add_account(desk.store, "admin@kommune.no", "admin")
    await log_in(client, "admin@kommune.no")
    token = csrf_of((await client.get("/admin/users")).text)
    short = await client.post(
        "/admin/users", data={"email": "a@kommune.no", "password": "short", "csrf": token}
    )
    assert short.status_code == 400 and "minst 12 tegn" in short.text
    await client.post(
        "/admin/users",
        data={
            "email": "Per@Kommune.no",
            "password": PASSWORD,
            "role": "admin",
            "telegram_id": "777",
            "csrf": token,
        },
    )
    per = await desk.store.user_by_email("per@kommune.no")
    assert per.role == "admin" and per.telegram_id == 777

    async with httpx.AsyncClient(base_url=desk.desk.url) as per_client:
        assert (await log_in(per_client, "per@kommune.no")).status_code == 303
        assert (await per_client.get("/")).status_code == 200
        await client.post(f"/admin/users/{per.id}/disable", data={"csrf": token})
        assert (await desk.store.user(per.id)).disabled
        assert (await per_client.get("/")).status_code == 303  # logged out at once
        assert (await log_in(per_client, "per@kommune.no")).status_code == 401
        await client.post(f"/admin/users/{per.id}/enable", data={"csrf": token})
        assert (await log_in(per_client, "per@kommune.no")).status_code == 303

    myself = await client.post(f"/admin/users/{me}/disable", data={"csrf": token})
    assert myself.status_code == 400 and "ikke sperre eller fjerne deg selv" in myself.text
    await client.post(f"/admin/users/{per.id}/remove", data={"csrf": token})
    assert await desk.store.user(per.id) is None
    gone = await client.post(f"/admin/users/{per.id}/remove", data={"csrf": token})
    assert gone.status_code == 404


async def test_admins_see_the_audit_log_and_its_csv_and_no_one_else_does(desk, client):
    await add_account(desk.store, "admin@kommune.no", "admin")
    await add_account(desk.store, "staff@kommune.no", "staff")
    await log_in(client, "admin@kommune.no")
    token = csrf_of((await client.get("/admin/users")).text)
    new = {"email": "per@kommune.no", "password": PASSWORD, "role": "admin", "csrf": token}
    assert (await client.post("/admin/users", data=new)).status_code == 303
    per = await desk.store.user_by_email("per@kommune.no")
    await client.post(f"/admin/users/{per.id}/disable", data={"csrf": token})
    # An action in Telegram is in the same log (the same service records it).
    staff_tools = desk.runtime.assistant.feature("staff_tools")
    await staff_tools.service.add(555, Actor.chat(42))

    page = await client.get("/audit")
    assert page.status_code == 200 and 'href="/audit"' in page.text  # in the admin's menu
    table = page.text.split("<tbody>")[1]
    assert table.index("La til ansatt") < table.index("Sperret innlogging")  # newest first
    assert table.index("Sperret innlogging") < table.index("La til innlogging")
    assert "admin@kommune.no" in table and "per@kommune.no" in table
    assert "Telegram 42" in table and "Telegram 555" in table

    only = (await client.get("/audit", params={"action": "login.disable"})).text
    table = only.split("<tbody>")[1]
    assert "Sperret innlogging" in table and "La til innlogging" not in table
    assert '<option value="login.disable" selected>' in only

    client.cookies.set("desk_lang", "en")
    assert "Disabled a login" in (await client.get("/audit")).text
    client.cookies.delete("desk_lang")

    got = await client.get("/audit.csv")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(got.text)))
    assert lines[0][:5] == ["at_utc", "via", "actor_telegram_id", "actor_login", "action"]
    assert [(r[1], r[3], r[4], r[5]) for r in lines[1:]] == [
        ("chat", "", "staff.add", ""),
        ("desk", "admin@kommune.no", "login.disable", "per@kommune.no"),
        ("desk", "admin@kommune.no", "login.add", "per@kommune.no"),
    ]
    assert lines[1][2] == "42" and lines[1][6] == "555"
    filtered = await client.get("/audit.csv", params={"action": "login.add"})
    assert [r[4] for r in list(csv.reader(io.StringIO(filtered.text)))[1:]] == ["login.add"]
    # Staff member 555's /slett: their rows stay, as "a deleted staff member".
    await desk.runtime.assistant.users.touch(555, "nb")
    assert await desk.runtime.assistant.personal_data.delete(555)
    table = (await client.get("/audit")).text.split("<tbody>")[1]
    assert "Telegram 555" not in table and "slettet ansatt" in table
    assert "Ansatt slettet dataene sine" in table

    async with httpx.AsyncClient(base_url=desk.desk.url) as staff:
        home = await staff.get((await log_in(staff, "staff@kommune.no")).headers["location"])
        assert 'href="/audit"' not in home.text  # not offered
        for path in ("/audit", "/audit.csv"):
            refused = await staff.get(path)
            assert refused.status_code == 403 and "Bare administratorer" in refused.text
            assert "per@kommune.no" not in refused.text
    async with httpx.AsyncClient(base_url=desk.desk.url) as anonymous:
        for path in ("/audit", "/audit.csv"):
            away = await anonymous.get(path)
            assert away.status_code == 303 and away.headers["location"].startswith("/login")


async def test_one_role_for_a_person_in_telegram_and_on_the_desk(desk):
    sessions = desk.runtime.sessions
    roles = SqlRoles([42], sessions)
    staff = StaffStore(sessions)
    await staff.add_staff(555, added_by=42)
    assert await roles.is_staff(555) and not await roles.is_admin(555)
    # Linked to a desk account: the desk account decides, in Telegram too.
    linked = await add_account(desk.store, "kari@kommune.no", "admin", telegram_id=555)
    assert await roles.is_admin(555) and await roles.is_staff(555)
    await desk.store.set_disabled(linked, True)
    assert not await roles.is_staff(555) and not await roles.is_admin(555)
    assert roles.desk_role(await desk.store.user(linked)) is None
    # A config admin is admin on the desk whatever the account says.
    boss = await add_account(desk.store, "boss@kommune.no", "staff", telegram_id=42)
    assert roles.desk_role(await desk.store.user(boss)) == "admin"
    assert not await roles.is_staff(9999)


async def test_every_answer_has_the_security_headers(desk, client):
    for path in ("/login", "/", "/healthz", "/static/desk.css", "/nowhere"):
        headers = (await client.get(path)).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, path
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"
    assert (await client.get("/login")).headers["cache-control"] == "no-store"


def test_a_route_that_does_not_say_who_may_use_it_stops_the_start():
    async def page(request):  # pragma: no cover - never served
        raise AssertionError

    check_routes([route("/fine", page, "staff")])
    with pytest.raises(RuntimeError, match="/raw"):
        check_routes([Route("/raw", page)])
    with pytest.raises(ValueError):
        route("/x", page, "everyone")  # type: ignore[arg-type]


def test_cookies_are_secure_except_on_a_developers_loopback():
    assert not Desk().secure_cookies
    assert Desk(public_url="https://desk.kommune.no").secure_cookies
    assert Desk(listen="0.0.0.0").secure_cookies
    assert not Desk(listen="0.0.0.0", cookie_secure=False).secure_cookies
    assert Cookies(True).session == "__Host-desk_session"


class _Sick(Feature):
    name = "sick"

    def health(self) -> dict[str, bool]:
        return {"scheduler": False}


async def test_healthz_reports_each_check_and_fails_when_one_fails(desk, client):
    ok = await client.get("/healthz")
    assert ok.status_code == 200
    assert json.loads(ok.text) == {
        "status": "ok",
        "checks": {"database": True, "event_loop": True, "scheduler.scheduler": True},
    }
    desk.runtime.assistant.features.append(_Sick())
    failing = await client.get("/healthz")
    assert failing.status_code == 503
    assert json.loads(failing.text)["checks"]["sick.scheduler"] is False


async def test_metrics_count_updates_and_read_figures_from_the_database(desk, client):
    assistant = desk.runtime.assistant
    sender = Sender(1001, "Kari", "nb")
    await assistant.handle(Incoming(sender=sender, chat_id=1001, kind="command", command="start"))
    await assistant.handle(Incoming(sender=sender, chat_id=1001, kind="command", command="help"))
    await FaqStore(desk.runtime.sessions).record_question("hva koster det", "nb", "none")
    text = (await client.get("/metrics")).text
    assert 'boligbot_updates_total{kind="command",result="ok"} 2.0' in text
    assert "boligbot_faq_unanswered_stored 1.0" in text
    assert "boligbot_faq_answered_total 0.0" in text
    assert "boligbot_outbox_depth 0.0" in text


async def test_statistics_draw_charts_and_export_unanswered_questions(desk, client):
    faq = FaqStore(desk.runtime.sessions, today=desk.cfg.today)
    for text, band in [
        ("Hvor søker jeg?", "none"),
        ("hvor søker jeg?", "unsure"),
        ("=HYPERLINK(1)", "none"),
    ]:
        await faq.record_question(text, "nb", band)
    await faq.count_answer("bolignu-what")
    await faq.count_answer("bolignu-price")
    await add_account(desk.store, "kari@kommune.no")
    await log_in(client, "kari@kommune.no")
    page = await client.get("/statistics")
    assert page.status_code == 200
    # Six charts, but no screening has run: that one says so instead of an empty chart.
    assert page.text.count('<svg class="chart"') == 5 and "Ingen ennå." in page.text
    assert "hvor søker jeg?" in page.text
    assert "2 spørsmål besvart og 3 uten direkte svar" in page.text
    # Today's row of the per-day table: 1 "did you mean", 2 without an answer, 2 answered.
    today = desk.cfg.today().isoformat()
    assert re.search(rf"<th scope=\"row\">{today}</th><td>1</td><td>2</td><td>2</td>", page.text)
    exported = await client.get("/statistics/unanswered.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["question", "count"]
    assert ["hvor søker jeg?", "2"] in rows
    assert ["'=hyperlink(1)", "1"] in rows  # never a formula in a spreadsheet
