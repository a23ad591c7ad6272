"""python-telegram-bot adapter: carries core outcomes to Telegram and back."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import signal
import socket
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application, ApplicationBuilder, ContextTypes, ExtBot, TypeHandler

from bot.channels.telegram.convert import to_incoming, to_markup
from bot.config import Config, webhook_problems
from bot.core.assistant import Assistant
from bot.core.broadcast.pacing import Pacer
from bot.core.events import Incoming, Outcome, Reply
from bot.core.inbound import Arrived, InboundQueue
from bot.core.metrics import SENDS, Metrics, NoMetrics
from bot.core.ports import (
    DeliveryUncertain,
    Parts,
    RecipientBlocked,
    RetryLater,
    TransientError,
)
from bot.core.textsplit import message_parts, split_message

log = logging.getLogger(__name__)

COMMANDS = ["start", "help", "sprak", "personvern", "mine_data", "slett", "stopp"]


REPLY_RETRIES = 6  # RetryAfter answers a reply may get before it is given up


class TelegramMessenger:
    """:class:`bot.core.ports.Messenger` on a PTB Bot; maps Telegram errors to core ones.
    Every send and edit takes a slot of the process's one pacer."""

    def __init__(self, application: Application, pacer: Pacer, metrics: Metrics | None = None):
        self.app = application
        self.pacer = pacer
        self.metrics = metrics or NoMetrics()

    @property
    def username(self) -> str:
        try:
            return self.app.bot.username or ""
        except RuntimeError:  # not initialised yet
            return ""

    async def send(
        self,
        chat_id: int,
        reply: Reply,
        slot_taken: bool = False,
        urgent: bool = False,
        parts: Parts | None = None,
    ) -> int:
        try:
            msg_id = await send_reply(
                self.app,
                chat_id,
                reply,
                self.pacer,
                urgent=urgent,
                slot_taken=slot_taken,
                parts=parts,
            )
        except TelegramError as exc:
            error = _delivery_error(exc)
            self.metrics.count(SENDS, result=_result(error))
            raise error from exc
        self.metrics.count(SENDS, result="ok")
        return msg_id

    async def upload_photo(self, chat_id: int, data: bytes, caption: str) -> str:
        await self.pacer.acquire(chat_id, urgent=True)
        try:
            msg = await self.app.bot.send_photo(
                chat_id, data, caption=caption or None, parse_mode=ParseMode.HTML
            )
        except TelegramError as exc:
            error = _delivery_error(exc)
            self.metrics.count(SENDS, result=_result(error))
            raise error from exc
        self.metrics.count(SENDS, result="ok")
        if not msg.photo:
            raise TransientError("Telegram kept no photo")
        return msg.photo[-1].file_id  # the largest size comes last

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> None:
        await self.pacer.acquire(chat_id)
        try:
            await self.app.bot.edit_message_text(
                split_message(reply.text)[0],
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=to_markup(reply.buttons),
                disable_web_page_preview=True,
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise _delivery_error(exc) from exc
        except TelegramError as exc:
            raise _delivery_error(exc) from exc


def _delivery_error(exc: TelegramError) -> Exception:
    """The core's view of a Telegram error (RetryAfter → RetryLater, Forbidden → blocked...)."""
    if isinstance(exc, Forbidden):
        return RecipientBlocked(str(exc))
    if isinstance(exc, RetryAfter):
        return RetryLater(_seconds(exc.retry_after))
    if isinstance(exc, BadRequest):
        low = str(exc).lower()
        if "chat not found" in low or "deactivated" in low:
            return RecipientBlocked(str(exc))
        return exc
    if isinstance(exc, TimedOut):
        return DeliveryUncertain(str(exc))
    if isinstance(exc, NetworkError):
        return TransientError(str(exc))
    return exc


def _result(error: Exception) -> str:
    """The ``result`` label of :data:`bot.core.metrics.SENDS` for a delivery error."""
    for kind, name in (
        (RecipientBlocked, "blocked"),
        (RetryLater, "retry_later"),
        (DeliveryUncertain, "uncertain"),
        (TransientError, "transient"),
    ):
        if isinstance(error, kind):
            return name
    return "error"


def _seconds(retry: Any) -> float:
    """RetryAfter.retry_after: seconds in PTB 22, a timedelta in later versions."""
    return retry.total_seconds() if hasattr(retry, "total_seconds") else float(retry)


async def send_reply(
    app: Application,
    chat_id: int,
    reply: Reply,
    pacer: Pacer,
    *,
    urgent: bool = False,
    slot_taken: bool = False,
    retries: int = 0,
    parts: Parts | None = None,
) -> int:
    """Send one reply and return the last part's message id. A long text goes out in parts
    (:func:`message_parts`; buttons on the last, the reply-to on the first); a photo whose
    caption does not fit is followed by the rest of its text.

    Each request takes a pacer slot (``slot_taken``: the caller holds one for the first).
    RetryAfter pauses the pacer for everyone; the part that got it is sent again up to
    ``retries`` times (replies), else the error is raised (the outbox retries on its own
    schedule, going on from ``parts.done``). A part that arrived is never sent again."""
    parts = parts or Parts()
    texts = message_parts(reply.text, photo=bool(reply.photo))
    markup = to_markup(reply.buttons)
    last = len(texts) - 1

    def request(i: int) -> Awaitable[Any]:
        extra = {
            "reply_markup": markup if i == last else None,
            "reply_to_message_id": reply.reply_to_message_id if i == 0 else None,
        }
        if i == 0 and reply.photo:
            return app.bot.send_photo(
                chat_id, reply.photo, caption=texts[0] or None, parse_mode=ParseMode.HTML, **extra
            )
        return app.bot.send_message(
            chat_id, texts[i], parse_mode=ParseMode.HTML, disable_web_page_preview=True, **extra
        )

    msg_id = 0
    first_request = True
    for i in range(min(parts.done, last), last + 1):
        attempt = 0
        while True:
            if not (slot_taken and first_request):
                await pacer.acquire(chat_id, urgent)
            first_request = False
            try:
                msg_id = (await request(i)).message_id
                parts.ids.append(msg_id)
                break
            except RetryAfter as exc:
                pacer.pause(_seconds(exc.retry_after))
                attempt += 1
                if attempt > retries:  # the caller goes on from ``parts.done`` (none resent)
                    raise
            except NetworkError as exc:
                # A server or network error means the part did not arrive: a reply (retries)
                # sends it again after a short wait. A refused request (BadRequest) would fail
                # again; a timeout may have delivered: neither is sent again.
                attempt += 1
                if isinstance(exc, (TimedOut, BadRequest)) or attempt > retries:
                    raise
                await asyncio.sleep(min(1.0, 0.25 * 2**attempt))
        if i < last:
            parts.done = i + 1
            if parts.saved is not None:
                await parts.saved(parts.done)
    return msg_id


def chat_key(update: Update) -> int | None:
    """Whose update this is, for the inbound queue's order: the person (one person's steps in
    order; in a group, each member's), else the chat (a channel post), else None."""
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None


def _process_id() -> str:
    """This process's name on the inbound queue's leases (host, pid, and a nonce: a restarted
    process with the same pid is not taken for the old one)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


POLL_RETRY_MAX = 30.0  # seconds between getUpdates attempts after errors, at most


class TelegramChannel:
    """Telegram through PTB: PTB's Application runs the handler, the error handler and sends;
    updates come in through the inbound queue (:mod:`bot.core.inbound`), not PTB's Updater.

    Polling: :meth:`_poll` calls ``getUpdates`` and stores each batch before it moves the offset
    on, so Telegram keeps what was not stored. Webhook: :meth:`receive` stores the update before
    the desk answers 200. Either way the queue's worker hands stored updates, in order per
    person, to ``Application.process_update`` (a crash in one handler goes to :meth:`_on_error`,
    which apologises; the bot goes on), and several processes on one database share the work."""

    def __init__(self, cfg: Config, assistant: Assistant):
        self.cfg = cfg
        self.assistant = assistant
        base = cfg.telegram.api_base_url
        self.app: Application = (
            ApplicationBuilder()
            .token(cfg.telegram.token.get_secret_value())
            .base_url(f"{base}/bot")
            .base_file_url(f"{base}/file/bot")
            .read_timeout(cfg.telegram.timeout_seconds)
            .write_timeout(cfg.telegram.timeout_seconds)
            .updater(None)  # our own polling loop stores updates before it confirms them
            .post_init(self._post_init)
            .post_shutdown(self._post_shutdown)
            .build()
        )
        self.app.add_handler(TypeHandler(Update, self._on_update))
        self.app.add_error_handler(self._on_error)
        self.pacer = assistant.pacer
        assistant.messenger = TelegramMessenger(self.app, self.pacer, assistant.metrics)
        if assistant.inbound is None:
            raise RuntimeError("the Telegram channel needs the inbound update store")
        self.inbound = InboundQueue(
            assistant.inbound,
            self._handle_stored,
            _process_id(),
            cfg.bot.max_concurrent_updates,
            lease=timedelta(seconds=cfg.bot.update_lease_seconds),
        )
        self.accepting = False  # webhook mode: updates are taken from start until stop
        self._poller: asyncio.Task | None = None

    async def _post_init(self, app: Application) -> None:
        await self.set_commands()
        await self.assistant.start()

    async def _post_shutdown(self, app: Application) -> None:
        await self.assistant.stop()

    async def set_commands(self) -> None:
        t = self.assistant.t
        for lang, codes in (("nb", (None, "nb", "nn", "no")), ("en", ("en",))):
            commands = [BotCommand(c, t(lang, f"commands-{c}")) for c in COMMANDS]
            for code in codes:
                await self.app.bot.set_my_commands(commands, language_code=code)

    async def _handle_stored(self, payload: str) -> None:
        """One stored update, taken by the queue's worker: through PTB's handlers (the error
        handler hears whatever a handler raises)."""
        update = Update.de_json(json.loads(payload), self.app.bot)
        if isinstance(self.app.bot, ExtBot):
            self.app.bot.insert_callback_data(update)  # as PTB's own update fetching does
        await self.app.process_update(update)

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        event = to_incoming(update)
        if event is None:
            return
        outcome = await self.assistant.handle(event)
        await self.deliver(update, event, outcome)

    async def deliver(self, update: Update, event: Incoming, outcome: Outcome) -> None:
        query = update.callback_query
        if query is not None:
            try:
                await query.answer(outcome.notice)
            except TelegramError:
                log.info("could not answer callback query of update %s", update.update_id)
        for reply in outcome.replies:
            chat_id = reply.chat_id if reply.chat_id is not None else event.chat_id
            editable = reply.edit and query is not None and query.message is not None
            if editable and chat_id == event.chat_id and await self._edit(query, reply):
                msg_id = query.message.message_id
            else:
                # Replies go first through the one pacer, and are sent again after RetryAfter.
                msg_id = await send_reply(
                    self.app, chat_id, reply, self.pacer, urgent=True, retries=REPLY_RETRIES
                )
            if callable(reply.on_sent):  # delivered (a failed send raised above)
                await reply.on_sent(msg_id)

    async def _edit(self, query: Any, reply: Reply) -> bool:
        parts = split_message(reply.text)
        if len(parts) > 1 or reply.photo:
            return False
        await self.pacer.acquire(query.message.chat_id, urgent=True)
        try:
            await query.edit_message_text(
                parts[0],
                parse_mode=ParseMode.HTML,
                reply_markup=to_markup(reply.buttons),
                disable_web_page_preview=True,
            )
            return True
        except BadRequest as exc:
            return "not modified" in str(exc).lower()

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("error while handling update %s", update_id, exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            user = update.effective_user
            lang = self.assistant.t.normalise(user.language_code if user else None)
            with contextlib.suppress(TelegramError):
                await self.pacer.acquire(update.effective_chat.id, urgent=True)
                await context.bot.send_message(
                    update.effective_chat.id, self.assistant.t(lang, "error-apology")
                )

    async def _start(self) -> None:
        """PTB's application (handlers, sending), the features, then the queue's worker."""
        await self.app.initialize()
        await self._post_init(self.app)
        await self.app.start()
        await self.inbound.start()

    async def start_polling(self, poll_timeout: int = 10) -> None:
        """Start inside a running loop (tests, benchmarks, embedding); pair with :meth:`stop`."""
        await self._start()
        await self.app.bot.delete_webhook()  # getUpdates is refused while a webhook is set
        self._poller = asyncio.create_task(self._poll(poll_timeout), name="telegram-polling")

    async def start_webhook(self) -> None:
        """Take updates through :meth:`receive` (the desk's ``/telegram``); pair with
        :meth:`stop`. The webhook itself is registered by :meth:`register_webhook`."""
        self.accepting = True  # stored now, handled once the worker runs
        await self._start()

    async def stop(self) -> None:
        """Take no more updates; those being handled finish. What was stored and not handled
        stays in the database for the next start (or another process)."""
        self.accepting = False  # webhook: what arrives now is answered 503 and sent again
        if self._poller is not None:
            self._poller.cancel()  # a batch not yet stored is not confirmed: sent again
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None
        if self.inbound.running:
            await self.inbound.stop()
        if self.app.running:
            await self.app.stop()
        await self._post_shutdown(self.app)
        await self.app.shutdown()

    async def _poll(self, wait: int) -> None:
        """Long polling: each batch is stored (committed) before the next ``getUpdates``
        confirms it with its offset, so a process killed at any point loses no update it
        fetched: Telegram sends again what was not confirmed, and the store ignores what it
        holds already. Errors are logged and retried with a growing pause."""
        offset = 0
        failures = 0
        while True:
            try:
                updates = await self.app.bot.get_updates(
                    offset=offset, timeout=wait, allowed_updates=Update.ALL_TYPES
                )
                if updates:
                    await self.inbound.put(
                        [
                            Arrived(u.update_id, chat_key(u), json.dumps(u.to_dict()))
                            for u in updates
                        ]
                    )
                    offset = updates[-1].update_id + 1
                failures = 0
            except asyncio.CancelledError:
                raise
            except RetryAfter as exc:
                await asyncio.sleep(_seconds(exc.retry_after))
            except TimedOut:
                continue  # a long poll that outlived its read timeout: ask again
            except Exception as exc:
                failures += 1
                pause = min(POLL_RETRY_MAX, 0.5 * 2**failures)
                level = logging.ERROR if failures > 3 else logging.WARNING
                log.log(level, "polling: %s; trying again in %.0f s", type(exc).__name__, pause)
                await asyncio.sleep(pause)

    async def receive(self, data: dict[str, Any]) -> bool:
        """One update posted to the webhook (its secret already checked): stored in the inbound
        queue (committed) before this returns True and the desk answers 200. False while
        stopping, or when it could not be stored (Telegram is answered 503 and sends it again);
        ValueError when ``data`` is not an update."""
        if not self.accepting:
            return False
        try:
            update = Update.de_json(data, self.app.bot)
        except Exception as exc:  # PTB raises TypeError, KeyError, AttributeError...
            raise ValueError(f"not an update ({type(exc).__name__})") from None
        try:
            await self.inbound.put([Arrived(update.update_id, chat_key(update), json.dumps(data))])
        except Exception:
            log.exception("webhook: update %s could not be stored", update.update_id)
            return False
        return True

    async def register_webhook(self) -> None:
        """Webhook mode without PTB's web server: the desk's server (a service of the assistant,
        started in :meth:`_post_init`) takes the updates on ``/telegram`` and hands them to
        :meth:`receive`. The webhook is (re)registered at every start with the secret; it is not
        deleted at stop, so Telegram keeps the updates sent during a restart and delivers them
        after."""
        await self.start_webhook()
        tg = self.cfg.telegram
        await self.app.bot.set_webhook(
            url=f"{tg.webhook.url.rstrip('/')}/telegram",
            secret_token=tg.webhook.secret_token.get_secret_value(),
            allowed_updates=Update.ALL_TYPES,
        )
        log.info("webhook registered; taking updates on the desk's /telegram")

    async def serve(
        self, start: Callable[[], Awaitable[None]], stop_signals: tuple[int, ...]
    ) -> None:
        """``start`` (polling or the webhook), then run until one of ``stop_signals``."""
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in stop_signals:
            loop.add_signal_handler(sig, stopping.set)
        try:
            await start()
            await stopping.wait()
        finally:
            await self.stop()
            for sig in stop_signals:
                loop.remove_signal_handler(sig)

    def run(self) -> None:
        """Run until SIGINT/SIGTERM: long polling, or the webhook when configured (the desk's
        web server must then take the updates: ``DeskServer.serve_webhook(secret, receive)``)."""
        stop = (signal.SIGINT, signal.SIGTERM)
        if self.cfg.telegram.mode == "webhook":
            if problems := webhook_problems(self.cfg):  # `boligbot run` refuses these before
                raise RuntimeError("; ".join(problems))
            main = self.serve(self.register_webhook, stop)
        else:
            main = self.serve(self.start_polling, stop)
        # On the caller's loop, which the caller closes: what was opened on it (the database's
        # connections) must be closed on it too.
        asyncio.get_event_loop().run_until_complete(main)
