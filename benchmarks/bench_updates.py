"""Updates per second and update→reply latency: Boligbot vs a bare PTB echo bot.

Both bots run the real python-telegram-bot Application in polling mode against the same
loopback Bot API emulator (tests/e2e/emulator.py), in this process. N simulated users each send
M messages, one at a time (a user waits for the reply before the next message), all users at once.

    .venv/bin/python benchmarks/bench_updates.py [--users 200] [--messages 20]

Last line: ``updates: ours=<N>/s echo=<N>/s ratio=<R> p99_ms=<N>``
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.logsetup import setup_logging
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.harness import BotUnderTest, make_config

TOKEN = "123456:TEST-TOKEN-e2e"
QUESTIONS = [
    "hva koster det å bo der",
    "hvor lenge kan jeg bo",
    "hvem kan få startlån",
    "what is foyer",
    "jeg har ikke noe sted å sove",
    "åpningstider",
]


class TimedEmulator(BotApiEmulator):
    """Resolves a waiting future when the bot sends a message to a chat."""

    def __init__(self) -> None:
        super().__init__(token=TOKEN)
        self.waiters: dict[int, asyncio.Future] = {}

    async def _store(self, p: dict, text: str, photo: bool) -> dict:
        result = await super()._store(p, text, photo)
        fut = self.waiters.pop(int(p["chat_id"]), None)
        if fut is not None and not fut.done():
            fut.set_result(time.perf_counter())
        return result

    async def _notify(self) -> None:  # nobody waits on the condition in the benchmark
        pass


async def drive(emu: TimedEmulator, users: int, messages: int, base_id: int) -> tuple[float, list]:
    latencies: list[float] = []
    loop = asyncio.get_running_loop()

    async def one_user(uid: int) -> None:
        user = {"id": uid, "is_bot": False, "first_name": "U", "language_code": "nb"}
        for i in range(messages):
            fut = loop.create_future()
            emu.waiters[uid] = fut
            sent = time.perf_counter()
            await emu.send_text(user, QUESTIONS[(uid + i) % len(QUESTIONS)])
            done = await asyncio.wait_for(fut, 60)
            latencies.append(done - sent)
            # Let any further replies to this message (e.g. a second part) arrive first.
            await asyncio.sleep(0)

    start = time.perf_counter()
    await asyncio.gather(*(one_user(base_id + u) for u in range(users)))
    return time.perf_counter() - start, latencies


async def run_ours(users: int, messages: int) -> tuple[float, list]:
    emu = TimedEmulator()
    await emu.start()
    with tempfile.TemporaryDirectory() as tmp:
        # The emulator enforces no flood limits here and the echo bot paces nothing: our pacer
        # is opened wide too, so the run measures the work per update, not Telegram's 30/s
        # (that cap is measured by bench_broadcast.py and tests/e2e/test_pacing_e2e.py).
        bot = BotUnderTest(
            make_config(
                emu,
                f"sqlite+aiosqlite:///{tmp}/bench.db",
                broadcast={"rate_per_second": 100_000, "chat_burst": 30},
            )
        )
        await bot.start()
        try:
            return await drive(emu, users, messages, 10_000)
        finally:
            await bot.stop()
            await emu.stop()


async def run_echo(users: int, messages: int) -> tuple[float, list]:
    emu = TimedEmulator()
    await emu.start()

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(update.message.text)

    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{emu.base_url}/bot")
        .concurrent_updates(256)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        return await drive(emu, users, messages, 50_000)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await emu.stop()


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args()
    setup_logging("WARNING")
    total = args.users * args.messages
    results = {}
    for name, runner in (("echo", run_echo), ("ours", run_ours)):
        elapsed, lat = await runner(args.users, args.messages)
        results[name] = (total / elapsed, lat)
        print(
            f"{name:5s} updates={total} elapsed={elapsed:.2f}s rate={total / elapsed:.0f}/s "
            f"p50={pct(lat, 50):.1f}ms p95={pct(lat, 95):.1f}ms p99={pct(lat, 99):.1f}ms"
        )
    ours, echo = results["ours"][0], results["echo"][0]
    print(
        f"updates: ours={ours:.0f}/s echo={echo:.0f}/s ratio={ours / echo:.2f} "
        f"p99_ms={pct(results['ours'][1], 99):.0f}"
    )


if __name__ == "__main__":
    asyncio.run(main())
