"""Vacant-rental tips: subscriptions, drafts, preview, audience, send, stop, report.

Delivery goes through the tip outbox (:mod:`bot.core.broadcast.sender`, one row per person),
drained by the scheduler's job ``tips:send``; progress is edited into one report message.
Starting and stopping a tip are recorded in the audit log (who, which tip, how many).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.core.audit import Actor, AuditLog
from bot.core.broadcast.pacing import Pacer
from bot.core.broadcast.records import AUDIENCES, BroadcastInfo, OutboxItem, Tip
from bot.core.broadcast.sender import OutboxSender
from bot.core.events import Button, Reply
from bot.core.i18n import Translator
from bot.core.ports import DeliveryError, Messenger, Parts
from bot.core.textsplit import CAPTION_LIMIT
from bot.storage.broadcasts import BroadcastStore
from bot.storage.staff import StaffStore

log = logging.getLogger(__name__)

MAX_TEXT = 3500  # one message under the heading (escaped "&" and "<" may make it two parts)

SignFor = Callable[[int, str, str, str], Button]


@dataclass(frozen=True)
class Draft:
    id: int
    step: str  # content → preview


@dataclass(frozen=True)
class TooLong:
    limit: int
    length: int


class TipService:
    def __init__(
        self,
        staff: StaffStore,
        store: BroadcastStore,
        t: Translator,
        sign_for: SignFor,
        messenger: Callable[[], Messenger],
        pacer: Pacer,
        wake: Callable[[str], None],
        office_name: str,
        staff_lang: str,
        today: Callable[[], date],
        max_attempts: int,
        max_waits: int,
        progress_every: float,
        audit: AuditLog,
    ):
        self.staff, self.store, self.t, self.sign_for = staff, store, t, sign_for
        self.audit = audit
        self.messenger, self.wake = messenger, wake
        self.office_name, self.staff_lang, self.today = office_name, staff_lang, today
        self.sender = OutboxSender(
            store,
            self._send,
            self.render,
            pacer,
            self.report,
            max_attempts=max_attempts,
            max_waits=max_waits,
            progress_every=progress_every,
        )

    # --- subscriptions -----------------------------------------------------------------------

    async def subscribed(self, user_id: int) -> bool:
        return await self.staff.tips_subscribed(user_id)

    async def subscribe(self, user_id: int) -> bool:
        return await self.staff.subscribe_tips(user_id)

    async def unsubscribe(self, user_id: int) -> bool:
        return await self.staff.unsubscribe_tips(user_id)

    # --- drafts ------------------------------------------------------------------------------

    async def new_draft(self, staff_id: int) -> int:
        return await self.store.new_draft(staff_id)

    async def draft(self, staff_id: int) -> Draft | None:
        d = await self.store.draft(staff_id)
        return Draft(d.id, d.step) if d is not None else None

    async def drop_draft(self, staff_id: int) -> bool:
        return await self.store.drop_draft(staff_id)

    async def set_content(self, draft_id: int, text: str, photo: str | None) -> TooLong | None:
        """Keep the tip's text and photo; TooLong when it will not fit. A caption is checked
        as sent: escaped, under the longest heading of any language."""
        escaped = html.escape(text.strip(), quote=False)
        limit = CAPTION_LIMIT - self._heading_room() if photo else MAX_TEXT
        length = len(escaped) if photo else len(text.strip())
        if length > limit:
            return TooLong(limit, length)
        await self.store.set_content(draft_id, escaped, photo)
        return None

    async def upload_photo(self, chat_id: int, data: bytes) -> str:
        """Upload a tip's photo (from the desk) once, to ``chat_id`` (the staff chat); the tip
        then sends Telegram's id for it. Raises :class:`DeliveryError` when it cannot."""
        caption = self.t(self.staff_lang, "tips-desk-photo")
        return await self.messenger().upload_photo(chat_id, data, caption)

    async def audiences(self) -> dict[str, int]:
        """How many people each audience reaches today."""
        return await self.store.audience_sizes(self.today())

    async def preview(self, draft_id: int, staff_id: int, lang: str) -> Reply:
        tip = await self.store.tip(draft_id)
        assert tip is not None
        return self.render(tip, OutboxItem(0, draft_id, staff_id, 0, lang), preview=True)

    async def queue(
        self, draft_id: int, staff_id: int, audience: str, report_chat: int | None, by: Actor
    ) -> int | None:
        """Start sending: one outbox row per person; None when already started or dropped.
        Progress is edited into a message in ``report_chat`` (None: no message, e.g. the desk
        without a staff chat shows it on its own page). ``staff_id`` owns the draft; ``by`` is
        who sends it, for the audit log."""
        if audience not in AUDIENCES:
            return None
        total = await self.store.queue(draft_id, staff_id, audience, self.today(), report_chat)
        if total is None:
            return None
        await self.audit.record(by, "tip.send", draft_id, count=total, detail=audience)
        info = await self.store.info(draft_id)
        assert info is not None
        if report_chat:
            try:
                msg_id = await self.messenger().send(report_chat, self.progress(info))
                await self.store.set_report_message(info.id, report_chat, msg_id)
            except DeliveryError:
                log.exception("could not post the progress message of broadcast %s", info.id)
        self.wake("tips:send")
        log.info(
            "staff %s started broadcast %s to %d people (%s)", staff_id, draft_id, total, audience
        )
        return total

    async def cancel(self, broadcast_id: int, by: Actor) -> bool:
        """Stop a tip that is being sent; False when it had finished or stopped already."""
        if not await self.store.cancel(broadcast_id):
            return False
        await self.audit.record(by, "tip.stop", broadcast_id)
        return True

    async def stop(self, broadcast_id: int, by: Actor) -> bool:
        """Cancel, and show it in the progress message (the desk; in Telegram the stop button's
        answer replaces that message itself)."""
        if not await self.cancel(broadcast_id, by):
            return False
        info = await self.store.info(broadcast_id)
        if info is not None:
            try:
                await self.report(info)
            except DeliveryError:
                log.warning("could not show in its report that broadcast %s stopped", info.id)
        return True

    async def info(self, broadcast_id: int) -> BroadcastInfo | None:
        return await self.store.info(broadcast_id)

    async def recent(self, limit: int = 5) -> list[BroadcastInfo]:
        return await self.store.recent(limit)

    # --- sending -----------------------------------------------------------------------------

    async def _send(self, chat_id: int, reply: Reply, parts: Parts) -> int:
        """A tip: the outbox sender took the pacer slot before claiming the row."""
        return await self.messenger().send(chat_id, reply, slot_taken=True, parts=parts)

    def _heading(self, lang: str) -> str:
        return self.t(lang, "tips-heading", office=html.escape(self.office_name, quote=False))

    def _heading_room(self) -> int:
        """What the heading takes of a caption in the language where it is longest."""
        return max(len(self._heading(lang)) for lang in self.t.languages) + 2

    def render(self, tip: Tip, item: OutboxItem, preview: bool = False) -> Reply:
        """The tip as one person receives it, with their own unsubscribe button."""
        lang = item.language if item.language in self.t.languages else "nb"
        heading = self._heading(lang)
        text = f"{heading}\n\n{tip.text}" if tip.text else heading
        label = self.t(lang, "tips-btn-unsubscribe")
        # In a preview, a button that only says what it would do.
        button = self.sign_for(item.user_id, label, "tipe" if preview else "tips_off", "")
        return Reply(text, [[button]], photo=tip.photo)

    def progress(self, info: BroadcastInfo) -> Reply:
        r = info.report
        t, lang = self.t, self.staff_lang
        audience = t(lang, f"tips-audience-name-{info.audience}")
        counts = dict(
            id=info.id,
            total=r.total,
            audience=audience,
            sent=r.sent,
            blocked=r.blocked,
            failed=r.failed,
        )
        unknown = t(lang, "tips-report-unknown", unknown=r.unknown) if r.unknown else ""
        if info.status == "running":
            text = t(lang, "tips-progress", done=r.done, **counts) + unknown
            chat = info.report_chat_id or 0
            stop = self.sign_for(chat, t(lang, "tips-btn-cancel-broadcast"), "tipk", str(info.id))
            return Reply(text, [[stop]])
        key = "tips-report-cancelled" if info.status == "cancelled" else "tips-report-done"
        return Reply(t(lang, key, cancelled=r.cancelled, **counts) + unknown)

    async def report(self, info: BroadcastInfo) -> None:
        if not info.report_chat_id or not info.report_message_id:
            return
        await self.messenger().edit(
            info.report_chat_id, info.report_message_id, self.progress(info)
        )
