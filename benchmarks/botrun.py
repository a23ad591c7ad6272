"""What the benchmarks that run the real bot as a subprocess share: its config file, the
process (start, SIGKILL, SIGTERM), the admin's /tips flow and a summary of its log.

The bot is ``python -m bot.cli --config <file> run`` against the Bot API emulator of
``tests/e2e/emulator.py`` running in the benchmark's own process and event loop.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.e2e.emulator import BotApiEmulator, SentMessage

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:TEST-TOKEN-bench"


class CountingEmulator(BotApiEmulator):
    """The emulator counting its 429s by the kind of chat they went to (``kind``)."""

    def __init__(self) -> None:
        super().__init__(token=TOKEN)
        self.limited: Counter[str] = Counter()  # 429s from the rate limits, by kind of chat

    def kind(self, chat_id: int) -> str:
        return "other"

    def _rate_check(self, method: str, params: dict) -> None:
        before = self.rate_limited
        try:
            super()._rate_check(method, params)
        finally:
            if self.rate_limited != before:
                self.limited[self.kind(int(params.get("chat_id", 0)))] += 1


def db_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def write_config(
    path: Path,
    emu: BotApiEmulator,
    db: Path,
    admin_ids: list[int],
    staff_chat_id: int,
    extra: str = "",
) -> None:
    """The bot's config.toml: this emulator, this SQLite file, these admins and staff chat;
    ``extra`` is appended as it is (more TOML sections)."""
    path.write_text(
        "[telegram]\n"
        f'token = "{TOKEN}"\n'
        f'api_base_url = "{emu.base_url}"\n'
        "[database]\n"
        f'url = "{db_url(db)}"\n'
        "[bot]\n"
        f"admin_ids = {admin_ids}\n"
        f"staff_chat_id = {staff_chat_id}\n" + extra,
        encoding="utf-8",
    )


class BotProcess:
    """``python -m bot.cli --config <file> run``, output to a log file."""

    def __init__(self, config: Path, log: Path):
        self.config, self.log = config, log
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        env = {
            k: v
            for k, v in os.environ.items()
            if k
            not in ("TELEGRAM_TOKEN", "TELEGRAM_API_BASE_URL", "DATABASE_URL", "BOLIGBOT_CONFIG")
        }
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        with self.log.open("ab") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.cli",
                "--config",
                str(self.config),
                "run",
                cwd=self.config.parent,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
            )

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.returncode is None

    def kill(self) -> None:
        """SIGKILL now (synchronous: callable from the emulator's request handler)."""
        if self.running:
            assert self.proc is not None
            self.proc.kill()

    async def wait_dead(self) -> None:
        if self.proc is not None:
            await self.proc.wait()

    async def stop(self, grace: float = 30) -> int | None:
        """SIGTERM, then SIGKILL if it does not exit in time."""
        if not self.running:
            return self.proc.returncode if self.proc else None
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.proc.wait(), grace)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
        return self.proc.returncode


def find_button(msgs: list[SentMessage], prefix: str) -> tuple[SentMessage, str] | None:
    """The newest message with a button whose callback data starts with ``prefix``."""
    for msg in reversed(msgs):
        for row in msg.buttons:
            for b in row:
                data = b.get("callback_data") or ""
                if data.startswith(prefix):
                    return msg, data
    return None


async def wait_until(
    bot: BotProcess, predicate: Callable[[], object], what: str, within: float = 30
) -> object:
    """Poll ``predicate`` until it is truthy; fail if the bot exits or time runs out."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        if not bot.running:
            raise RuntimeError(f"the bot exited while waiting for {what}")
        await asyncio.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


async def compose_tip(
    emu: BotApiEmulator, bot: BotProcess, admin_id: int, text: str, pause: float
) -> tuple[SentMessage, str]:
    """The admin's ``/tips`` flow up to the send button: the tip text, the audience "all".
    Returns the message with the send button and its callback data (press it to send).
    ``pause``: seconds the admin takes before each step (a person's pace)."""
    admin = {"id": admin_id, "is_bot": False, "first_name": "Admin", "language_code": "nb"}

    def chat() -> list[SentMessage]:
        return emu.chats.get(admin_id, [])

    await emu.send_text(admin, "/tips")
    await wait_until(bot, lambda: find_button(chat(), "tipx|"), "the draft prompt")
    await asyncio.sleep(pause)
    await emu.send_text(admin, text)
    found = await wait_until(bot, lambda: find_button(chat(), "tipa|all|"), "the audience buttons")
    msg, data = found  # type: ignore[misc]
    await asyncio.sleep(pause)
    await emu.press(admin, msg, data)
    found = await wait_until(bot, lambda: find_button(chat(), "tipc|"), "the send button")
    await asyncio.sleep(pause)
    return found  # type: ignore[return-value]


def log_summary(path: Path, samples: int = 5, ignore: tuple[str, ...] = ()) -> list[str]:
    """Warnings and errors in a bot log, with the first few lines (none containing one of
    ``ignore``, e.g. the scheduler's routine notes)."""
    if not path.exists():
        return []
    levels: Counter[str] = Counter()
    first: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        for level in ("WARNING", "ERROR", "CRITICAL"):
            if level in line:
                levels[level] += 1
                if len(first) < samples and not any(word in line for word in ignore):
                    first.append(line[:200])
    out = [f"bot log: {dict(levels) or 'no warnings or errors'}"]
    out += [f"  {s}" for s in first]
    return out
