"""The sweep that sends due reminders, and housekeeping; neither needs a chat.

Every minute (and once at start-up) the sweep computes what is due from the database with
:mod:`bot.core.reminders.plan`, claims each reminder's key in the delivery log *before* sending,
sends it and records the result. Nothing about schedules lives in memory, so a restart or a
second instance changes nothing. See :mod:`bot.core.reminders.due` for what happens when
sending fails, and :mod:`bot.core.delivery` for what a delivery error means.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import datetime, timedelta

from bot.core.delivery import retry_after, verdict
from bot.core.events import Reply
from bot.core.reminders.due import backoff, decide
from bot.core.reminders.occurrences import upcoming
from bot.core.reminders.plan import Planned, Settings, plan
from bot.features.reminders.shared import Shared
from bot.storage.blocked import SqlBlocked
from bot.storage.reminders import PlanInputs

log = logging.getLogger(__name__)


class ReminderSender:
    def __init__(self, shared: Shared):
        self.shared = shared
        cfg = shared.cfg
        self.settings = Settings(
            tz=shared.tz,
            day_before_at=cfg.meetup.remind_day_before_at,
            hours_before=tuple(cfg.meetup.remind_hours_before),
            review_days_before=tuple(cfg.agreement.remind_review_days_before),
            end_days_before=tuple(cfg.agreement.remind_end_days_before),
            agreement_at=cfg.agreement.remind_at,
            grace=timedelta(hours=cfg.reminders.grace_hours),
        )
        self._lock = asyncio.Lock()
        self._stopping = False

    def resume(self) -> None:
        self._stopping = False

    async def stop(self) -> None:
        """Stop after the reminder being sent; return when a running sweep has finished."""
        self._stopping = True
        async with self._lock:  # let a running sweep finish before the database closes
            pass

    async def job(self) -> None:
        try:
            await self.sweep()
        except Exception:
            log.exception("reminder sweep failed; the next sweep tries again")

    async def sweep(self) -> Counter[str]:
        """Send what is due now; return how many reminders met each decision."""
        counts: Counter[str] = Counter()
        shared, store = self.shared, self.shared.store
        if shared.assistant.messenger is None:
            return counts
        async with self._lock:
            now = shared.clock.now()
            since = (now - self.settings.grace - self.settings.lookback).astimezone(shared.tz)
            inputs = await store.plan_inputs(since.date() - timedelta(days=1))
            planned = [
                p
                for p in plan(inputs.meetup_specs, inputs.agreement_specs, self.settings, now)
                if p.user_id is not None or shared.cfg.bot.staff_chat_id
            ]
            if not planned:
                return counts
            rows = await store.deliveries([p.key for p in planned])
            langs = await store.languages(p.user_id for p in planned if p.user_id)
            for p in planned:
                if self._stopping:
                    break
                row = rows.get(p.key)
                action = decide(p, now, row, shared.cfg.reminders.max_attempts)
                if action == "send" and await store.insert(p, "sending", now):
                    counts[await self._deliver(p, inputs, langs, now, 1)] += 1
                elif (
                    action == "retry"
                    and row is not None
                    and await store.transition(
                        p.key, "failed", "sending", now, attempts=row.attempts
                    )
                ):
                    counts[await self._deliver(p, inputs, langs, now, row.attempts + 1)] += 1
                elif action == "skip" and await store.insert(p, "skipped", now):
                    counts["skipped"] += 1
                    log.info(
                        "reminder %s skipped: due %s, beyond grace or after the event",
                        p.key,
                        p.due_at.isoformat(),
                    )
                elif action == "give_up" and await store.transition(
                    p.key, "failed", "gave_up", now
                ):
                    counts["gave_up"] += 1
                    log.warning("reminder %s not delivered; giving up", p.key)
                elif action == "abandon" and await store.abandon_stale(p.key, now):
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
        cfg, store = self.shared.cfg, self.shared.store
        lang = langs.get(p.user_id or 0, cfg.bot.default_language)
        chat_id = p.user_id if p.user_id is not None else cfg.bot.staff_chat_id
        status, retry_at = "sent", None
        try:
            reply = self._render(p, inputs, lang, now)
            await self.shared.assistant.messenger.send(chat_id, reply)  # type: ignore[union-attr]
        except Exception as exc:
            match verdict(exc):
                case "blocked":
                    status = "blocked"
                    if p.user_id is not None and not p.to_staff:
                        await SqlBlocked(store.sessions).blocked(p.user_id, now)
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
        await store.transition(p.key, "sending", status, now, next_attempt_at=retry_at)
        return status

    def _render(self, p: Planned, inputs: PlanInputs, lang: str, now: datetime) -> Reply:
        texts = self.shared.texts
        if p.kind == "meetup":
            return texts.meetup(p, lang, now, inputs.meetups[p.subject])
        if p.kind == "cancel":
            m = inputs.meetups[p.subject]
            spec = next(x for x in inputs.meetup_specs if x.id == m.id)
            skip = frozenset(spec.cancelled)
            [nxt] = upcoming(m.weekday, m.at, self.shared.tz, p.event, 1, skip)
            return texts.meetup(p, lang, now, m, nxt)
        return texts.agreement(p, lang, inputs.agreements[p.subject])

    async def housekeeping(self) -> None:
        """Delete what is no longer needed: old log rows, stale flows, long-ended agreements."""
        cfg = self.shared.cfg
        now = self.shared.clock.now()
        try:
            counts = await self.shared.store.purge(
                now,
                log_before=now - timedelta(days=cfg.reminders.log_keep_days),
                flows_before=now - timedelta(hours=cfg.reminders.flow_timeout_hours),
                ended_before=now.astimezone(self.shared.tz).date()
                - timedelta(days=cfg.agreement.keep_days_after_end),
            )
        except Exception:
            log.exception("reminder housekeeping failed")
            return
        if any(counts.values()):
            log.info("reminder housekeeping removed %s", counts)
