"""The desk in a real browser: Debian's headless chromium through Selenium, against the bot
running on loopback with the Bot API emulator (issue 15.7, 15.8). Every page is checked with
axe-core: no serious or critical violation. Nothing is downloaded: the browser and its driver
come from Debian (``apt-get install chromium chromium-driver``), axe-core from npm (Makefile).

Screenshots: ``DESK_SCREENSHOTS=docs make test`` (or pytest) writes them into ``docs/``.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from bot.app import build_runtime
from bot.channels.telegram.app import TelegramChannel
from bot.core.events import Reply
from bot.core.ports import RecipientBlocked
from bot.desk.server import DeskServer
from bot.storage.desk import DeskStore
from bot.storage.faq import FaqStore
from tests.desk.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeProvider
from tests.desk.support import PASSWORD, add_account
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.harness import TOKEN, make_config

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ROOT = Path(__file__).resolve().parent.parent.parent
SERIOUS = {"serious", "critical"}
WAIT = 20  # seconds a page may take to come (the machine may be busy)

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
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.wait import WebDriverWait

        def do() -> None:
            page = self.driver.find_element("tag name", "html")
            self.driver.find_element("css selector", css).click()
            WebDriverWait(self.driver, WAIT).until(expected_conditions.staleness_of(page))

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
        return await self.run(lambda: self.driver.find_element("css selector", css).text)

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
    def __init__(self, emulator: BotApiEmulator, desk: DeskServer, store: DeskStore, messenger):
        self.emulator, self.desk, self.store, self.messenger = emulator, desk, store, messenger


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
    )
    runtime = await build_runtime(cfg)
    desk = DeskServer(runtime)
    runtime.assistant.services.append(desk)
    channel = TelegramChannel(cfg, runtime.assistant)
    await channel.start_polling(poll_timeout=1)  # starts the features, then the desk
    store = DeskStore(runtime.sessions)
    await add_account(store, "admin@kommune.no", "admin")
    await add_account(store, "ansatt@kommune.no", "staff")
    faq = FaqStore(runtime.sessions)
    for text in ("Kan jeg ha hund i leiligheten?", "Hvor lenge er ventetiden?"):
        await faq.record_question(text, "nb", "none")
    try:
        yield Site(emulator, desk, store, runtime.assistant.messenger)
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
    assert home.count("kommer") == 3  # inbox, tips, meetups are not built yet
    await browser.screenshot("desk-home.png")
    await browser.open("/statistics")
    assert "kan jeg ha hund i leiligheten?" in await browser.text()  # grouped in lower case
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


async def _pages(browser: Browser):
    """Every page the desk has, as each kind of visitor sees it: (name, path)."""
    yield "login", "/login"
    await browser.log_in("nobody@kommune.no", "feil passord")
    yield "login refused", None
    await browser.log_in("ansatt@kommune.no")
    yield "home (staff)", "/"
    yield "statistics", "/statistics"
    yield "refused (staff on an admin page)", "/admin/users"
    await browser.log_out()
    await browser.log_in("admin@kommune.no")
    yield "staff management", "/admin/users"
    await browser.log_out()


@pytest.mark.parametrize("size", [(1280, 900), (360, 740)], ids=["desktop", "phone"])
async def test_every_page_passes_axe_and_fits_a_phone(site, size):
    browser = await asyncio.to_thread(Browser, site.desk.url, *size)
    try:
        problems: dict[str, list] = {}
        seen = []
        async for name, path in _pages(browser):
            if path:
                await browser.open(path)
            seen.append(name)
            if violations := await browser.axe():
                problems[name] = violations
            if not await browser.fits_the_screen():
                problems.setdefault(name, []).append("wider than the screen")
        assert seen[-1] == "staff management"
        assert problems == {}
        # The strict CSP blocked nothing: no inline script or style anywhere.
        assert [m for m in await browser.console_errors() if "Content Security" in m] == []
    finally:
        await asyncio.to_thread(browser.quit)
