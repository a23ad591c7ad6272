"""The real `boligbot run` process: Telegram mode against the emulator, SIGTERM, no token leak."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from tests.e2e.emulator import BotApiEmulator
from tests.e2e.harness import Person
from tests.e2e.processes import polling, until
from tests.faqsupport import VECTOR_CACHE

TOKEN = "987654:SECRET-token-must-not-leak"


def shared_vector_cache(directory) -> None:
    """The run's FAQ vector cache, so a start here reads the knowledge's vectors, not embeds."""
    (directory / "config.toml").write_text(f'[faq]\ncache_dir = "{VECTOR_CACHE}"\n')


async def test_run_serves_stops_on_sigterm_and_never_logs_the_token(tmp_path):
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    env = {
        **os.environ,
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": emu.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
    }
    env.pop("BOLIGBOT_CONFIG", None)
    shared_vector_cache(tmp_path)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "--log-level",
        "DEBUG",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await until(proc, polling(emu))  # a start on a busy machine takes more than 5 s
        kari = Person(emu, 5001, "Kari", "nb")
        [msg] = await asyncio.wait_for(kari.say("/start"), 30)
        assert msg.text.startswith("Hei, Kari")
        proc.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(proc.communicate(), 20)
    finally:
        if proc.returncode is None:
            proc.kill()
        await emu.stop()
    assert proc.returncode == 0
    logs = out.decode() + err.decode()
    assert "starting on Telegram" in logs
    assert TOKEN not in logs and "SECRET-token" not in logs
    assert (tmp_path / "bot.db").exists()


async def test_run_without_token_starts_local_chat_and_explains(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TELEGRAM_TOKEN", "BOLIGBOT_CONFIG", "DATABASE_URL")
    }
    shared_vector_cache(tmp_path)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        cwd=tmp_path,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(b"9\n/quit\n"), 60)
    assert proc.returncode == 0
    assert "TELEGRAM_TOKEN" in err.decode()  # one line on how to connect to Telegram
    text = out.decode()
    assert "Hva vil du gjøre?" in text and "  9. 🔒 Personvern" in text
    assert "Dette lagrer jeg om deg" in text  # choice 9 was pressed as a button
    assert (tmp_path / "data" / "boligbot.db").exists()
