"""The real `boligbot` process for end-to-end tests: started in a directory with its own
config.toml, against the emulator, with the run's shared FAQ vector cache."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

from tests.e2e.emulator import BotApiEmulator
from tests.faqsupport import VECTOR_CACHE, understanding


async def start_bot(
    directory: Path, emu: BotApiEmulator, config: str, *args: str
) -> asyncio.subprocess.Process:
    """``python -m bot.cli ARGS run`` in ``directory`` with ``config`` as its config.toml."""
    understanding()  # the vector cache exists (on a fresh clone the knowledge is embedded here)
    (directory / "config.toml").write_text(f'{config}\n[faq]\ncache_dir = "{VECTOR_CACHE}"\n')
    env = {
        **os.environ,
        "TELEGRAM_TOKEN": emu.token,
        "TELEGRAM_API_BASE_URL": emu.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{directory}/bot.db",
    }
    for var in ("BOLIGBOT_CONFIG", "TELEGRAM_WEBHOOK_SECRET", "DESK_LISTEN"):
        env.pop(var, None)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        "run",
        cwd=directory,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def until(proc: asyncio.subprocess.Process, ready, timeout: float = 90) -> None:  # type: ignore[no-untyped-def]
    """Wait until ``ready()`` (the bot is up: a start on a busy machine takes a while)."""
    deadline = time.monotonic() + timeout
    while not await ready():
        if proc.returncode is not None:
            raise AssertionError(f"the bot exited with status {proc.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError("the bot did not start")
        await asyncio.sleep(0.2)


def polling(emu: BotApiEmulator):  # type: ignore[no-untyped-def]
    """Ready when the bot has started long polling (after its start-up work)."""

    async def ready() -> bool:
        return any(method == "getUpdates" for method, _ in emu.calls)

    return ready


async def stop(proc: asyncio.subprocess.Process) -> tuple[str, str]:
    """SIGTERM, then the process's stdout and stderr; killed if it does not stop."""
    proc.terminate()
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    return out.decode(), err.decode()
