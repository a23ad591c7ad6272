"""Nothing lost under faults: a scripted storm against the real bot, with Telegram's limits,
every fault kind on every send path, and SIGKILLs at random moments.

    .venv/bin/python benchmarks/bench_faults.py [--seed 1] [--scale 1] [--keep]

About three minutes with the defaults. ``--keep`` keeps the temp dir: the database, the bot's
log (one section per process) and ``storm.json`` (every expected message with its outcome and
cause, every injected fault). The bot reads the knowledge vectors from the test suite's cache
(``.pytest_cache/faq-vectors``; without it the first start embeds for about two minutes).

The real bot runs as a subprocess (``python -m bot.cli run``, SQLite file) against the Bot API
emulator of ``tests/e2e/emulator.py`` in this process, which enforces
``limit_rate(30/s, per chat 1/s, burst 3)`` (429 with retry_after beyond). A fault injector
(seeded) hits a share (``--fault-rate``) of every sendMessage, sendPhoto and editMessageText
with one of: 429 with retry_after 1–2; 500; 502; a timeout that did not deliver (the emulator
holds the request past the client's 5 s timeout and never carries it out, ``hang_before``); a
timeout that did deliver (carried out, answered too late, ``hang_after``). 403 comes from
recipients who blocked the bot (a few tip and reminder subscribers, one resident in a
handover who blocks after writing); they are left out of "sent".

Send paths, each message carrying a unique marker ``#m<n>`` (or a known answer title) so it
can be found on the other side:
- faq: residents ask FAQ questions (a few each, one at a time, at a person's pace);
  one answer each;
- handover: residents in an open case write to staff (plain, odd input, long texts that are
  split); one staff-chat post each, through the message outbox;
- staff: a staff member answers every post in the staff chat by replying to it (plain, odd,
  long); one message to the resident each, through the message outbox;
- tips: the admin's real /tips flow sends a tip to a few hundred subscribers (tip outbox);
- reminders: a meetup whose "2 hours before" reminder is due is added during the storm; one
  reminder per subscriber (reminder log).
The setup (residents opening their case, the admin composing the tip) runs before the faults;
the storm starts when the admin presses "Send". The bot gets SIGKILL at ``--kills`` random
moments and is started again on the same database each time.

Figures:
- sent: messages people and staff sent that must be delivered (the four paths above, plus
  reminders), not counting those to people who blocked the bot;
- delivered: those that arrived (a long text split in parts counts once, when every part
  arrived); lost = sent − delivered; duplicated: arrived more than once (or a part did);
- apologies: bot messages to residents that start with "Beklager" (the error apology of
  ``core.ftl`` and the undelivered notice of ``handover.ftl``);
- in_flight_at_kill: outbox rows (message outbox, tip outbox, reminder log) in status
  "sending" when the bot was killed, read from the database before the restart. By design they
  become "unknown" and are never resent: each is lost unless its request had reached Telegram.
The breakdown also follows the updates the killed bot had taken from Telegram but not yet acted
on (PTB confirms an update on its next poll, before handling it), per send path and per fault
kind, and gives the cause of every message lost or duplicated.

Last line: ``faults: sent=<N> delivered=<N> lost=<N> duplicated=<N> apologies=<N>
in_flight_at_kill=<N>``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import chain
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiohttp import web
from sqlalchemy import insert, select

from benchmarks.botrun import (
    ROOT,
    BotProcess,
    CountingEmulator,
    compose_tip,
    log_summary,
    wait_until,
    write_config,
)
from bot.storage.db import create_engine
from bot.storage.migrate import upgrade
from bot.storage.models import User
from bot.storage.models_handover import HandoverPost
from bot.storage.models_outbox import OutboxMessage
from bot.storage.models_reminders import Meetup, MeetupSubscription, ReminderDelivery
from bot.storage.models_tips import Broadcast, OutboxRow, TipSubscription
from tests.e2e.emulator import ApiError, SentMessage

# --- the people -------------------------------------------------------------------------------

ADMIN_ID = 4242  # composes and sends the tip
STAFF_ID = 4343  # answers residents in the staff chat
STAFF_CHAT_ID = -1001234
STAFF_CHAT = {"id": STAFF_CHAT_ID, "type": "supergroup", "title": "Staff"}
TIP_BASE, FAQ_BASE, HANDOVER_BASE, MEETUP_BASE = 1_000_000, 2_000_000, 3_000_000, 4_000_000
TZ = ZoneInfo("Europe/Oslo")

# Question → the title its answer starts with (``<b>title</b>``); one answer message each.
QUESTIONS = [
    ("Hva er startlån?", "Svar på: Hva er startlån?"),
    ("Hva er bostøtte?", "Svar på: Hva er bostøtte?"),
    ("Hvordan søker jeg bostøtte?", "Svar på: Hvordan søker jeg bostøtte?"),
    ("Kan jeg få hjelp til depositum?", "Svar på: Kan NAV hjelpe med depositum?"),
    ("Hvem kan få startlån?", "Svar på: Hvem kan få startlån?"),
    ("Що таке стартова позика?", "Відповідь на запитання: Що таке startlån?"),
    ("HVA ER BOSTØTTE?!! 🙂 & <>", "Svar på: Hva er bostøtte?"),
    ("hvem kan få startlån 😀😀", "Svar på: Hvem kan få startlån?"),
]
QUESTIONS_EACH = 3

# What the bot says when something failed (bot/locales/nb/core.ftl error-apology,
# handover.ftl handover-failed, staff.ftl handover-staff-*).
APOLOGY = "Beklager"
ERROR_APOLOGY = "Beklager, noe gikk galt"
HANDOVER_FAILED = "Beklager, jeg fikk ikke sendt"
STAFF_NOTICES = {
    "unknown (may have arrived)": "Vet ikke om svaret kom fram",
    "undelivered after retries": "Svaret kom ikke fram",
    "resident blocked the bot": "Kunne ikke levere",
    "reply not linked to a case": "Dette svaret gikk ikke til noen",
    "case closed": "Denne saken er lukket",
}

MARK = re.compile(r"#m(\d+)(?!\d)")
HANG = 6.0  # seconds a "timeout" holds a request: past the client's 5 s read timeout
SENDS = ("sendMessage", "sendPhoto", "editMessageText")
KINDS = ("429", "500", "502", "timeout, not delivered", "timeout, delivered")
PATHS = ("faq", "handover", "staff", "tips", "reminders")
PATH_NAMES = {
    "faq": "faq: question → answer",
    "handover": "handover: resident → staff chat",
    "staff": "staff: staff reply → resident",
    "tips": "tips: broadcast → subscriber",
    "reminders": "reminders: meetup → subscriber",
}


class Markers:
    def __init__(self) -> None:
        self.n = 0

    def new(self) -> str:
        self.n += 1
        return f"#m{self.n}"


def odd_texts(mark: str) -> list[str]:
    """Input people really send: markup characters, other scripts, emoji, a pasted link."""
    return [
        f"<b>Hei</b> & hallo <script>alert(1)</script> 5 < 7 > 3 {mark}",
        f"Привіт! Коли я можу переїхати? 🙂🏠👍🏽 {mark}",
        f"{mark}\n\n\n   mange   mellomrom\tog\ttabulator   ",
        f"Se https://example.no/sok?a=1&b=2&c=<3> {mark} 👀",
    ]


def long_text(mark: str, rng: random.Random, words: bool = True) -> str:
    """Close to Telegram's 4096 characters, markup-heavy so that escaped it needs two or three
    messages; the marker every 600 characters, so that every part carries it and a part missing
    or sent twice shows. ``words=False``: one pasted link with no space to cut at."""
    if words:
        vocabulary = ["Jeg", "har", "bodd", "i", "kommunen", "&", "trenger", "<hjelp>", "nå."]
        chunks = [" ".join(rng.choice(vocabulary) for _ in range(100)) for _ in range(7)]
        text = f" {mark} ".join(c[:600] for c in chunks)
    else:
        link = "https://example.no/?" + "&x=<1>".join(str(i) for i in range(700))
        text = f"{mark}/".join(link[i : i + 600] for i in range(0, 4200, 600))
    return f"{mark} {text[: 4090 - 2 * len(mark) - 2]} {mark}"


# --- what is expected where --------------------------------------------------------------------


@dataclass
class Expect:
    """One message that must arrive once in ``chat``."""

    key: str  # the marker, or "faq:<uid>:<title>", "tip:<uid>", "rem:<uid>"
    path: str
    chat: int
    occurrences: int = 1  # times the marker is in the text (a long text carries it twice)
    title: str = ""  # faq: the answer's title
    update_id: int | None = None  # the update that carried it (faq, handover, staff)
    outbox_key: str | None = None  # its row in the message outbox (handover, staff)
    answers: str = ""  # staff: the marker of the post it replies to
    excluded: str = ""  # why it is not expected (a recipient who blocked the bot)
    at: float = 0.0  # when it was sent (monotonic)
    arrived: int = 0  # occurrences found
    outcome: str = ""  # delivered, lost, duplicated
    cause: tuple[str, str] = ("", "")  # class, detail


@dataclass
class Injected:
    at: float
    method: str
    chat: int
    kind: str
    text: str
    expect: str = ""  # the key of the expected message it hit, if any
    what: str = ""  # otherwise, what it hit


@dataclass
class Kill:
    at: float
    sending: dict[str, list[str]] = field(default_factory=dict)  # outbox → keys "sending"
    updates_taken: list[int] = field(default_factory=list)  # taken by the killed bot, not acted on
    updates_unconfirmed: list[int] = field(default_factory=list)  # will come again
    unlinked: list[str] = field(default_factory=list)  # posts sent, last part not linked
    restart_to_first_send: float | None = None
    restarted_at: float = 0.0


class StormEmulator(CountingEmulator):
    """The emulator with the fault injector, and records of what went where."""

    def __init__(self, rng: random.Random, rate: float):
        super().__init__()
        self.rng, self.rate = rng, rate
        self.on = False  # faults are injected only during the storm
        self.exempt: set[int] = set()
        self.injected: list[Injected] = []
        self.blocked_answers: Counter[str] = Counter()  # 403s, by kind of chat
        self.kind_of: dict[int, str] = {}  # chat → path of its person
        self.arrived_at: dict[tuple[int, int], float] = {}  # (chat, message id) → when
        self.generation = 0  # the bot process now running (1, 2, ...); 0: none
        self.taken: dict[int, list[int]] = defaultdict(list)  # update id → generations
        self.confirmed_below = 0
        self.fault = self._fault
        self.hang_before = self._hang_before
        self.hang_after = self._hang_after

    def kind(self, chat: int) -> str:
        if chat == STAFF_CHAT_ID:
            return "staff chat"
        if chat == ADMIN_ID:
            return "admin"
        return self.kind_of.get(chat, "other")

    # --- faults ------------------------------------------------------------------------------

    def _fault(self, method: str, p: dict) -> ApiError | None:
        chat = int(p.get("chat_id") or 0)
        if not self.on or method not in SENDS or chat in self.exempt:
            return None
        if self.rng.random() >= self.rate:
            return None
        kind = self.rng.choice(KINDS)
        text = p.get("text") or p.get("caption") or ""
        if kind == "timeout, delivered":
            p["_fault"] = kind  # recorded when it happens (after a successful request)
            return None
        self.injected.append(Injected(time.monotonic(), method, chat, kind, text))
        if kind == "timeout, not delivered":
            p["_fault"] = kind
            return None
        if kind == "429":
            retry = self.rng.choice((1, 2))
            return ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
        return ApiError(int(kind), "Internal Server Error" if kind == "500" else "Bad Gateway")

    def _hang_before(self, method: str, p: dict) -> float | None:
        return HANG if p.get("_fault") == "timeout, not delivered" else None

    def _hang_after(self, method: str, p: dict) -> float | None:
        if p.get("_fault") != "timeout, delivered":
            return None
        text = p.get("text") or p.get("caption") or ""
        chat = int(p.get("chat_id") or 0)
        self.injected.append(Injected(time.monotonic(), method, chat, p["_fault"], text))
        return HANG

    async def _dispatch(self, request: web.Request) -> web.Response:
        response = await super()._dispatch(request)
        if response.status == 403:
            chat = int(self.calls[-1][1].get("chat_id") or 0) if self.calls else 0
            self.blocked_answers[self.kind(chat)] += 1
        return response

    async def _store(self, p: dict, text: str, photo: bool) -> dict:
        result = await super()._store(p, text, photo)
        self.arrived_at[(int(p["chat_id"]), result["message_id"])] = time.monotonic()
        return result

    # --- updates: which bot process took which, and which were confirmed -----------------------

    async def api_getUpdates(self, p: dict) -> list[dict]:
        gen = self.generation
        offset = int(p.get("offset") or 0)
        self.confirmed_below = max(self.confirmed_below, offset)
        result = await super().api_getUpdates(p)
        if gen and gen == self.generation:  # not a poll of a process killed meanwhile
            for u in result:
                if gen not in self.taken[u["update_id"]]:
                    self.taken[u["update_id"]].append(gen)
        return result


# --- database ----------------------------------------------------------------------------------


def sqlite(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def prepare_db(path: Path, tips: list[int], meetups: list[int]) -> None:
    engine = create_engine(sqlite(path))
    try:
        await upgrade(engine)
        now = datetime.now(UTC)
        async with engine.begin() as conn:
            await conn.execute(
                insert(User),
                [
                    {"id": uid, "language": "nb", "first_seen": now, "last_seen": now}
                    for uid in tips + meetups
                ],
            )
            await conn.execute(
                insert(TipSubscription),
                [{"user_id": uid, "created_at": now, "blocked_at": None} for uid in tips],
            )
    finally:
        await engine.dispose()


async def add_meetup(path: Path, place: str, subscribers: list[int]) -> None:
    """A weekly meetup 90 minutes from now: its "2 hours before" reminder is due (30 minutes
    ago, within the grace time), so the next sweep sends it to every subscriber."""
    engine = create_engine(sqlite(path))
    try:
        now = datetime.now(UTC)
        at = (now + timedelta(minutes=90)).astimezone(TZ)
        async with engine.begin() as conn:
            result = await conn.execute(
                insert(Meetup).values(
                    weekday=at.weekday(),
                    at=at.time().replace(second=0, microsecond=0),
                    place=place,
                    note=None,
                    created_at=now - timedelta(days=1),
                    updated_at=now - timedelta(days=1),
                )
            )
            meetup_id = result.inserted_primary_key[0]
            await conn.execute(
                insert(MeetupSubscription),
                [
                    {"user_id": uid, "meetup_id": meetup_id, "created_at": now - timedelta(days=1)}
                    for uid in subscribers
                ],
            )
    finally:
        await engine.dispose()


@dataclass
class DbState:
    messages: dict[str, tuple[int, str, int]]  # outbox key → (id, status, attempts)
    tips: dict[int, tuple[str, int]]  # user → (status, attempts)
    reminders: dict[int, tuple[str, int]]  # user → (status, attempts)
    broadcasts: list[str]
    posts: dict[str, int | None]  # staff-chat post's outbox key → its last part's message id
    links: set[int]  # staff-chat message ids linked to a case

    def unlinked(self) -> list[str]:
        """Posts recorded as sent whose last part is not linked to their case."""
        return [
            key
            for key, mid in self.posts.items()
            if self.messages[key][1] == "sent" and mid not in self.links
        ]

    def sending(self) -> dict[str, list[str]]:
        return {
            "messages": [k for k, (_, s, _) in self.messages.items() if s == "sending"],
            "tips": [f"tip:{u}" for u, (s, _) in self.tips.items() if s == "sending"],
            "reminders": [f"rem:{u}" for u, (s, _) in self.reminders.items() if s == "sending"],
        }

    def busy(self) -> int:
        """Rows still to be sent, retried, or on their way (a reminder's "sending" left by a
        kill stays so for its ten-minute lease, so those are not waited for)."""
        return (
            sum(1 for _, s, _ in self.messages.values() if s in ("pending", "sending"))
            + sum(1 for s, _ in self.tips.values() if s in ("pending", "sending"))
            + sum(1 for s, _ in self.reminders.values() if s == "failed")
            + self.broadcasts.count("running")
        )


async def read_db(path: Path) -> DbState:
    engine = create_engine(sqlite(path))
    try:
        async with engine.connect() as conn:
            messages = (
                await conn.execute(
                    select(
                        OutboxMessage.key,
                        OutboxMessage.id,
                        OutboxMessage.status,
                        OutboxMessage.attempts,
                    )
                )
            ).all()
            tips = (
                await conn.execute(select(OutboxRow.user_id, OutboxRow.status, OutboxRow.attempts))
            ).all()
            reminders = (
                await conn.execute(
                    select(
                        ReminderDelivery.user_id,
                        ReminderDelivery.status,
                        ReminderDelivery.attempts,
                    ).where(ReminderDelivery.status != "skipped")
                )
            ).all()
            broadcasts = (await conn.execute(select(Broadcast.status))).scalars().all()
            posts = (
                await conn.execute(
                    select(OutboxMessage.key, OutboxMessage.message_id).where(
                        OutboxMessage.kind == "ho.post"
                    )
                )
            ).all()
            links = (
                (
                    await conn.execute(
                        select(HandoverPost.message_id).where(HandoverPost.chat_id == STAFF_CHAT_ID)
                    )
                )
                .scalars()
                .all()
            )
    finally:
        await engine.dispose()
    return DbState(
        {k: (i, s, a) for k, i, s, a in messages},
        {u: (s, a) for u, s, a in tips},
        {u: (s, a) for u, s, a in reminders if u is not None},
        list(broadcasts),
        {k: m for k, m in posts},
        set(links),
    )


# --- the storm ---------------------------------------------------------------------------------


def user(uid: int, name: str, lang: str = "nb") -> dict:
    return {"id": uid, "is_bot": False, "first_name": name, "language_code": lang}


class Storm:
    def __init__(self, args: argparse.Namespace, work: Path):
        self.args, self.work = args, work
        self.rng = random.Random(args.seed)
        scale = args.scale
        self.faq_ids = [FAQ_BASE + i for i in range(round(40 * scale))]
        self.handover_ids = [HANDOVER_BASE + i for i in range(max(2, round(10 * scale)))]
        self.tip_ids = [TIP_BASE + i for i in range(round(300 * scale))]
        self.meetup_ids = [MEETUP_BASE + i for i in range(round(80 * scale))]
        self.emu = StormEmulator(random.Random(args.seed + 1), args.fault_rate)
        for ids, kind in (
            (self.faq_ids, "faq"),
            (self.handover_ids, "handover"),
            (self.tip_ids, "tips"),
            (self.meetup_ids, "reminders"),
        ):
            self.emu.kind_of.update(dict.fromkeys(ids, kind))
        blocked_tips = self.rng.sample(self.tip_ids, max(1, len(self.tip_ids) // 30))
        blocked_meetup = self.rng.sample(self.meetup_ids, max(1, len(self.meetup_ids) // 30))
        self.emu.blocked.update(blocked_tips + blocked_meetup)
        self.blocker = self.handover_ids[0]  # blocks the bot after writing to staff
        self.markers = Markers()
        self.tip_mark, self.meetup_mark = self.markers.new(), self.markers.new()
        self.expects: dict[str, Expect] = {}
        self.updates: dict[int, str] = {}  # update id → expect key (faq, handover, staff)
        self.kills: list[Kill] = []
        self.db = work / "storm.db"
        self.cfg = work / "storm.toml"
        self.log = work / "storm.log"
        self.bot = BotProcess(self.cfg, self.log)
        self.processes = 0  # bot processes started
        self.staff_busy = 0  # staff replies being written
        self.tasks: set[asyncio.Task] = set()
        self.started = 0.0
        self.stats: Counter[str] = Counter()

    def expect(self, e: Expect) -> Expect:
        self.expects[e.key] = e
        return e

    # --- set-up (no faults yet) --------------------------------------------------------------

    async def setup(self) -> tuple[SentMessage, str]:
        await prepare_db(self.db, self.tip_ids, self.meetup_ids)
        self.emu.limit_rate(per_second=30, burst=30, per_chat=1, chat_burst=3)
        await self.emu.start()
        write_config(
            self.cfg,
            self.emu,
            self.db,
            [ADMIN_ID, STAFF_ID],
            STAFF_CHAT_ID,
            f'[faq]\ncache_dir = "{ROOT / ".pytest_cache" / "faq-vectors"}"\n'
            '[office]\nname = "Boligkontoret i Testvik"\nphone = "75 55 00 00"\n'
            "opening_days = [0, 1, 2, 3, 4, 5, 6]\nopens = 00:00:00\n"
            "closes = 23:59:59.999999\n",
        )
        await self.start_bot()
        await wait_until(self.bot, lambda: self.emu.commands, "the bot to start", 120)
        await asyncio.gather(*(self.open_case(uid) for uid in self.handover_ids))
        return await compose_tip(
            self.emu,
            self.bot,
            ADMIN_ID,
            f"Ledig leilighet i sentrum fra 1. mars. {self.tip_mark}",
            1.0,
        )

    async def start_bot(self) -> None:
        self.processes += 1
        self.emu.generation = self.processes
        with self.log.open("a", encoding="utf-8") as f:
            f.write(f"\n===== bot process {self.processes} =====\n")
        await self.bot.start()

    async def open_case(self, uid: int) -> None:
        person = user(uid, f"Beboer{uid - HANDOVER_BASE}")
        await self.emu.send_text(person, "/start")
        found = await wait_until(
            self.bot, lambda: self._button(uid, "Snakk med en ansatt"), "the menu", 180
        )
        msg, data = found  # type: ignore[misc]
        await self.emu.press(person, msg, data)
        await wait_until(self.bot, lambda: self._button(uid, "Avbryt"), "the request to write", 60)

    def _button(self, chat: int, label: str) -> tuple[SentMessage, str] | None:
        for msg in reversed(self.emu.chats.get(chat, [])):
            for row in msg.buttons:
                for b in row:
                    if label in b.get("text", "") and b.get("callback_data"):
                        return msg, b["callback_data"]
        return None

    # --- the storm ---------------------------------------------------------------------------

    async def run(self) -> None:
        send_button = await self.setup()
        for uid in self.tip_ids:
            self.expect(Expect(f"tip:{uid}", "tips", uid, excluded=self._blocked(uid)))
        for uid in self.meetup_ids:
            self.expect(Expect(f"rem:{uid}", "reminders", uid, excluded=self._blocked(uid)))
        self.emu.on = True
        self.emu.exempt.add(ADMIN_ID)  # the admin's own steps; the broadcast is faulted
        self.started = time.monotonic()
        msg, data = send_button
        await self.emu.press(user(ADMIN_ID, "Admin"), msg, data)
        await wait_until(
            self.bot,
            lambda: any("Tips " in m.text for m in self.emu.chats.get(ADMIN_ID, [])),
            "the broadcast's progress message",
        )
        self.emu.exempt.discard(ADMIN_ID)  # its progress edits are faulted too
        await add_meetup(self.db, f"Biblioteket, 2. etasje {self.meetup_mark}", self.meetup_ids)
        people = [self.faq_resident(uid) for uid in self.faq_ids]
        people += [self.handover_resident(uid, i) for i, uid in enumerate(self.handover_ids)]
        staff = asyncio.create_task(self.staff())
        killer = asyncio.create_task(self.killer())
        await asyncio.gather(*people)
        await killer
        await self.drain()
        staff.cancel()
        self.emu.on = False
        code = await self.bot.stop()
        self.stats["exit code"] = code if code is not None else -1

    def _blocked(self, uid: int) -> str:
        return "blocked the bot" if uid in self.emu.blocked else ""

    async def until(self, predicate: Callable[[], bool], within: float) -> bool:
        """Wait until the bot has sent something that makes ``predicate`` true, or time is up."""
        try:
            await self.emu.wait_for(predicate, within)
        except AssertionError:
            return False
        return True

    async def pause(self, low: float, high: float) -> None:
        await asyncio.sleep(self.rng.uniform(low, high))

    async def faq_resident(self, uid: int) -> None:
        await self.pause(0, self.args.window * 0.6)
        person = user(uid, f"Spør{uid - FAQ_BASE}", "nb")
        titles: set[str] = set()
        for question, title in self.rng.sample(QUESTIONS, len(QUESTIONS)):
            if title in titles or len(titles) == QUESTIONS_EACH:
                continue
            titles.add(title)
            before = len(self.emu.chats.get(uid, []))
            update = await self.emu.send_text(person, question)
            e = self.expect(
                Expect(
                    f"faq:{uid}:{title}",
                    "faq",
                    uid,
                    title=title,
                    update_id=update["update_id"],
                    at=time.monotonic(),
                )
            )
            self.updates[update["update_id"]] = e.key
            # the answer, an apology, or give up waiting
            await self.until(lambda: len(self.emu.chats.get(uid, [])) > before, 15)  # noqa: B023
            await self.pause(1, 5)

    async def handover_resident(self, uid: int, index: int) -> None:
        await self.pause(0, self.args.window * 0.4)
        person = user(uid, f"Beboer{index}", "nb")
        for n in range(3):
            mark = self.markers.new()
            if n == 1 and index % 4 == 1:
                text = long_text(mark, self.rng, words=index % 8 != 5)
            elif n == 1:
                text = odd_texts(mark)[index % 4]
            else:
                text = f"Hei, dette er melding {n + 1} fra meg om boligen. {mark}"
            update = await self.emu.send_text(person, text)
            msg_id = update["message"]["message_id"]
            e = self.expect(
                Expect(
                    mark,
                    "handover",
                    STAFF_CHAT_ID,
                    occurrences=text.count(mark),
                    update_id=update["update_id"],
                    outbox_key=f"ho.post:{uid}:{msg_id}",
                    at=time.monotonic(),
                )
            )
            self.updates[update["update_id"]] = e.key
            await self.pause(4, 15)
        if uid == self.blocker:
            await asyncio.sleep(3)
            self.emu.blocked.add(uid)

    def resident_of(self, post_mark: str) -> int | None:
        e = self.expects.get(post_mark)
        if e is None or e.outbox_key is None:
            return None
        return int(e.outbox_key.split(":")[1])

    async def staff(self) -> None:
        """Answers every resident's post in the staff chat once, replying to its last part."""
        answered: set[str] = set()
        first_seen: dict[str, float] = {}
        member = user(STAFF_ID, "Siri")
        while True:
            now = time.monotonic()
            posts = self.emu.chats.get(STAFF_CHAT_ID, [])
            seen: dict[str, list[SentMessage]] = defaultdict(list)
            for msg in posts:
                for m in MARK.findall(msg.text):
                    seen[f"#m{m}"].append(msg)
            for mark, msgs in seen.items():
                e = self.expects.get(mark)
                if mark in answered or e is None or e.path != "handover":
                    continue
                first_seen.setdefault(mark, now)
                found = sum(msg.text.count(mark) for msg in msgs)
                if found < e.occurrences and now - first_seen[mark] < 8:
                    continue  # the other part of a long post is on its way
                answered.add(mark)
                self.staff_busy += 1
                task = asyncio.create_task(self.staff_reply(member, mark, msgs[-1], len(answered)))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
            await asyncio.sleep(0.5)

    async def staff_reply(self, member: dict, post_mark: str, post: SentMessage, n: int) -> None:
        try:
            await self.pause(2, 6)
            mark = self.markers.new()
            if n % 9 == 4:
                text = long_text(mark, self.rng)
            elif n % 5 == 2:
                text = f"Ring oss på <75 55 00 00> & ta med ID 😀 {mark}"
            else:
                text = f"Takk, vi ser på saken og svarer deg snart. {mark}"
            update = await self.emu.send_text(member, text, chat=STAFF_CHAT, reply_to=post)
            resident = self.resident_of(post_mark) or 0
            e = self.expect(
                Expect(
                    mark,
                    "staff",
                    resident,
                    occurrences=text.count(mark),
                    update_id=update["update_id"],
                    outbox_key=f"ho.answer:{STAFF_CHAT_ID}:{update['message']['message_id']}",
                    answers=post_mark,
                    excluded="resident blocked the bot" if resident == self.blocker else "",
                    at=time.monotonic(),
                )
            )
            self.updates[update["update_id"]] = e.key
        finally:
            self.staff_busy -= 1

    # --- kills -------------------------------------------------------------------------------

    async def killer(self) -> None:
        span = self.args.window
        moments = sorted(self.rng.uniform(10, span) for _ in range(self.args.kills))
        for at in moments:
            await asyncio.sleep(max(0.0, self.started + at - time.monotonic()))
            await self.kill_and_restart()

    async def kill_and_restart(self) -> None:
        emu = self.emu
        self.bot.kill()
        kill = Kill(time.monotonic())
        gen = emu.generation
        emu.generation = 0
        await self.bot.wait_dead()
        state = await read_db(self.db)
        earlier = {key for k in self.kills for key in chain(*k.sending.values())}
        kill.sending = {t: [k for k in v if k not in earlier] for t, v in state.sending().items()}
        kill.unlinked = [
            k for k in state.unlinked() if not any(k in x.unlinked for x in self.kills)
        ]
        for uid, gens in emu.taken.items():
            key = self.updates.get(uid)
            if gen in gens and key is not None and not self.acted_on(key, state, kill.at):
                kill.updates_taken.append(uid)
        kill.updates_unconfirmed = [u["update_id"] for u in emu.updates]
        self.kills.append(kill)
        await self.start_bot()
        kill.restarted_at = time.monotonic()
        sends_before = len(emu.arrived_at)
        await self.until(lambda: len(emu.arrived_at) > sends_before, 60)
        kill.restart_to_first_send = time.monotonic() - kill.restarted_at

    def acted_on(self, key: str, state: DbState, before: float) -> bool:
        """Whether the bot had done what an update asked before ``before`` (a kill)."""
        e = self.expects[key]
        if e.path == "faq":
            return any(
                self.emu.arrived_at.get((e.chat, m.message_id), before) < before
                and self.emu.arrived_at[(e.chat, m.message_id)] > e.at
                for m in self.emu.chats.get(e.chat, [])
            )
        return e.outbox_key in state.messages or self.notice_for(e) is not None

    def notice_for(self, e: Expect) -> str | None:
        """A staff reply the bot answered in the staff chat instead of passing it on."""
        if e.path != "staff" or e.update_id is None:
            return None
        msg_id = self.staff_message_ids.get(e.update_id)
        for m in self.emu.chats.get(STAFF_CHAT_ID, []):
            if m.reply_to == msg_id:
                for what, start in STAFF_NOTICES.items():
                    if m.text.startswith(start):
                        return what
        return None

    def by_row(self, key: str) -> Expect | None:
        """The expected message an outbox row carries ("ho.post:…", "tip:…", "rem:…")."""
        if key in self.expects:
            return self.expects[key]
        return next((e for e in self.expects.values() if e.outbox_key == key), None)

    @property
    def staff_message_ids(self) -> dict[int, int]:
        return {
            e.update_id: int(e.outbox_key.rsplit(":", 1)[1])
            for e in self.expects.values()
            if e.path == "staff" and e.update_id is not None and e.outbox_key
        }

    # --- the end -----------------------------------------------------------------------------

    async def drain(self) -> None:
        """Until nothing is left to send and nothing arrives for a while (or the deadline)."""
        deadline = time.monotonic() + self.args.drain
        quiet_since, last = time.monotonic(), -1
        while time.monotonic() < deadline:
            arrived = len(self.emu.arrived_at)
            if arrived != last:
                quiet_since, last = time.monotonic(), arrived
            state = await read_db(self.db)
            idle = not self.emu.updates and not self.staff_busy and not state.busy()
            if idle and time.monotonic() - quiet_since > 8:
                self.stats["drained"] = 1
                return
            await asyncio.sleep(1)


# --- counting ----------------------------------------------------------------------------------


def count(storm: Storm, state: DbState) -> None:
    emu = storm.emu
    marks: dict[int, Counter[str]] = defaultdict(Counter)
    for chat, msgs in emu.chats.items():
        for m in msgs:
            for n in MARK.findall(m.text):
                marks[chat][f"#m{n}"] += 1
    for e in storm.expects.values():
        msgs = emu.chats.get(e.chat, [])
        if e.path == "faq":
            e.arrived = sum(1 for m in msgs if m.text.startswith(f"<b>{e.title}</b>"))
        elif e.path == "tips":
            e.arrived = marks[e.chat][storm.tip_mark]
        elif e.path == "reminders":
            e.arrived = marks[e.chat][storm.meetup_mark]
        else:
            e.arrived = marks[e.chat][e.key]
        if e.arrived == 0:
            e.outcome = "lost"
        elif e.arrived < e.occurrences:
            e.outcome = "lost"  # a part of a long text is missing
        elif e.arrived > e.occurrences:
            e.outcome = "duplicated"
        else:
            e.outcome = "delivered"
    attribute_faults(storm)
    for e in storm.expects.values():
        if e.outcome == "lost":
            klass, detail = lost_cause(storm, state, e)
            partly = "partly arrived; " if e.arrived else ""
            e.cause = (klass, partly + detail)
        elif e.outcome == "duplicated":
            e.cause = duplicate_cause(storm, state, e)


def attribute_faults(storm: Storm) -> None:
    """Which expected message each injected fault hit (or what else it hit)."""
    by_faq_title = {(e.chat, e.title): e.key for e in storm.expects.values() if e.path == "faq"}
    for f in storm.emu.injected:
        kind = storm.emu.kind(f.chat)
        found = [f"#m{n}" for n in MARK.findall(f.text)]
        if storm.tip_mark in found:
            f.expect = f"tip:{f.chat}"
        elif storm.meetup_mark in found:
            f.expect = f"rem:{f.chat}"
        elif found and found[0] in storm.expects:
            f.expect = found[0]
        elif kind == "faq" and (m := re.match(r"<b>(.*?)</b>", f.text)):
            f.expect = by_faq_title.get((f.chat, m.group(1)), "")
        if f.expect:
            continue
        if f.method == "editMessageText":
            f.what = "an edit (tip progress)" if f.chat == ADMIN_ID else "an edit"
        elif f.text.startswith(APOLOGY):
            f.what = "an apology"
        elif f.chat == STAFF_CHAT_ID:
            f.what = "a staff notice"
        elif f.text.startswith("✅"):
            f.what = "a 'sent to staff' receipt"
        else:
            f.what = f"another message to {kind}"


def faults_on(storm: Storm, key: str) -> list[str]:
    return [f.kind for f in storm.emu.injected if f.expect == key]


# Why a message was lost, by class: the first two are the documented at-most-once windows.
IN_FLIGHT = "in flight at a SIGKILL (outbox row 'sending' → unknown, never resent)"
TIMED_OUT = "a timeout that may have delivered (row 'unknown', never resent)"
REPLY_FAILED = "the reply failed and the bot apologised (replies are resent only after a 429)"
PART_RESENT = "a later part failed and the outbox sent the whole message again"
UPDATE_LOST = "the update was being handled at a SIGKILL (PTB had confirmed it: not redelivered)"
UNLINKED = (
    "it answered a post that a SIGKILL left 'sent' but not linked to its case (the link is "
    "written after 'sent'), by its second part, which has no case number"
)
OTHER = "other"
DOCUMENTED = (IN_FLIGHT, TIMED_OUT)


def lost_cause(storm: Storm, state: DbState, e: Expect) -> tuple[str, str]:
    hits = faults_on(storm, e.key)
    hit = f"; faults on it: {', '.join(hits)}" if hits else ""
    in_kill = next(
        (i for i, k in enumerate(storm.kills, 1) if e.update_id in k.updates_taken), None
    )
    if e.path == "faq":
        if in_kill:
            return UPDATE_LOST, f"SIGKILL {in_kill}"
        apologised = any(
            storm.emu.arrived_at.get((e.chat, m.message_id), 0) > e.at
            and m.text.startswith(ERROR_APOLOGY)
            for m in storm.emu.chats.get(e.chat, [])
        )
        if hits or apologised:
            return REPLY_FAILED, hit.lstrip("; ") or "no fault on the answer itself"
        return OTHER, "no answer and no apology"
    if e.path in ("handover", "staff"):
        row = state.messages.get(e.outbox_key or "")
        if row is None:
            if in_kill:
                return UPDATE_LOST, f"SIGKILL {in_kill}: never queued"
            post = storm.expects.get(e.answers)
            unlinked_at = next(
                (
                    i
                    for i, k in enumerate(storm.kills, 1)
                    if post is not None and post.outbox_key in k.unlinked
                ),
                None,
            )
            if unlinked_at:
                return UNLINKED, f"SIGKILL {unlinked_at}; the post was {e.answers}"
            if notice := storm.notice_for(e):
                return OTHER, f"not passed on: the bot told staff '{notice}'"
            return OTHER, "never queued"
        return row_cause(storm, e, row[1], row[2], hit)
    table = state.tips if e.path == "tips" else state.reminders
    if e.chat not in table:
        return OTHER, "no outbox row"
    status, attempts = table[e.chat]
    return row_cause(storm, e, status, attempts, hit)


def row_cause(storm: Storm, e: Expect, status: str, attempts: int, hit: str) -> tuple[str, str]:
    key = e.outbox_key or e.key
    at_kill = next(
        (i for i, k in enumerate(storm.kills, 1) if key in chain(*k.sending.values())), None
    )
    if at_kill:
        return IN_FLIGHT, f"SIGKILL {at_kill}, row now '{status}'{hit}"
    if status == "unknown":
        return TIMED_OUT, hit.lstrip("; ")
    return OTHER, f"row '{status}' after {attempts} attempts{hit}"


def duplicate_cause(storm: Storm, state: DbState, e: Expect) -> tuple[str, str]:
    hits = faults_on(storm, e.key)
    hit = f"; faults on it: {', '.join(hits)}" if hits else ""
    if e.update_id is not None and len(storm.emu.taken.get(e.update_id, [])) > 1:
        return "its update was delivered again after a SIGKILL and handled twice", hit
    if e.outbox_key and (row := state.messages.get(e.outbox_key)):
        if e.occurrences > 1 and row[2] > 0:
            return PART_RESENT, f"row '{row[1]}' after {row[2]} attempts{hit}"
        return OTHER, f"outbox row '{row[1]}' after {row[2]} attempts{hit}"
    return OTHER, f"arrived {e.arrived}× (expected {e.occurrences}){hit}"


# --- the report --------------------------------------------------------------------------------


def table(rows: list[tuple[str, list[Expect]]]) -> None:
    print(f"  {'':34} {'sent':>5} {'deliv':>6} {'lost':>5} {'dup':>4} {'excl':>5}")
    for name, es in rows:
        c = [e for e in es if not e.excluded]
        print(
            f"  {name:34} {len(c):5} "
            f"{sum(e.outcome in ('delivered', 'duplicated') for e in c):6} "
            f"{sum(e.outcome == 'lost' for e in c):5} "
            f"{sum(e.outcome == 'duplicated' for e in c):4} {len(es) - len(c):5}"
        )


def report(storm: Storm, state: DbState) -> dict[str, int]:
    emu = storm.emu
    expects = list(storm.expects.values())
    counted = [e for e in expects if not e.excluded]
    print(f"--- bench_faults: seed={storm.args.seed} scale={storm.args.scale} ---")
    print(
        f"storm: {len(storm.faq_ids)} residents × {QUESTIONS_EACH} FAQ questions; "
        f"{len(storm.handover_ids)} residents × 3 messages to staff (odd input, long texts); "
        f"staff answer every post; a tip to {len(storm.tip_ids)} subscribers; a meetup "
        f"reminder to {len(storm.meetup_ids)} subscribers; {len(emu.blocked)} recipients "
        "blocked the bot"
    )
    print(
        f"faults on {storm.args.fault_rate:.0%} of sends; {len(storm.kills)} SIGKILLs; "
        f"{storm.stats['seconds']:.0f}s in all; "
        f"{'drained' if storm.stats['drained'] else 'NOT drained by the deadline'}"
    )
    print(
        f"429s from the rate limits: {sum(emu.limited.values())} {dict(emu.limited)}; "
        f"403s (blocked): {sum(emu.blocked_answers.values())} {dict(emu.blocked_answers)}"
    )
    print()
    print("kills (read from the database before each restart):")
    for i, k in enumerate(storm.kills, 1):
        rows = [storm.by_row(key) for key in chain(*k.sending.values())]
        fate = Counter(e.outcome if e else "no message expected" for e in rows)
        taken = [storm.expects[storm.updates[u]] for u in k.updates_taken]
        print(
            f"  {i}. +{k.at - storm.started:.1f}s: rows 'sending' "
            f"{ {t: len(v) for t, v in k.sending.items()} } → {dict(fate) or '-'}; "
            f"updates taken, not yet acted on: {len(taken)} "
            f"{dict(Counter(e.path for e in taken)) or ''} → "
            f"{dict(Counter(e.outcome for e in taken)) or '-'}; not yet confirmed (come "
            f"again): {len(k.updates_unconfirmed)}; posts 'sent' but not linked: "
            f"{len(k.unlinked)}; restart → first send "
            f"{k.restart_to_first_send or 0:.1f}s"
        )
    redelivered = [u for u, gens in emu.taken.items() if len(gens) > 1]
    print(f"  updates handed to two bot processes: {len(redelivered)}")
    print()
    print("per send path:")
    table([(PATH_NAMES[p], [e for e in expects if e.path == p]) for p in PATHS])
    print()
    print("per fault kind: injected (on expected messages by path | on others) → their outcome")
    for kind in KINDS:
        fs = [f for f in emu.injected if f.kind == kind]
        on = {f.expect: storm.expects[f.expect] for f in fs if f.expect}
        paths = Counter(storm.expects[f.expect].path for f in fs if f.expect)
        others = Counter(f.what for f in fs if not f.expect)
        outcomes = Counter(e.outcome for e in on.values() if not e.excluded)
        print(
            f"  {kind:23} {len(fs):3}  ({', '.join(f'{p} {n}' for p, n in paths.items()) or '-'}"
            f" | {', '.join(f'{w} {n}' for w, n in others.items()) or '-'})"
            f" → {dict(outcomes) or '-'}"
        )
    print()
    lost = [e for e in counted if e.outcome == "lost"]
    dups = [e for e in counted if e.outcome == "duplicated"]
    for title, group in (("lost", lost), ("duplicated", dups)):
        print(f"{title}, by cause:")
        for klass, n in Counter(e.cause[0] for e in group).most_common():
            paths = Counter(e.path for e in group if e.cause[0] == klass)
            print(f"  {n:3} {klass}: {dict(paths)}")
            for e in [e for e in group if e.cause[0] == klass][:4]:
                print(f"        e.g. {e.path} {e.key} → chat {e.chat}: {e.cause[1] or '-'}")
        if not group:
            print("    0")
    beyond = [e for e in lost if e.cause[0] not in DOCUMENTED]
    print(
        f"lost beyond the documented at-most-once windows (in flight at a kill, a timeout): "
        f"{len(beyond)}"
    )
    print()
    apologies: Counter[str] = Counter()
    for c in emu.chats:
        path = emu.kind(c)
        if path not in PATHS:
            continue
        for m in emu.chats[c]:
            if m.text.startswith(HANDOVER_FAILED):
                apologies[f"{path}: message not sent to staff"] += 1
            elif m.text.startswith(ERROR_APOLOGY):
                apologies[f"{path}: error apology"] += 1
            elif m.text.startswith(APOLOGY):
                apologies[f"{path}: other"] += 1
    answered_too = sum(
        1
        for e in counted
        if e.path == "faq"
        and e.outcome != "lost"
        and any(f.kind == "timeout, delivered" and f.expect == e.key for f in emu.injected)
    )
    notices = Counter(
        what
        for m in emu.chats.get(STAFF_CHAT_ID, [])
        for what, start in STAFF_NOTICES.items()
        if m.text.startswith(start)
    )
    print(f"apologies to residents: {sum(apologies.values())} {dict(apologies)}")
    print(f"  FAQ answers that arrived and were followed by an apology: {answered_too}")
    print(f"notices to staff: {dict(notices) or 'none'}")
    print(f"staff-chat posts 'sent' whose last part is not linked to the case: {state.unlinked()}")
    print(
        "outbox rows by status at the end: messages "
        f"{dict(Counter(s for _, s, _ in state.messages.values()))}; tips "
        f"{dict(Counter(s for s, _ in state.tips.values()))}; reminders "
        f"{dict(Counter(s for s, _ in state.reminders.values()))}; broadcasts "
        f"{state.broadcasts}"
    )
    for line in log_summary(storm.log, samples=8, ignore=("apscheduler",)):
        print(line)
    print(f"bot exit code after the final SIGTERM: {storm.stats['exit code']}")
    return {
        "sent": len(counted),
        "delivered": sum(e.outcome in ("delivered", "duplicated") for e in counted),
        "lost": len(lost),
        "duplicated": len(dups),
        "apologies": sum(apologies.values()),
        "in_flight_at_kill": sum(len(v) for k in storm.kills for v in k.sending.values()),
    }


def dump(storm: Storm, path: Path) -> None:
    """Every expected message and every injected fault, to look into with the bot log."""
    start = storm.started
    data = {
        "expected": [
            {
                "key": e.key,
                "path": e.path,
                "chat": e.chat,
                "at": round(e.at - start, 2),
                "update_id": e.update_id,
                "outbox_key": e.outbox_key,
                "excluded": e.excluded,
                "arrived": e.arrived,
                "occurrences": e.occurrences,
                "outcome": e.outcome,
                "cause": list(e.cause),
            }
            for e in storm.expects.values()
        ],
        "faults": [
            {
                "at": round(f.at - start, 2),
                "method": f.method,
                "chat": f.chat,
                "kind": f.kind,
                "expect": f.expect,
                "what": f.what,
                "text": f.text[:80],
            }
            for f in storm.emu.injected
        ],
        "kills": [
            {"at": round(k.at - start, 2), "sending": k.sending, "updates": k.updates_taken}
            for k in storm.kills
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="more people and subscribers")
    parser.add_argument("--fault-rate", type=float, default=0.1, help="share of sends faulted")
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument(
        "--window", type=float, default=120, help="seconds over which people start writing"
    )
    parser.add_argument("--drain", type=float, default=300, help="at most this long at the end")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (DB, bot log)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_faults_"))
    storm = Storm(args, work)
    try:
        begun = time.monotonic()
        try:
            await storm.run()
        finally:
            storm.bot.kill()
            await storm.bot.wait_dead()
            await storm.emu.stop()
        storm.stats["seconds"] = round(time.monotonic() - begun)
        state = await read_db(storm.db)
        count(storm, state)
        figures = report(storm, state)
        if args.keep:
            dump(storm, work / "storm.json")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(
        "definitions: sent = messages people and staff sent that must arrive (answers, posts, "
        "replies, tips, reminders; not to people who blocked the bot); lost = sent − delivered; "
        "duplicated = arrived more than once; in_flight_at_kill = outbox rows 'sending' at a kill"
    )
    print("faults: " + " ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    asyncio.run(main())
