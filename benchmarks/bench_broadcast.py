"""Tip broadcast throughput and exactly-once delivery, with Telegram's flood limits enforced.

The Bot API emulator (tests/e2e/emulator.py) runs in this process with ``limit_rate(per_second=30,
burst=30, per_chat=1, chat_burst=3)``: a request over the limit is answered 429 with
retry_after, as Telegram does. A SQLite file database is migrated and seeded with N subscribers
(users + tip_subscriptions rows). The real bot runs as a subprocess (``python -m bot.cli
--config <tmp>/config.toml run``); an admin drives the real staff flow through the emulator:
``/tips`` → the tip text → the audience button "all" → the send button.

    .venv/bin/python benchmarks/bench_broadcast.py [--subscribers 10000] [--runs A,B,C]
        [--reminders 2000] [--residents 50] [--questions 4] [--keep]

``--subscribers 500`` is a quick run; the default 10 000 takes about 20 minutes for all three
runs (three broadcasts of ~5.6 min at 30/s); ``--runs C`` alone about 7–8. ``--keep`` keeps the
temp dir (databases, configs, bot logs, run C's message times in ``c-times.json``). The bot gets
a copy of the FAQ's vector cache (``.pytest_cache/faq-vectors``, which ``make test`` fills) so
its FAQ is ready in seconds instead of embedding the knowledge for two minutes.

Run A (clean): one broadcast to everyone, until the progress message in the staff chat is
edited into the "ferdig sendt" report (or every subscriber has the tip and the report is late).
Run B (crash): fresh database and emulator, same flow; the bot gets SIGKILL at a random moment
within one send interval (0–33 ms) after half the subscribers have the tip, is started again
on the same database and resumes. The random moment matters: a kill between a row's claim and
its request reaching Telegram loses that tip (it is "unknown" and never resent).

Run C (mixed): one pacer for everything the process sends, replies first. Fresh database and
emulator, same flow, while two more things happen: a weekly meetup is seeded so that its
reminder ``HOURS_BEFORE`` hours ahead is due at the next whole minute; ``--reminders`` other
users (not tip subscribers) are subscribed to it 3 s after the send press, as of the seeding
time (before the due time, so the reminder is theirs, and its due time is past but within
grace), so the next minute's ``reminders:sweep`` sends them during the broadcast. 20 s after
the first tip, ``--residents`` residents each send ``--questions`` questions at once, without
waiting for answers: in-scope questions of the FAQ's tuning set (tests/data/faq_eval.yaml,
in-sample; a fixed sample). The run ends when the report says "ferdig sendt", every resident
has an answer per question and every meetup subscriber a reminder (or one of them stalls), and
then waits past the next minute's sweep, which would send any reminder a second time.

Definitions (a "tip" is a message the emulator accepted into a subscriber's chat; only tips go
to subscribers' chats; 429 answers are not deliveries):
- ratio = (tips − 1) / (t_last_tip − t_first_tip) / 30, i.e. delivered per second, as a share
  of Telegram's 30/s cap.
- lost = subscribers with 0 tips; duplicated = subscribers with more than 1 tip.
- 429s = rate-limit answers the emulator gave (any chat), with a split by kind of chat.
- resumed_ratio = (tips − 1) / active / 30, where
  active = (t_kill − t_first_tip) + (t_last_tip − t_first_tip_after_restart): the whole run
  without the downtime between the SIGKILL and the restarted bot's first delivery.
- resumed_lost / resumed_duplicated: as lost / duplicated, over both processes of run B.
- unknown = outbox rows in status "unknown" at the end (read from the DB): rows that were
  claimed ("sending") when the bot was killed. By design they are never resent, so each one is
  lost unless its request had already reached the emulator.

- run C: a reminder is any message to a meetup subscriber's chat, an answer any message to a
  resident's chat. replies = questions with an answer (the k-th bot message in a resident's chat
  answers the k-th question: one user's updates are handled in order); answer time = from
  pushing a question to the emulator accepting its answer (p50/p95/max, nearest rank);
  reminders lost / duplicated = meetup subscribers with 0 / more than 1 reminder; ratio =
  (messages − 1) / (t_last − t_first) / 30 over every tip, reminder and answer accepted. At
  30/s, 200 answers need 6.7 s: that is the floor of the slowest answers.

Last lines: ``mixed: replies=<d>/<e> p95_answer=<s> tips_lost=<n> tips_duplicated=<n>
reminders_lost=<n> reminders_duplicated=<n> ratio=<r>`` (run C), then ``broadcast: ratio=<R>
lost=<N> duplicated=<N> resumed_ratio=<R> resumed_lost=<N> resumed_duplicated=<N>`` (runs A and B;
the fields of a run left out are left out).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml
from aiohttp import web
from sqlalchemy import func, insert, select

from benchmarks.botrun import (
    BotProcess,
    CountingEmulator,
    compose_tip,
    db_url,
    log_summary,
    write_config,
)
from bot.storage.db import create_engine
from bot.storage.migrate import upgrade
from bot.storage.models import User
from bot.storage.models_reminders import Meetup, MeetupSubscription, ReminderDelivery
from bot.storage.models_tips import Broadcast, OutboxRow, TipSubscription
from tests.e2e.emulator import BotApiEmulator, SentMessage

CAP = 30.0  # Telegram's overall limit, messages a second
ADMIN_ID = 4242
STAFF_CHAT_ID = -1001234
FIRST_SUBSCRIBER = 1_000_000
TIP_TEXT = (
    "Ledig leilighet: 2-roms i sentrum, 8 500 kr/mnd, ledig fra 1. mars. "
    "Ring boligkontoret hvis du er interessert."
)
DONE_MARK = "ferdig sendt"
HUMAN_PAUSE = 3.0  # seconds the admin takes before each step of the staff flow
ROOT = Path(__file__).resolve().parent.parent
FAQ_CACHE = ROOT / ".pytest_cache" / "faq-vectors"  # the knowledge's vectors (make test fills it)
# Run C (mixed)
TZ = "Europe/Oslo"
FIRST_REMINDED = 2_000_000  # meetup subscribers (not tip subscribers)
FIRST_RESIDENT = 3_000_000  # residents asking the FAQ
HOURS_BEFORE = 2  # the meetup reminder goes this many hours before the meetup
QUESTIONS_AT = 20.0  # seconds after the first tip the residents ask
FAQ_EVAL = ROOT / "tests" / "data" / "faq_eval.yaml"


class BenchEmulator(CountingEmulator):
    """Records when each tip reaches a subscriber's chat, and every non-200 answer."""

    def __init__(self, subscribers: range):
        super().__init__()
        self.subscribers = subscribers
        self.tip_times: list[float] = []  # time.monotonic() of each tip, in arrival order
        self.tips: Counter[int] = Counter()  # tips per subscriber chat
        self.errors: Counter[tuple[str, int]] = Counter()  # (method, status) of non-200 answers
        self.on_tip: Callable[[int], None] | None = None  # called with the tip count

    def kind(self, chat_id: int) -> str:
        if chat_id in self.subscribers:
            return "subscriber"
        if chat_id == STAFF_CHAT_ID:
            return "staff chat"
        if chat_id == ADMIN_ID:
            return "admin"
        return "other"

    async def _dispatch(self, request: web.Request) -> web.Response:
        response = await super()._dispatch(request)
        if response.status != 200:
            self.errors[(request.match_info.get("method", "?"), response.status)] += 1
        return response

    async def _store(self, p: dict, text: str, photo: bool) -> dict:
        result = await super()._store(p, text, photo)
        chat_id = int(p["chat_id"])
        if chat_id in self.subscribers:
            self.tip_times.append(time.monotonic())
            self.tips[chat_id] += 1
            if self.on_tip is not None:
                self.on_tip(len(self.tip_times))
        return result

    def staff_report(self) -> SentMessage | None:
        """The broadcast's progress message in the staff chat (edited into the report)."""
        return next((m for m in self.chats.get(STAFF_CHAT_ID, []) if "Tips " in m.text), None)

    def report_done(self) -> bool:
        msg = self.staff_report()
        return msg is not None and DONE_MARK in msg.text


# --- database --------------------------------------------------------------------------------


async def prepare_db(path: Path, subscribers: range) -> None:
    engine = create_engine(db_url(path))
    try:
        await upgrade(engine)
        now = datetime.now(UTC)
        async with engine.begin() as conn:
            await conn.execute(
                insert(User),
                [
                    {"id": uid, "language": "nb", "first_seen": now, "last_seen": now}
                    for uid in subscribers
                ],
            )
            await conn.execute(
                insert(TipSubscription),
                [{"user_id": uid, "created_at": now, "blocked_at": None} for uid in subscribers],
            )
    finally:
        await engine.dispose()


async def outbox_counts(path: Path) -> tuple[dict[str, int], list[str]]:
    """Outbox rows by status, and the status of each broadcast."""
    engine = create_engine(db_url(path))
    try:
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
                )
            ).all()
            broadcasts = (await conn.execute(select(Broadcast.status))).scalars().all()
    finally:
        await engine.dispose()
    return {status: n for status, n in rows}, list(broadcasts)


def faq_cache(work: Path) -> Path:
    """A copy of the knowledge's vector cache in the temp dir: with it the bot's FAQ is ready
    in seconds; without it the bot embeds every phrasing at start (about two minutes)."""
    cache = work / "faq-cache"
    if not cache.exists():
        if FAQ_CACHE.is_dir():
            shutil.copytree(FAQ_CACHE, cache)
        else:
            print(f"note: no FAQ vector cache at {FAQ_CACHE}; the bot embeds the knowledge")
            cache.mkdir()
    return cache


def write_bench_config(path: Path, emu: BotApiEmulator, db: Path) -> None:
    """The shared config (``benchmarks/botrun.py``) with this bench's zone, FAQ cache and
    meetup reminder."""
    write_config(
        path,
        emu,
        db,
        [ADMIN_ID],
        STAFF_CHAT_ID,
        extra=f'timezone = "{TZ}"\n'
        "[faq]\n"
        f'cache_dir = "{faq_cache(path.parent)}"\n'
        "[meetup]\n"
        f"remind_hours_before = [{HOURS_BEFORE}]\n",
    )


# --- the bot process -------------------------------------------------------------------------


# --- the admin -------------------------------------------------------------------------------


async def staff_flow(emu: BenchEmulator, bot: BotProcess) -> float:
    """Compose and send the tip as the admin; returns the monotonic time of the send press."""
    # The bot is up once it has registered its commands. The admin acts at a person's pace
    # (HUMAN_PAUSE before each step), so the bot's replies in the admin's own chat stay within
    # the emulator's 1/s per chat (burst 3) and any 429 counted is the broadcast's.
    deadline = time.monotonic() + 60
    while not emu.commands:
        if not bot.running or time.monotonic() > deadline:
            raise RuntimeError("the bot did not start")
        await asyncio.sleep(0.05)
    msg, data = await compose_tip(emu, bot, ADMIN_ID, TIP_TEXT, HUMAN_PAUSE)
    pressed = time.monotonic()
    admin = {"id": ADMIN_ID, "is_bot": False, "first_name": "Admin", "language_code": "nb"}
    await emu.press(admin, msg, data)
    return pressed


async def wait_finished(
    emu: BenchEmulator, bot: BotProcess, total: int, late_report: float = 20
) -> str:
    """Until the report says "ferdig sendt"; or every subscriber has a tip and the report has
    not come ``late_report`` seconds later; or no tip arrived for a minute."""
    last_count, last_change = -1, time.monotonic()
    all_at: float | None = None
    while True:
        now = time.monotonic()
        if emu.report_done():
            return "report"
        if len(emu.tips) >= total:
            all_at = all_at or now
            if now - all_at > late_report:
                return f"all delivered, no final report {late_report:.0f}s later"
        if len(emu.tip_times) != last_count:
            last_count, last_change = len(emu.tip_times), now
        elif now - last_change > 60:
            return "stalled: no tip for 60 s"
        if not bot.running:
            return f"the bot exited (code {bot.proc.returncode if bot.proc else None})"
        await asyncio.sleep(0.1)


# --- runs ------------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    subscribers: int
    tips: int = 0
    ratio: float = 0.0
    lost: int = 0
    duplicated: int = 0
    limited: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    outbox: dict = field(default_factory=dict)
    broadcasts: list = field(default_factory=list)
    ended: str = ""
    report: str = ""
    lines: list[str] = field(default_factory=list)


def delivery_figures(emu: BenchEmulator, res: Result) -> None:
    subs = emu.subscribers
    res.tips = len(emu.tip_times)
    res.lost = sum(1 for uid in subs if emu.tips[uid] == 0)
    res.duplicated = sum(1 for uid in subs if emu.tips[uid] > 1)
    res.limited = emu.limited
    res.errors = emu.errors
    report = emu.staff_report()
    res.report = report.text if report else "(no progress message)"


def gap_summary(times: list[float]) -> str:
    """Spacing of consecutive tips (the pacer aims at exactly 1/30 s)."""
    gaps = sorted(b - a for a, b in itertools.pairwise(times))
    if not gaps:
        return "gaps: -"

    def pct(p: float) -> float:
        return gaps[min(len(gaps) - 1, int(p * len(gaps)))] * 1000

    slow = sum(1 for g in gaps if g > 0.1)
    return (
        f"gaps between tips: p50={pct(0.5):.1f}ms p90={pct(0.9):.1f}ms "
        f"p99={pct(0.99):.1f}ms max={gaps[-1] * 1000:.0f}ms; {slow} gaps >100ms "
        f"(ideal {1000 / CAP:.1f}ms)"
    )


async def fresh_run(work: Path, name: str, n: int) -> tuple[Path, Path, Path, BenchEmulator]:
    """A new database with ``n`` subscribers and a started emulator enforcing the limits."""
    subs = range(FIRST_SUBSCRIBER, FIRST_SUBSCRIBER + n)
    db, cfg, log = work / f"{name}.db", work / f"{name}.toml", work / f"{name}.log"
    await prepare_db(db, subs)
    emu = BenchEmulator(subs)
    emu.limit_rate(per_second=30, burst=30, per_chat=1, chat_burst=3)
    await emu.start()
    return db, cfg, log, emu


async def run_clean(work: Path, n: int) -> Result:
    res = Result("A (clean)", n)
    db, cfg, log, emu = await fresh_run(work, "a", n)
    bot = BotProcess(cfg, log)
    try:
        write_bench_config(cfg, emu, db)
        await bot.start()
        pressed = await staff_flow(emu, bot)
        res.ended = await wait_finished(emu, bot, n)
        finished = time.monotonic()
        code = await bot.stop()
        delivery_figures(emu, res)
        times = emu.tip_times
        span = times[-1] - times[0] if len(times) > 1 else 0.0
        res.ratio = (len(times) - 1) / span / CAP if span > 0 else 0.0
        res.outbox, res.broadcasts = await outbox_counts(db)
        res.lines = [
            f"send pressed → first tip {times[0] - pressed:.2f}s, → end {finished - pressed:.1f}s"
            if times
            else "no tip delivered",
            f"first → last tip {span:.1f}s, {len(times) / span if span else 0:.2f} tips/s",
            gap_summary(times),
            f"bot exit code after SIGTERM: {code}",
            *log_summary(log),
        ]
    finally:
        bot.kill()
        await bot.wait_dead()
        await emu.stop()
    return res


async def run_crash(work: Path, n: int) -> Result:
    res = Result("B (crash)", n)
    db, cfg, log, emu = await fresh_run(work, "b", n)
    bot = BotProcess(cfg, log)
    killed_at: list[float] = []
    half = n // 2

    rng = random.Random()  # not seeded: the kill lands anywhere in the ~33 ms between tips
    scheduled: list[bool] = []

    def kill() -> None:
        bot.kill()
        killed_at.append(time.monotonic())

    def kill_at_half(count: int) -> None:
        if count >= half and not scheduled:
            scheduled.append(True)
            asyncio.get_running_loop().call_later(rng.uniform(0, 1 / 30), kill)

    try:
        write_bench_config(cfg, emu, db)
        emu.on_tip = kill_at_half
        await bot.start()
        pressed = await staff_flow(emu, bot)
        while not killed_at:
            if not bot.running:
                raise RuntimeError("the bot exited before half the tips were delivered")
            await asyncio.sleep(0.05)
        await bot.wait_dead()
        emu.on_tip = None
        kill_t = killed_at[0]
        before = len(emu.tip_times)
        sending_at_kill = (await outbox_counts(db))[0].get("sending", 0)
        with log.open("a", encoding="utf-8") as f:
            f.write("\n===== SIGKILL; restarting =====\n")
        restart_t = time.monotonic()
        bot = BotProcess(cfg, log)
        await bot.start()
        res.ended = await wait_finished(emu, bot, n)
        finished = time.monotonic()
        code = await bot.stop()
        delivery_figures(emu, res)
        times = emu.tip_times
        resumed = [t for t in times if t >= restart_t]
        if not resumed:
            raise RuntimeError("the restarted bot delivered nothing")
        first_resumed = resumed[0]
        active = (kill_t - times[0]) + (times[-1] - first_resumed)
        res.ratio = (len(times) - 1) / active / CAP if active > 0 else 0.0
        res.outbox, res.broadcasts = await outbox_counts(db)
        res.lines = [
            f"send pressed → first tip {times[0] - pressed:.2f}s; SIGKILL after {before} tips "
            f"(target {half}) at +{kill_t - times[0]:.1f}s; rows 'sending' at the kill: "
            f"{sending_at_kill}",
            f"downtime SIGKILL → first resumed tip {first_resumed - kill_t:.1f}s "
            f"(restart → first tip {first_resumed - restart_t:.1f}s); "
            f"tips between kill and restart: {len(times) - before - len(resumed)}",
            f"resumed: {len(resumed)} tips in {times[-1] - first_resumed:.1f}s; active time "
            f"{active:.1f}s; end {finished - pressed:.1f}s after the send press",
            gap_summary([t for t in times if t < kill_t]) + " (before the kill)",
            gap_summary(resumed) + " (resumed)",
            f"bot exit code after SIGTERM: {code}",
            *log_summary(log),
        ]
    finally:
        bot.kill()
        await bot.wait_dead()
        await emu.stop()
    return res


# --- run C: replies, a reminder sweep and a broadcast at once ---------------------------------


class MixedEmulator(BenchEmulator):
    """Also records each reminder (any message to a meetup subscriber's chat) and each answer
    (any message to a resident's chat), with the time the emulator accepted it."""

    def __init__(self, subscribers: range, reminded: range, residents: range):
        super().__init__(subscribers)
        self.reminded, self.residents = reminded, residents
        self.reminder_times: list[float] = []
        self.reminders: Counter[int] = Counter()
        self.answers: dict[int, list[float]] = {}  # resident chat → times of the bot's messages

    def kind(self, chat_id: int) -> str:
        if chat_id in self.reminded:
            return "meetup subscriber"
        if chat_id in self.residents:
            return "resident"
        return super().kind(chat_id)

    async def _store(self, p: dict, text: str, photo: bool) -> dict:
        result = await super()._store(p, text, photo)
        chat_id = int(p["chat_id"])
        if chat_id in self.reminded:
            self.reminder_times.append(time.monotonic())
            self.reminders[chat_id] += 1
        elif chat_id in self.residents:
            self.answers.setdefault(chat_id, []).append(time.monotonic())
        return result

    def answer_times(self) -> list[float]:
        return [t for times in self.answers.values() for t in times]


def meetup_due(now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The next whole minute (local) as the reminder's due time, and the meetup it is for
    (``HOURS_BEFORE`` wall-clock hours later, as bot.core.reminders.plan counts back)."""
    local = now.astimezone(tz)
    due = (local + timedelta(minutes=1)).replace(second=0, microsecond=0)
    return due, due + timedelta(hours=HOURS_BEFORE)


async def prepare_mixed_db(
    path: Path, subscribers: range, reminded: range, now: datetime
) -> tuple[int, datetime]:
    """Tip subscribers as in runs A/B, the meetup subscribers' users, and a weekly meetup whose
    reminder is due at the next whole minute. Nobody is subscribed to the meetup yet (see
    :func:`subscribe_meetup`). Returns the meetup's id and the reminder's due time."""
    await prepare_db(path, subscribers)
    due, occurrence = meetup_due(now, ZoneInfo(TZ))
    engine = create_engine(db_url(path))
    try:
        async with engine.begin() as conn:
            await conn.execute(
                insert(User),
                [
                    {"id": uid, "language": "nb", "first_seen": now, "last_seen": now}
                    for uid in reminded
                ],
            )
            meetup_id = (
                await conn.execute(
                    insert(Meetup)
                    .values(
                        weekday=occurrence.weekday(),
                        at=occurrence.time().replace(tzinfo=None),
                        place="Biblioteket",
                        note=None,
                        created_at=now,
                        updated_at=now,
                    )
                    .returning(Meetup.id)
                )
            ).scalar_one()
    finally:
        await engine.dispose()
    return meetup_id, due


async def subscribe_meetup(path: Path, meetup_id: int, reminded: range, since: datetime) -> None:
    """Subscribe everyone in ``reminded`` to the meetup, as of ``since`` (before the reminder's
    due time, so the reminder is theirs; its due time has passed, within grace, so the next
    minute's sweep sends it). Written while the bot runs, as a person subscribing would."""
    engine = create_engine(db_url(path))
    try:
        async with engine.begin() as conn:
            await conn.execute(
                insert(MeetupSubscription),
                [{"user_id": uid, "meetup_id": meetup_id, "created_at": since} for uid in reminded],
            )
    finally:
        await engine.dispose()


async def reminder_log(path: Path) -> dict[str, int]:
    """The reminder delivery log's rows by status."""
    engine = create_engine(db_url(path))
    try:
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(ReminderDelivery.status, func.count()).group_by(ReminderDelivery.status)
                )
            ).all()
    finally:
        await engine.dispose()
    return {status: n for status, n in rows}


def faq_questions(count: int) -> list[str]:
    """``count`` in-scope questions of the FAQ's tuning set (in-sample), a fixed sample."""
    items = yaml.safe_load(FAQ_EVAL.read_text(encoding="utf-8"))
    questions = [item["q"] for item in items if item.get("expect")]
    rng = random.Random(14)
    if count <= len(questions):
        return rng.sample(questions, count)
    return [rng.choice(questions) for _ in range(count)]


def pct(values: list[float], p: float) -> float:
    """The ``p`` quantile (nearest rank) of ``values``; 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p * len(ordered)) - 1))]


def rate(times: list[float]) -> float:
    """Messages a second from the first to the last of ``times``."""
    ordered = sorted(times)
    span = ordered[-1] - ordered[0] if len(ordered) > 1 else 0.0
    return (len(ordered) - 1) / span if span > 0 else 0.0


@dataclass
class Mixed(Result):
    reminded: int = 0
    reminders: int = 0
    reminders_lost: int = 0
    reminders_duplicated: int = 0
    expected_replies: int = 0
    replies: int = 0
    answer_messages: int = 0
    answer_p50: float = 0.0
    answer_p95: float = 0.0
    answer_max: float = 0.0
    reminder_log: dict = field(default_factory=dict)


async def run_mixed(work: Path, n: int, n_reminded: int, n_residents: int, each: int) -> Mixed:
    res = Mixed("C (mixed)", n, reminded=n_reminded, expected_replies=n_residents * each)
    subs = range(FIRST_SUBSCRIBER, FIRST_SUBSCRIBER + n)
    reminded = range(FIRST_REMINDED, FIRST_REMINDED + n_reminded)
    residents = range(FIRST_RESIDENT, FIRST_RESIDENT + n_residents)
    db, cfg, log = work / "c.db", work / "c.toml", work / "c.log"
    seeded = datetime.now(UTC)
    meetup_id, due = await prepare_mixed_db(db, subs, reminded, seeded)
    emu = MixedEmulator(subs, reminded, residents)
    emu.limit_rate(per_second=30, burst=30, per_chat=1, chat_burst=3)
    await emu.start()
    bot = BotProcess(cfg, log)
    questions = faq_questions(n_residents * each)
    asked: dict[int, list[float]] = {}
    try:
        write_bench_config(cfg, emu, db)
        await bot.start()
        pressed = await staff_flow(emu, bot)
        await asyncio.sleep(HUMAN_PAUSE)
        await subscribe_meetup(db, meetup_id, reminded, seeded)
        subscribed = time.monotonic()
        while not emu.tip_times:
            if not bot.running or time.monotonic() - pressed > 60:
                raise RuntimeError("no tip within a minute of the send press")
            await asyncio.sleep(0.05)
        await asyncio.sleep(max(0.0, emu.tip_times[0] + QUESTIONS_AT - time.monotonic()))
        # Everyone asks at once; each resident's questions go without waiting for an answer.
        for i, uid in enumerate(residents):
            person = {"id": uid, "is_bot": False, "first_name": f"Beboer {i}"}
            person["language_code"] = "nb"
            for q in questions[i * each : (i + 1) * each]:
                asked.setdefault(uid, []).append(time.monotonic())
                await emu.send_text(person, q)
        res.ended = await wait_mixed(emu, bot, n, each, subscribed)
        # One more sweep after the last reminder: a reminder sent twice would show up here.
        await settle_after_sweep()
        finished = time.monotonic()
        code = await bot.stop()
        delivery_figures(emu, res)
        res.reminders = len(emu.reminder_times)
        res.reminders_lost = sum(1 for uid in reminded if emu.reminders[uid] == 0)
        res.reminders_duplicated = sum(1 for uid in reminded if emu.reminders[uid] > 1)
        waits: list[float] = []
        for uid, times in asked.items():
            got = emu.answers.get(uid, [])
            res.replies += min(len(got), len(times))
            waits += [a - q for q, a in zip(times, got, strict=False)]
        res.answer_messages = sum(len(t) for t in emu.answers.values())
        res.answer_p50, res.answer_p95 = pct(waits, 0.5), pct(waits, 0.95)
        res.answer_max = max(waits, default=0.0)
        answers = emu.answer_times()
        accepted = sorted(emu.tip_times + emu.reminder_times + answers)
        span = accepted[-1] - accepted[0] if len(accepted) > 1 else 0.0
        res.ratio = (len(accepted) - 1) / span / CAP if span > 0 else 0.0
        res.outbox, res.broadcasts = await outbox_counts(db)
        res.reminder_log = await reminder_log(db)
        asked_at = min((t for times in asked.values() for t in times), default=pressed)
        res.lines = mixed_lines(
            emu, res, pressed, subscribed, finished, due, span, accepted, asked_at
        )
        res.lines += [f"bot exit code after SIGTERM: {code}", *log_summary(log)]
        # For a closer look (--keep): every accepted message and question, seconds after the press.
        (work / "c-times.json").write_text(
            json.dumps(
                {
                    "tips": [t - pressed for t in emu.tip_times],
                    "reminders": [t - pressed for t in emu.reminder_times],
                    "answers": {u: [t - pressed for t in ts] for u, ts in emu.answers.items()},
                    "asked": {u: [t - pressed for t in ts] for u, ts in asked.items()},
                }
            ),
            encoding="utf-8",
        )
    finally:
        bot.kill()
        await bot.wait_dead()
        await emu.stop()
    return res


async def wait_mixed(
    emu: MixedEmulator, bot: BotProcess, total: int, each: int, subscribed: float
) -> str:
    """Until the broadcast is reported done (see :func:`wait_finished`), every resident has
    ``each`` answers (or none came for a minute) and every meetup subscriber has a reminder
    (or none came for 90 s: the sweep runs every minute)."""
    why = await wait_finished(emu, bot, total)
    while bot.running:
        now = time.monotonic()
        answered = all(len(emu.answers.get(uid, [])) >= each for uid in emu.residents)
        last_answer = max(emu.answer_times(), default=subscribed)
        reminded = len(emu.reminders) >= len(emu.reminded)
        last_reminder = max(emu.reminder_times, default=subscribed)
        if answered and reminded:
            return f"{why}; every resident answered, every reminder sent"
        if not answered and now - last_answer > 60:
            return f"{why}; answers stalled: none for 60 s"
        if not reminded and now - max(last_reminder, subscribed + 60) > 90:
            return f"{why}; reminders stalled: none for 90 s"
        await asyncio.sleep(0.1)
    return f"{why}; the bot exited"


async def settle_after_sweep(margin: float = 5.0) -> None:
    """Wait past the next whole minute, when the scheduler runs the reminder sweep again."""
    now = datetime.now(UTC)
    nxt = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    await asyncio.sleep((nxt - now).total_seconds() + margin)


def mixed_lines(
    emu: MixedEmulator,
    res: Mixed,
    pressed: float,
    subscribed: float,
    finished: float,
    due: datetime,
    span: float,
    accepted: list[float],
    asked_at: float,
) -> list[str]:
    tips, reminders, answers = emu.tip_times, sorted(emu.reminder_times), sorted(emu.answer_times())
    lines = []
    if tips:
        t0, t1 = tips[0], tips[-1]
        in_bc = [t for t in accepted if t0 <= t <= t1]
        lines += [
            f"send pressed → first tip {t0 - pressed:.2f}s, → end {finished - pressed:.1f}s; "
            f"broadcast {t1 - t0:.1f}s at {rate(tips):.2f} tips/s",
            f"while the broadcast ran: {len(in_bc)} messages, {rate(in_bc):.2f}/s "
            f"({rate(in_bc) / CAP:.2f} of the cap) = {len(tips)} tips + "
            f"{sum(1 for t in reminders if t0 <= t <= t1)} reminders + "
            f"{sum(1 for t in answers if t0 <= t <= t1)} answer messages",
        ]
    lines.append(f"all accepted (tips, reminders, answers): {len(accepted)} in {span:.1f}s")
    if reminders:
        lines.append(
            f"reminders (due {due:%H:%M:%S} local): subscribed +{subscribed - pressed:.1f}s "
            f"after the press; first {reminders[0] - pressed:.1f}s, last "
            f"{reminders[-1] - pressed:.1f}s after the press; {rate(reminders):.2f}/s; "
            f"{sum(1 for t in reminders if tips and t > tips[-1])} after the last tip"
        )
    else:
        lines.append(f"no reminder delivered (due {due:%H:%M:%S} local)")
    lines.append(f"reminder delivery log by status: {res.reminder_log}")
    lines.append(
        f"answer messages: {res.answer_messages} to {len(emu.answers)} residents "
        f"(expected at least {res.expected_replies})"
    )
    if answers:
        a0, a1 = answers[0], answers[-1]
        lines.append(
            f"questions asked {asked_at - pressed:.1f}s after the press; answers from "
            f"+{a0 - asked_at:.2f}s to +{a1 - asked_at:.2f}s after; meanwhile "
            f"{sum(1 for t in tips if a0 <= t <= a1)} tips and "
            f"{sum(1 for t in reminders if a0 <= t <= a1)} reminders went out "
            f"(at {CAP:.0f}/s, {len(answers)} answers need {len(answers) / CAP:.1f}s)"
        )
    return lines


def print_mixed(res: Mixed) -> None:
    print(
        f"--- run {res.name}: {res.subscribers} tip subscribers, {res.reminded} meetup "
        f"subscribers, {res.expected_replies} questions ---"
    )
    print(f"ended: {res.ended}")
    print(f"tips delivered: {res.tips} to {res.subscribers - res.lost} subscribers")
    print(f"tips lost: {res.lost}  duplicated: {res.duplicated}")
    print(f"reminders delivered: {res.reminders} to {res.reminded - res.reminders_lost} people")
    print(f"reminders lost: {res.reminders_lost}  duplicated: {res.reminders_duplicated}")
    print(f"replies delivered: {res.replies}/{res.expected_replies}")
    print(
        f"time from a question to its answer: p50={res.answer_p50:.2f}s "
        f"p95={res.answer_p95:.2f}s max={res.answer_max:.2f}s"
    )
    print(f"overall ratio: {res.ratio:.2f} ({res.ratio * CAP:.2f}/s of {CAP:.0f}/s)")
    print(f"429s from the emulator: {sum(res.limited.values())} {dict(res.limited)}")
    others = {f"{m} {s}": c for (m, s), c in res.errors.items() if s != 429}
    print(f"other error answers: {others or 'none'}")
    print(
        f"outbox rows by status: {res.outbox}; broadcast status: {', '.join(res.broadcasts) or '-'}"
    )
    for line in res.lines:
        print(line)
    print(f"staff report: {res.report}")
    print()


def print_result(res: Result, ratio_name: str) -> None:
    unknown = res.outbox.get("unknown", 0)
    print(f"--- run {res.name}: {res.subscribers} subscribers ---")
    print(f"ended: {res.ended}")
    print(f"tips delivered: {res.tips} to {res.subscribers - res.lost} subscribers")
    print(f"{ratio_name}: {res.ratio:.2f} ({res.ratio * CAP:.2f}/s of {CAP:.0f}/s)")
    print(f"lost: {res.lost}  duplicated: {res.duplicated}")
    print(f"429s from the emulator: {sum(res.limited.values())} {dict(res.limited)}")
    others = {f"{m} {s}": c for (m, s), c in res.errors.items() if s != 429}
    print(f"other error answers: {others or 'none'}")
    print(
        f"outbox rows by status: {res.outbox}; broadcast status: {', '.join(res.broadcasts) or '-'}"
    )
    print(f"outbox rows 'unknown' (claimed at the kill, never resent): {unknown}")
    for line in res.lines:
        print(line)
    print(f"staff report: {res.report}")
    print()


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--runs", default="A,B,C", help="which runs, e.g. C or A,B (default all)")
    parser.add_argument("--reminders", type=int, default=2_000, help="run C: meetup subscribers")
    parser.add_argument("--residents", type=int, default=50, help="run C: residents asking")
    parser.add_argument("--questions", type=int, default=4, help="run C: questions each")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (DBs, bot logs)")
    args = parser.parse_args()
    runs = {r.strip().upper() for r in args.runs.split(",") if r.strip()}
    if not runs or runs - {"A", "B", "C"}:
        parser.error("--runs takes A, B and/or C, e.g. --runs A,B or --runs C")
    if args.subscribers < 2:
        parser.error("--subscribers must be at least 2")
    if args.reminders < 1 or args.residents < 1 or args.questions < 1:
        parser.error("--reminders, --residents and --questions must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="bench_broadcast_"))
    a = b = c = None
    try:
        if "A" in runs:
            a = await run_clean(work, args.subscribers)
            print_result(a, "ratio")
        if "B" in runs:
            b = await run_crash(work, args.subscribers)
            print_result(b, "resumed_ratio")
        if "C" in runs:
            c = await run_mixed(
                work, args.subscribers, args.reminders, args.residents, args.questions
            )
            print_mixed(c)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(
        "definitions: ratio = (tips-1)/(t_last-t_first)/30; resumed_ratio = (tips-1)/"
        "((t_kill-t_first)+(t_last-t_first_after_restart))/30; lost = subscribers with 0 "
        "tips; duplicated = subscribers with >1 tip; mixed ratio = (messages-1)/(t_last-"
        "t_first)/30 over every tip, reminder and answer accepted; p95_answer = seconds from "
        "a question to its answer (the k-th bot message in a resident's chat answers the k-th "
        "question)"
    )
    if c is not None:
        print(
            f"mixed: replies={c.replies}/{c.expected_replies} p95_answer={c.answer_p95:.2f} "
            f"tips_lost={c.lost} tips_duplicated={c.duplicated} "
            f"reminders_lost={c.reminders_lost} reminders_duplicated={c.reminders_duplicated} "
            f"ratio={c.ratio:.2f}"
        )
    parts = []
    if a is not None:
        parts.append(f"ratio={a.ratio:.2f} lost={a.lost} duplicated={a.duplicated}")
    if b is not None:
        parts.append(
            f"resumed_ratio={b.ratio:.2f} resumed_lost={b.lost} resumed_duplicated={b.duplicated}"
        )
    if parts:
        print("broadcast: " + " ".join(parts))


if __name__ == "__main__":
    asyncio.run(main())
