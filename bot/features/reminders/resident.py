"""What residents and former residents do: the reminders menu, subscribe and unsubscribe,
``/stopp``, unlinking an agreement, and the deep links ``/start meetup`` and
``/start avt_<code>``; and the next meetups the FAQ shows."""

from __future__ import annotations

import logging

from bot.core.context import Context
from bot.core.events import Button, Outcome
from bot.core.ids import row_id
from bot.core.reminders.texts import esc, fmt_date
from bot.features.reminders.shared import Side

log = logging.getLogger(__name__)


class ResidentSide(Side):
    async def next_meetups(self, lang: str) -> str:
        """The next date, time and place of every weekly meetup ("" when staff set up none):
        what the FAQ's meetup answers show."""
        now = self.shared.now_local()
        lines = []
        for m in await self.store.meetups():
            at = await self.shared.next_occurrence(m)
            lines.append(
                self.shared.assistant.t(
                    lang,
                    "reminders-meetup-next",
                    place=esc(m.place),
                    next=self.texts.when(lang, at, now),
                )
            )
        return "\n".join(lines)

    async def menu(self, ctx: Context) -> Outcome:
        meetups = await self.store.meetups()
        mine = await self.store.subscriptions(ctx.user_id)
        lines = [ctx.t("reminders-menu-intro"), ""]
        buttons: list[list[Button]] = []
        for m in meetups:
            weekly = self.texts.weekly(ctx.lang, m)
            on = m.id in mine
            lines.append(
                ctx.t(
                    "reminders-menu-line",
                    meetup=weekly,
                    place=esc(m.place),
                    mark=" " + ctx.t("reminders-menu-on") if on else "",
                )
            )
            day = self.texts.weekday(ctx.lang, m.weekday, short=True)
            short = f"{day} {self.texts.clock(ctx.lang, m.at)}"
            if on:
                buttons.append(
                    [
                        ctx.button(
                            ctx.t("reminders-btn-unsubscribe", meetup=short), "runs", str(m.id)
                        )
                    ]
                )
            else:
                buttons.append(
                    [ctx.button(ctx.t("reminders-btn-subscribe", meetup=short), "rsub", str(m.id))]
                )
        if not meetups:
            lines.append(ctx.t("reminders-menu-none"))
        for a in await self.store.linked_agreements(ctx.user_id):
            if a.ends_on >= self.shared.now_local().date():
                lines += ["", ctx.t("reminders-menu-agreement", end=fmt_date(a.ends_on))]
        buttons.append([ctx.button(ctx.t("reminders-btn-menu"), "menu")])
        return ctx.reply("\n".join(lines), buttons)

    async def subscribe(self, ctx: Context) -> Outcome | None:
        m = await self.store.meetup(n) if (n := row_id(ctx.arg)) else None
        if m is None:
            return None
        new = await self.meetup_ops.subscribe(ctx.user_id, m.id)
        at = await self.shared.next_occurrence(m)
        nxt = self.texts.when(ctx.lang, at, self.shared.clock.now())
        if not new:
            return ctx.menu(ctx.t("reminders-already-subscribed", next=nxt))
        return ctx.menu(
            ctx.t(
                "reminders-subscribed",
                weekly=self.texts.weekly(ctx.lang, m),
                place=esc(m.place),
                next=nxt,
            )
        )

    async def unsubscribe(self, ctx: Context) -> Outcome | None:
        if (meetup_id := row_id(ctx.arg)) is None:
            return None
        await self.meetup_ops.unsubscribe(ctx.user_id, meetup_id)
        m = await self.store.meetup(meetup_id)
        if m is None:
            return ctx.menu(ctx.t("reminders-stopped"))
        return ctx.menu(ctx.t("reminders-unsubscribed", weekly=self.texts.weekly(ctx.lang, m)))

    async def stop_cmd(self, ctx: Context) -> Outcome:
        removed = await self.meetup_ops.unsubscribe(ctx.user_id)
        text = ctx.t("reminders-stopped" if removed else "reminders-stopped-none")
        if await self.store.linked_agreements(ctx.user_id):
            text += "\n\n" + ctx.t("reminders-stop-agreement-ask")
            return ctx.reply(
                text,
                [
                    [ctx.button(ctx.t("reminders-btn-stop-agreement"), "runl")],
                    [ctx.button(ctx.t("reminders-btn-menu"), "menu")],
                ],
            )
        return ctx.menu(text)

    async def unlink(self, ctx: Context) -> Outcome:
        await self.agreement_ops.unlink(ctx.user_id)
        return ctx.menu(ctx.t("reminders-agreement-unlinked"))

    async def deep_meetup(self, ctx: Context) -> Outcome:
        rest = ctx.arg.lstrip("_")
        meetups = await self.store.meetups()
        chosen = [m for m in meetups if str(m.id) == rest] or (meetups if len(meetups) == 1 else [])
        if chosen:
            ctx.arg = str(chosen[0].id)
            out = await self.subscribe(ctx)
            assert out is not None
            return out
        return await self.menu(ctx)

    async def deep_link(self, ctx: Context) -> Outcome:
        a = await self.agreement_ops.link(ctx.arg.strip(), ctx.user_id)
        if a is None:
            log.info("user %s used an unknown, used or expired agreement code", ctx.user_id)
            return ctx.menu(ctx.t("reminders-link-invalid"))
        return ctx.menu(ctx.t("reminders-link-ok", end=fmt_date(a.ends_on)))
