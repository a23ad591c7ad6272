"""Staff menu, staff management by admins, and statistics.

- ``/ansatt``: the staff menu (tips, statistics, meetups, agreements; staff management for admins).
- ``/ansatte``: admins list staff, remove them with a button, and add them with a one-time
  invite link (``t.me/<bot>?start=staff_<code>``) or by Telegram id (``/ansatte 12345``).
- ``/statistikk``: counts only; no names, no message text.
Admins come from ``bot.admin_ids``; every staff command and button checks the role when used
(the assistant does it), and admin-only actions check the admin role again here.
"""

from __future__ import annotations

import html
import secrets
from datetime import timedelta

from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.config import Config
from bot.core.context import Context
from bot.core.events import Outcome
from bot.core.feature import Feature, Handler
from bot.core.i18n import Translator
from bot.core.ids import telegram_id
from bot.features import reminders
from bot.storage.broadcasts import BroadcastStore
from bot.storage.dialogs import DialogStore
from bot.storage.faq import FaqStore
from bot.storage.staff import StaffStore
from bot.storage.types import utcnow

INVITE_PREFIX = "staff_"
INVITE_VALID = timedelta(hours=24)


class StaffTools(Feature):
    name = "staff_tools"

    def __init__(
        self,
        cfg: Config,
        sessions: async_sessionmaker,
        staff: StaffStore,
        broadcasts: BroadcastStore,
        t: Translator,
    ):
        self.cfg = cfg
        self.t = t
        self.sessions = sessions
        self.staff = staff
        self.broadcasts = broadcasts

    def staff_commands(self) -> dict[str, Handler]:
        return {"ansatt": self.menu, "ansatte": self.manage, "statistikk": self.statistics}

    def staff_actions(self) -> dict[str, Handler]:
        return {
            "sm": self.menu,
            "sst": self.statistics,
            "sau": self.manage,
            "sai": self.invite,
            "sar": self.remove_ask,
            "sary": self.remove,
        }

    def start_payloads(self) -> dict[str, Handler]:
        return {INVITE_PREFIX: self.accept_invite}

    async def personal_data(self, user_id: int, lang: str) -> list[str]:
        if user_id in await self.staff.staff():
            return [self.t(lang, "staff-data-member")]
        return []

    # --- menu --------------------------------------------------------------------------------

    async def menu(self, ctx: Context) -> Outcome:
        rows = [
            [ctx.button(ctx.t("staff-btn-tips"), "tipn")],
            [ctx.button(ctx.t("staff-btn-stats"), "sst")],
            [
                ctx.button(ctx.t("staff-btn-meetups"), "rtl"),
                ctx.button(ctx.t("staff-btn-agreements"), "ral"),
            ],
        ]
        if await ctx.assistant.roles.is_admin(ctx.user_id):
            rows.append([ctx.button(ctx.t("staff-btn-manage"), "sau")])
        return ctx.reply(ctx.t("staff-menu"), rows)

    # --- managing staff (admins) -------------------------------------------------------------

    async def _admin(self, ctx: Context) -> bool:
        return await ctx.assistant.roles.is_admin(ctx.user_id)

    async def manage(self, ctx: Context) -> Outcome:
        if not await self._admin(ctx):
            return ctx.assistant.refuse(ctx, "staff management")
        arg = ctx.arg.strip() if ctx.incoming.kind == "command" else ""
        lines = []
        if arg:
            if (user_id := telegram_id(arg)) is None:
                lines.append(ctx.t("staff-add-how"))  # and the list, with the invite button
            else:
                added = await self.staff.add_staff(user_id, ctx.user_id)
                lines.append(ctx.t("staff-added" if added else "staff-already", id=str(user_id)))
        members = await self.staff.staff()
        admins = sorted(self.cfg.bot.admin_ids)
        lines.append(
            ctx.t("staff-list", admins=", ".join(map(str, admins)) or "-", count=len(members))
        )
        rows = [[ctx.button(ctx.t("staff-btn-remove", id=m), "sar", str(m))] for m in members]
        rows.append([ctx.button(ctx.t("staff-btn-invite"), "sai")])
        return ctx.reply("\n\n".join(lines), rows)

    async def invite(self, ctx: Context) -> Outcome:
        if not await self._admin(ctx):
            return ctx.assistant.refuse(ctx, "staff invite")
        code = secrets.token_urlsafe(18)
        await self.staff.new_invite(code, ctx.user_id, utcnow() + INVITE_VALID)
        link = ctx.assistant.bot_link(f"{INVITE_PREFIX}{code}")
        hours = int(INVITE_VALID.total_seconds() // 3600)
        return ctx.reply(ctx.t("staff-invite", link=link, hours=hours))

    async def remove_ask(self, ctx: Context) -> Outcome | None:
        if not await self._admin(ctx):
            return ctx.assistant.refuse(ctx, "staff removal")
        if (user_id := telegram_id(ctx.arg)) is None:
            return None
        return ctx.reply(
            ctx.t("staff-remove-confirm", id=str(user_id)),
            [
                [ctx.button(ctx.t("staff-btn-remove-yes"), "sary", str(user_id))],
                [ctx.button(ctx.t("staff-btn-back"), "sau")],
            ],
            edit=True,
        )

    async def remove(self, ctx: Context) -> Outcome | None:
        if not await self._admin(ctx):
            return ctx.assistant.refuse(ctx, "staff removal")
        if (user_id := telegram_id(ctx.arg)) is None:
            return None
        removed = await self.staff.remove_staff(user_id)
        return ctx.reply(
            ctx.t("staff-removed" if removed else "staff-not-member", id=str(user_id)),
            [[ctx.button(ctx.t("staff-btn-back"), "sau")]],
            edit=True,
        )

    async def accept_invite(self, ctx: Context) -> Outcome:
        if not ctx.incoming.is_private:
            return ctx.reply(ctx.t("staff-invite-invalid"))
        if await ctx.is_staff():
            return ctx.reply(ctx.t("staff-invite-already"))
        if not await self.staff.use_invite(ctx.arg, ctx.user_id, utcnow()):
            return ctx.menu(ctx.t("staff-invite-invalid"))
        return ctx.reply(ctx.t("staff-welcome"), [[ctx.button(ctx.t("staff-btn-open-menu"), "sm")]])

    # --- statistics --------------------------------------------------------------------------

    async def statistics(self, ctx: Context) -> Outcome:
        t = ctx.t
        users = await self.staff.users_count()
        faq_store = FaqStore(self.sessions)
        faq = await faq_store.totals()
        top = await faq_store.top_unanswered(5)
        dialogs = await DialogStore(self.sessions).stats()
        rem = await reminders.stats(self.sessions, self.cfg.today())
        handover = await self.staff.handover_counts()
        lines = [
            t("stats-title"),
            t("stats-users", total=users["total"], active=users["active_30d"]),
            t("stats-faq", answered=faq["answered"], unanswered=faq["unanswered"]),
        ]
        if top:
            lines.append(t("stats-top-unanswered"))
            lines += [f"• {html.escape(q[:80], quote=False)} ({n})" for q, n in top]
        lines.append(t("stats-dialogs"))
        per: dict[str, dict[str, int]] = {}
        for dialog_id, outcome, n in dialogs:
            per.setdefault(dialog_id, {})[outcome or "-"] = n
        if not per:
            lines.append(t("stats-none"))
        for dialog_id, outcomes in sorted(per.items()):
            started = sum(outcomes.values())
            finished = started - outcomes.get("-", 0)
            detail = ", ".join(f"{o} {n}" for o, n in sorted(outcomes.items()) if o != "-")
            lines.append(
                t(
                    "stats-dialog",
                    dialog=dialog_id,
                    started=started,
                    finished=finished,
                    detail=detail or "-",
                )
            )
        lines.append(
            t(
                "stats-subscribers",
                meetup=rem["meetup_subscribers"],
                tips=await self.staff.tip_subscribers(),
                agreements=rem["agreements_active"],
                linked=rem["agreements_linked"],
            )
        )
        lines.append(
            t(
                "stats-handover",
                open=handover.get("open", 0) + handover.get("asking", 0),
                closed=handover.get("closed", 0),
            )
        )
        recent = await self.broadcasts.recent(5)
        lines.append(t("stats-broadcasts"))
        if not recent:
            lines.append(t("stats-none"))
        for b in recent:
            r = b.report
            lines.append(
                t(
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
        return ctx.reply("\n".join(lines))
