"""First contact and the user's own data: /start, /help, /sprak, /personvern, /mine_data, /slett."""

from __future__ import annotations

import html

from bot.core.context import Context
from bot.core.events import Outcome, Reply
from bot.core.feature import Feature, Handler
from bot.core.ids import parse_int
from bot.core.plain import SCREEN_CHARS
from bot.core.privacy import PrivacyFacts, privacy_notice

CONFIRM_DELETE_SECONDS = 15 * 60


class Basics(Feature):
    name = "basics"

    def __init__(self, privacy: PrivacyFacts):
        """``privacy``: what is kept and how long, from the config (/personvern tells it)."""
        self.facts = privacy

    def commands(self) -> dict[str, Handler]:
        return {
            "start": self.start_cmd,
            "meny": self.start_cmd,
            "menu": self.start_cmd,
            "help": self.help,
            "hjelp": self.help,
            "sprak": self.language,
            "language": self.language,
            "personvern": self.privacy,
            "privacy": self.privacy,
            "mine_data": self.my_data,
            "slett": self.delete,
        }

    def actions(self) -> dict[str, Handler]:
        return {"lang": self.set_language, "del": self.confirm_delete, "menu": self.show_menu}

    def menu_items(self) -> dict[str, Handler]:
        return {"language": self.language, "privacy": self.privacy}

    async def start_cmd(self, ctx: Context) -> Outcome:
        name = html.escape(ctx.incoming.sender.first_name or "-", quote=False)  # sent as HTML
        return ctx.menu(ctx.t("welcome", name=name))

    async def show_menu(self, ctx: Context) -> Outcome:
        return ctx.menu()

    async def help(self, ctx: Context) -> Outcome:
        return ctx.menu(ctx.t("help-text"))

    async def language(self, ctx: Context) -> Outcome:
        buttons = [
            [
                ctx.button("🇳🇴 Norsk (bokmål)", "lang", "nb"),
                ctx.button("🇳🇴 Norsk (nynorsk)", "lang", "nn"),
            ],
            [
                ctx.button("🇬🇧 English", "lang", "en"),
                ctx.button("🇺🇦 Українська", "lang", "uk"),
            ],
        ]
        return ctx.reply(ctx.t("language-choose"), buttons)

    async def set_language(self, ctx: Context) -> Outcome | None:
        if ctx.arg not in ctx.assistant.t.languages:
            return None
        await ctx.assistant.users.set_language(ctx.user_id, ctx.arg)
        ctx.user = await ctx.assistant.users.touch(ctx.user_id, ctx.arg)
        return ctx.menu(ctx.t("language-set"))

    async def privacy(self, ctx: Context) -> Outcome:
        room = SCREEN_CHARS - len(ctx.t("menu-prompt")) - 2  # the last one carries the menu
        *first, last = privacy_notice(ctx.t, self.facts, room)
        return Outcome([*(Reply(m) for m in first), *ctx.menu(last).replies])

    async def my_data(self, ctx: Context) -> Outcome:
        u = ctx.user
        lines = [
            ctx.t(
                "mydata-user",
                id=str(u.id),
                language=ctx.t(f"language-name-{u.language}"),
                first=u.first_seen.strftime("%d.%m.%Y"),
                last=u.last_seen.strftime("%d.%m.%Y"),
            )
        ]
        lines += await ctx.assistant.personal_data.export(ctx.user_id, ctx.lang)
        body = ctx.t("mydata-title") + "\n\n" + "\n".join(f"• {line}" for line in lines)
        return ctx.menu(body + "\n\n" + ctx.t("mydata-footer"))

    async def delete(self, ctx: Context) -> Outcome:
        stamp = str(int(ctx.assistant.clock.now().timestamp()))
        buttons = [
            [ctx.button(ctx.t("delete-yes"), "del", stamp)],
            [ctx.button(ctx.t("delete-no"), "menu")],
        ]
        text = ctx.t("delete-confirm")
        roles = ctx.assistant.roles
        if await roles.is_admin(ctx.user_id):  # from the config: /slett cannot take that away
            text += "\n\n" + ctx.t("delete-warning-admin")
        elif await roles.is_staff(ctx.user_id):
            text += "\n\n" + ctx.t("delete-warning-staff")
        return ctx.reply(text, buttons)

    async def confirm_delete(self, ctx: Context) -> Outcome | None:
        stamp = parse_int(ctx.arg, 0, 2**40)  # when the question was asked (Unix seconds)
        now = ctx.assistant.clock.now().timestamp()
        if stamp is None or now - stamp > CONFIRM_DELETE_SECONDS:
            return None
        await ctx.assistant.personal_data.delete(ctx.user_id)  # staff role, drafts included
        return Outcome([Reply(ctx.t("delete-done"), edit=True)])
