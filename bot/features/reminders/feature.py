"""The reminders feature: what it offers the assistant, composed of its parts.

:mod:`.sending` sends what is due (a sweep every minute) and keeps house,
:mod:`.resident` is what residents do (menu, subscribe, ``/stopp``, deep links),
:mod:`.staff` and :mod:`.staff_flows` are what staff do (``/treff``, ``/avtale``, guided flows),
:mod:`.shared` is what they all read. The writes live in :mod:`bot.services.reminders`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.config import Config
from bot.core.assistant import Assistant
from bot.core.audit import AuditLog
from bot.core.context import Context
from bot.core.events import Outcome
from bot.core.feature import Feature, Handler
from bot.core.jobs import Job, SystemClock
from bot.core.ports import Clock
from bot.core.reminders.prompts import FLOW_ACTION
from bot.core.reminders.texts import esc, fmt_date
from bot.features.reminders.resident import ResidentSide
from bot.features.reminders.sending import ReminderSender
from bot.features.reminders.shared import Shared
from bot.features.reminders.staff import StaffLists
from bot.features.reminders.staff_flows import StaffFlows
from bot.services.reminders import CODE_PREFIX, AgreementService, MeetupService
from bot.storage.reminders import ReminderStore


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
        *,
        audit: AuditLog,
    ):
        self.shared = Shared(cfg, ReminderStore(sessions), assistant, clock or SystemClock())
        # The operations staff and residents trigger (shared with the staff desk).
        self.meetup_ops = MeetupService(self.store, self.clock, audit)
        self.agreement_ops = AgreementService(
            self.store, self.clock, timedelta(hours=cfg.agreement.link_code_valid_hours), audit
        )
        self.sender = ReminderSender(self.shared)
        self.resident = ResidentSide(self.shared, self.meetup_ops, self.agreement_ops)
        self.staff = StaffLists(self.shared, self.meetup_ops, self.agreement_ops)
        self.flows = StaffFlows(self.shared, self.staff, self.meetup_ops, self.agreement_ops)

    @property
    def store(self) -> ReminderStore:
        return self.shared.store

    @property
    def clock(self) -> Clock:
        return self.shared.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        """Swap the clock everywhere in the feature (tests set a controllable one)."""
        self.shared.clock = self.meetup_ops.clock = self.agreement_ops.clock = clock

    # --- protocol ----------------------------------------------------------------------------

    def commands(self) -> dict[str, Handler]:
        return {"stopp": self.resident.stop_cmd}

    def staff_commands(self) -> dict[str, Handler]:
        return {"treff": self.staff.meetups_cmd, "avtale": self.staff.agreements_cmd}

    def actions(self) -> dict[str, Handler]:
        r = self.resident
        return {"rsub": r.subscribe, "runs": r.unsubscribe, "runl": r.unlink}

    def staff_actions(self) -> dict[str, Handler]:
        lists, flows = self.staff, self.flows
        return {
            "rtl": lists.meetups_cmd,
            "rtn": flows.new_meetup,
            "rte": flows.edit_meetup,
            "rtc": flows.cancel_meetup_date,
            "rtd": lists.delete_meetup_ask,
            "rtdy": lists.delete_meetup,
            "rtu": lists.undo_cancel,
            "ral": lists.agreements_cmd,
            "ran": flows.new_agreement,
            "rac": lists.new_code,
            "rax": lists.delete_agreement_ask,
            "raxy": lists.delete_agreement,
            FLOW_ACTION: flows.flow_button,
        }

    def menu_items(self) -> dict[str, Handler]:
        return {"reminders": self.resident.menu}

    def start_payloads(self) -> dict[str, Handler]:
        return {"meetup": self.resident.deep_meetup, CODE_PREFIX: self.resident.deep_link}

    async def on_text(self, ctx: Context) -> Outcome | None:
        return await self.flows.on_text(ctx)

    async def personal_data(self, user_id: int, lang: str) -> list[str]:
        t, texts, store = self.shared.assistant.t, self.shared.texts, self.store
        lines = []
        subscribed = await store.subscriptions(user_id)
        for m in await store.meetups():
            if m.id in subscribed:
                lines.append(
                    t(
                        lang,
                        "reminders-data-subscription",
                        meetup=texts.weekly(lang, m),
                        place=esc(m.place),
                    )
                )
        for a in await store.linked_agreements(user_id):
            lines.append(
                t(lang, "reminders-data-agreement", label=esc(a.label), end=fmt_date(a.ends_on))
            )
        if responsible := await store.responsible_for(user_id):
            lines.append(t(lang, "reminders-data-staff", count=responsible))
        if count := await store.sent_count(user_id):
            keep = self.shared.cfg.reminders.log_keep_days
            lines.append(t(lang, "reminders-data-log", count=count, days=keep))
        if await store.flow(user_id) is not None:
            lines.append(t(lang, "reminders-data-flow"))
        return lines

    async def statistics(self, lang: str) -> list[str]:
        figures = await self.store.stats(self.shared.now_local().date())
        return [
            self.shared.assistant.t(
                lang,
                "stats-reminders",
                meetup=figures["meetup_subscribers"],
                agreements=figures["agreements_active"],
                linked=figures["agreements_linked"],
            )
        ]

    def jobs(self) -> list[Job]:
        # Every minute, and once right away: catch up on what was due while the bot was down.
        return [
            Job("reminders:sweep", self.sender.job, cron_minute="*"),
            Job("reminders:housekeeping", self.housekeeping, cron_minute="17"),
        ]

    async def start(self) -> None:
        self.sender.resume()
        await self.store.load_presence()

    async def stop(self) -> None:
        await self.sender.stop()

    # --- what the wiring and tests call ------------------------------------------------------

    async def sweep(self) -> Counter[str]:
        """Send what is due now; return how many reminders met each decision."""
        return await self.sender.sweep()

    async def housekeeping(self) -> None:
        await self.sender.housekeeping()

    async def next_meetups(self, lang: str) -> str:
        """The next meetups, as the FAQ's meetup answers show them."""
        return await self.resident.next_meetups(lang)
