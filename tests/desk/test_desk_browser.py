"""The desk in a real browser: Debian's headless chromium through Selenium, against the bot
running on loopback with the Bot API emulator (issue 15.7, 15.8). Every page is checked with
axe-core: no serious or critical violation. Nothing is downloaded: the browser and its driver
come from Debian (``apt-get install chromium chromium-driver``), axe-core from npm (Makefile).

Screenshots: ``DESK_SCREENSHOTS=docs make test`` (or pytest) writes them into ``docs/``.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import re
import time
from datetime import date, timedelta
from datetime import time as dt_time
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from bot.app import build_runtime
from bot.channels.telegram.app import TelegramChannel
from bot.core.audit import Actor
from bot.core.events import Reply
from bot.core.ports import RecipientBlocked
from bot.desk.server import DeskServer
from bot.storage.desk import DeskStore
from bot.storage.faq import FaqStore
from tests.desk.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeProvider
from tests.desk.support import PASSWORD, add_account
from tests.e2e.emulator import BotApiEmulator, SentMessage
from tests.e2e.harness import TOKEN, Person, make_config

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ROOT = Path(__file__).resolve().parent.parent.parent
SERIOUS = {"serious", "critical"}
WAIT = 20  # seconds a page may take to come (the machine may be busy)
STAFF_CHAT_ID = -100
STAFF_CHAT = {"id": STAFF_CHAT_ID, "type": "supergroup", "title": "Staff"}
TELEGRAM_ADMIN = 42  # a staff member in the staff group chat

pytestmark = [
    pytest.mark.skipif(
        not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
        reason="browser tests need Debian's chromium and chromium-driver "
        "(apt-get install chromium chromium-driver; .ci/run installs them)",
    ),
    pytest.mark.asyncio(loop_scope="module"),
]


class Browser:
    """A headless chromium; every call runs in a thread so the desk, on this loop, can answer."""

    def __init__(self, base: str, width: int = 1280, height: int = 900):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch a browser
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
            options.add_argument(arg)
        options.add_argument(f"--window-size={width},{height}")
        options.add_argument("--lang=nb")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        self.base = base

    async def run(self, fn, *args):  # type: ignore[no-untyped-def]
        return await asyncio.to_thread(fn, *args)

    async def open(self, path: str) -> str:
        await self.run(self.driver.get, self.base + path)
        return await self.path()

    async def path(self) -> str:
        url = await self.run(lambda: self.driver.current_url)
        return url[len(self.base) :]

    async def fill(self, field_id: str, text: str) -> None:
        def do() -> None:
            el = self.driver.find_element("id", field_id)
            el.clear()
            el.send_keys(text)

        await self.run(do)

    async def press(self, css: str) -> None:
        """Press a button that submits a form, and wait for the next page."""
        from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
        from selenium.webdriver.support.wait import WebDriverWait

        def do() -> None:
            page = self.driver.find_element("tag name", "html")
            self.driver.find_element("css selector", css).click()

            def left(driver) -> bool:  # type: ignore[no-untyped-def]
                """The old page is gone. Mid-navigation chromedriver may say so as "Node with
                given id does not belong to the document" instead of a stale element."""
                try:
                    page.is_enabled()
                except StaleElementReferenceException:
                    return True
                except WebDriverException as exc:
                    if "does not belong to the document" in str(exc):
                        return True
                    raise
                return False

            WebDriverWait(self.driver, WAIT).until(left)

        await self.run(do)

    async def wait_until_at(self, path: str) -> None:
        from selenium.webdriver.support.wait import WebDriverWait

        def at(driver) -> bool:  # type: ignore[no-untyped-def]
            """At the page, and the page loaded (the URL changes when loading begins)."""
            return (
                driver.current_url == self.base + path
                and driver.execute_script("return document.readyState") == "complete"
                and bool(driver.find_elements("css selector", "main h1"))
            )

        await self.run(lambda: WebDriverWait(self.driver, WAIT).until(at))

    async def text(self, css: str = "main") -> str:
        """The text of ``css``; found again when the page's polling replaced it meanwhile."""
        from selenium.common.exceptions import StaleElementReferenceException

        for _ in range(10):
            try:
                return await self.run(lambda: self.driver.find_element("css selector", css).text)
            except StaleElementReferenceException:
                await asyncio.sleep(0.05)
        raise AssertionError(f"{css} kept being replaced")

    async def wait_for_text(self, css: str, text: str, timeout: float = WAIT) -> float:
        """Wait until ``text`` shows in ``css`` (without a reload); returns the seconds it took."""
        from selenium.webdriver.support.wait import WebDriverWait

        def shown(driver) -> bool:  # type: ignore[no-untyped-def]
            return any(text in el.text for el in driver.find_elements("css selector", css))

        started = time.monotonic()
        from selenium.common.exceptions import StaleElementReferenceException

        wait = WebDriverWait(
            self.driver, timeout, 0.05, ignored_exceptions=(StaleElementReferenceException,)
        )  # the page's polling may replace an element between finding and reading it
        await self.run(lambda: wait.until(shown))
        return time.monotonic() - started

    async def set_value(self, field_id: str, value: str) -> None:
        """Set a field the way a date or time picker would (no typing into its parts)."""
        await self.run(
            self.driver.execute_script,
            "const el = document.getElementById(arguments[0]); el.value = arguments[1];"
            "el.dispatchEvent(new Event('input', {bubbles: true}));",
            field_id,
            value,
        )

    async def fetch(self, path: str) -> str:
        """GET ``path`` from the page, with its cookies (what a download link gets)."""
        return await self.run(
            self.driver.execute_async_script,
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done);",
            path,
        )

    async def attribute(self, css: str, name: str) -> str:
        return await self.run(
            lambda: self.driver.find_element("css selector", css).get_attribute(name)
        )

    async def marked_up(self, css: str) -> str:
        return await self.attribute(css, "innerHTML")

    async def log_in(self, email: str, password: str = PASSWORD) -> str:
        await self.open("/login")
        await self.fill("email", email)
        await self.fill("password", password)
        await self.press("main button[type=submit]")
        return await self.path()

    async def log_out(self) -> None:
        await self.press("form[action='/logout'] button")

    async def axe(self) -> list[dict]:
        """The page's serious and critical accessibility violations, by axe-core."""
        assert AXE.exists(), f"axe-core is missing: run `make {AXE.relative_to(ROOT)}`"
        source = AXE.read_text(encoding="utf-8")

        def do() -> list[dict]:
            self.driver.execute_script(source)
            return self.driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {resultTypes: ['violations']}).then("
                "r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
                " nodes: v.nodes.map(n => n.target.join(' '))}))));"
            )

        return [v for v in await self.run(do) if v["impact"] in SERIOUS]

    async def console_errors(self) -> list[str]:
        entries = await self.run(self.driver.get_log, "browser")
        return [e["message"] for e in entries if e["level"] == "SEVERE"]

    async def fits_the_screen(self) -> bool:
        return await self.run(
            self.driver.execute_script,
            "return document.documentElement.scrollWidth <= window.innerWidth;",
        )

    async def screenshot(self, name: str) -> None:
        target = os.environ.get("DESK_SCREENSHOTS")
        if target:
            folder = ROOT / target
            folder.mkdir(exist_ok=True)
            await self.run(self.driver.save_screenshot, str(folder / name))

    def quit(self) -> None:
        self.driver.quit()


class Site:
    def __init__(self, emulator: BotApiEmulator, desk: DeskServer, store: DeskStore, runtime):
        self.emulator, self.desk, self.store, self.runtime = emulator, desk, store, runtime
        self.messenger = runtime.assistant.messenger


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def site(tmp_path_factory):
    """The bot (PTB, polling the emulator) with its desk, wired as `boligbot run` wires it."""
    emulator = BotApiEmulator(token=TOKEN)
    await emulator.start()
    provider = FakeProvider()
    await provider.start()
    provider.email = "ansatt@kommune.no"
    db = tmp_path_factory.mktemp("desk") / "bot.db"
    oidc = {"issuer": provider.url, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    cfg = make_config(
        emulator,
        f"sqlite+aiosqlite:///{db}",
        faq={"embedder": "none"},
        desk={"port": 0, "throttle_after": 50, "oidc": oidc},
        bot={"staff_chat_id": STAFF_CHAT_ID, "admin_ids": [TELEGRAM_ADMIN]},
        office={"name": "Boligkontoret i Testvik"},
    )
    runtime = await build_runtime(cfg)
    desk = DeskServer(runtime)
    runtime.assistant.services.append(desk)
    channel = TelegramChannel(cfg, runtime.assistant)
    await channel.start_polling(poll_timeout=1)  # starts the features, then the desk
    store = DeskStore(runtime.sessions)
    await add_account(store, "admin@kommune.no", "admin")
    await add_account(store, "ansatt@kommune.no", "staff")
    faq = FaqStore(runtime.sessions, today=cfg.today)
    for text in ("Kan jeg ha hund i leiligheten?", "Hvor lenge er ventetiden?"):
        await faq.record_question(text, "nb", "none")
    for entry in ("bolignu-what", "bolignu-what", "bolignu-price"):
        await faq.count_answer(entry)
    try:
        yield Site(emulator, desk, store, runtime)
    finally:
        await channel.stop()
        await runtime.close()
        await emulator.stop()
        await provider.stop()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def shared_browser(site):
    b = await asyncio.to_thread(Browser, site.desk.url)
    yield b
    await asyncio.to_thread(b.quit)


@pytest_asyncio.fixture(loop_scope="module")
async def browser(shared_browser):
    """The module's browser, with no cookies left by an earlier test (not even on failure)."""
    await shared_browser.open("/login")
    await shared_browser.run(shared_browser.driver.delete_all_cookies)
    return shared_browser


async def test_the_desk_starts_with_the_bot_and_reaches_telegram(site):
    async with httpx.AsyncClient(base_url=site.desk.url) as client:
        health = await client.get("/healthz")
        metrics = await client.get("/metrics")
    assert health.status_code == 200
    assert json.loads(health.text)["checks"] == {
        "database": True,
        "event_loop": True,
        "scheduler.scheduler": True,  # the one scheduler runs every feature's jobs
        "telegram": True,
    }
    assert "boligbot_outbox_depth 0.0" in metrics.text


async def test_metrics_count_sends_by_result(site):
    messenger = site.messenger
    await messenger.send(7001, Reply("Hei"))
    site.emulator.blocked.add(7002)
    with pytest.raises(RecipientBlocked):
        await messenger.send(7002, Reply("Hei"))
    async with httpx.AsyncClient(base_url=site.desk.url) as client:
        text = (await client.get("/metrics")).text
    assert 'boligbot_sends_total{result="ok"} 1.0' in text
    assert 'boligbot_sends_total{result="blocked"} 1.0' in text


async def test_log_in_see_the_home_page_and_log_out(site, browser):
    assert await browser.open("/") == "/login?next=%2F"
    await browser.screenshot("desk-login.png")
    assert await browser.log_in("admin@kommune.no") == "/"
    home = await browser.text()
    assert "Skrivebordet" in home and "Du er logget inn som admin@kommune.no" in home
    assert "kommer" not in home  # every section is built
    await browser.screenshot("desk-home.png")
    await browser.open("/statistics")
    stats = await browser.text()
    assert "kan jeg ha hund i leiligheten?" in stats  # grouped in lower case
    # what a screen reader says for the questions-per-day chart
    desc = await browser.marked_up("#chart-days-d")
    assert "3 spørsmål besvart og 2 uten direkte svar" in desc
    await browser.screenshot("desk-statistics.png")
    await browser.log_out()
    assert (await browser.path()).startswith("/login")
    assert await browser.open("/statistics") == "/login?next=%2Fstatistics"


async def test_a_wrong_password_is_refused_in_the_browser(site, browser):
    assert (await browser.log_in("admin@kommune.no", "feil passord")).startswith("/login")
    assert "Feil e-post eller passord." in await browser.text(".alert")


async def test_single_sign_on_in_the_browser(site, browser):
    await browser.open("/login?next=%2Fstatistics")
    await browser.press("a[href^='/login/sso']")  # to the provider, back, and on to the page
    await browser.wait_until_at("/statistics")
    assert "Statistikk" in await browser.text("h1")
    await browser.log_out()


async def test_the_language_can_be_switched_to_english(site, browser):
    await browser.open("/login")
    await browser.press("form[action='/language'] button")
    assert "Log in" in await browser.text("h1")
    await browser.press("form[action='/language'] button")
    assert "Logg inn" in await browser.text("h1")


async def test_an_admin_adds_a_staff_member_in_the_browser(site, browser):
    await browser.log_in("admin@kommune.no")
    await browser.open("/admin/users")
    await browser.fill("new-email", "ny.ansatt@kommune.no")
    await browser.fill("new-password", PASSWORD)
    await browser.fill("new-telegram", "4242")
    await browser.press("form[action='/admin/users'] button[type=submit]")
    assert await browser.path() == "/admin/users"
    assert "ny.ansatt@kommune.no" in await browser.text("table")
    account = await site.store.user_by_email("ny.ansatt@kommune.no")
    assert account.role == "staff" and account.telegram_id == 4242
    await browser.log_out()


SIRI = {"id": TELEGRAM_ADMIN, "is_bot": False, "first_name": "Siri", "language_code": "nb"}


def in_staff_chat(site: Site, text: str) -> list[SentMessage]:
    return [m for m in site.emulator.chats.get(STAFF_CHAT_ID, []) if text in m.text]


async def test_a_resident_is_answered_on_the_desk_and_both_sides_see_everything(site, browser):
    """15.8: a resident's message through the emulator shows in the inbox within 2 seconds, an
    answer typed in the desk reaches them on Telegram, a colleague's answer in the staff chat
    shows in the desk, and closing on the desk tells the resident and the staff chat."""
    amina = Person(site.emulator, 8101, "Amina", "nb")
    [menu] = await amina.say("/start")
    await amina.press("Snakk med en ansatt", menu)
    assert await browser.log_in("ansatt@kommune.no") == "/"
    await browser.open("/inbox")
    sent_at = time.monotonic()
    writing = asyncio.create_task(amina.say("Når kan jeg flytte inn?"))
    await browser.wait_for_text("#cases", "Amina")
    shown_after = time.monotonic() - sent_at
    await writing
    assert shown_after <= 2.0, f"shown after {shown_after:.2f} s"
    assert "1 ny" in await browser.text("#cases")
    await browser.screenshot("desk-inbox.png")

    await browser.press("#cases a")
    assert "Når kan jeg flytte inn?" in await browser.text("#messages")
    await browser.fill("reply-text", "Du kan flytte inn fredag kl. 12.")
    await browser.press("form[action$='/reply'] button[type=submit]")
    [answer] = await amina.replies()
    assert answer.text == (
        "💬 <b>Svar fra Boligkontoret i Testvik:</b>\nDu kan flytte inn fredag kl. 12."
    )
    assert "Avslutt samtalen" in " ".join(answer.labels())
    [post] = in_staff_chat(site, "Når kan jeg flytte inn?")
    await site.emulator.wait_for(lambda: in_staff_chat(site, "svarte på skrivebordet"))
    [copy] = in_staff_chat(site, "svarte på skrivebordet")
    assert copy.reply_to == post.message_id and copy.text.endswith("fredag kl. 12.")

    # A colleague answers in the staff chat: it reaches Amina, and the desk shows it.
    await site.emulator.send_text(SIRI, "Ta med legitimasjon.", chat=STAFF_CHAT, reply_to=post)
    [second] = await amina.replies()
    assert second.text.endswith("\nTa med legitimasjon.")
    assert await browser.wait_for_text("#messages", "Ta med legitimasjon.") <= 2.0
    sent_at = time.monotonic()
    writing = asyncio.create_task(amina.say("Takk!"))
    await browser.wait_for_text("#messages", "Takk!")
    assert time.monotonic() - sent_at <= 2.0
    await writing

    await browser.press("form[action$='/close'] button")
    [closed] = await amina.replies()
    assert closed.text.startswith("De ansatte har avsluttet samtalen.")
    assert "lukket" in await browser.text("main .meta")
    await site.emulator.wait_for(lambda: in_staff_chat(site, "lukket på skrivebordet"))
    await browser.log_out()


def tiny_png() -> bytes:
    """A 2×1 PNG (what a staff member's photo of a flat stands for)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" + b"\x00\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


async def test_a_tip_from_the_desk_reaches_each_subscriber_once(site, browser, tmp_path):
    """15.8: a tip composed in the desk reaches every subscriber once; the report shows it."""
    readers = [Person(site.emulator, 8201 + i, f"Leser{i}", "nb") for i in range(3)]
    for reader in readers:
        await reader.say("/start tips")
    await browser.log_in("ansatt@kommune.no")
    await browser.open("/tips")
    await browser.fill("tip-text", "Ledig hybel i Storgata 1: to rom.")
    await browser.fill("tip-link", "https://testvik.kommune.no/bolig/1")
    picture = tmp_path / "hybel.png"
    picture.write_bytes(tiny_png())
    await browser.fill("tip-photo", str(picture))
    await browser.press("form[action='/tips'] button[type=submit]")
    # The photo went to Telegram once (into the staff chat), and the preview shows it.
    [upload] = in_staff_chat(site, "Bilde til et tips")
    assert upload.photo
    assert (
        await browser.run(
            browser.driver.execute_script,
            "const img = document.querySelector('img.tip-photo'); return img.complete && img.naturalWidth;",
        )
        == 2
    )
    preview = await browser.text("figure.telegram")
    assert "Tips om ledig bolig fra Boligkontoret i Testvik" in preview
    assert "Ledig hybel i Storgata 1: to rom." in preview and "bolig/1" in preview
    assert await browser.text("[data-count='all']") == "3"
    await browser.press("form[action$='/send'] button[type=submit]")
    tip_id = int((await browser.path()).rsplit("/", 1)[1])
    await browser.wait_for_text("td[data-result='delivered']", "3", timeout=30)
    assert "ferdig" in await browser.text("#progress")
    await asyncio.sleep(1.5)  # nothing comes twice, even later
    for reader in readers:
        tips = [m for m in reader.messages if "Tips om ledig bolig" in m.text]
        assert len(tips) == 1, reader.id
        assert tips[0].photo  # the photo, sent by Telegram's id for it (not uploaded again)
        assert tips[0].text.endswith(
            "Ledig hybel i Storgata 1: to rom.\n\nhttps://testvik.kommune.no/bolig/1"
        )
        assert "Ikke send flere tips" in " ".join(tips[0].labels())
    await browser.screenshot("desk-tip-report.png")
    rows = list(csv.reader(io.StringIO(await browser.fetch(f"/tips/{tip_id}/report.csv"))))
    results = {row[5]: int(row[6]) for row in rows[1:]}
    assert results["delivered"] == 3 and results["total"] == 3 and results["failed"] == 0
    # The staff chat's progress message was kept up to date as well.
    await site.emulator.wait_for(
        lambda: in_staff_chat(site, "ferdig sendt: 3 mottakere, levert 3"), 10
    )
    await browser.log_out()


async def test_a_meetup_and_an_agreement_whose_qr_link_the_resident_uses(site, browser):
    """15.5: a meetup made on the desk; an agreement's one-time link as a QR code whose link
    is the bot's deep link, used in Telegram to link the agreement."""
    from bot.desk.meetups import qr_svg

    await browser.log_in("ansatt@kommune.no")
    await browser.open("/meetups")
    await browser.set_value("mt-weekday", "2")
    await browser.set_value("mt-time", "18:00")
    await browser.fill("mt-place", "Biblioteket")
    await browser.press("form[action='/meetups'] button[type=submit]")
    assert "onsdag" in await browser.text("#meetups + ul") and "Biblioteket" in await browser.text(
        "#meetups + ul"
    )
    today = date.today()
    await browser.fill("ag-label", "Rom 12")
    await browser.set_value("ag-start", today.isoformat())
    await browser.set_value("ag-end", (today + timedelta(days=60)).isoformat())
    await browser.press("form[action='/agreements'] button[type=submit]")
    link = await browser.attribute("#deep-link", "href")
    assert re.fullmatch(r"https://t\.me/boligbot_test_bot\?start=avt_[A-Za-z0-9_-]+", link), link
    # The QR code encodes that link: the same modules as segno draws for it.
    drawn = str(qr_svg(link, "x"))
    shown = await browser.marked_up(".qr-code [role=img]")
    assert re.search(r' d="([^"]+)"', shown)[1] == re.search(r' d="([^"]+)"', drawn)[1]
    await browser.screenshot("desk-agreement-link.png")

    nadia = Person(site.emulator, 8301, "Nadia", "nb")
    [linked] = await nadia.say("/start " + link.split("start=", 1)[1])
    assert linked.text.startswith("✅ Takk! Nå får du påminnelser om bo- og oppfølgingsavtalen")
    await browser.open("/meetups")
    row = await browser.text("#agreements + p + div table")
    assert "Rom 12" in row and "ja" in row
    [used] = await nadia.say("/start " + link.split("start=", 1)[1])  # the link works once
    assert used.text.startswith("Denne lenken virker ikke lenger.")
    await browser.log_out()


async def _pages(browser: Browser, site: Site):
    """Every page the desk has, as each kind of visitor sees it: (name, path)."""
    from bot.services.handover import Person as Resident

    rt = site.runtime
    handover, tips = rt.services.handover, rt.services.tips
    await rt.assistant.users.touch(8401, "nb")
    await handover.ask(8401)
    thread = await handover.thread_of(8401)
    await handover.relay(thread, Resident(8401, "Olena", "nb"), "Hei <3", f"axe-{time.time()}")
    desk = Actor.desk("ansatt@kommune.no")
    meetup = await rt.services.meetups.save(None, 0, dt_time(17, 0), "Huset", None, desk)
    sent = await tips.new_draft(-99)
    await tips.set_content(sent, "Et tips", None)
    await tips.queue(sent, -99, "residents", None, desk)
    yield "login", "/login"
    await browser.log_in("nobody@kommune.no", "feil passord")
    yield "login refused", None
    await browser.log_in("ansatt@kommune.no")
    yield "home (staff)", "/"
    yield "statistics", "/statistics"
    yield "inbox", "/inbox"
    yield "case", f"/inbox/{thread.id}"
    yield "tips", "/tips"
    await browser.fill("tip-text", "Ledig leilighet.")
    await browser.press("form[action='/tips'] button[type=submit]")
    yield "tip draft", None
    yield "tip report", f"/tips/{sent}"
    yield "meetups", "/meetups"
    yield "meetup change", f"/meetups/{meetup}"
    await browser.open("/meetups")
    await browser.fill("ag-label", "Rom 3")
    await browser.set_value("ag-end", (date.today() + timedelta(days=30)).isoformat())
    await browser.press("form[action='/agreements'] button[type=submit]")
    yield "agreement link", None
    yield "refused (staff on an admin page)", "/admin/users"
    await browser.log_out()
    await browser.log_in("admin@kommune.no")
    yield "staff management", "/admin/users"
    yield "audit log", "/audit"  # the actions above are in it
    await browser.log_out()


@pytest.mark.parametrize("size", [(1280, 900), (360, 740)], ids=["desktop", "phone"])
async def test_every_page_passes_axe_and_fits_a_phone(site, size):
    browser = await asyncio.to_thread(Browser, site.desk.url, *size)
    try:
        problems: dict[str, list] = {}
        seen = []
        async for name, path in _pages(browser, site):
            if path:
                await browser.open(path)
            seen.append(name)
            if violations := await browser.axe():
                problems[name] = violations
            if not await browser.fits_the_screen():
                problems.setdefault(name, []).append("wider than the screen")
        assert seen[-1] == "audit log"
        assert problems == {}
        # The strict CSP blocked nothing: no inline script or style anywhere.
        assert [m for m in await browser.console_errors() if "Content Security" in m] == []
    finally:
        await asyncio.to_thread(browser.quit)
