"""Tip broadcast throughput and exactly-once delivery, with Telegram's flood limits enforced.

The Bot API emulator (tests/e2e/emulator.py) runs in this process with ``limit_rate(per_second=30,
burst=30, per_chat=1, chat_burst=3)``: a request over the limit is answered 429 with
retry_after, as Telegram does. A SQLite file database is migrated and seeded with N subscribers
(users + tip_subscriptions rows). The real bot runs as a subprocess (``python -m bot.cli
--config <tmp>/config.toml run``); an admin drives the real staff flow through the emulator:
``/tips`` → the tip text → the audience button "all" → the send button.

    .venv/bin/python benchmarks/bench_broadcast.py [--subscribers 10000] [--keep]

``--subscribers 500`` is a quick run (about a minute); the default 10 000 takes about 12
minutes (two broadcasts of ~5.6 min at 30/s). ``--keep`` keeps the temp dir (databases, configs,
bot logs).

Run A (clean): one broadcast to everyone, until the progress message in the staff chat is
edited into the "ferdig sendt" report (or every subscriber has the tip and the report is late).
Run B (crash): fresh database and emulator, same flow; the bot gets SIGKILL at a random moment
within one send interval (0–33 ms) after half the subscribers have the tip, is started again
on the same database and resumes. The random moment matters: a kill between a row's claim and
its request reaching Telegram loses that tip (it is "unknown" and never resent).

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

Last line: ``broadcast: ratio=<R> lost=<N> duplicated=<N> resumed_ratio=<R> resumed_lost=<N>
resumed_duplicated=<N>``
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiohttp import web
from sqlalchemy import func, insert, select

from benchmarks.botrun import TOKEN, BotProcess, compose_tip, db_url, log_summary, write_config
from bot.storage.db import create_engine
from bot.storage.migrate import upgrade
from bot.storage.models import User
from bot.storage.models_staff import Broadcast, OutboxRow, TipSubscription
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


class BenchEmulator(BotApiEmulator):
    """Records when each tip reaches a subscriber's chat, and every non-200 answer."""

    def __init__(self, subscribers: range):
        super().__init__(token=TOKEN)
        self.subscribers = subscribers
        self.tip_times: list[float] = []  # time.monotonic() of each tip, in arrival order
        self.tips: Counter[int] = Counter()  # tips per subscriber chat
        self.limited: Counter[str] = Counter()  # 429s by kind of chat
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

    def _rate_check(self, method: str, params: dict) -> None:
        before = self.rate_limited
        try:
            super()._rate_check(method, params)
        finally:
            if self.rate_limited != before:
                self.limited[self.kind(int(params.get("chat_id", 0)))] += 1

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
        write_config(cfg, emu, db, [ADMIN_ID], STAFF_CHAT_ID)
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
        write_config(cfg, emu, db, [ADMIN_ID], STAFF_CHAT_ID)
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
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (DBs, bot logs)")
    args = parser.parse_args()
    if args.subscribers < 2:
        parser.error("--subscribers must be at least 2")
    work = Path(tempfile.mkdtemp(prefix="bench_broadcast_"))
    try:
        a = await run_clean(work, args.subscribers)
        print_result(a, "ratio")
        b = await run_crash(work, args.subscribers)
        print_result(b, "resumed_ratio")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(
        "definitions: ratio = (tips-1)/(t_last-t_first)/30; resumed_ratio = (tips-1)/"
        "((t_kill-t_first)+(t_last-t_first_after_restart))/30; lost = subscribers with 0 "
        "tips; duplicated = subscribers with >1 tip"
    )
    print(
        f"broadcast: ratio={a.ratio:.2f} lost={a.lost} duplicated={a.duplicated} "
        f"resumed_ratio={b.ratio:.2f} resumed_lost={b.lost} resumed_duplicated={b.duplicated}"
    )


if __name__ == "__main__":
    asyncio.run(main())
