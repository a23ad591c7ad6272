"""Staff menu, staff management by admins, and statistics.

- ``/ansatt``: the staff menu (tips, statistics, meetups, agreements; staff management for admins).
- ``/ansatte``: admins list staff, remove them with a button, and add them with a one-time
  invite link (``t.me/<bot>?start=staff_<code>``) or by Telegram id (``/ansatte 12345``).
- ``/statistikk``: counts only; no names, no message text.
Admins come from ``bot.admin_ids``; every staff command and button checks the role when used
(the assistant does it), and admin-only actions check the admin role again here.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Config
from bot.core.audit import Actor
from bot.core.context import Context
from bot.core.events import Outcome
from bot.core.feature import Feature, Handler
from bot.core.i18n import Translator
from bot.core.ids import telegram_id
from bot.services.staff import INVITE_PREFIX, INVITE_VALID, StaffService
from bot.storage.staff import StaffStore


class StaffTools(Feature):
    name = "staff_tools"

    def __init__(
        self,
        cfg: Config,
        staff: StaffStore,
        service: StaffService,
        t: Translator,
        features: Callable[[], list[Feature]],
    ):
        """``features()``: every feature, asked for its figures by /statistikk."""
        self.cfg = cfg
        self.t = t
        self.staff = staff
        self.service = service
        self.features = features

    def staff_commands(self) -> dict[str, Handler]:
        return {"ansatt": self.menu, "ansatte": self.manage, "statistikk": self.stats_cmd}

    def staff_actions(self) -> dict[str, Handler]:
        return {
            "sm": self.menu,
            "sst": self.stats_cmd,
            "sau": self.manage,
            "sai": self.invite,
            "sar": self.remove_ask,
            "sary": self.remove,
        }

    def start_payloads(self) -> dict[str, Handler]:
        return {INVITE_PREFIX: self.accept_invite}

    async def personal_data(self, user_id: int, lang: str) -> list[str]:
        lines = []
        if user_id in await self.service.members():
            lines.append(self.t(lang, "staff-data-member"))
        if audited := await self.service.audited(user_id):
            days = self.cfg.privacy.audit_days
            lines.append(self.t(lang, "staff-data-audit", count=audited, days=days))
        return lines

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
                added = await self.service.add(user_id, Actor.chat(ctx.user_id))
                lines.append(ctx.t("staff-added" if added else "staff-already", id=str(user_id)))
        members = await self.service.members()
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
        invite = await self.service.invite(Actor.chat(ctx.user_id))
        link = ctx.assistant.bot_link(invite.payload)
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
        removed = await self.service.remove(user_id, Actor.chat(ctx.user_id))
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
        if not await self.service.accept(ctx.arg, ctx.user_id):
            return ctx.menu(ctx.t("staff-invite-invalid"))
        return ctx.reply(ctx.t("staff-welcome"), [[ctx.button(ctx.t("staff-btn-open-menu"), "sm")]])

    # --- statistics --------------------------------------------------------------------------

    async def stats_cmd(self, ctx: Context) -> Outcome:
        """Each feature's own figures, in the order the features are wired."""
        users = await self.staff.users_count()
        lines = [
            ctx.t("stats-title"),
            ctx.t("stats-users", total=users["total"], active=users["active_30d"]),
        ]
        for feature in self.features():
            if feature is not self:
                lines += await feature.statistics(ctx.lang)
        return ctx.reply("\n".join(lines))
