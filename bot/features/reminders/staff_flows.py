"""Staff's guided flows: a new or changed meetup, a cancelled date, a new agreement.

A flow asks one thing at a time (:mod:`bot.core.reminders.flows` decides what an answer means,
:mod:`bot.core.reminders.prompts` what to ask next); its state lives in ``reminder_flows``, so it
survives a restart. A flow left for ``reminders.flow_timeout_hours`` is dropped, and its text
goes on to the FAQ.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta
from typing import Any

from bot.core.audit import Actor
from bot.core.context import Context
from bot.core.events import Outcome
from bot.core.ids import row_id
from bot.core.reminders.flows import DONE, Env, answer
from bot.core.reminders.occurrences import local_at, upcoming
from bot.core.reminders.prompts import Facts, error_text, prompt
from bot.core.reminders.records import Flow
from bot.core.reminders.texts import esc, fmt_date
from bot.features.reminders.shared import Shared
from bot.features.reminders.staff import StaffLists, prefixed
from bot.services.reminders import AgreementService, MeetupService

_CANCEL_WORDS = {"avbryt", "cancel", "stopp", "stop", "x"}


class StaffFlows:
    def __init__(
        self,
        shared: Shared,
        lists: StaffLists,
        meetups: MeetupService,
        agreements: AgreementService,
    ):
        self.shared = shared
        self.store = shared.store
        self.lists = lists
        self.meetup_ops = meetups
        self.agreement_ops = agreements

    async def on_text(self, ctx: Context) -> Outcome | None:
        """A running flow's answer; None when the user has no flow."""
        if not ctx.incoming.is_private:
            return None
        flow = await self._flow(ctx.user_id)
        if flow is None:
            return None
        if not await ctx.is_staff():
            await self.store.end_flow(ctx.user_id)
            return self.shared.assistant.refuse(ctx, "reminder flow")
        if ctx.incoming.text.strip().lower() in _CANCEL_WORDS:
            return await self._cancel_flow(ctx)
        return await self._advance(ctx, flow, text=ctx.incoming.text)

    # --- beginning a flow --------------------------------------------------------------------

    async def new_meetup(self, ctx: Context) -> Outcome:
        return await self._begin(ctx, "meetup", {})

    async def edit_meetup(self, ctx: Context) -> Outcome | None:
        m = await self.store.meetup(n) if (n := row_id(ctx.arg)) else None
        if m is None:
            return None
        return await self._begin(
            ctx,
            "meetup",
            {
                "id": m.id,
                "weekday": m.weekday,
                "time": m.at.strftime("%H:%M"),
                "place": m.place,
                "note": m.note,
            },
        )

    async def cancel_meetup_date(self, ctx: Context) -> Outcome | None:
        m = await self.store.meetup(n) if (n := row_id(ctx.arg)) else None
        if m is None:
            return None
        return await self._begin(
            ctx, "cancel", {"id": m.id, "weekday": m.weekday, "time": m.at.strftime("%H:%M")}
        )

    async def new_agreement(self, ctx: Context) -> Outcome:
        return await self._begin(ctx, "agreement", {})

    async def flow_button(self, ctx: Context) -> Outcome | None:
        flow = await self._flow(ctx.user_id)
        if flow is None:
            return None
        if ctx.arg == "x":
            return await self._cancel_flow(ctx)
        step, _, value = ctx.arg.partition(":")
        if step != flow.step:
            return None  # a button from an earlier step
        return await self._advance(ctx, flow, value=value)

    # --- running a flow ----------------------------------------------------------------------

    async def _flow(self, user_id: int) -> Flow | None:
        """The user's running flow; an abandoned one is dropped (its text goes to the FAQ)."""
        flow = await self.store.flow(user_id)
        if flow is None:
            return None
        timeout = timedelta(hours=self.shared.cfg.reminders.flow_timeout_hours)
        if self.shared.clock.now() - flow.updated_at > timeout:
            await self.store.end_flow(user_id)
            return None
        return flow

    def _env(self) -> Env:
        agreement = self.shared.cfg.agreement
        return Env(self.shared.now_local(), agreement.max_months, agreement.review_interval_days)

    async def _begin(self, ctx: Context, kind: str, data: dict[str, Any]) -> Outcome:
        if not ctx.incoming.is_private:  # the answers are read from a private chat only
            return ctx.reply(ctx.t("reminders-flow-private"))
        step = {"meetup": "weekday", "cancel": "date", "agreement": "label"}[kind]
        flow = Flow(kind, step, data, self.shared.clock.now())
        await self.store.save_flow(ctx.user_id, kind, step, data, flow.updated_at)
        return await self._prompt(ctx, flow)

    async def _cancel_flow(self, ctx: Context) -> Outcome:
        await self.store.end_flow(ctx.user_id)
        return ctx.menu(ctx.t("reminders-flow-cancelled"))

    async def _advance(
        self, ctx: Context, flow: Flow, text: str | None = None, value: str | None = None
    ) -> Outcome | None:
        result = answer(flow.kind, flow.step, flow.data, self._env(), text=text, value=value)
        if result is None:
            return None
        now = self.shared.clock.now()
        if result.next == DONE:
            await self.store.end_flow(ctx.user_id)
            return await self._finish(ctx, flow.kind, result.data)
        step = result.next or flow.step
        await self.store.save_flow(ctx.user_id, flow.kind, step, result.data, now)
        error = error_text(ctx, self.shared.texts, result)
        return await self._prompt(ctx, Flow(flow.kind, step, result.data, now), error)

    async def _prompt(self, ctx: Context, flow: Flow, error: str | None = None) -> Outcome:
        now = self.shared.now_local()
        agreement = self.shared.cfg.agreement
        facts = Facts(now, agreement.max_months, agreement.review_interval_days)
        if flow.kind == "cancel":
            m = await self.store.meetup(flow.data["id"])
            if m is None:
                await self.store.end_flow(ctx.user_id)
                return ctx.menu(ctx.t("reminders-meetup-gone"))
            skip = frozenset(await self.store.cancelled(m.id, now.date()))
            dates = tuple(o.date() for o in upcoming(m.weekday, m.at, self.shared.tz, now, 4, skip))
            facts = dataclasses.replace(facts, meetup=m, dates=dates)
        return prompt(ctx, self.shared.texts, flow, facts, error)

    # --- what a finished flow does -----------------------------------------------------------

    async def _finish(self, ctx: Context, kind: str, d: dict[str, Any]) -> Outcome:
        now = self.shared.clock.now()
        if kind == "meetup":
            saved = await self.meetup_ops.save(
                d.get("id"),
                d["weekday"],
                time.fromisoformat(d["time"]),
                d["place"],
                d.get("note"),
                Actor.chat(ctx.user_id),
            )
            if saved is None:
                return ctx.menu(ctx.t("reminders-meetup-gone"))
            return prefixed(ctx.t("reminders-meetup-saved"), await self.lists.meetups_cmd(ctx))
        if kind == "cancel":
            day = date.fromisoformat(d["date"])
            cancel_id = await self.meetup_ops.cancel_date(d["id"], day, Actor.chat(ctx.user_id))
            if cancel_id is None:
                return await self.lists.staff_note(ctx, ctx.t("reminders-cancel-exists"))
            occ = local_at(day, time.fromisoformat(d["time"]), self.shared.tz)
            when = self.shared.texts.when(ctx.lang, occ, now)
            return ctx.reply(
                ctx.t("reminders-cancel-saved", when=when),
                [
                    [
                        ctx.button(
                            ctx.t("reminders-btn-undo"),
                            "rtu",
                            f"{cancel_id}:{fmt_date(day, year=False)}",
                        )
                    ],
                    [ctx.button(ctx.t("reminders-btn-menu"), "menu")],
                ],
            )
        _, code = await self.agreement_ops.register(
            d["label"],
            date.fromisoformat(d["start"]),
            date.fromisoformat(d["end"]),
            [date.fromisoformat(x) for x in d["reviews"]],
            ctx.user_id,
            actor=Actor.chat(ctx.user_id),
        )
        return ctx.menu(
            ctx.t(
                "reminders-agreement-saved",
                label=esc(d["label"]),
                expires=self.lists.expires(ctx.lang, code.expires),
                link=self.lists.link_text(ctx, code.code),
            )
        )
