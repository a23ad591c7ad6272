"""The real `boligbot run` in webhook mode: it listens on 127.0.0.1 only, and an update posted
without Telegram's secret header (or with a wrong one) is refused, not handled."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sqlite3
import sys
import time

import aiohttp

from bot.commands_ops import run_secret
from tests.e2e.emulator import BotApiEmulator
from tests.faqsupport import VECTOR_CACHE

TOKEN = "987654:WEBHOOK-token-e2e"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def new_secret(capsys) -> str:
    run_secret(None, None)  # type: ignore[arg-type]
    return capsys.readouterr().out.strip()


def start_update(update_id: int, user_id: int) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "Mallory", "language_code": "nb"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Mallory"},
            "from": user,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def wait_listening(host: str, port: int, proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.returncode is None, "the bot exited"
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection(host, port)
            writer.close()
            return
        await asyncio.sleep(0.2)
    raise AssertionError("the webhook server did not start")


async def test_webhook_refuses_forged_updates_and_listens_on_loopback_only(tmp_path, capsys):
    secret, port = new_secret(capsys), free_port()
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    (tmp_path / "config.toml").write_text(
        '[telegram]\nmode = "webhook"\n'
        f'[telegram.webhook]\nurl = "https://bot.example.no/"\nport = {port}\n'
        f'secret_token = "{secret}"\n'
        f'[faq]\ncache_dir = "{VECTOR_CACHE}"\n'
    )
    env = {
        **os.environ,
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": emu.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
    }
    for var in ("BOLIGBOT_CONFIG", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_LISTEN"):
        env.pop(var, None)
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
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        await wait_listening("127.0.0.1", port, proc)
        await emu.wait_for(lambda: emu.webhook_url, 30)
        assert emu.webhook_url == "https://bot.example.no/telegram"
        setwebhook = next(p for m, p in emu.calls if m == "setWebhook")
        assert setwebhook["secret_token"] == secret  # Telegram is told the secret to send

        # Not on any other address: 127.0.0.2 is this machine too, but not 127.0.0.1.
        try:
            _, w = await asyncio.open_connection("127.0.0.2", port)
            w.close()
            raise AssertionError("the webhook server answers on 127.0.0.2 as well")
        except OSError:
            pass

        async with aiohttp.ClientSession() as http:
            forged = [
                ({}, start_update(1, 6661)),  # no header
                ({HEADER: "x" * len(secret)}, start_update(2, 6662)),  # a wrong secret
                ({HEADER: secret[:-1]}, start_update(3, 6663)),  # nearly right
            ]
            for headers, update in forged:
                async with http.post(url, json=update, headers=headers) as resp:
                    assert resp.status == 403
            async with http.post(url, json=start_update(4, 6664), headers={HEADER: secret}) as r:
                assert r.status == 200

        [reply] = await emu.wait_for(lambda: emu.chats.get(6664), 30)
        assert reply.text.startswith("Hei, Mallory")
        await asyncio.sleep(1)  # had a forged update been taken, its reply would be here by now
        assert set(emu.chats) == {6664}
        db = sqlite3.connect(tmp_path / "bot.db")
        assert db.execute("SELECT id FROM users").fetchall() == [(6664,)]

        proc.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(proc.communicate(), 20)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await emu.stop()
    assert proc.returncode == 0
    logs = out.decode() + err.decode()
    assert "starting on Telegram (webhook mode)" in logs
    assert secret not in logs and TOKEN not in logs
