"""Staff's lists: ``/treff`` (meetups) and ``/avtale`` (agreements) with their one-press
actions (delete, undo a cancelled date, a new link code). Changes that take several answers go
through the guided flows of :mod:`bot.features.reminders.staff_flows`."""

from __future__ import annotations

from datetime import datetime

from bot.core.audit import Actor
from bot.core.context import Context
from bot.core.events import Button, Outcome
from bot.core.ids import row_id
from bot.core.reminders.texts import esc, fmt_date
from bot.features.reminders.shared import Side
from bot.services.reminders import CODE_PREFIX


def prefixed(text: str, out: Outcome) -> Outcome:
    """``out`` with ``text`` (what just happened) above its first reply."""
    out.replies[0].text = f"{text}\n\n{out.replies[0].text}"
    return out


class StaffLists(Side):
    # --- meetups -----------------------------------------------------------------------------

    async def meetups_cmd(self, ctx: Context) -> Outcome:
        meetups = await self.store.meetups()
        lines = [ctx.t("reminders-meetups-title"), ""]
        buttons: list[list[Button]] = []
        today = self.shared.now_local().date()
        for n, m in enumerate(meetups, 1):
            lines.append(
                ctx.t(
                    "reminders-meetups-line",
                    n=n,
                    meetup=self.texts.weekly(ctx.lang, m),
                    place=esc(m.place),
                    count=m.subscribers,
                )
            )
            if m.note:
                lines.append("   " + ctx.t("reminders-meetup-note", note=esc(m.note)))
            if cancelled := sorted(await self.store.cancelled(m.id, today)):
                dates = ", ".join(fmt_date(d, year=False) for d in cancelled)
                lines.append("   " + ctx.t("reminders-meetups-cancelled", dates=dates))
            buttons.append(
                [
                    ctx.button(ctx.t("reminders-btn-edit", n=n), "rte", str(m.id)),
                    ctx.button(ctx.t("reminders-btn-cancel-date", n=n), "rtc", str(m.id)),
                    ctx.button(ctx.t("reminders-btn-delete", n=n), "rtd", str(m.id)),
                ]
            )
        if not meetups:
            lines.append(ctx.t("reminders-meetups-none"))
        lines += ["", ctx.t("reminders-meetups-how")]
        if link := self.shared.bot_link("meetup"):
            lines.append(ctx.t("reminders-meetups-link", link=link))
        buttons.append([ctx.button(ctx.t("reminders-btn-new-meetup"), "rtn")])
        buttons.append([ctx.button(ctx.t("reminders-btn-menu"), "menu")])
        return ctx.reply("\n".join(lines), buttons)

    async def delete_meetup_ask(self, ctx: Context) -> Outcome | None:
        m = await self.store.meetup(n) if (n := row_id(ctx.arg)) else None
        if m is None:
            return None
        return ctx.reply(
            ctx.t(
                "reminders-meetup-delete-ask",
                meetup=self.texts.weekly(ctx.lang, m),
                count=m.subscribers,
            ),
            [
                [
                    ctx.button(ctx.t("reminders-btn-delete-yes"), "rtdy", str(m.id)),
                    ctx.button(ctx.t("reminders-btn-no"), "rtl"),
                ]
            ],
        )

    async def delete_meetup(self, ctx: Context) -> Outcome | None:
        if (n := row_id(ctx.arg)) is None or not await self.meetup_ops.delete(
            n, Actor.chat(ctx.user_id)
        ):
            return None
        return prefixed(ctx.t("reminders-meetup-deleted"), await self.meetups_cmd(ctx))

    async def undo_cancel(self, ctx: Context) -> Outcome:
        cancel_id, _, when = ctx.arg.partition(":")
        if (n := row_id(cancel_id)) is None or not await self.meetup_ops.uncancel(
            n, Actor.chat(ctx.user_id)
        ):
            return await self.staff_note(ctx, ctx.t("reminders-cancel-undo-gone"))
        return await self.staff_note(ctx, ctx.t("reminders-cancel-undone", when=when))

    async def staff_note(self, ctx: Context, text: str) -> Outcome:
        """``text`` above the meetups list."""
        return prefixed(text, await self.meetups_cmd(ctx))

    # --- agreements --------------------------------------------------------------------------

    async def agreements_cmd(self, ctx: Context) -> Outcome:
        today = self.shared.now_local().date()
        agreements = await self.store.agreements(today)
        lines = [ctx.t("reminders-agreements-title"), ""]
        buttons: list[list[Button]] = []
        for n, a in enumerate(agreements, 1):
            review = next((d for d in a.reviews if d >= today), None)
            lines.append(
                ctx.t(
                    "reminders-agreements-line",
                    n=n,
                    label=esc(a.label),
                    start=fmt_date(a.starts_on),
                    end=fmt_date(a.ends_on),
                    review=fmt_date(review) if review else ctx.t("reminders-agreements-no-review"),
                    linked=ctx.t(
                        "reminders-agreements-linked"
                        if a.linked
                        else "reminders-agreements-not-linked"
                    ),
                )
            )
            buttons.append(
                [
                    ctx.button(ctx.t("reminders-btn-new-code", n=n), "rac", str(a.id)),
                    ctx.button(ctx.t("reminders-btn-delete", n=n), "rax", str(a.id)),
                ]
            )
        if not agreements:
            lines.append(ctx.t("reminders-agreements-none"))
        buttons.append([ctx.button(ctx.t("reminders-btn-new-agreement"), "ran")])
        buttons.append([ctx.button(ctx.t("reminders-btn-menu"), "menu")])
        return ctx.reply("\n".join(lines), buttons)

    async def new_code(self, ctx: Context) -> Outcome | None:
        a = await self.store.agreement(n) if (n := row_id(ctx.arg)) else None
        code = (
            await self.agreement_ops.new_code(a.id, Actor.chat(ctx.user_id))
            if a is not None
            else None
        )
        if a is None or code is None:
            return None
        text = ctx.t(
            "reminders-agreement-code",
            label=esc(a.label),
            expires=self.expires(ctx.lang, code.expires),
            link=self.link_text(ctx, code.code),
        )
        return ctx.menu(text)

    async def delete_agreement_ask(self, ctx: Context) -> Outcome | None:
        a = await self.store.agreement(n) if (n := row_id(ctx.arg)) else None
        if a is None:
            return None
        return ctx.reply(
            ctx.t("reminders-agreement-delete-ask", label=esc(a.label)),
            [
                [
                    ctx.button(ctx.t("reminders-btn-delete-yes"), "raxy", str(a.id)),
                    ctx.button(ctx.t("reminders-btn-no"), "ral"),
                ]
            ],
        )

    async def delete_agreement(self, ctx: Context) -> Outcome | None:
        if (n := row_id(ctx.arg)) is None or not await self.agreement_ops.delete(
            n, Actor.chat(ctx.user_id)
        ):
            return None
        return prefixed(ctx.t("reminders-agreement-deleted"), await self.agreements_cmd(ctx))

    def expires(self, lang: str, moment: datetime) -> str:
        """When a link code expires, relative to now."""
        return self.texts.when(lang, moment, self.shared.clock.now())

    def link_text(self, ctx: Context, code: str) -> str:
        """The deep link for a resident's one-time code, and how to type it by hand."""
        payload = CODE_PREFIX + code
        manual = ctx.t("reminders-agreement-link-manual", command=f"/start {payload}")
        link = self.shared.bot_link(payload)
        return f"{link}\n{manual}" if link else manual
