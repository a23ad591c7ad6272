"""The real `boligbot run` in webhook mode: the desk's one web server takes Telegram's updates on
/telegram, on 127.0.0.1 only; an update posted without Telegram's secret header (or with a
wrong one) is refused, not handled; a desk port in use stops the start."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sqlite3
import time

import aiohttp

from bot.commands_ops import run_secret
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.processes import start_bot, stop, until

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


async def accepts(host: str, port: int) -> bool:
    with contextlib.suppress(OSError):
        _, writer = await asyncio.open_connection(host, port)
        writer.close()
        return True
    return False


async def test_webhook_on_the_desk_refuses_forged_updates_and_listens_on_loopback_only(
    tmp_path, capsys
):
    secret, port = new_secret(capsys), free_port()
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    config = (
        '[telegram]\nmode = "webhook"\n'
        f'[telegram.webhook]\nurl = "https://bot.example.no/"\nsecret_token = "{secret}"\n'
        f"[desk]\nport = {port}"
    )
    proc = await start_bot(tmp_path, emu, config, "--log-level", "DEBUG")
    url = f"http://127.0.0.1:{port}/telegram"
    try:

        async def registered() -> bool:
            return bool(emu.webhook_url) and await accepts("127.0.0.1", port)

        await until(proc, registered)
        assert emu.webhook_url == "https://bot.example.no/telegram"
        setwebhook = next(p for m, p in emu.calls if m == "setWebhook")
        assert setwebhook["secret_token"] == secret  # Telegram is told the secret to send
        assert "getUpdates" not in {m for m, _ in emu.calls}  # no polling beside the webhook

        # Not on any other address: 127.0.0.2 is this machine too, but not 127.0.0.1.
        assert not await accepts("127.0.0.2", port)

        async with aiohttp.ClientSession() as http:
            # One server: the desk's own pages answer on the webhook's port.
            async with http.get(f"http://127.0.0.1:{port}/healthz") as health:
                assert health.status == 200
            forged = [
                ({}, start_update(1, 6661)),  # no header
                ({HEADER: "x" * len(secret)}, start_update(2, 6662)),  # a wrong secret
                ({HEADER: secret[:-1]}, start_update(3, 6663)),  # nearly right
            ]
            for headers, update in forged:
                async with http.post(url, json=update, headers=headers) as resp:
                    assert resp.status == 403
            # With the secret: garbage is a bad request, more than 1 MB is refused.
            async with http.post(url, data=b"{not json", headers={HEADER: secret}) as resp:
                assert resp.status == 400
            padded = {**start_update(5, 6665), "pad": "x" * (1 << 20)}
            async with http.post(url, json=padded, headers={HEADER: secret}) as resp:
                assert resp.status == 413
            async with http.post(url, json=start_update(4, 6664), headers={HEADER: secret}) as r:
                assert r.status == 200

            [reply] = await emu.wait_for(lambda: emu.chats.get(6664), 30)
            assert reply.text.startswith("Hei, Mallory")
            await asyncio.sleep(1)  # had a refused update been taken, its reply would be here
            assert set(emu.chats) == {6664}
            db = sqlite3.connect(tmp_path / "bot.db")
            assert db.execute("SELECT id FROM users").fetchall() == [(6664,)]
            async with http.get(f"http://127.0.0.1:{port}/metrics") as resp:
                metrics = await resp.text()
            assert 'boligbot_webhook_requests_total{result="forbidden"} 3.0' in metrics
            assert 'boligbot_webhook_requests_total{result="ok"} 1.0' in metrics
        out, err = await stop(proc)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await emu.stop()
    assert proc.returncode == 0
    # Telegram keeps queueing updates while the bot restarts: the webhook stays registered.
    assert "deleteWebhook" not in {m for m, _ in emu.calls}
    logs = out + err
    assert "starting on Telegram (webhook mode)" in logs
    assert f"desk: taking Telegram's updates on http://127.0.0.1:{port}/telegram" in logs
    assert secret not in logs and TOKEN not in logs


async def test_webhook_mode_does_not_start_when_the_desk_port_is_taken(tmp_path, capsys):
    secret = new_secret(capsys)
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = (
            '[telegram]\nmode = "webhook"\n'
            f'[telegram.webhook]\nurl = "https://bot.example.no"\nsecret_token = "{secret}"\n'
            f"[desk]\nport = {port}"
        )
        proc = await start_bot(tmp_path, emu, config)
        try:
            out, err = await asyncio.wait_for(proc.communicate(), 90)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
            await emu.stop()
    assert proc.returncode == 1
    logs = out.decode() + err.decode()
    assert f"desk: cannot listen on 127.0.0.1 port {port}" in logs
    assert "webhook mode needs it" in logs and "Traceback" not in logs
    assert "setWebhook" not in {m for m, _ in emu.calls}  # Telegram was never pointed here
    assert secret not in logs and TOKEN not in logs
