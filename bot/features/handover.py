"""Talk to staff: the person's messages go to the staff chat, staff reply there.

"Talk to staff" (menu item ``staff``, also the button under FAQ answers and dialog outcomes)
asks for the person's message and posts it in the staff chat with their first name and language.
A staff member replies to that post in the group; the reply reaches the person, and everything
the person writes goes on to staff until someone closes the thread (either side). No message
text is stored: the database keeps only which staff-chat posts belong to which thread.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.config import Config
from bot.core.context import Context
from bot.core.events import Outcome, Reply
from bot.core.feature import Feature, Handler
from bot.core.hours import is_open, next_opening
from bot.core.i18n import Translator
from bot.core.ports import DeliveryError, RecipientBlocked
from bot.core.reminders.texts import WEEKDAY_CODES
from bot.storage.staff import StaffStore, Thread
from bot.storage.types import utcnow

log = logging.getLogger(__name__)

_END_WORDS = {"avslutt", "ferdig", "end", "stop talking"}


class Handover(Feature):
    name = "handover"
    text_priority = 4  # an open thread gets the person's words before crisis words or the FAQ

    def __init__(
        self,
        cfg: Config,
        store: StaffStore,
        t: Translator,
        crisis: Callable[[str], bool],
        now: Callable[[], datetime] = utcnow,
    ):
        """``crisis(text)``: whether a message holds crisis words (the emergency card)."""
        self.cfg = cfg
        self.crisis = crisis
        self.staff_lang = cfg.bot.default_language  # the staff chat's language
        self.t = t
        self.store = store
        self.staff_chat = cfg.bot.staff_chat_id
        self.tz: ZoneInfo = cfg.tz
        self.now = now
        self.ask_timeout = timedelta(hours=cfg.handover.ask_timeout_hours)

    def menu_items(self) -> dict[str, Handler]:
        return {"staff": self.ask}

    def actions(self) -> dict[str, Handler]:
        return {"hoe": self.person_ends, "hoa": self.person_cancels}

    def staff_commands(self) -> dict[str, Handler]:
        return {"lukk": self.close_cmd}

    def staff_actions(self) -> dict[str, Handler]:
        return {"hoc": self.close_button}

    async def start(self) -> None:
        await self.store.load_presence()
        keep = timedelta(days=self.cfg.handover.keep_closed_days)
        if purged := await self.store.purge_closed(self.now() - keep):
            log.info("deleted %d closed handover threads", purged)

    async def personal_data(self, user_id: int, lang: str) -> list[str]:
        thread = await self.store.thread_of(user_id)
        if thread is None:
            return []
        return [self.t(lang, "handover-data", status=thread.status)]

    # --- the person ------------------------------------------------------------------------

    async def ask(self, ctx: Context) -> Outcome:
        v = ctx.assistant.variables
        if not self.staff_chat:
            return ctx.menu(ctx.t("handover-unavailable", **v))
        await self.store.ask(ctx.user_id)
        text = ctx.t("handover-ask")
        if not self.open_now():
            text += "\n\n" + self.closed_notice(ctx)
        return ctx.reply(text, [[ctx.button(ctx.t("handover-btn-cancel"), "hoa")]])

    def open_now(self) -> bool:
        o = self.cfg.office
        return is_open(self.now().astimezone(self.tz), o.opening_days, o.opens, o.closes)

    def closed_notice(self, ctx: Context) -> str:
        o = self.cfg.office
        nxt = next_opening(self.now().astimezone(self.tz), o.opening_days, o.opens, o.closes)
        when = (
            ctx.t(
                "handover-next-opening",
                weekday=ctx.t("reminders-weekday", day=WEEKDAY_CODES[nxt.weekday()]),
                time=nxt.strftime("%H.%M"),
            )
            if nxt
            else o.hours
        )
        return ctx.t("handover-closed", when=when, hours=o.hours, **ctx.assistant.variables)

    async def on_text(self, ctx: Context) -> Outcome | None:
        if not ctx.incoming.is_private:
            if ctx.incoming.chat_id == self.staff_chat and ctx.incoming.reply_to_message_id:
                return await self.staff_reply(ctx)
            return None
        thread = await self.store.thread_of(ctx.user_id)
        if thread is None:
            return None
        if thread.status == "asking" and self.now() - thread.updated_at > self.ask_timeout:
            await self.store.set_status(thread.id, "closed")  # asked long ago, never wrote
            return None
        if ctx.incoming.text.strip().lower() in _END_WORDS and thread.status == "open":
            return await self._person_close(ctx, thread)
        return await self.forward(ctx, thread)

    async def on_media(self, ctx: Context) -> Outcome | None:
        ev = ctx.incoming
        if not ev.is_private:
            if ev.chat_id == self.staff_chat and ev.reply_to_message_id:
                return await self.staff_reply(ctx)
            return None
        if await self.store.thread_of(ctx.user_id) is None:
            return None
        return ctx.reply(ctx.t("handover-text-only"))

    async def forward(self, ctx: Context, thread: Thread) -> Outcome:
        first = thread.status == "asking"
        name = html.escape(ctx.incoming.sender.first_name or "?", quote=False)
        header = self.t(
            self.staff_lang,
            "handover-staff-post",
            name=name,
            language=self.t(self.staff_lang, f"language-name-{ctx.lang}"),
            thread=thread.id,
        )
        post = Reply(
            f"{header}\n\n{html.escape(ctx.incoming.text, quote=False)}",
            [
                [
                    ctx.assistant.signed_for(
                        self.staff_chat,
                        self.t(self.staff_lang, "handover-btn-close"),
                        "hoc",
                        str(thread.id),
                    )
                ]
            ],
        )
        try:
            msg_id = await ctx.assistant.require_messenger().send(self.staff_chat, post)
        except DeliveryError:
            log.exception("could not post handover thread %s to the staff chat", thread.id)
            return ctx.menu(ctx.t("handover-failed", **ctx.assistant.variables))
        await self.store.add_post(thread.id, self.staff_chat, msg_id)
        end = [[ctx.button(ctx.t("handover-btn-end"), "hoe", str(thread.id))]]
        # A photo's caption went on, the photo did not: say so.
        media = "\n\n" + ctx.t("handover-text-only") if ctx.incoming.photo else ""
        if first:
            await self.store.set_status(thread.id, "open")
            text = ctx.t("handover-sent-first") + media
            if not self.open_now():
                text += "\n\n" + self.closed_notice(ctx)
        else:
            text = ctx.t("handover-sent") + media
        out = ctx.reply(text, end)
        # This feature takes the words before the crisis check; staff may not read them for a
        # while, so crisis words still get the emergency card.
        if self.crisis(ctx.incoming.text):
            out.replies.insert(0, Reply(ctx.t("crisis-card", **ctx.assistant.variables)))
        return out

    async def person_cancels(self, ctx: Context) -> Outcome:
        thread = await self.store.thread_of(ctx.user_id)
        if thread is not None and thread.status == "open":  # an old button: they wrote already
            return ctx.reply(
                ctx.t("handover-still-open"),
                [[ctx.button(ctx.t("handover-btn-end"), "hoe", str(thread.id))]],
            )
        if thread is not None:
            await self.store.set_status(thread.id, "closed")
        return ctx.menu(ctx.t("handover-cancelled"))

    async def person_ends(self, ctx: Context) -> Outcome:
        thread = await self.store.thread_of(ctx.user_id)
        if thread is None or str(thread.id) != ctx.arg:
            return ctx.menu(ctx.t("handover-already-closed"))
        return await self._person_close(ctx, thread)

    async def _person_close(self, ctx: Context, thread: Thread) -> Outcome:
        await self.store.set_status(thread.id, "closed")
        name = html.escape(ctx.incoming.sender.first_name or "?", quote=False)
        out = ctx.menu(ctx.t("handover-closed-by-person"))
        out.replies.insert(
            0,
            Reply(
                self.t(
                    self.staff_lang, "handover-staff-person-closed", name=name, thread=thread.id
                ),
                chat_id=self.staff_chat,
            ),
        )
        return out

    # --- staff -------------------------------------------------------------------------------

    async def staff_reply(self, ctx: Context) -> Outcome | None:
        ev = ctx.incoming
        assert ev.reply_to_message_id is not None
        thread = await self.store.thread_by_post(ev.chat_id, ev.reply_to_message_id)
        if thread is None:
            return None
        if not await ctx.is_staff():
            return ctx.assistant.refuse(ctx, "handover reply")
        if thread.status == "closed":
            return ctx.reply(
                ctx.t("handover-staff-thread-closed"), reply_to_message_id=ev.message_id
            )
        if ev.media:  # a photo, sticker ... (its caption alone would pass for the whole answer)
            return ctx.reply(ctx.t("handover-staff-text-only"), reply_to_message_id=ev.message_id)
        text = self.t(
            thread.language,
            "handover-answer",
            office=html.escape(self.cfg.office.name, quote=False),
            text=html.escape(ev.text, quote=False),
        )
        buttons = [
            [
                ctx.assistant.signed_for(
                    thread.user_id,
                    self.t(thread.language, "handover-btn-end"),
                    "hoe",
                    str(thread.id),
                )
            ]
        ]
        try:
            await ctx.assistant.require_messenger().send(thread.user_id, Reply(text, buttons))
        except RecipientBlocked:
            await self.store.set_status(thread.id, "closed")
            return ctx.reply(ctx.t("handover-staff-blocked"), reply_to_message_id=ev.message_id)
        except DeliveryError:
            log.exception("could not deliver a staff reply in thread %s", thread.id)
            return ctx.reply(ctx.t("handover-staff-failed"), reply_to_message_id=ev.message_id)
        # The staff reply is not linked to the thread: a colleague's reply to it is a comment
        # among staff and must not reach the person.
        return Outcome()

    async def close_cmd(self, ctx: Context) -> Outcome:
        ev = ctx.incoming
        thread = None
        if ev.reply_to_message_id:
            thread = await self.store.thread_by_post(ev.chat_id, ev.reply_to_message_id)
        elif ctx.arg.strip().isdigit():
            thread = await self.store.thread(int(ctx.arg.strip()))
        if thread is None:
            return ctx.reply(ctx.t("handover-close-how"))
        return await self._staff_close(ctx, thread)

    async def close_button(self, ctx: Context) -> Outcome:
        thread = await self.store.thread(int(ctx.arg)) if ctx.arg.isdigit() else None
        if thread is None:
            return ctx.assistant.stale(ctx)
        return await self._staff_close(ctx, thread)

    async def _staff_close(self, ctx: Context, thread: Thread) -> Outcome:
        if not await self.store.set_status(thread.id, "closed"):
            out = ctx.reply(ctx.t("handover-staff-thread-closed"))
            out.notice = ctx.t("handover-staff-thread-closed")
            return out
        by = html.escape(ctx.incoming.sender.first_name or "?", quote=False)
        lang = thread.language
        menu = [
            [ctx.assistant.signed_for(thread.user_id, self.t(lang, "handover-btn-menu"), "menu")]
        ]
        try:
            await ctx.assistant.require_messenger().send(
                thread.user_id, Reply(self.t(lang, "handover-closed-by-staff"), menu)
            )
        except DeliveryError:
            log.info("could not tell the person that thread %s was closed", thread.id)
        out = ctx.reply(ctx.t("handover-staff-closed", thread=thread.id, by=by))
        out.notice = ctx.t("handover-staff-closed-short")
        return out
