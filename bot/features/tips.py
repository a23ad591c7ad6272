"""Vacant-rental tips: residents subscribe; staff compose, preview, choose an audience and send.

Subscribing: menu item ``tips``, ``t.me/<bot>?start=tips``; unsubscribing: the button under
every tip, or the menu item. Staff: ``/tips`` (or the staff menu) → send the tip as text, a photo
with caption, or a link → preview → audience → confirm. The draft lives in the database, so a
restart in the middle loses nothing. Delivery goes through the outbox and
:class:`bot.core.broadcast.sender.OutboxSender`; progress is edited into one message in the
staff chat, which carries a cancel button while the broadcast runs.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import timedelta

from bot.config import Config
from bot.core.assistant import Assistant
from bot.core.broadcast.pacing import Pacer
from bot.core.broadcast.records import AUDIENCES, BroadcastInfo, OutboxItem, Tip
from bot.core.broadcast.sender import OutboxSender
from bot.core.context import Context
from bot.core.events import Outcome, Reply
from bot.core.feature import Feature, Handler
from bot.core.ids import row_id
from bot.core.jobs import Job
from bot.core.ports import DeliveryError, Parts
from bot.core.textsplit import CAPTION_LIMIT
from bot.storage.broadcasts import BroadcastStore
from bot.storage.staff import StaffStore

log = logging.getLogger(__name__)

MAX_TEXT = 3500  # one message under the heading (escaped "&" and "<" may make it two parts)


class Tips(Feature):
    name = "tips"
    text_priority = 12  # a staff member's draft text comes before the FAQ

    def __init__(
        self,
        cfg: Config,
        staff: StaffStore,
        broadcasts: BroadcastStore,
        assistant: Assistant,
        wake: Callable[[str], None],
        pacer: Pacer | None = None,
    ):
        """``wake(job)``: run a scheduled job now (the sender, once a tip is queued)."""
        self.cfg = cfg
        self.staff_lang = cfg.bot.default_language  # the staff chat's language
        self.staff = staff
        self.store = broadcasts
        self.assistant = assistant
        self.wake = wake
        self.t = assistant.t
        self.pacer = pacer or assistant.pacer  # the process's one pacer
        self.sender = OutboxSender(
            broadcasts,
            self._send,
            self.render,
            self.pacer,
            self.report,
            max_attempts=cfg.broadcast.max_attempts,
            max_waits=cfg.broadcast.max_waits,
            progress_every=cfg.broadcast.progress_every_seconds,
        )

    # --- protocol ----------------------------------------------------------------------------

    def menu_items(self) -> dict[str, Handler]:
        return {"tips": self.menu}

    def start_payloads(self) -> dict[str, Handler]:
        return {"tips": self.subscribe}

    def actions(self) -> dict[str, Handler]:
        return {"tips_on": self.subscribe, "tips_off": self.unsubscribe}

    def staff_commands(self) -> dict[str, Handler]:
        return {"tips": self.new_draft}

    def staff_actions(self) -> dict[str, Handler]:
        return {
            "tipn": self.new_draft,
            "tipa": self.choose_audience,
            "tipc": self.confirm,
            "tipx": self.drop_draft,
            "tipk": self.cancel,
            "tipe": self.back_to_audience,
        }

    async def on_text(self, ctx: Context) -> Outcome | None:
        return await self._draft_input(ctx)

    async def on_media(self, ctx: Context) -> Outcome | None:
        return await self._draft_input(ctx)

    async def personal_data(self, user_id: int, lang: str) -> list[str]:
        if await self.staff.tips_subscribed(user_id):
            return [self.t(lang, "tips-data-subscribed")]
        return []

    def jobs(self) -> list[Job]:
        return [Job("tips:send", self.sender.drain, every=timedelta(seconds=1))]

    async def start(self) -> None:
        await self.store.load_presence()
        await self.sender.recover()

    async def stop(self) -> None:
        await self.sender.stop()

    # --- residents ---------------------------------------------------------------------------

    async def menu(self, ctx: Context) -> Outcome:
        if await self.staff.tips_subscribed(ctx.user_id):
            return ctx.reply(
                ctx.t("tips-menu-subscribed"),
                [
                    [ctx.button(ctx.t("tips-btn-unsubscribe"), "tips_off")],
                    [ctx.button(ctx.t("tips-btn-menu"), "menu")],
                ],
            )
        return ctx.reply(
            ctx.t("tips-menu-offer"),
            [
                [ctx.button(ctx.t("tips-btn-subscribe"), "tips_on")],
                [ctx.button(ctx.t("tips-btn-menu"), "menu")],
            ],
        )

    async def subscribe(self, ctx: Context) -> Outcome:
        await self.staff.subscribe_tips(ctx.user_id)
        return ctx.menu(ctx.t("tips-subscribed"))

    async def unsubscribe(self, ctx: Context) -> Outcome:
        await self.staff.unsubscribe_tips(ctx.user_id)
        return ctx.reply(
            ctx.t("tips-unsubscribed"),
            [
                [ctx.button(ctx.t("tips-btn-subscribe-again"), "tips_on")],
                [ctx.button(ctx.t("tips-btn-menu"), "menu")],
            ],
        )

    # --- staff: composing --------------------------------------------------------------------

    async def new_draft(self, ctx: Context) -> Outcome:
        if not ctx.incoming.is_private:  # the draft is read from the private chat only
            return ctx.reply(ctx.t("tips-draft-private"))
        await self.store.new_draft(ctx.user_id)
        return ctx.reply(ctx.t("tips-draft-ask"), [[ctx.button(ctx.t("tips-btn-drop"), "tipx")]])

    async def _draft_input(self, ctx: Context) -> Outcome | None:
        if not ctx.incoming.is_private:
            return None
        draft = await self.store.draft(ctx.user_id)
        if draft is None or draft.step != "content":
            return None
        if not await ctx.is_staff():  # the role was removed while composing
            await self.store.drop_draft(ctx.user_id)
            return ctx.assistant.refuse(ctx, "tip draft")
        text, photo = ctx.incoming.text.strip(), ctx.incoming.photo or None
        if ctx.incoming.kind == "unsupported" and not photo:
            return ctx.reply(
                ctx.t("tips-draft-unsupported"), [[ctx.button(ctx.t("tips-btn-drop"), "tipx")]]
            )
        if not text and not photo:
            return ctx.reply(ctx.t("tips-draft-ask"))
        escaped = html.escape(text, quote=False)
        # A caption is checked as sent: escaped, under the longest heading of any language.
        limit = CAPTION_LIMIT - self._heading_room() if photo else MAX_TEXT
        length = len(escaped) if photo else len(text)
        if length > limit:
            return ctx.reply(
                ctx.t("tips-draft-too-long", limit=limit, length=length),
                [[ctx.button(ctx.t("tips-btn-drop"), "tipx")]],
            )
        await self.store.set_content(draft.id, escaped, photo)
        return await self._preview(ctx, draft.id)

    async def _preview(self, ctx: Context, draft_id: int) -> Outcome:
        tip = await self.store.tip(draft_id)
        assert tip is not None
        sample = self.render(tip, OutboxItem(0, draft_id, ctx.user_id, 0, ctx.lang), preview=True)
        sizes = await self.store.audience_sizes(self.cfg.today())
        buttons = [
            [ctx.button(ctx.t(f"tips-audience-{a}", count=sizes[a]), "tipa", a)] for a in AUDIENCES
        ]
        buttons.append([ctx.button(ctx.t("tips-btn-drop"), "tipx")])
        return Outcome([sample, Reply(ctx.t("tips-preview-choose"), buttons)])

    async def back_to_audience(self, ctx: Context) -> Outcome:
        draft = await self.store.draft(ctx.user_id)
        if draft is None or draft.step != "preview":
            return ctx.assistant.stale(ctx)
        return await self._preview(ctx, draft.id)

    async def choose_audience(self, ctx: Context) -> Outcome | None:
        draft = await self.store.draft(ctx.user_id)
        if draft is None or draft.step != "preview" or ctx.arg not in AUDIENCES:
            return None
        size = (await self.store.audience_sizes(self.cfg.today()))[ctx.arg]
        if size == 0:
            return ctx.reply(
                ctx.t("tips-audience-empty"),
                [
                    [ctx.button(ctx.t("tips-btn-change"), "tipe")],
                    [ctx.button(ctx.t("tips-btn-drop"), "tipx")],
                ],
            )
        audience = ctx.t(f"tips-audience-name-{ctx.arg}")
        return ctx.reply(
            ctx.t("tips-confirm", count=size, audience=audience),
            [
                [ctx.button(ctx.t("tips-btn-send", count=size), "tipc", f"{draft.id}.{ctx.arg}")],
                [ctx.button(ctx.t("tips-btn-change"), "tipe")],
                [ctx.button(ctx.t("tips-btn-drop"), "tipx")],
            ],
            edit=True,
        )

    async def confirm(self, ctx: Context) -> Outcome | None:
        number, _, audience = ctx.arg.partition(".")
        if (draft_id := row_id(number)) is None or audience not in AUDIENCES:
            return None
        staff_chat = self.cfg.bot.staff_chat_id
        report_chat = staff_chat or ctx.user_id
        total = await self.store.queue(
            draft_id, ctx.user_id, audience, self.cfg.today(), report_chat
        )
        if total is None:  # pressed twice, or dropped meanwhile
            return ctx.assistant.stale(ctx)
        info = await self.store.info(draft_id)
        assert info is not None
        try:
            messenger = self.assistant.require_messenger()  # paced by the messenger
            msg_id = await messenger.send(report_chat, self._progress(info))
            await self.store.set_report_message(info.id, report_chat, msg_id)
        except DeliveryError:
            log.exception("could not post the progress message of broadcast %s", info.id)
        self.wake("tips:send")
        where = ctx.t("tips-where-staff-chat") if staff_chat else ctx.t("tips-where-here")
        return ctx.reply(ctx.t("tips-started", count=total, where=where), edit=True)

    async def drop_draft(self, ctx: Context) -> Outcome:
        await self.store.drop_draft(ctx.user_id)
        return ctx.reply(ctx.t("tips-dropped"), edit=True)

    async def cancel(self, ctx: Context) -> Outcome | None:
        if (broadcast_id := row_id(ctx.arg)) is None:
            return None
        if not await self.store.cancel(broadcast_id):
            out = ctx.reply(ctx.t("tips-cancel-too-late"))
            out.notice = ctx.t("tips-cancel-too-late")
            return out
        info = await self.store.info(broadcast_id)
        assert info is not None
        out = Outcome([Reply(self._progress(info).text, edit=True)])
        out.notice = ctx.t("tips-cancelled-short")
        return out

    # --- sending -----------------------------------------------------------------------------

    async def _send(self, chat_id: int, reply: Reply, parts: Parts) -> int:
        """A tip: the outbox sender took the pacer slot before claiming the row."""
        messenger = self.assistant.require_messenger()
        return await messenger.send(chat_id, reply, slot_taken=True, parts=parts)

    def _heading(self, lang: str) -> str:
        return self.t(lang, "tips-heading", office=html.escape(self.cfg.office.name, quote=False))

    def _heading_room(self) -> int:
        """What the heading takes of a caption in the language where it is longest."""
        return max(len(self._heading(lang)) for lang in self.t.languages) + 2

    def render(self, tip: Tip, item: OutboxItem, preview: bool = False) -> Reply:
        """The tip as one person receives it, with their own unsubscribe button."""
        lang = item.language if item.language in self.t.languages else "nb"
        heading = self._heading(lang)
        text = f"{heading}\n\n{tip.text}" if tip.text else heading
        label = self.t(lang, "tips-btn-unsubscribe")
        if preview:  # a button that only says what it would do
            button = self.assistant.signed_for(item.user_id, label, "tipe")
        else:
            button = self.assistant.signed_for(item.user_id, label, "tips_off")
        return Reply(text, [[button]], photo=tip.photo)

    def _progress(self, info: BroadcastInfo) -> Reply:
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
            return Reply(
                text,
                [
                    [
                        self.assistant.signed_for(
                            chat, t(lang, "tips-btn-cancel-broadcast"), "tipk", str(info.id)
                        )
                    ]
                ],
            )
        key = "tips-report-cancelled" if info.status == "cancelled" else "tips-report-done"
        return Reply(t(lang, key, cancelled=r.cancelled, **counts) + unknown)

    async def report(self, info: BroadcastInfo) -> None:
        if not info.report_chat_id or not info.report_message_id:
            return
        await self.assistant.require_messenger().edit(
            info.report_chat_id, info.report_message_id, self._progress(info)
        )
