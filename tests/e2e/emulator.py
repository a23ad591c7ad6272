"""A small Telegram Bot API emulator on 127.0.0.1 for end-to-end tests and benchmarks.

It speaks the real HTTP shapes (``/bot<token>/<method>``, form or multipart parameters, the
``{"ok": ..., "result"|"error_code"/"description"}`` envelope), keeps the chats, lets test users
send text and press buttons, and can inject faults (429 with retry_after, 403, 500,
:class:`Delay`: an answer that comes too late, after the message arrived or without it, and
requests that time out at the client before or after they were carried out) and enforce rate
limits. Telegram's own checks that catch real bugs are mirrored: message length, callback data
length, and well-formed HTML.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout, web

ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
_JSON_KEYS = {
    "reply_markup",
    "allowed_updates",
    "commands",
    "scope",
    "reply_parameters",
    "link_preview_options",
    "entities",
}
_INT_KEYS = {"chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id"}


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


@dataclass(frozen=True)
class Delay:
    """A fault: answer only after ``seconds``, when the bot's request has timed out. With
    ``deliver`` the message arrives first (a timeout that delivered); without, it never does."""

    seconds: float
    deliver: bool = False


@dataclass
class SentMessage:
    chat_id: int
    message_id: int
    text: str
    buttons: list[list[dict]] = field(default_factory=list)
    photo: bool = False
    edited: int = 0
    reply_to: int | None = None

    def labels(self) -> list[str]:
        return [b["text"] for row in self.buttons for b in row]


class _HtmlCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.error = ""

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in ALLOWED_TAGS:
            self.error = self.error or f'unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = self.error or f'unexpected end tag "{tag}"'
        else:
            self.stack.pop()


def check_html(text: str) -> None:
    if re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", text):
        raise ApiError(400, "Bad Request: can't parse entities: unescaped '&'")
    if re.search(r"<(?![a-zA-Z/])", text):
        raise ApiError(400, "Bad Request: can't parse entities: unescaped '<'")
    parser = _HtmlCheck()
    parser.feed(text)
    parser.close()
    if parser.error or parser.stack:
        raise ApiError(400, f"Bad Request: can't parse entities: {parser.error or 'unclosed tag'}")


class TokenBucket:
    """``rate`` tokens a second, at most ``burst`` saved up."""

    def __init__(self, rate: float, burst: float):
        self.rate, self.burst = rate, burst
        self.tokens, self.at = burst, time.monotonic()

    def take(self) -> float:
        """0 if a token was taken, else the seconds until one is available."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


_SENDING = {"sendMessage", "sendPhoto", "editMessageText", "editMessageReplyMarkup"}


class BotApiEmulator:
    def __init__(self, token: str = "123456:TEST-TOKEN", bot_username: str = "boligbot_test_bot"):
        self.token = token
        self.bot_username = bot_username
        self.updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = defaultdict(lambda: itertools.count(1))
        self.chats: dict[int, list[SentMessage]] = defaultdict(list)
        self.calls: list[tuple[str, dict]] = []
        self.commands: dict[str | None, list[dict]] = {}
        self.callback_answers: list[dict] = []
        self.blocked: set[int] = set()
        self.fault: Callable[[str, dict], ApiError | Delay | None] | None = None
        # Before a request is carried out: seconds to wait, after which it is answered 504 and
        # never carried out (a request that timed out at the client and did not arrive), or
        # None to go on.
        self.hang_before: Callable[[str, dict], float | None] | None = None
        # After a request was carried out: seconds to wait before answering (a response that
        # delivered, then timed out at the client), or an event to wait for, or None to answer
        # at once.
        self.hang_after: Callable[[str, dict], float | asyncio.Event | None] | None = None
        self._global_bucket: TokenBucket | None = None
        self._chat_buckets: dict[int, TokenBucket] = {}
        self._chat_limit: tuple[float, float] | None = None
        self.rate_limited = 0  # 429 answers given by the rate limits
        self._new_update = asyncio.Condition()
        self._new_message = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.webhook_url = ""
        # Webhook mode: each new update is posted here (e.g. a proxy in front of bot
        # instances) instead of waiting for getUpdates; False means "not taken" (Telegram would
        # send it again later: here it is kept for getUpdates).
        self.deliver: Callable[[dict], Awaitable[bool]] | None = None
        # What :meth:`proxy_webhook` posted: (url, update id, HTTP status or the error's name).
        self.webhook_posts: list[tuple[str, int, int | str]] = []
        self._http: ClientSession | None = None

    def limit_rate(
        self, per_second: float = 30, burst: float = 30, per_chat: float = 1, chat_burst: float = 3
    ) -> None:
        """Enforce Telegram's flood limits on sending methods: 429 with retry_after."""
        self._global_bucket = TokenBucket(per_second, burst)
        self._chat_limit = (per_chat, chat_burst)

    def _rate_check(self, method: str, params: dict) -> None:
        if self._global_bucket is None or method not in _SENDING or self._chat_limit is None:
            return
        chat = int(params.get("chat_id", 0))
        bucket = self._chat_buckets.setdefault(chat, TokenBucket(*self._chat_limit))
        wait = max(self._global_bucket.take(), bucket.take())
        if wait > 0:
            self.rate_limited += 1
            retry = max(1, int(wait + 0.999))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

    # --- server ------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._http is not None:
            await self._http.close()
        if self._runner:
            await self._runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(ApiError(401, "Unauthorized"))
        method = request.match_info["method"]
        params = await _params(request)
        self.calls.append((method, params))
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return _error(ApiError(404, "Not Found: method not found"))
        try:
            fault = self.fault(method, params) if self.fault is not None else None
            if isinstance(fault, ApiError):
                raise fault
            if isinstance(fault, Delay) and not fault.deliver:
                await asyncio.sleep(fault.seconds)
                raise ApiError(504, "Gateway Timeout")
            if self.hang_before is not None and (wait := self.hang_before(method, params)):
                await asyncio.sleep(wait)
                raise ApiError(504, "Gateway Timeout")
            self._rate_check(method, params)
            result = await handler(params)
            if isinstance(fault, Delay):
                await asyncio.sleep(fault.seconds)
        except ApiError as exc:
            return _error(exc)
        if self.hang_after is not None and (wait := self.hang_after(method, params)):
            await (wait.wait() if isinstance(wait, asyncio.Event) else asyncio.sleep(wait))
        return web.json_response({"ok": True, "result": result})

    # --- Bot API methods ---------------------------------------------------------------------

    async def api_getMe(self, p: dict) -> dict:
        return {
            "id": int(self.token.split(":")[0]),
            "is_bot": True,
            "first_name": "Boligbot",
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def api_deleteWebhook(self, p: dict) -> bool:
        self.webhook_url = ""
        return True

    async def api_setWebhook(self, p: dict) -> bool:
        self.webhook_url = p.get("url", "")
        return True

    async def api_getUpdates(self, p: dict) -> list[dict]:
        offset = int(p.get("offset") or 0)
        timeout = float(p.get("timeout") or 0)
        limit = int(p.get("limit") or 100)
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        async with self._new_update:
            while not self.updates and (left := deadline - time.monotonic()) > 0:
                try:
                    await asyncio.wait_for(self._new_update.wait(), left)
                except TimeoutError:
                    break
        return self.updates[:limit]

    async def api_setMyCommands(self, p: dict) -> bool:
        self.commands[p.get("language_code")] = p["commands"]
        return True

    async def api_getMyCommands(self, p: dict) -> list[dict]:
        return self.commands.get(p.get("language_code"), [])

    async def api_sendMessage(self, p: dict) -> dict:
        text = p.get("text", "")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return await self._store(p, text, photo=False)

    async def api_sendPhoto(self, p: dict) -> dict:
        caption = p.get("caption", "") or ""
        if len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        return await self._store(p, caption, photo=True)

    async def api_editMessageText(self, p: dict) -> dict:
        msg = self._find(p)
        text = p.get("text", "")
        if len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        if p.get("parse_mode") == "HTML":
            check_html(text)
        buttons = _buttons(p)
        if msg.text == text and msg.buttons == buttons:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same",
            )
        msg.text, msg.buttons = text, buttons
        msg.edited += 1
        await self._notify()
        return self._message_json(msg)

    async def api_editMessageReplyMarkup(self, p: dict) -> dict:
        msg = self._find(p)
        msg.buttons = _buttons(p)
        msg.edited += 1
        await self._notify()
        return self._message_json(msg)

    async def api_answerCallbackQuery(self, p: dict) -> bool:
        self.callback_answers.append(p)
        return True

    # --- helpers -----------------------------------------------------------------------------

    async def _store(self, p: dict, text: str, photo: bool) -> dict:
        chat_id = int(p["chat_id"])
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if p.get("parse_mode") == "HTML" and text:
            check_html(text)
        buttons = _buttons(p)
        msg = SentMessage(
            chat_id, next(self._message_ids[chat_id]), text, buttons, photo, reply_to=_reply_to(p)
        )
        self.chats[chat_id].append(msg)
        await self._notify()
        return self._message_json(msg)

    def _find(self, p: dict) -> SentMessage:
        chat_id, message_id = int(p["chat_id"]), int(p["message_id"])
        for msg in self.chats.get(chat_id, []):
            if msg.message_id == message_id:
                return msg
        raise ApiError(400, "Bad Request: message to edit not found")

    def _message_json(self, msg: SentMessage) -> dict:
        out: dict[str, Any] = {
            "message_id": msg.message_id,
            "date": int(time.time()),
            "chat": _chat_json(msg.chat_id),
            "from": {"id": int(self.token.split(":")[0]), "is_bot": True, "first_name": "Boligbot"},
        }
        if msg.photo:
            out["photo"] = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
            out["caption"] = msg.text
        else:
            out["text"] = msg.text
        if msg.buttons:
            out["reply_markup"] = {"inline_keyboard": msg.buttons}
        return out

    async def _notify(self) -> None:
        async with self._new_message:
            self._new_message.notify_all()

    async def push_update(self, update: dict) -> dict:
        update["update_id"] = next(self._update_ids)
        if self.deliver is not None and await self.deliver(json.loads(json.dumps(update))):
            return update
        async with self._new_update:
            self.updates.append(update)
            self._new_update.notify_all()
        return update

    def proxy_webhook(self, urls: list[str], secret: str, give_up: float = 30) -> None:
        """Webhook mode behind a round-robin reverse proxy (nginx's ``upstream``): each new
        update is posted to the next of ``urls`` with Telegram's secret header. An instance that
        cannot be reached or answers 5xx is passed over for the next one (``proxy_next_upstream
        error timeout http_502 http_503 non_idempotent``); when none takes the update, it is
        posted again after a pause, as Telegram does, for up to ``give_up`` seconds."""
        self._http = self._http or ClientSession(timeout=ClientTimeout(total=10))
        http, turn = self._http, itertools.count()

        async def deliver(update: dict) -> bool:
            first, deadline = next(turn), time.monotonic() + give_up
            while True:
                for i in range(len(urls)):
                    url = urls[(first + i) % len(urls)]
                    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
                    try:
                        async with http.post(url, json=update, headers=headers) as resp:
                            status: int | str = resp.status
                    except (ClientError, TimeoutError) as exc:
                        status = type(exc).__name__
                    self.webhook_posts.append((url, update["update_id"], status))
                    if status == 200:
                        return True
                    if isinstance(status, int) and status < 500:
                        return False  # refused (a wrong secret, not an update): not retried
                if time.monotonic() > deadline:
                    return False
                await asyncio.sleep(0.5)

        self.deliver = deliver

    # --- what test users do ------------------------------------------------------------------

    def user_message(self, user: dict, chat: dict, **content: Any) -> dict:
        chat_id = chat["id"]
        return {
            "message": {
                "message_id": next(self._message_ids[chat_id]),
                "date": int(time.time()),
                "chat": chat,
                "from": user,
                **content,
            }
        }

    async def send_text(
        self, user: dict, text: str, chat: dict | None = None, reply_to: SentMessage | None = None
    ) -> dict:
        chat = chat or _chat_json(user["id"], user)
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            length = len(text.split(" ", 1)[0])
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if reply_to is not None:
            content["reply_to_message"] = self._message_json(reply_to)
        return await self.push_update(self.user_message(user, chat, **content))

    async def press(self, user: dict, msg: SentMessage, data: str) -> dict:
        return await self.push_update(
            {
                "callback_query": {
                    "id": str(next(self._update_ids) * 7919),
                    "from": user,
                    "chat_instance": "ci",
                    "data": data,
                    "message": self._message_json(msg),
                }
            }
        )

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        deadline = time.monotonic() + timeout
        async with self._new_message:
            while not (result := predicate()):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("timed out waiting for the bot")
                try:
                    await asyncio.wait_for(self._new_message.wait(), left)
                except TimeoutError:
                    pass
            return result


def _chat_json(chat_id: int, user: dict | None = None) -> dict:
    if chat_id < 0:
        return {"id": chat_id, "type": "supergroup", "title": "Staff"}
    chat = {"id": chat_id, "type": "private"}
    if user:
        chat["first_name"] = user.get("first_name", "")
    return chat


def _buttons(p: dict) -> list[list[dict]]:
    markup = p.get("reply_markup") or {}
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    for row in rows:
        for b in row:
            data = b.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return rows


def _reply_to(p: dict) -> int | None:
    if p.get("reply_to_message_id"):
        return int(p["reply_to_message_id"])
    params = p.get("reply_parameters")
    return (
        int(params["message_id"]) if isinstance(params, dict) and "message_id" in params else None
    )


async def _params(request: web.Request) -> dict:
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        raw.update(await request.json())
        return raw
    if request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            raw[key] = value if isinstance(value, str) else "<file>"
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str) and key in _JSON_KEYS:
            out[key] = json.loads(value)
        elif isinstance(value, str) and key in _INT_KEYS:
            out[key] = int(value)
        else:
            out[key] = value
    return out


def _error(exc: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
    if exc.parameters:
        body["parameters"] = exc.parameters
    return web.json_response(body, status=exc.code)
