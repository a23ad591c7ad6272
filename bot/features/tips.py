"""Vacant-rental tips: residents subscribe; staff compose, preview, choose an audience and send.

Subscribing: menu item ``tips``, ``t.me/<bot>?start=tips``; unsubscribing: the button under
every tip, or the menu item. Staff: ``/tips`` (or the staff menu) → send the tip as text, a photo
with caption, or a link → preview → audience → confirm. The draft lives in the database, so a
restart in the middle loses nothing. Delivery goes through the outbox and
:class:`bot.core.broadcast.sender.OutboxSender`; progress is edited into one message in the
staff chat, which carries a cancel button while the broadcast runs.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.config import Config
from bot.core.audit import Actor
from bot.core.broadcast.records import AUDIENCES
from bot.core.context import Context
from bot.core.events import Outcome, Reply
from bot.core.feature import Feature, Handler
from bot.core.ids import row_id
from bot.core.jobs import Job
from bot.services.tips import TipService

log = logging.getLogger(__name__)


class Tips(Feature):
    name = "tips"
    text_priority = 12  # a staff member's draft text comes before the FAQ

    def __init__(self, cfg: Config, service: TipService):
        self.cfg = cfg
        self.service = service
        self.t = service.t

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
        if await self.service.subscribed(user_id):
            return [self.t(lang, "tips-data-subscribed")]
        return []

    async def statistics(self, lang: str) -> list[str]:
        t = self.t
        lines = [
            t(lang, "stats-tips", tips=await self.service.staff.tip_subscribers()),
            t(lang, "stats-broadcasts"),
        ]
        recent = await self.service.recent(5)
        if not recent:
            lines.append(t(lang, "stats-none"))
        for b in recent:
            r = b.report
            lines.append(
                t(
                    lang,
                    "stats-broadcast",
                    id=b.id,
                    date=b.created_at.astimezone(self.cfg.tz).strftime("%d.%m.%Y"),
                    status=b.status,
                    total=r.total,
                    sent=r.sent,
                    blocked=r.blocked,
                    failed=r.failed,
                    pending=r.pending,
                )
            )
        return lines

    def jobs(self) -> list[Job]:
        return [Job("tips:send", self.service.sender.drain, every=timedelta(seconds=1))]

    async def start(self) -> None:
        await self.service.store.load_presence()
        await self.service.sender.recover()

    async def stop(self) -> None:
        await self.service.sender.stop()

    # --- residents ---------------------------------------------------------------------------

    async def menu(self, ctx: Context) -> Outcome:
        if await self.service.subscribed(ctx.user_id):
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
        await self.service.subscribe(ctx.user_id)
        return ctx.menu(ctx.t("tips-subscribed"))

    async def unsubscribe(self, ctx: Context) -> Outcome:
        await self.service.unsubscribe(ctx.user_id)
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
        await self.service.new_draft(ctx.user_id)
        return ctx.reply(ctx.t("tips-draft-ask"), [[ctx.button(ctx.t("tips-btn-drop"), "tipx")]])

    async def _draft_input(self, ctx: Context) -> Outcome | None:
        if not ctx.incoming.is_private:
            return None
        draft = await self.service.draft(ctx.user_id)
        if draft is None or draft.step != "content":
            return None
        if not await ctx.is_staff():  # the role was removed while composing
            await self.service.drop_draft(ctx.user_id)
            return ctx.assistant.refuse(ctx, "tip draft")
        text, photo = ctx.incoming.text.strip(), ctx.incoming.photo or None
        if ctx.incoming.kind == "unsupported" and not photo:
            return ctx.reply(
                ctx.t("tips-draft-unsupported"), [[ctx.button(ctx.t("tips-btn-drop"), "tipx")]]
            )
        if not text and not photo:
            return ctx.reply(ctx.t("tips-draft-ask"))
        if too_long := await self.service.set_content(draft.id, text, photo):
            return ctx.reply(
                ctx.t("tips-draft-too-long", limit=too_long.limit, length=too_long.length),
                [[ctx.button(ctx.t("tips-btn-drop"), "tipx")]],
            )
        return await self._preview(ctx, draft.id)

    async def _preview(self, ctx: Context, draft_id: int) -> Outcome:
        sample = await self.service.preview(draft_id, ctx.user_id, ctx.lang)
        sizes = await self.service.audiences()
        buttons = [
            [ctx.button(ctx.t(f"tips-audience-{a}", count=sizes[a]), "tipa", a)] for a in AUDIENCES
        ]
        buttons.append([ctx.button(ctx.t("tips-btn-drop"), "tipx")])
        return Outcome([sample, Reply(ctx.t("tips-preview-choose"), buttons)])

    async def back_to_audience(self, ctx: Context) -> Outcome:
        draft = await self.service.draft(ctx.user_id)
        if draft is None or draft.step != "preview":
            return ctx.assistant.stale(ctx)
        return await self._preview(ctx, draft.id)

    async def choose_audience(self, ctx: Context) -> Outcome | None:
        draft = await self.service.draft(ctx.user_id)
        if draft is None or draft.step != "preview" or ctx.arg not in AUDIENCES:
            return None
        size = (await self.service.audiences())[ctx.arg]
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
        total = await self.service.queue(
            draft_id, ctx.user_id, audience, report_chat, Actor.chat(ctx.user_id)
        )
        if total is None:  # pressed twice, or dropped meanwhile
            return ctx.assistant.stale(ctx)
        where = ctx.t("tips-where-staff-chat") if staff_chat else ctx.t("tips-where-here")
        return ctx.reply(ctx.t("tips-started", count=total, where=where), edit=True)

    async def drop_draft(self, ctx: Context) -> Outcome:
        await self.service.drop_draft(ctx.user_id)
        return ctx.reply(ctx.t("tips-dropped"), edit=True)

    async def cancel(self, ctx: Context) -> Outcome | None:
        if (broadcast_id := row_id(ctx.arg)) is None:
            return None
        if not await self.service.cancel(broadcast_id, Actor.chat(ctx.user_id)):
            out = ctx.reply(ctx.t("tips-cancel-too-late"))
            out.notice = ctx.t("tips-cancel-too-late")
            return out
        info = await self.service.info(broadcast_id)
        assert info is not None
        out = Outcome([Reply(self.service.progress(info).text, edit=True)])
        out.notice = ctx.t("tips-cancelled-short")
        return out
