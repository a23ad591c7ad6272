"""``POST /telegram`` on the desk's server (issue 15, one web server): the secret is checked
before the body is read, the body is bounded, and an update reaches the PTB application's queue
through the real Telegram channel. (The whole process is in ``tests/e2e/test_webhook.py``.)"""

from __future__ import annotations

import asyncio
import json
import socket

import httpx
import pytest
from sqlalchemy import select
from telegram import Update

from bot.app import build_runtime
from bot.channels.telegram.app import TelegramChannel
from bot.core.ports import ServiceUnavailable
from bot.desk.access import route
from bot.desk.server import DeskServer
from bot.desk.webhook import MAX_BODY
from bot.storage.models_inbound import InboundUpdate
from tests.desk.support import DeskOnly, desk_config

SECRET = "Q7wErTy-uIoP_aSdF9gHjK3lZxCvBnM2qAzWsX"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
UPDATE = {
    "update_id": 41,
    "message": {
        "message_id": 1,
        "date": 1_700_000_000,
        "chat": {"id": 7001, "type": "private", "first_name": "Kari"},
        "from": {"id": 7001, "is_bot": False, "first_name": "Kari"},
        "text": "hei",
    },
}


def webhook_config(db_url: str):  # type: ignore[no-untyped-def]
    return desk_config(
        db_url,
        telegram={
            "token": "123456:desk-webhook-test",
            "api_base_url": "http://127.0.0.1:9",  # never called: nothing here talks to it
            "mode": "webhook",
            "webhook": {"url": "https://bot.example.no", "secret_token": SECRET},
        },
    )


class WebhookDesk(DeskOnly):
    """The desk taking updates for a real (not started) Telegram channel."""

    async def start(self) -> WebhookDesk:
        self.runtime = await build_runtime(self.cfg)
        self.scheduler = self.runtime.assistant.feature("scheduler")
        await self.scheduler.start()
        # As `boligbot run` wires it: the desk, the channel, then the desk takes its updates.
        self.desk = DeskServer(self.runtime)
        self.runtime.assistant.services.append(self.desk)
        self.channel = TelegramChannel(self.cfg, self.runtime.assistant)
        self.desk.serve_webhook(SECRET, self.channel.receive)
        await self.desk.start()
        self.channel.accepting = True  # as start_webhook does before the application starts
        return self


@pytest.fixture
async def hook(db_url):
    d = await WebhookDesk(webhook_config(db_url)).start()
    yield d
    await d.stop()


@pytest.fixture
async def http(hook):
    async with httpx.AsyncClient(base_url=hook.desk.url) as c:
        yield c


async def queued(hook: WebhookDesk) -> list[Update]:
    """The updates stored in the inbound queue (committed before the answer was given)."""
    async with hook.runtime.sessions() as s:
        rows = (await s.scalars(select(InboundUpdate).order_by(InboundUpdate.update_id))).all()
    return [Update.de_json(json.loads(r.payload), None) for r in rows]


async def status_line(port: int, head: str, timeout: float) -> str:
    """Send ``head`` (request line and headers, no body) and read the answer's status line."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(head.encode())
        await writer.drain()
        return (await asyncio.wait_for(reader.readline(), timeout)).decode().strip()
    finally:
        writer.close()


async def test_the_right_secret_queues_the_update_for_the_application(hook, http):
    answer = await http.post("/telegram", json=UPDATE, headers={HEADER: SECRET})
    assert answer.status_code == 200 and answer.content == b""
    [update] = await queued(hook)
    assert isinstance(update, Update)
    assert (update.update_id, update.message.text, update.effective_user.id) == (41, "hei", 7001)
    # No session, no form token, no cookie: Telegram is not a browser.
    assert "set-cookie" not in answer.headers
    # Telegram sends it again (our answer got lost): stored once, so handled once.
    again = await http.post("/telegram", json=UPDATE, headers={HEADER: SECRET})
    assert again.status_code == 200
    assert [u.update_id for u in await queued(hook)] == [41]


async def test_a_missing_or_wrong_secret_is_refused_and_nothing_is_queued(hook, http):
    for headers in ({}, {HEADER: "x" * len(SECRET)}, {HEADER: SECRET[:-1]}, {HEADER: SECRET + "x"}):
        answer = await http.post("/telegram", json=UPDATE, headers=headers)
        assert answer.status_code == 403, headers
    assert await queued(hook) == []
    metrics = (await http.get("/metrics")).text
    assert 'boligbot_webhook_requests_total{result="forbidden"} 4.0' in metrics


async def test_a_wrong_secret_is_refused_before_the_body_is_read(hook):
    head = (
        "POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 900000\r\n{secret}\r\n"
    )
    wrong = head.format(secret=f"{HEADER}: {'y' * len(SECRET)}\r\n")
    # The body is never sent: the answer comes anyway, so the body was not waited for.
    assert (await status_line(hook.desk.port, wrong, 10)).startswith("HTTP/1.1 403")
    # With the right secret the server does wait for the body it was promised.
    right = head.format(secret=f"{HEADER}: {SECRET}\r\n")
    with pytest.raises(asyncio.TimeoutError):
        await status_line(hook.desk.port, right, 1)


async def test_bodies_over_one_megabyte_are_refused_declared_or_streamed(hook, http):
    big = json.dumps({**UPDATE, "pad": "x" * MAX_BODY}).encode()
    declared = await http.post(
        "/telegram", content=big, headers={HEADER: SECRET, "content-type": "application/json"}
    )
    assert declared.status_code == 413

    async def chunks():  # no Content-Length: sent chunked, counted while read
        for i in range(0, len(big), 64_000):
            yield big[i : i + 64_000]

    streamed = await http.post("/telegram", content=chunks(), headers={HEADER: SECRET})
    assert streamed.status_code == 413
    assert await queued(hook) == []


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"message": {}}',
        b'{"update_id": "41"}',
        b'{"update_id": 42, "message": "text"}',  # JSON, but not an update PTB can read
    ],
)
async def test_garbage_with_the_right_secret_is_a_bad_request(hook, http, body):
    answer = await http.post("/telegram", content=body, headers={HEADER: SECRET})
    assert answer.status_code == 400
    assert await queued(hook) == []


async def test_while_the_bot_stops_updates_are_refused_so_telegram_sends_them_again(hook, http):
    hook.channel.accepting = False
    answer = await http.post("/telegram", json=UPDATE, headers={HEADER: SECRET})
    assert answer.status_code == 503
    assert await queued(hook) == []


async def test_without_webhook_mode_there_is_no_telegram_endpoint(desk, client):
    answer = await client.post("/telegram", json=UPDATE, headers={HEADER: SECRET})
    assert answer.status_code == 404


async def test_a_taken_port_stops_the_start_in_webhook_mode_only(db_url, caplog):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        runner = DeskOnly(desk_config(db_url, desk={"port": port}))
        await runner.start()  # polling mode: logged, the bot runs on without the desk
        try:
            assert runner.desk.port == 0
            assert f"cannot listen on 127.0.0.1 port {port}" in caplog.text
            assert "the bot runs without the desk" in caplog.text
            webhook = DeskServer(runner.runtime)
            with pytest.raises(ServiceUnavailable, match=f"port {port} .*webhook mode needs it"):
                webhook.serve_webhook(SECRET, lambda data: asyncio.sleep(0, True))
        finally:
            await runner.stop()


def test_only_a_public_route_may_skip_the_session_and_the_form_token():
    async def page(request):  # pragma: no cover - never served
        raise AssertionError

    assert route("/hook", page, "public", ("POST",), browser=False).endpoint.access == "public"
    for access in ("staff", "admin"):
        with pytest.raises(ValueError, match="only a public route"):
            route("/hook", page, access, ("POST",), browser=False)  # type: ignore[arg-type]
