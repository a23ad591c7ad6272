"""The desk's working pages over HTTP (issue 15.3-15.5): the inbox, tips, meetups and
agreements, on the bot's own wiring without a channel. What reaches Telegram is read from the
outboxes the pages fill; the browser tests (test_desk_browser.py) deliver it for real."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import select

from bot.services.handover import Person
from bot.storage.models_outbox import OutboxMessage
from bot.storage.models_tips import OutboxRow
from bot.storage.staff import StaffStore
from tests.desk.support import DeskOnly, add_account, csrf_of, desk_config, log_in

STAFF_CHAT = -100


@pytest.fixture
async def office(db_url):
    cfg = desk_config(db_url, bot={"staff_chat_id": STAFF_CHAT}, office={"name": "Testvik"})
    d = await DeskOnly(cfg).start()
    yield d
    await d.stop()


async def _client(office, email: str):
    async with httpx.AsyncClient(base_url=office.desk.url) as client:
        await add_account(office.store, email)
        assert (await log_in(client, email)).status_code == 303
        yield client


@pytest.fixture
async def kari_desk(office):
    async for c in _client(office, "kari@kommune.no"):
        yield c


@pytest.fixture
async def ola_desk(office):
    async for c in _client(office, "ola@kommune.no"):
        yield c


async def writes(office, user_id: int, name: str, text: str, lang: str = "nb") -> int:
    """A resident's message to staff, as the chat relays it; returns the case number."""
    svc = office.runtime.services.handover
    await office.runtime.assistant.users.touch(user_id, lang)
    if await svc.thread_of(user_id) is None:
        await svc.ask(user_id)
    thread = await svc.thread_of(user_id)
    await svc.relay(thread, Person(user_id, name, lang), text, uuid.uuid4().hex)
    return thread.id


async def outbox(office, kind: str) -> list[OutboxMessage]:
    async with office.runtime.sessions() as s:
        return list(
            (
                await s.scalars(
                    select(OutboxMessage)
                    .where(OutboxMessage.kind == kind)
                    .order_by(OutboxMessage.id)
                )
            ).all()
        )


async def token(client: httpx.AsyncClient, path: str = "/inbox") -> str:
    return csrf_of((await client.get(path)).text)


# --- inbox -----------------------------------------------------------------------------------


async def test_inbox_lists_cases_with_unread_counts_per_login_and_shows_the_thread(
    office, kari_desk, ola_desk
):
    case = await writes(office, 501, "Amina", "Jeg har <b>hund</b>. Går det?")
    await writes(office, 501, "Amina", "Og en katt.")
    other = await writes(office, 502, "Petro", "Привіт", lang="uk")
    page = await kari_desk.get("/inbox")
    assert page.status_code == 200
    assert "Åpne saker (2)" in page.text and f"sak {case}" in page.text
    assert "Amina" in page.text and "2 nye" in page.text
    assert "ukrainsk" in page.text and "1 ny" in page.text
    assert "Åpningstid:" in page.text

    thread = await kari_desk.get(f"/inbox/{case}")
    assert "Jeg har &lt;b&gt;hund&lt;/b&gt;. Går det?" in thread.text  # as written, escaped
    assert "Og en katt." in thread.text and "norsk (bokmål)" in thread.text
    # Read by Kari: no longer new for her, still new for Ola.
    assert "nye" not in (await kari_desk.get("/inbox/cases")).text.split(f"sak {other}")[0]
    assert "2 nye" in (await ola_desk.get("/inbox/cases")).text
    await writes(office, 501, "Amina", "Hallo?")
    assert "1 ny" in (await kari_desk.get("/inbox/cases")).text.split(f"sak {other}")[0]
    assert "3 nye" in (await ola_desk.get("/inbox/cases")).text

    first = json.loads((await kari_desk.get(f"/inbox/{case}/updates")).text)
    again = json.loads((await kari_desk.get(f"/inbox/{case}/updates")).text)
    assert first["version"] == again["version"] and first["status"] == "open"
    assert "Hallo?" in first["html"]
    assert (await kari_desk.get("/inbox/999")).status_code == 404


async def test_an_answer_on_the_desk_goes_through_the_outbox_with_a_copy_to_the_staff_chat(
    office, kari_desk
):
    case = await writes(office, 501, "Amina", "Når kan jeg flytte inn?")
    csrf = await token(kari_desk, f"/inbox/{case}")
    form = {"csrf": csrf, "nonce": "n" * 16, "text": "Fredag <kl. 12>."}
    sent = await kari_desk.post(f"/inbox/{case}/reply", data=form)
    assert sent.status_code == 303 and sent.headers["location"] == f"/inbox/{case}"
    again = await kari_desk.post(f"/inbox/{case}/reply", data=form)  # sent twice: once
    assert again.status_code == 303
    [answer] = await outbox(office, "ho.answer")
    assert answer.chat_id == 501 and answer.ref == case
    text = json.loads(answer.payload)["text"]
    assert text == "💬 <b>Svar fra Testvik:</b>\nFredag &lt;kl. 12&gt;."
    [copy] = [n for n in await outbox(office, "ho.note") if n.chat_id == STAFF_CHAT]
    copy_text = json.loads(copy.payload)["text"]
    assert copy_text.startswith(f"💬 kari@kommune.no svarte på skrivebordet (sak {case}):")
    assert copy_text.endswith("Fredag &lt;kl. 12&gt;.")
    # A reply to the copy is not an answer: it lacks a case post's header ending.
    assert "svar på denne meldingen for å svare" not in copy_text
    page = await kari_desk.get(f"/inbox/{case}")
    assert "Fredag &lt;kl. 12&gt;." in page.text and "sendes" in page.text  # not yet sent

    empty = await kari_desk.post(f"/inbox/{case}/reply", data={**form, "text": " "})
    assert empty.status_code == 400 and "Skriv et svar først." in empty.text
    long = await kari_desk.post(f"/inbox/{case}/reply", data={**form, "text": "x" * 3501})
    assert long.status_code == 400 and re.search(r"høyst 3\W?500 tegn", long.text)
    assert "x" * 3501 in long.text  # what was typed is kept
    assert len(await outbox(office, "ho.answer")) == 1


async def test_who_is_answering_is_shown_to_colleagues_until_the_answer_is_sent(
    office, kari_desk, ola_desk
):
    case = await writes(office, 501, "Amina", "Hei")
    kari_csrf = await token(kari_desk, f"/inbox/{case}")
    ola_csrf = await token(ola_desk, f"/inbox/{case}")
    headers = {"x-csrf-token": kari_csrf}
    assert json.loads((await kari_desk.post(f"/inbox/{case}/claim", headers=headers)).text) == {
        "answering": ""
    }
    seen = json.loads((await ola_desk.get(f"/inbox/{case}/updates")).text)
    assert seen["answering"] == "kari@kommune.no holder på å svare."
    assert "kari@kommune.no holder på å svare." in (await ola_desk.get("/inbox/cases")).text
    mine = json.loads((await kari_desk.get(f"/inbox/{case}/updates")).text)
    assert mine["answering"] == ""  # not shown to the one answering
    ola_try = await ola_desk.post(f"/inbox/{case}/claim", headers={"x-csrf-token": ola_csrf})
    assert json.loads(ola_try.text)["answering"] == "kari@kommune.no holder på å svare."
    forged = await ola_desk.post(f"/inbox/{case}/claim", headers={"x-csrf-token": "forged"})
    assert forged.status_code == 403

    await kari_desk.post(
        f"/inbox/{case}/reply", data={"csrf": kari_csrf, "nonce": "k" * 16, "text": "Hei!"}
    )
    assert json.loads((await ola_desk.get(f"/inbox/{case}/updates")).text)["answering"] == ""


async def test_close_and_reopen_on_the_desk_tell_the_resident_and_the_staff_chat(office, kari_desk):
    case = await writes(office, 501, "Amina", "Hei")
    csrf = await token(kari_desk, f"/inbox/{case}")
    closed = await kari_desk.post(f"/inbox/{case}/close", data={"csrf": csrf})
    assert closed.status_code == 303
    svc = office.runtime.services.handover
    assert (await svc.thread(case)).status == "closed"
    notes = [json.loads(n.payload)["text"] for n in await outbox(office, "ho.note")]
    assert any(n.startswith("De ansatte har avsluttet samtalen.") for n in notes)
    assert f"Sak {case} er lukket på skrivebordet av kari@kommune.no." in notes
    page = await kari_desk.get(f"/inbox/{case}")
    assert (
        "lukket" in page.text and "Åpne saken igjen" in page.text and "reply-text" not in page.text
    )
    late = await kari_desk.post(
        f"/inbox/{case}/reply", data={"csrf": csrf, "nonce": "z" * 16, "text": "Glemte noe"}
    )
    assert late.status_code == 409 and "Saken er lukket" in late.text
    assert await outbox(office, "ho.answer") == []
    assert "Nylig lukket" in (await kari_desk.get("/inbox")).text

    reopened = await kari_desk.post(f"/inbox/{case}/reopen", data={"csrf": csrf})
    assert reopened.status_code == 303
    assert (await svc.thread(case)).status == "open"
    assert (await svc.thread_of(501)).id == case  # what Amina writes now goes to staff
    notes = [json.loads(n.payload)["text"] for n in await outbox(office, "ho.note")]
    assert "💬 En ansatt har åpnet samtalen igjen. Det du skriver nå, går til de ansatte." in notes
    assert f"Sak {case} er åpnet igjen på skrivebordet av kari@kommune.no." in notes
    # Closed again (a second closing has its own notes), and the person opens a new case: the
    # old one cannot be reopened beside it.
    await kari_desk.post(f"/inbox/{case}/close", data={"csrf": csrf})
    closings = [n for n in await outbox(office, "ho.note") if "lukket på skrivebordet" in n.payload]
    assert len(closings) == 2
    newer = await writes(office, 501, "Amina", "Ny sak")
    assert newer != case
    busy = await kari_desk.post(f"/inbox/{case}/reopen", data={"csrf": csrf})
    assert busy.status_code == 409 and "annen åpen sak" in busy.text


async def test_an_open_cases_messages_are_kept_and_a_closed_ones_are_purged(office):
    from bot.storage.outbox import SqlMessageStore

    open_case = await writes(office, 501, "Amina", "Hei")
    closed_case = await writes(office, 502, "Petro", "Hei")
    svc = office.runtime.services.handover
    await svc.close(await svc.thread(closed_case), "person", "Petro", actor=None)
    store = SqlMessageStore(office.runtime.sessions)
    for row in await outbox(office, "ho.post"):  # sent long ago
        await store.finish(row.id, "sent", row.created_at - timedelta(days=10))
    now = office.runtime.assistant.clock.now()
    assert await store.purge(now - timedelta(days=2), now - timedelta(days=30)) == 1
    assert [r.ref for r in await outbox(office, "ho.post")] == [open_case]
    # An open case keeps its messages no longer than the closed-case retention.
    assert await store.purge(now - timedelta(days=2), now - timedelta(days=5)) == 1
    assert await outbox(office, "ho.post") == []


# --- tips ------------------------------------------------------------------------------------


async def subscribers(office, ids: list[int]) -> None:
    staff = StaffStore(office.runtime.sessions)
    for user_id in ids:
        await office.runtime.assistant.users.touch(user_id, "nb")
        await staff.subscribe_tips(user_id)


async def test_a_tip_is_composed_previewed_queued_once_per_subscriber_and_stopped(
    office, kari_desk, ola_desk
):
    await subscribers(office, [601, 602, 603])
    # No channel here: the sending job stays still (the browser tests deliver tips for real).
    await office.scheduler.stop()
    csrf = await token(kari_desk, "/tips")
    bad = await kari_desk.post("/tips", data={"csrf": csrf, "text": "Hei", "link": "ftp://x"})
    assert bad.status_code == 400 and "https://" in bad.text
    long = await kari_desk.post("/tips", data={"csrf": csrf, "text": "x" * 3600, "link": ""})
    assert long.status_code == 400 and "for langt" in long.text
    not_a_photo = await kari_desk.post(
        "/tips", data={"csrf": csrf, "text": "Hei"}, files={"photo": ("a.png", b"GIF89a...")}
    )
    assert not_a_photo.status_code == 400 and "JPEG eller PNG" in not_a_photo.text
    # A real photo must go to Telegram first: without a channel it cannot, and nothing is made.
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    no_channel = await kari_desk.post(
        "/tips", data={"csrf": csrf, "text": "Hei"}, files={"photo": ("a.png", png)}
    )
    assert no_channel.status_code == 400 and "kunne ikke lastes opp" in no_channel.text
    assert await office.runtime.services.tips.draft(-1) is None
    made = await kari_desk.post(
        "/tips",
        data={"csrf": csrf, "text": "Ledig hybel <3 rom>", "link": "https://bolig.no/1"},
    )
    assert made.status_code == 303
    path = made.headers["location"]
    tip_id = int(path.rsplit("/", 1)[1])
    draft = await kari_desk.get(path)
    assert "Ledig hybel &lt;3 rom&gt;" in draft.text and "https://bolig.no/1" in draft.text
    assert "🏠 <b>Tips om ledig bolig fra Testvik</b>" in draft.text  # as residents get it
    assert (await ola_desk.get(path)).status_code == 404  # a colleague's draft is theirs
    counts = json.loads((await kari_desk.get("/tips/audiences")).text)
    assert counts == {"residents": 0, "former": 0, "all": 3}
    empty = await kari_desk.post(f"{path}/send", data={"csrf": csrf, "audience": "residents"})
    assert empty.status_code == 400 and "Ingen får tips i denne gruppen" in empty.text

    sent = await kari_desk.post(f"{path}/send", data={"csrf": csrf, "audience": "all"})
    assert sent.status_code == 303
    await kari_desk.post(f"{path}/send", data={"csrf": csrf, "audience": "all"})  # twice
    async with office.runtime.sessions() as s:
        rows = (await s.scalars(select(OutboxRow).where(OutboxRow.broadcast_id == tip_id))).all()
    assert sorted(r.user_id for r in rows) == [601, 602, 603]
    report = await kari_desk.get(path)
    assert "Stopp sendingen" in report.text and 'data-poll="/tips/' in report.text

    await kari_desk.post(f"{path}/stop", data={"csrf": csrf})
    info = await office.runtime.services.tips.info(tip_id)
    assert info.status == "cancelled" and info.report.cancelled == 3
    exported = await kari_desk.get(f"{path}/report.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["tip", "audience", "status", "started", "finished", "result", "count"]
    by_result = {r[5]: int(r[6]) for r in rows[1:]}
    assert by_result["total"] == 3 and by_result["cancelled"] == info.report.cancelled
    listing = await kari_desk.get("/tips")
    assert f"Tips {tip_id}" in listing.text and "stoppet" in listing.text


# --- meetups and agreements ------------------------------------------------------------------


async def test_meetups_are_created_changed_cancelled_on_a_date_and_deleted(office, kari_desk):
    svc = office.runtime.services.meetups
    csrf = await token(kari_desk, "/meetups")
    wrong = await kari_desk.post(
        "/meetups", data={"csrf": csrf, "weekday": "1", "time": "25:99", "place": "Huset"}
    )
    assert wrong.status_code == 400 and "Jeg skjønte ikke klokkeslettet" in wrong.text
    made = await kari_desk.post(
        "/meetups",
        data={"csrf": csrf, "weekday": "1", "time": "18:00", "place": "Huset", "note": ""},
    )
    assert made.status_code == 303
    [m] = await svc.meetups()
    assert (m.weekday, m.at.strftime("%H:%M"), m.place, m.note) == (1, "18:00", "Huset", None)
    page = await kari_desk.get("/meetups")
    assert "tirsdag" in page.text and "Huset" in page.text
    changed = await kari_desk.post(
        f"/meetups/{m.id}",
        data={
            "csrf": csrf,
            "weekday": "3",
            "time": "17:30",
            "place": "Biblioteket",
            "note": "Ta med innesko",
        },
    )
    assert changed.status_code == 303
    m = await svc.meetup(m.id)
    assert (m.weekday, m.place, m.note) == (3, "Biblioteket", "Ta med innesko")

    day = re.search(
        rf'id="cancel-{m.id}" name="date">\s*<option value="([0-9-]+)"',
        (await kari_desk.get("/meetups")).text,
    )[1]
    cancelled = await kari_desk.post(f"/meetups/{m.id}/cancel", data={"csrf": csrf, "date": day})
    assert cancelled.status_code == 303
    [(cancel_id, on)] = await svc.cancellations(m.id, date.today() - timedelta(days=1))
    assert on.isoformat() == day
    twice = await kari_desk.post(f"/meetups/{m.id}/cancel", data={"csrf": csrf, "date": day})
    assert twice.status_code == 409
    not_thursday = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    odd = await kari_desk.post(f"/meetups/{m.id}/cancel", data={"csrf": csrf, "date": not_thursday})
    assert odd.status_code == 400 and "Treffet er på torsdager" in odd.text
    assert "Angre avlysningen" in (await kari_desk.get("/meetups")).text
    await kari_desk.post(f"/meetups/cancellations/{cancel_id}/undo", data={"csrf": csrf})
    assert await svc.cancellations(m.id, date.today() - timedelta(days=1)) == []
    await kari_desk.post(f"/meetups/{m.id}/delete", data={"csrf": csrf})
    assert await svc.meetups() == []


async def test_an_agreement_is_registered_with_a_one_time_link_the_resident_uses(
    office, kari_desk, ola_desk
):
    agreements = office.runtime.services.agreements
    csrf = await token(kari_desk, "/meetups")
    today = date.today()
    form = {
        "csrf": csrf,
        "label": "Rom 12",
        "start": today.isoformat(),
        "end": (today + timedelta(days=200)).isoformat(),
        "reviews": "every",
    }
    long = await kari_desk.post("/agreements", data=form)
    assert long.status_code == 400 and 'name="long"' in long.text  # more than 3 months: sure?
    made = await kari_desk.post("/agreements", data={**form, "long": "yes"})
    assert made.status_code == 303
    path = made.headers["location"]
    agreement_id = int(path.split("/")[2])
    page = await kari_desk.get(path)
    assert page.status_code == 200 and "Rom 12" in page.text
    # No channel here, so no bot name: the page gives the start command to type instead.
    code = re.search(r"/start (avt_[A-Za-z0-9_-]+)", page.text)[1]
    assert (await ola_desk.get(path)).status_code == 200
    assert "vises ikke lenger" in (await ola_desk.get(path)).text  # only for who made it
    a = await agreements.agreement(agreement_id)
    assert a.staff_id is None and len(a.reviews) >= 10  # every 14 days; reminders: staff chat
    await office.runtime.assistant.users.touch(701, "nb")
    linked = await agreements.link(code.removeprefix("avt_"), 701)
    assert linked is not None and linked.id == agreement_id
    assert await agreements.link(code.removeprefix("avt_"), 701) is None  # once

    fresh = await kari_desk.post(f"/agreements/{agreement_id}/code", data={"csrf": csrf})
    assert fresh.status_code == 303 and fresh.headers["location"] != path
    assert "vises ikke lenger" in (await kari_desk.get(path)).text  # the old one is gone
    listing = await kari_desk.get("/meetups")
    assert "Rom 12" in listing.text
    await kari_desk.post(f"/agreements/{agreement_id}/delete", data={"csrf": csrf})
    assert await agreements.agreement(agreement_id) is None


async def test_qr_code_holds_the_deep_link():
    import segno  # noqa: F401  (the desk's QR library)

    from bot.desk.meetups import qr_svg

    svg = str(qr_svg("https://t.me/boligbot?start=avt_abc", "QR"))
    assert svg.startswith("<svg") and "<title>QR</title>" in svg and "style=" not in svg


# --- every page and every form ---------------------------------------------------------------


async def test_every_new_page_renders_and_every_form_refuses_a_forged_token(office, kari_desk):
    from tests.desk.test_desk_http import endpoints

    case = await writes(office, 501, "Amina", "Hei")
    routes = [
        (re.sub(r"/1(/|$)", rf"/{case}\1", p) if p.startswith("/inbox/") else p, m)
        for p, m, access in endpoints(office.desk.app)
        if access == "staff"
    ]
    csrf = await token(kari_desk)
    for path, method in routes:
        if method == "GET" and path != "/":
            response = await kari_desk.get(path)
            assert response.status_code in (200, 404), path
    for path, method in routes:
        if method == "POST" and path != "/logout":
            forged = await kari_desk.post(path, data={"csrf": csrf[:-2] + "xx", "text": "x"})
            assert forged.status_code == 403, path
    assert await outbox(office, "ho.answer") == []
    assert (await office.runtime.services.handover.thread(case)).status == "open"


async def test_a_login_no_longer_staff_is_refused_on_every_route_at_once(office, kari_desk):
    from tests.desk.test_desk_http import endpoints

    case = await writes(office, 501, "Amina", "Hei")
    csrf = await token(kari_desk)
    account = await office.store.user_by_email("kari@kommune.no")
    await office.store.set_disabled(account.id, True)
    for path, method, access in endpoints(office.desk.app):
        if access == "public":
            continue
        path = path.replace("/inbox/1", f"/inbox/{case}")
        response = await kari_desk.request(method, path, data={"csrf": csrf, "text": "x"})
        if method == "GET":
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/login?next="), path
        else:
            assert response.status_code == 401, (path, method)
    assert await outbox(office, "ho.answer") == []
