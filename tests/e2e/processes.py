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
    directory: Path,
    emu: BotApiEmulator,
    config: str,
    *args: str,
    env: dict[str, str] | None = None,
    output: Path | None = None,
) -> asyncio.subprocess.Process:
    """``python -m bot.cli ARGS run`` in ``directory`` with ``config`` as its config.toml, on a
    SQLite file there unless ``env`` names another ``DATABASE_URL`` (``env`` overrides the
    environment). Its stdout and stderr are pipes, or both go to the file ``output`` (a
    process that runs a while and logs much: nobody has to read a pipe for it to go on)."""
    understanding()  # the vector cache exists (on a fresh clone the knowledge is embedded here)
    (directory / "config.toml").write_text(f"{config}\n")
    environment = {
        **os.environ,
        "TELEGRAM_TOKEN": emu.token,
        "TELEGRAM_API_BASE_URL": emu.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{directory}/bot.db",
        "FAQ_CACHE_DIR": str(VECTOR_CACHE),
    }
    for var in ("BOLIGBOT_CONFIG", "TELEGRAM_WEBHOOK_SECRET", "DESK_LISTEN"):
        environment.pop(var, None)
    environment.update(env or {})
    log = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_APPEND) if output else None
    stream = asyncio.subprocess.PIPE if log is None else log
    try:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            *args,
            "run",
            cwd=directory,
            env=environment,
            stdout=stream,
            stderr=stream,
        )
    finally:
        if log is not None:
            os.close(log)  # the process has its own copy


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
    return (out or b"").decode(), (err or b"").decode()
