"""Talk to staff: the person's messages go to the staff chat, staff reply there.

"Talk to staff" (menu item ``staff``, also the button under FAQ answers and dialog outcomes)
asks for the person's message and posts it in the staff chat with their first name and language.
A staff member replies to that post in the group; the reply reaches the person, and everything
the person writes goes on to staff until someone closes the thread (either side). The work is
done by :class:`bot.services.handover.HandoverService` (also used by the staff desk); this
feature parses chat events and renders the answers.
"""

from __future__ import annotations

import html
import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.config import Config
from bot.core.audit import Actor
from bot.core.context import Context
from bot.core.events import Outcome, Reply
from bot.core.feature import Feature, Handler
from bot.core.hours import is_open, next_opening
from bot.core.i18n import Translator
from bot.core.ids import row_id
from bot.core.ports import Clock
from bot.core.reminders.texts import WEEKDAY_CODES
from bot.services.handover import HandoverService, Person
from bot.storage.staff import StaffStore, Thread

log = logging.getLogger(__name__)

_END_WORDS = {"avslutt", "ferdig", "end", "stop talking"}


class Handover(Feature):
    name = "handover"
    text_priority = 4  # an open thread gets the person's words before crisis words or the FAQ

    def __init__(
        self,
        cfg: Config,
        store: StaffStore,
        service: HandoverService,
        t: Translator,
        crisis: Callable[[str], bool],
        clock: Clock,
    ):
        """``crisis(text)``: whether a message holds crisis words (the emergency card)."""
        self.cfg = cfg
        self.crisis = crisis
        self.t = t
        self.store = store
        self.service = service
        self.staff_chat = cfg.bot.staff_chat_id
        self.tz: ZoneInfo = cfg.tz
        self.clock = clock
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

    def now(self) -> datetime:
        return self.clock.now()

    async def personal_data(self, user_id: int, lang: str) -> list[str]:
        thread = await self.store.thread_of(user_id)
        if thread is None:
            return []
        return [self.t(lang, "handover-data", status=thread.status)]

    async def statistics(self, lang: str) -> list[str]:
        counts = await self.store.handover_counts()
        return [
            self.t(
                lang,
                "stats-handover",
                open=counts.get("open", 0) + counts.get("asking", 0) + counts.get("shared", 0),
                closed=counts.get("closed", 0),
            )
        ]

    # --- the person ------------------------------------------------------------------------

    async def ask(self, ctx: Context) -> Outcome:
        v = ctx.assistant.variables
        if not self.service.available:
            return ctx.menu(ctx.t("handover-unavailable", **v))
        await self.service.ask(ctx.user_id)
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
        thread = await self.service.thread_of(ctx.user_id)
        if thread is None:
            return None
        if thread.status == "shared":  # answers were shared; staff have not written yet
            return None
        if await self.service.expire_if_idle(thread, self.now(), self.ask_timeout):
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
        thread = await self.service.thread_of(ctx.user_id)
        if thread is None or thread.status == "shared":
            return None
        return ctx.reply(ctx.t("handover-text-only"))

    async def forward(self, ctx: Context, thread: Thread) -> Outcome:
        ev = ctx.incoming
        person = Person(ctx.user_id, ev.sender.first_name, ctx.lang)
        first = await self.service.relay(thread, person, ev.text, _key(ev.chat_id, ev.message_id))
        end = [[ctx.button(ctx.t("handover-btn-end"), "hoe", str(thread.id))]]
        # A photo's caption went on, the photo did not: say so.
        media = "\n\n" + ctx.t("handover-text-only") if ev.photo else ""
        if first:
            text = ctx.t("handover-sent-first") + media
            if not self.open_now():
                text += "\n\n" + self.closed_notice(ctx)
        else:
            text = ctx.t("handover-sent") + media
        out = ctx.reply(text, end)
        # This feature takes the words before the crisis check; staff may not read them for a
        # while, so crisis words still get the emergency card.
        if self.crisis(ev.text):
            out.replies.insert(0, Reply(ctx.t("crisis-card", **ctx.assistant.variables)))
        return out

    async def person_cancels(self, ctx: Context) -> Outcome:
        thread = await self.service.thread_of(ctx.user_id)
        if thread is not None and thread.status == "open":  # an old button: they wrote already
            return ctx.reply(
                ctx.t("handover-still-open"),
                [[ctx.button(ctx.t("handover-btn-end"), "hoe", str(thread.id))]],
            )
        if thread is not None:
            await self.service.cancel(thread)
        return ctx.menu(ctx.t("handover-cancelled"))

    async def person_ends(self, ctx: Context) -> Outcome:
        thread = await self.service.thread_of(ctx.user_id)
        if thread is None or str(thread.id) != ctx.arg:
            return ctx.menu(ctx.t("handover-already-closed"))
        return await self._person_close(ctx, thread)

    async def _person_close(self, ctx: Context, thread: Thread) -> Outcome:
        await self.service.close(thread, "person", ctx.incoming.sender.first_name, actor=None)
        return ctx.menu(ctx.t("handover-closed-by-person"))

    # --- staff -------------------------------------------------------------------------------

    async def staff_reply(self, ctx: Context) -> Outcome | None:
        ev = ctx.incoming
        assert ev.reply_to_message_id is not None
        thread = await self.service.thread_of_post(
            ev.chat_id, ev.reply_to_message_id, ev.reply_to_text
        )
        if thread is None:
            if ev.media or not await ctx.is_staff() or ev.text.startswith("/"):
                return None
            # A reply to a post of the bot that is no case: say it went nowhere.
            if ev.reply_to_text:
                return ctx.reply(
                    ctx.t("handover-staff-not-linked"), reply_to_message_id=ev.message_id
                )
            return None
        if not await ctx.is_staff():
            return ctx.assistant.refuse(ctx, "handover reply")
        if thread.status == "closed":
            return ctx.reply(
                ctx.t("handover-staff-thread-closed"), reply_to_message_id=ev.message_id
            )
        if ev.media:  # a photo, sticker ... (its caption alone would pass for the whole answer)
            return ctx.reply(ctx.t("handover-staff-text-only"), reply_to_message_id=ev.message_id)
        await self.service.answer(
            thread,
            ev.text,
            _key(ev.chat_id, ev.message_id),
            Actor.chat(ctx.user_id),
            origin=ev.message_id or 0,
        )
        # The staff reply is not linked to the thread: a colleague's reply to it is a comment
        # among staff and must not reach the person.
        return Outcome()

    async def close_cmd(self, ctx: Context) -> Outcome:
        ev = ctx.incoming
        thread = None
        arg = ctx.arg.strip()
        if ev.reply_to_message_id:
            thread = await self.service.thread_of_post(
                ev.chat_id, ev.reply_to_message_id, ev.reply_to_text
            )
        elif (number := row_id(arg)) is not None:
            thread = await self.service.thread(number)
        if thread is None:
            return ctx.reply(ctx.t("handover-close-how"))
        return await self._staff_close(ctx, thread)

    async def close_button(self, ctx: Context) -> Outcome:
        number = row_id(ctx.arg)
        thread = await self.service.thread(number) if number is not None else None
        if thread is None:
            return ctx.assistant.stale(ctx)
        return await self._staff_close(ctx, thread)

    async def _staff_close(self, ctx: Context, thread: Thread) -> Outcome:
        by = ctx.incoming.sender.first_name or "?"
        if not await self.service.close(thread, "staff", by, actor=Actor.chat(ctx.user_id)):
            out = ctx.reply(ctx.t("handover-staff-thread-closed"))
            out.notice = ctx.t("handover-staff-thread-closed")
            return out
        out = ctx.reply(
            ctx.t("handover-staff-closed", thread=thread.id, by=html.escape(by, quote=False))
        )
        out.notice = ctx.t("handover-staff-closed-short")
        return out


def _key(chat_id: int, message_id: int | None) -> str:
    """What makes a relayed message the same one when Telegram delivers its update twice."""
    return f"{chat_id}:{message_id}" if message_id else uuid.uuid4().hex
