"""Wiring: config → database → stores → assistant with its features."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.config import Config
from bot.core.assistant import Assistant
from bot.core.basics import Basics
from bot.core.broadcast.pacing import Pacer, instance_rate
from bot.core.callbacks import CallbackSigner
from bot.core.events import Reply
from bot.core.i18n import translator
from bot.core.language import LanguageGuesser
from bot.core.ports import Clock, Parts
from bot.storage.db import create_engine, session_factory, shared_database
from bot.storage.dialogs import DialogStore
from bot.storage.faq import FaqStore
from bot.storage.inbound import SqlInboundStore
from bot.storage.migrate import upgrade
from bot.storage.staff import SqlRoles
from bot.storage.users import SqlUserStore, get_or_create_secret

if TYPE_CHECKING:
    from bot.services.desk_accounts import DeskAccounts
    from bot.services.handover import HandoverService
    from bot.services.reminders import AgreementService, MeetupService
    from bot.services.tips import TipService
    from bot.storage.audit import SqlAuditLog


@dataclass(frozen=True)
class AppServices:
    """The application services the chat features use, for the staff desk to call the same
    ones (one home per operation)."""

    handover: HandoverService
    tips: TipService
    meetups: MeetupService
    agreements: AgreementService
    accounts: DeskAccounts  # desk logins (the admin page)
    audit: SqlAuditLog  # the record of staff actions (every service above writes to it)
    bot_link: Callable[[str], str]  # a deep link t.me/<bot>?start=<payload> ("" if unknown)


@dataclass
class Runtime:
    cfg: Config
    engine: AsyncEngine
    sessions: async_sessionmaker
    assistant: Assistant
    services: AppServices | None = None  # set by build_features

    async def close(self) -> None:
        await self.engine.dispose()


async def build_runtime(cfg: Config, migrate: bool = True, clock: Clock | None = None) -> Runtime:
    """``clock``: the one clock (tests inject their own; the system's otherwise)."""
    engine = create_engine(cfg.database.url)
    if migrate:
        await upgrade(engine)
    sessions = session_factory(engine)
    secret = await get_or_create_secret(sessions)
    variables = cfg.content_variables()
    assistant = Assistant(
        users=SqlUserStore(sessions),
        translator=translator(),
        signer=CallbackSigner(secret),
        roles=SqlRoles(cfg.bot.admin_ids, sessions),
        default_language=cfg.bot.default_language,
        variables=variables,
    )
    if clock is not None:
        assistant.clock = clock
    assistant.guesser = LanguageGuesser()
    assistant.inbound = SqlInboundStore(sessions)
    assistant.pacer = Pacer(
        instance_rate(cfg.broadcast.rate_per_second, cfg.bot.instances),
        chat_burst=cfg.broadcast.chat_burst,
    )
    runtime = Runtime(cfg, engine, sessions, assistant)
    for feature in build_features(runtime):
        assistant.add(feature)
    return runtime


def build_features(runtime: Runtime) -> list:
    """Every feature of the bot, in one place. Each feature gets the typed services and
    callables it uses, here: none looks another up by name."""
    from bot.core.faq.embedder import load_embedder
    from bot.core.inbound import KEEP_DONE
    from bot.core.jobs import local_today
    from bot.core.outbox import Courier
    from bot.features.crisis import CrisisFeature
    from bot.features.delivery import Delivery
    from bot.features.dialogs import DialogsFeature
    from bot.features.faq import FaqFeature, load_understanding
    from bot.features.handover import Handover
    from bot.features.housekeeping import Housekeeping, Retention
    from bot.features.reminders import Reminders
    from bot.features.staff_tools import StaffTools
    from bot.features.tips import Tips
    from bot.scheduling import Scheduling
    from bot.services.desk_accounts import DeskAccounts
    from bot.services.handover import HandoverService
    from bot.services.staff import StaffService
    from bot.services.tips import TipService
    from bot.storage.audit import SqlAuditLog
    from bot.storage.blocked import SqlBlocked
    from bot.storage.broadcasts import BroadcastStore
    from bot.storage.claims import SqlClaims
    from bot.storage.desk import DeskStore
    from bot.storage.outbox import SqlMessageStore
    from bot.storage.staff import StaffStore

    cfg, assistant = runtime.cfg, runtime.assistant
    t = assistant.t
    clock = assistant.clock
    scheduling = Scheduling(cfg.tz, [])
    staff, broadcasts = StaffStore(runtime.sessions), BroadcastStore(runtime.sessions)
    messages = SqlMessageStore(runtime.sessions)
    # One audit log for every service, chat and desk alike, stamped by the one clock.
    audit = SqlAuditLog(runtime.sessions, clock)
    assistant.personal_data.audit = audit  # a staff member's own /slett is recorded

    async def send(chat_id: int, reply: Reply, urgent: bool, parts: Parts) -> int:
        messenger = assistant.require_messenger()  # the courier holds the first request's slot
        return await messenger.send(chat_id, reply, slot_taken=True, urgent=urgent, parts=parts)

    courier = Courier(
        messages,
        assistant.pacer,
        clock,
        send,
        lambda: assistant.messenger is not None,
        max_waits=cfg.broadcast.max_waits,
    )
    courier.wake = lambda: scheduling.wake("outbox:send")
    courier.blocked = SqlBlocked(runtime.sessions)
    courier.sole_process = not shared_database(runtime.sessions)
    handover = HandoverService(
        staff,
        courier,
        t,
        assistant.signed_for,
        cfg.bot.staff_chat_id,
        cfg.bot.default_language,
        cfg.office.name,
        assistant.variables,
        audit,
        messages=messages,
        clock=clock,
        claims=SqlClaims(runtime.sessions, clock),
    )
    tips = TipService(
        staff,
        broadcasts,
        t,
        assistant.signed_for,
        assistant.require_messenger,
        assistant.pacer,
        scheduling.wake,
        cfg.office.name,
        cfg.bot.default_language,
        lambda: local_today(clock, cfg.tz),
        cfg.broadcast.max_attempts,
        cfg.broadcast.max_waits,
        cfg.broadcast.progress_every_seconds,
        audit,
    )
    tips.sender.sole_process = courier.sole_process
    reminders = Reminders(cfg, runtime.sessions, assistant, clock=clock, audit=audit)
    runtime.services = AppServices(
        handover,
        tips,
        reminders.meetup_ops,
        reminders.agreement_ops,
        DeskAccounts(DeskStore(runtime.sessions), clock, audit),
        audit,
        reminders.shared.bot_link,
    )
    embedder = load_embedder(cfg.faq.embedder)

    def understanding():  # type: ignore[no-untyped-def]
        return load_understanding(
            embedder=embedder,
            cache_dir=Path(cfg.faq.cache_dir),
            answer_at=cfg.faq.answer_at,
            scope_at=cfg.faq.scope_at,
        )

    crisis = CrisisFeature()
    faq_store = FaqStore(runtime.sessions, today=lambda: local_today(clock, cfg.tz))
    faq = FaqFeature(
        faq_store,
        understanding,
        assistant.fill,
        meetup_info=reminders.next_meetups,
    )
    features = [
        Delivery(courier, messages, clock, timedelta(days=cfg.handover.keep_closed_days)),
        Basics(cfg.privacy_facts()),
        crisis,
        Housekeeping(
            assistant.users,
            cfg.privacy.inactive_user_days,
            clock,
            retentions=[  # the periods /personvern names (cfg.privacy_facts)
                Retention(
                    "unanswered FAQ questions",
                    timedelta(days=cfg.faq.unanswered_retention_days),
                    faq_store.purge,
                ),
                Retention(  # only ids: a handled update keeps no payload and no person
                    "handled update ids",
                    KEEP_DONE,
                    SqlInboundStore(runtime.sessions).purge,
                ),
                Retention(
                    "closed handover threads",
                    timedelta(days=cfg.handover.keep_closed_days),
                    staff.purge_closed,
                ),
                Retention("audit log rows", timedelta(days=cfg.privacy.audit_days), audit.purge),
            ],
        ),
        DialogsFeature(
            DialogStore(runtime.sessions),
            cfg.content_variables(),
            cfg.dialogs.ask_sensitive,
            timedelta(hours=cfg.dialogs.abandon_after_hours),
            cfg.bot.staff_chat_id,
            faq_title=faq.title_of,
            share=handover.escalate,
            clock=clock,
            tz=cfg.tz,
        ),
        reminders,
        faq,
        Handover(cfg, staff, handover, t, crisis=crisis.detect, clock=clock),
        Tips(cfg, tips),
        StaffTools(
            cfg,
            staff,
            StaffService(staff, cfg.bot.admin_ids, clock, audit),
            t,
            lambda: features,
        ),
    ]
    scheduling.features = features
    return [*features, scheduling]
