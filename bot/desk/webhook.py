"""``POST /telegram``: Telegram's updates in webhook mode, on the desk's one web server.

Telegram is the caller, not a browser: no session and no form token. It proves itself with the
secret given to ``setWebhook``, sent in ``X-Telegram-Bot-Api-Secret-Token``; the header is
compared in constant time before a byte of the body is read, and a request without the right
secret is answered 403 and never handled. The update is handed to the channel's queue and the
answer is given at once: the handling runs after it (Telegram waits for no reply).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from bot.core.metrics import WEBHOOK, Metrics
from bot.desk.access import deps

log = logging.getLogger(__name__)

SECRET_HEADER = "x-telegram-bot-api-secret-token"
MAX_BODY = 1 << 20  # 1 MB (nginx's client_max_body_size 1m); an update is a few kB

# The channel's side: take one update (a JSON object). True: queued. False: the bot is
# stopping (the answer is 503, and Telegram sends the update again). ValueError: not an update.
Deliver = Callable[[dict[str, Any]], Awaitable[bool]]


@dataclass
class WebhookInbox:
    """What ``/telegram`` needs in webhook mode; without it (polling, the local chat) it is 404."""

    secret: bytes
    deliver: Deliver
    metrics: Metrics


async def telegram_update(request: Request) -> Response:
    inbox: WebhookInbox | None = deps(request).webhook
    if inbox is None:
        return Response(status_code=404)
    sent = request.headers.get(SECRET_HEADER, "").encode("latin-1")
    if not hmac.compare_digest(sent, inbox.secret):
        return _answer(inbox, 403, "forbidden")
    body = await _body(request, MAX_BODY)
    if body is None:
        return _answer(inbox, 413, "too_large")
    try:
        data = json.loads(body)
    except ValueError:  # not JSON, or not UTF-8
        data = None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return _answer(inbox, 400, "bad_request")
    try:
        queued = await inbox.deliver(data)
    except ValueError:
        log.warning("webhook: update %s could not be read; not handled", data["update_id"])
        return _answer(inbox, 400, "bad_request")
    if not queued:
        return _answer(inbox, 503, "unavailable")
    return _answer(inbox, 200, "ok")


def _answer(inbox: WebhookInbox, status: int, result: str) -> Response:
    inbox.metrics.count(WEBHOOK, result=result)
    return Response(status_code=status)


async def _body(request: Request, limit: int) -> bytes | None:
    """The body, or None when it is longer than ``limit`` (stops reading there)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)
