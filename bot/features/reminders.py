"""Reminders: the weekly meetup and the bo- og oppfølgingsavtale, restart-safe.

Users subscribe to meetups (menu "reminders", ``/start meetup``) and stop with the button under
every reminder or ``/stopp``; residents link their Telegram to an agreement with a one-time
deep link (``/start avt_<code>``). Staff manage meetups with ``/treff`` and agreements with
``/avtale`` through short guided flows whose state lives in ``reminder_flows``.

Sending: a sweep every minute (APScheduler, cron trigger in the configured time zone, and once
at start-up) computes what is due from the database with :mod:`bot.core.reminders.plan`, claims
each reminder's key in the delivery log *before* sending, and records the result. Nothing about
schedules lives in memory, so a restart or a second instance changes nothing. See
:mod:`bot.core.reminders.due` for what happens when sending fails.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
import re
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.config import Config
from bot.core.assistant import Assistant
from bot.core.context import Context
from bot.core.delivery import retry_after, verdict
from bot.core.events import Button, Outcome, Reply
from bot.core.feature import Feature, Handler
from bot.core.ids import row_id
from bot.core.jobs import Job, SystemClock
from bot.core.ports import Clock
from bot.core.reminders.due import backoff, decide
from bot.core.reminders.flows import DONE, Env, answer
from bot.core.reminders.occurrences import local_at, upcoming
from bot.core.reminders.plan import Planned, Settings, plan
from bot.core.reminders.prompts import FLOW_ACTION, Facts, error_text, prompt
from bot.core.reminders.records import Flow, MeetupInfo
from bot.core.reminders.texts import Texts, esc, fmt_date
from bot.storage.reminders import PlanInputs, ReminderStore

log = logging.getLogger(__name__)

CODE_PREFIX = "avt_"
_CODE = re.compile(r"^[A-Za-z0-9_-]{8,60}$")
_CANCEL_WORDS = {"avbryt", "cancel", "stopp", "stop", "x"}


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


async def stats(sessions: async_sessionmaker, today: date) -> dict[str, Any]:
    """Subscriber and agreement counts for /statistikk (a coroutine: ``await stats(s)``)."""
    return await ReminderStore(sessions).stats(today)


class Reminders(Feature):
    name = "reminders"
    text_priority = 10  # a staff flow's answers come before the FAQ

    def __init__(
        self,
        cfg: Config,
        sessions: async_sessionmaker,
        assistant: Assistant,
        clock: Clock | None = None,
        pause: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ):
        self.cfg = cfg
        self.store = ReminderStore(sessions)
        self.assistant = assistant
        self.clock: Clock = clock or SystemClock()
        self.pause = pause
        self.tz = cfg.tz
        self.texts = Texts(assistant.t, self.tz, assistant.signer)
        self.settings = Settings(
            tz=self.tz,
            day_before_at=cfg.meetup.remind_day_before_at,
            hours_before=tuple(cfg.meetup.remind_hours_before),
            review_days_before=tuple(cfg.agreement.remind_review_days_before),
            end_days_before=tuple(cfg.agreement.remind_end_days_before),
            agreement_at=cfg.agreement.remind_at,
            grace=timedelta(hours=cfg.reminders.grace_hours),
        )
        self._lock = asyncio.Lock()
        self._scheduler: Any = None
        self._stopping = False

    # --- protocol ----------------------------------------------------------------------------

    def commands(self) -> dict[str, Handler]:
        return {"stopp": self.stop_cmd}

    def staff_commands(self) -> dict[str, Handler]:
        return {"treff": self.meetups_cmd, "avtale": self.agreements_cmd}

    def actions(self) -> dict[str, Handler]:
        return {"rsub": self.subscribe, "runs": self.unsubscribe, "runl": self.unlink}

    def staff_actions(self) -> dict[str, Handler]:
        return {
            "rtl": self.meetups_cmd,
            "rtn": self.new_meetup,
            "rte": self.edit_meetup,
            "rtc": self.cancel_meetup_date,
            "rtd": self.delete_meetup_ask,
            "rtdy": self.delete_meetup,
            "rtu": self.undo_cancel,
            "ral": self.agreements_cmd,
            "ran": self.new_agreement,
            "rac": self.new_code,
            "rax": self.delete_agreement_ask,
            "raxy": self.delete_agreement,
            FLOW_ACTION: self.flow_button,
        }

    def menu_items(self) -> dict[str, Handler]:
        return {"reminders": self.menu}

    def start_payloads(self) -> dict[str, Handler]:
        return {"meetup": self.deep_meetup, CODE_PREFIX: self.deep_link}

    async def on_text(self, ctx: Context) -> Outcome | None:
        if not ctx.incoming.is_private:
            return None
        flow = await self._flow(ctx.user_id)
        if flow is None:
            return None
        if not await ctx.is_staff():
            await self.store.end_flow(ctx.user_id)
            return self.assistant.refuse(ctx, "reminder flow")
        if ctx.incoming.text.strip().lower() in _CANCEL_WORDS:
            return await self._cancel_flow(ctx)
        return await self._advance(ctx, flow, text=ctx.incoming.text)

    async def personal_data(self, user_id: int, lang: str) -> list[str]:
        t, texts = self.assistant.t, self.texts
        lines = []
        subscribed = await self.store.subscriptions(user_id)
        for m in await self.store.meetups():
            if m.id in subscribed:
                lines.append(
                    t(
                        lang,
                        "reminders-data-subscription",
                        meetup=texts.weekly(lang, m),
                        place=esc(m.place),
                    )
                )
        for a in await self.store.linked_agreements(user_id):
            lines.append(
                t(lang, "reminders-data-agreement", label=esc(a.label), end=fmt_date(a.ends_on))
            )
        if responsible := await self.store.responsible_for(user_id):
            lines.append(t(lang, "reminders-data-staff", count=responsible))
        if count := await self.store.sent_count(user_id):
            lines.append(
                t(lang, "reminders-data-log", count=count, days=self.cfg.reminders.log_keep_days)
            )
        if await self.store.flow(user_id) is not None:
            lines.append(t(lang, "reminders-data-flow"))
        return lines

    def jobs(self) -> list[Job]:
        # Every minute, and once right away: catch up on what was due while the bot was down.
        return [
            Job("reminders:sweep", self._job, cron_minute="*"),
            Job("reminders:housekeeping", self.housekeeping, cron_minute="17"),
        ]

    async def start(self) -> None:
        self._stopping = False
        await self.store.load_presence()

    async def stop(self) -> None:
        self._stopping = True
        async with self._lock:  # let a running sweep finish before the database closes
            pass

    # --- sending -----------------------------------------------------------------------------

    async def _job(self) -> None:
        try:
            await self.sweep()
        except Exception:
            log.exception("reminder sweep failed; the next sweep tries again")

    async def sweep(self) -> Counter[str]:
        """Send what is due now; return how many reminders met each decision."""
        counts: Counter[str] = Counter()
        if self.assistant.messenger is None:
            return counts
        async with self._lock:
            now = self.clock.now()
            since = (now - self.settings.grace - self.settings.lookback).astimezone(self.tz)
            inputs = await self.store.plan_inputs(since.date() - timedelta(days=1))
            planned = [
                p
                for p in plan(inputs.meetup_specs, inputs.agreement_specs, self.settings, now)
                if p.user_id is not None or self.cfg.bot.staff_chat_id
            ]
            if not planned:
                return counts
            rows = await self.store.deliveries([p.key for p in planned])
            langs = await self.store.languages(p.user_id for p in planned if p.user_id)
            for p in planned:
                if self._stopping:
                    break
                row = rows.get(p.key)
                action = decide(p, now, row, self.cfg.reminders.max_attempts)
                if action == "send" and await self.store.insert(p, "sending", now):
                    counts[await self._deliver(p, inputs, langs, now, 1)] += 1
                elif (
                    action == "retry"
                    and row is not None
                    and await self.store.transition(
                        p.key, "failed", "sending", now, attempts=row.attempts
                    )
                ):
                    counts[await self._deliver(p, inputs, langs, now, row.attempts + 1)] += 1
                elif action == "skip" and await self.store.insert(p, "skipped", now):
                    counts["skipped"] += 1
                    log.info(
                        "reminder %s skipped: due %s, beyond grace or after the event",
                        p.key,
                        p.due_at.isoformat(),
                    )
                elif action == "give_up" and await self.store.transition(
                    p.key, "failed", "gave_up", now
                ):
                    counts["gave_up"] += 1
                    log.warning("reminder %s not delivered; giving up", p.key)
                elif action == "abandon" and await self.store.abandon_stale(p.key, now):
                    counts["unknown"] += 1
                    log.warning(
                        "reminder %s: sending was interrupted, outcome unknown; not sent again",
                        p.key,
                    )
        return counts

    async def _deliver(
        self, p: Planned, inputs: PlanInputs, langs: dict[int, str], now: datetime, attempt: int
    ) -> str:
        """Send one claimed reminder and record the result; returns the new status."""
        lang = langs.get(p.user_id or 0, self.cfg.bot.default_language)
        chat_id = p.user_id if p.user_id is not None else self.cfg.bot.staff_chat_id
        status, retry_at = "sent", None
        try:
            reply = self._render(p, inputs, lang, now)
            await self.assistant.messenger.send(chat_id, reply)  # type: ignore[union-attr]
        except Exception as exc:
            match verdict(exc):
                case "blocked":
                    status = "blocked"
                    if p.user_id is not None and not p.to_staff:
                        await self.store.unsubscribe(p.user_id)
                    log.info("reminder %s: recipient blocked the bot; reminders stopped", p.key)
                case "wait" | "retry":
                    status, retry_at = "failed", backoff(attempt, now, retry_after(exc) or None)
                    log.warning("reminder %s: attempt %d failed (%s)", p.key, attempt, exc)
                case "unknown":
                    status = "unknown"  # may have arrived: never twice
                    log.warning("reminder %s: timed out, may have arrived; not resent", p.key)
                case _:
                    status = "gave_up"  # a rendering or programming error fails every time
                    log.exception("reminder %s: a bug, not retried", p.key)
        await self.store.transition(p.key, "sending", status, now, next_attempt_at=retry_at)
        await self.pause(1 / self.cfg.broadcast.rate_per_second)
        return status

    def _render(self, p: Planned, inputs: PlanInputs, lang: str, now: datetime) -> Reply:
        if p.kind == "meetup":
            return self.texts.meetup(p, lang, now, inputs.meetups[p.subject])
        if p.kind == "cancel":
            m = inputs.meetups[p.subject]
            spec = next(x for x in inputs.meetup_specs if x.id == m.id)
            [nxt] = upcoming(m.weekday, m.at, self.tz, p.event, 1, frozenset(spec.cancelled))
            return self.texts.meetup(p, lang, now, m, nxt)
        return self.texts.agreement(p, lang, inputs.agreements[p.subject])

    async def housekeeping(self) -> None:
        """Delete what is no longer needed: old log rows, stale flows, long-ended agreements."""
        now = self.clock.now()
        try:
            counts = await self.store.purge(
                now,
                log_before=now - timedelta(days=self.cfg.reminders.log_keep_days),
                flows_before=now - timedelta(hours=self.cfg.reminders.flow_timeout_hours),
                ended_before=now.astimezone(self.tz).date()
                - timedelta(days=self.cfg.agreement.keep_days_after_end),
            )
        except Exception:
            log.exception("reminder housekeeping failed")
            return
        if any(counts.values()):
            log.info("reminder housekeeping removed %s", counts)

    # --- helpers ---------------------------------------------------------------------------

    def _bot_link(self, payload: str) -> str:
        """``https://t.me/<bot>?start=<payload>`` when the channel knows the bot's name."""
        try:  # the Telegram messenger carries the PTB application; other channels have no name
            username = self.assistant.messenger.app.bot.username  # type: ignore[union-attr]
        except Exception:
            username = ""
        return f"https://t.me/{username}?start={payload}" if username else ""

    def _now_local(self) -> datetime:
        return self.clock.now().astimezone(self.tz)

    async def _next_occurrence(self, m: MeetupInfo) -> datetime:
        now = self._now_local()
        skip = frozenset(await self.store.cancelled(m.id, now.date()))
        return upcoming(m.weekday, m.at, self.tz, now, 1, skip)[0]

    async def next_meetups(self, lang: str) -> str:
        """The next date, time and place of every weekly meetup ("" when staff set up none):
        what the FAQ's meetup answers show."""
        now = self._now_local()
        lines = []
        for m in await self.store.meetups():
            at = await self._next_occurrence(m)
            lines.append(
                self.assistant.t(
                    lang,
                    "reminders-meetup-next",
                    place=esc(m.place),
                    next=self.texts.when(lang, at, now),
                )
            )
        return "\n".join(lines)

    # --- residents and former residents ------------------------------------------------------

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
            if a.ends_on >= self._now_local().date():
                lines += ["", ctx.t("reminders-menu-agreement", end=fmt_date(a.ends_on))]
        buttons.append([ctx.button(ctx.t("reminders-btn-menu"), "menu")])
        return ctx.reply("\n".join(lines), buttons)

    async def subscribe(self, ctx: Context) -> Outcome | None:
        m = await self.store.meetup(n) if (n := row_id(ctx.arg)) else None
        if m is None:
            return None
        new = await self.store.subscribe(ctx.user_id, m.id, self.clock.now())
        nxt = self.texts.when(ctx.lang, await self._next_occurrence(m), self.clock.now())
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
        await self.store.unsubscribe(ctx.user_id, meetup_id)
        m = await self.store.meetup(meetup_id)
        if m is None:
            return ctx.menu(ctx.t("reminders-stopped"))
        return ctx.menu(ctx.t("reminders-unsubscribed", weekly=self.texts.weekly(ctx.lang, m)))

    async def stop_cmd(self, ctx: Context) -> Outcome:
        removed = await self.store.unsubscribe(ctx.user_id)
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
        await self.store.unlink(ctx.user_id)
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
        code = ctx.arg.strip()
        a = None
        if _CODE.match(code):
            a = await self.store.link(_hash(code), ctx.user_id, self.clock.now())
        if a is None:
            log.info("user %s used an unknown, used or expired agreement code", ctx.user_id)
            return ctx.menu(ctx.t("reminders-link-invalid"))
        return ctx.menu(ctx.t("reminders-link-ok", end=fmt_date(a.ends_on)))

    # --- staff: meetups ----------------------------------------------------------------------

    async def meetups_cmd(self, ctx: Context) -> Outcome:
        meetups = await self.store.meetups()
        lines = [ctx.t("reminders-meetups-title"), ""]
        buttons: list[list[Button]] = []
        today = self._now_local().date()
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
        if link := self._bot_link("meetup"):
            lines.append(ctx.t("reminders-meetups-link", link=link))
        buttons.append([ctx.button(ctx.t("reminders-btn-new-meetup"), "rtn")])
        buttons.append([ctx.button(ctx.t("reminders-btn-menu"), "menu")])
        return ctx.reply("\n".join(lines), buttons)

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
        if (n := row_id(ctx.arg)) is None or not await self.store.delete_meetup(n):
            return None
        log.info("staff %s deleted meetup %s", ctx.user_id, ctx.arg)
        return self._prefixed(ctx.t("reminders-meetup-deleted"), await self.meetups_cmd(ctx))

    async def undo_cancel(self, ctx: Context) -> Outcome:
        cancel_id, _, when = ctx.arg.partition(":")
        if (n := row_id(cancel_id)) is None or not await self.store.uncancel(n):
            return await self._staff_note(ctx, ctx.t("reminders-cancel-undo-gone"))
        return await self._staff_note(ctx, ctx.t("reminders-cancel-undone", when=when))

    # --- staff: agreements -------------------------------------------------------------------

    async def agreements_cmd(self, ctx: Context) -> Outcome:
        today = self._now_local().date()
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

    async def new_agreement(self, ctx: Context) -> Outcome:
        return await self._begin(ctx, "agreement", {})

    async def new_code(self, ctx: Context) -> Outcome | None:
        a = await self.store.agreement(n) if (n := row_id(ctx.arg)) else None
        if a is None:
            return None
        code, expires = self._new_code()
        await self.store.set_code(a.id, _hash(code), expires)
        text = ctx.t(
            "reminders-agreement-code",
            label=esc(a.label),
            expires=self._expires(ctx.lang, expires),
            link=self._link_text(ctx, code),
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
        if (n := row_id(ctx.arg)) is None or not await self.store.delete_agreement(n):
            return None
        log.info("staff %s deleted agreement %s", ctx.user_id, ctx.arg)
        return self._prefixed(ctx.t("reminders-agreement-deleted"), await self.agreements_cmd(ctx))

    def _new_code(self) -> tuple[str, datetime]:
        hours = self.cfg.agreement.link_code_valid_hours
        return secrets.token_urlsafe(12), self.clock.now() + timedelta(hours=hours)

    def _expires(self, lang: str, moment: datetime) -> str:
        return self.texts.when(lang, moment, self.clock.now())

    def _link_text(self, ctx: Context, code: str) -> str:
        payload = CODE_PREFIX + code
        manual = ctx.t("reminders-agreement-link-manual", command=f"/start {payload}")
        link = self._bot_link(payload)
        return f"{link}\n{manual}" if link else manual

    # --- guided flows ------------------------------------------------------------------------

    async def _flow(self, user_id: int) -> Flow | None:
        """The user's running flow; an abandoned one is dropped (its text goes to the FAQ)."""
        flow = await self.store.flow(user_id)
        if flow is None:
            return None
        timeout = timedelta(hours=self.cfg.reminders.flow_timeout_hours)
        if self.clock.now() - flow.updated_at > timeout:
            await self.store.end_flow(user_id)
            return None
        return flow

    def _env(self) -> Env:
        return Env(
            self._now_local(),
            self.cfg.agreement.max_months,
            self.cfg.agreement.review_interval_days,
        )

    async def _begin(self, ctx: Context, kind: str, data: dict[str, Any]) -> Outcome:
        if not ctx.incoming.is_private:  # the answers are read from a private chat only
            return ctx.reply(ctx.t("reminders-flow-private"))
        step = {"meetup": "weekday", "cancel": "date", "agreement": "label"}[kind]
        flow = Flow(kind, step, data, self.clock.now())
        await self.store.save_flow(ctx.user_id, kind, step, data, flow.updated_at)
        return await self._prompt(ctx, flow)

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

    async def _cancel_flow(self, ctx: Context) -> Outcome:
        await self.store.end_flow(ctx.user_id)
        return ctx.menu(ctx.t("reminders-flow-cancelled"))

    async def _advance(
        self, ctx: Context, flow: Flow, text: str | None = None, value: str | None = None
    ) -> Outcome | None:
        result = answer(flow.kind, flow.step, flow.data, self._env(), text=text, value=value)
        if result is None:
            return None
        now = self.clock.now()
        if result.next == DONE:
            await self.store.end_flow(ctx.user_id)
            return await self._finish(ctx, flow.kind, result.data)
        step = result.next or flow.step
        await self.store.save_flow(ctx.user_id, flow.kind, step, result.data, now)
        error = error_text(ctx, self.texts, result)
        return await self._prompt(ctx, Flow(flow.kind, step, result.data, now), error)

    async def _prompt(self, ctx: Context, flow: Flow, error: str | None = None) -> Outcome:
        now = self._now_local()
        facts = Facts(now, self.cfg.agreement.max_months, self.cfg.agreement.review_interval_days)
        if flow.kind == "cancel":
            m = await self.store.meetup(flow.data["id"])
            if m is None:
                await self.store.end_flow(ctx.user_id)
                return ctx.menu(ctx.t("reminders-meetup-gone"))
            skip = frozenset(await self.store.cancelled(m.id, now.date()))
            dates = tuple(o.date() for o in upcoming(m.weekday, m.at, self.tz, now, 4, skip))
            facts = dataclasses.replace(facts, meetup=m, dates=dates)
        return prompt(ctx, self.texts, flow, facts, error)

    async def _finish(self, ctx: Context, kind: str, d: dict[str, Any]) -> Outcome:
        now = self.clock.now()
        if kind == "meetup":
            saved = await self.store.save_meetup(
                d.get("id"),
                d["weekday"],
                time.fromisoformat(d["time"]),
                d["place"],
                d.get("note"),
                now,
            )
            if saved is None:
                return ctx.menu(ctx.t("reminders-meetup-gone"))
            log.info("staff %s saved meetup %s", ctx.user_id, saved)
            return self._prefixed(ctx.t("reminders-meetup-saved"), await self.meetups_cmd(ctx))
        if kind == "cancel":
            day = date.fromisoformat(d["date"])
            cancel_id = await self.store.cancel_date(d["id"], day, now)
            if cancel_id is None:
                return await self._staff_note(ctx, ctx.t("reminders-cancel-exists"))
            occ = local_at(day, time.fromisoformat(d["time"]), self.tz)
            when = self.texts.when(ctx.lang, occ, now)
            log.info("staff %s cancelled meetup %s on %s", ctx.user_id, d["id"], day)
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
        code, expires = self._new_code()
        agreement_id = await self.store.create_agreement(
            d["label"],
            date.fromisoformat(d["start"]),
            date.fromisoformat(d["end"]),
            [date.fromisoformat(x) for x in d["reviews"]],
            ctx.user_id,
            _hash(code),
            expires,
            now,
        )
        log.info("staff %s registered agreement %s", ctx.user_id, agreement_id)
        return ctx.menu(
            ctx.t(
                "reminders-agreement-saved",
                label=esc(d["label"]),
                expires=self._expires(ctx.lang, expires),
                link=self._link_text(ctx, code),
            )
        )

    async def _staff_note(self, ctx: Context, text: str) -> Outcome:
        return self._prefixed(text, await self.meetups_cmd(ctx))

    @staticmethod
    def _prefixed(text: str, out: Outcome) -> Outcome:
        out.replies[0].text = f"{text}\n\n{out.replies[0].text}"
        return out
