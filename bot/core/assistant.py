"""The assistant: turns one :class:`Incoming` event into an :class:`Outcome`.

It knows nothing of Telegram. Features plug in through :class:`bot.core.feature.Feature`;
the assistant routes commands, signed button actions, deep links and free text to them, checks
the staff role on every staff command and button, and turns any handler crash into an apology.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.core.broadcast.pacing import Pacer
from bot.core.callbacks import CallbackSigner
from bot.core.context import Context
from bot.core.events import Button, Incoming, Outcome, Reply
from bot.core.feature import Feature, Handler
from bot.core.i18n import Translator, language_from_telegram
from bot.core.inbound import InboundStore
from bot.core.jobs import SystemClock
from bot.core.language import LanguageGuesser
from bot.core.metrics import UPDATES, Metrics, NoMetrics
from bot.core.personal_data import PersonalData
from bot.core.placeholders import fill
from bot.core.ports import Clock, DeliveryError, Messenger, Service, UserStore
from bot.core.roles import Roles

log = logging.getLogger(__name__)

# Main menu: (item key, label message id), in display order, two per row.
MENU_ITEMS = [
    ("faq", "menu-faq"),
    ("bolignu", "menu-bolignu"),
    ("startlan", "menu-startlan"),
    ("foyer", "menu-foyer"),
    ("reminders", "menu-reminders"),
    ("tips", "menu-tips"),
    ("staff", "menu-staff"),
    ("language", "menu-language"),
    ("privacy", "menu-privacy"),
]


class Assistant:
    def __init__(
        self,
        users: UserStore,
        translator: Translator,
        signer: CallbackSigner,
        roles: Roles,
        default_language: str = "nb",
        variables: dict[str, Any] | None = None,
    ):
        self.users = users
        self.t = translator
        self.signer = signer
        self.roles = roles
        self.default_language = default_language
        self.variables = variables or {}
        self.messenger: Messenger | None = None
        # Where a channel stores updates before handling them (bot.core.inbound); set by wiring.
        self.inbound: InboundStore | None = None
        self.clock: Clock = SystemClock()  # the one clock; the wiring may set another
        # A person's own data, export and delete (every feature's part), for every surface.
        self.personal_data = PersonalData(users, lambda: self.features, roles)
        # One pace for everything the process sends (replies first); set by the wiring.
        self.pacer = Pacer(30)
        self.guesser: LanguageGuesser | None = None  # set to answer free text in its language
        self.features: list[Feature] = []
        self.metrics: Metrics = NoMetrics()
        # Started after the features and stopped before them, on the channel's loop (the desk).
        self.services: list[Service] = []
        self._commands: dict[str, Handler] = {}
        self._staff_commands: dict[str, Handler] = {}
        self._actions: dict[str, Handler] = {}
        self._staff_actions: dict[str, Handler] = {}
        self._menu: dict[str, Handler] = {}
        self._payloads: dict[str, Handler] = {}

    def add(self, feature: Feature) -> None:
        self.features.append(feature)
        self.features.sort(key=lambda f: f.text_priority)
        self._commands.update(feature.commands())
        self._staff_commands.update(feature.staff_commands())
        self._actions.update(feature.actions())
        self._staff_actions.update(feature.staff_actions())
        self._menu.update(feature.menu_items())
        self._payloads.update(feature.start_payloads())

    def feature(self, name: str) -> Feature | None:
        return next((f for f in self.features if f.name == name), None)

    @property
    def user_commands(self) -> list[str]:
        return list(self._commands)

    # --- entry point -------------------------------------------------------------------------

    async def handle(self, event: Incoming) -> Outcome:
        lang_guess = language_from_telegram(event.sender.language_code)
        try:
            user = await self.users.touch(event.sender.id, lang_guess)
            ctx = Context(event, user, self)
            outcome = await self._route(ctx)
        except Exception:
            # The text is never logged: it may hold health or personal details.
            log.exception("handler failed for update %s (%s)", event.update_id, event.kind)
            self.metrics.count(UPDATES, kind=event.kind, result="error")
            return Outcome([Reply(self.t(lang_guess, "error-apology"))], notice=None)
        self.metrics.count(UPDATES, kind=event.kind, result="ok")
        return outcome

    async def _route(self, ctx: Context) -> Outcome:
        ev = ctx.incoming
        if ev.kind == "button":
            return await self._on_button(ctx)
        if ev.kind == "command":
            return await self._on_command(ctx)
        if ev.kind == "unsupported":
            for feature in self.features:
                if (out := await feature.on_media(ctx)) is not None:
                    return out
            if not ev.is_private:
                return Outcome()
            return ctx.menu(ctx.t("unsupported-input"))
        if ev.is_private and self.guesser is not None:
            guess = self.guesser.guess(ev.text, ctx.user.language)
            ctx.written_in = guess if guess in self.t.languages else None
        if not ev.is_private:
            # In groups (the staff chat) only features that claim the text answer it.
            for feature in self.features:
                if (out := await feature.on_text(ctx)) is not None:
                    return out
            return Outcome()
        for feature in self.features:
            if (out := await feature.on_text(ctx)) is not None:
                return out
        return ctx.menu(ctx.t("text-not-understood"))

    async def _on_command(self, ctx: Context) -> Outcome:
        name = ctx.incoming.command.lower()
        ctx.arg = ctx.incoming.text
        if name == "start" and ctx.arg:
            for prefix, handler in self._payloads.items():
                if ctx.arg.startswith(prefix):
                    ctx.arg = ctx.arg[len(prefix) :]
                    return await self._run(handler, ctx)
        if name in self._staff_commands:
            if not await ctx.is_staff():
                return self.refuse(ctx, f"/{name}")
            return await self._run(self._staff_commands[name], ctx)
        if name in self._commands:
            return await self._run(self._commands[name], ctx)
        if not ctx.incoming.is_private:
            return Outcome()
        return ctx.menu(ctx.t("unknown-command"))

    async def _on_button(self, ctx: Context) -> Outcome:
        action = self.signer.verify(ctx.incoming.owner, ctx.incoming.data)
        if action is None:
            log.warning("unverifiable button data from user %s", ctx.user_id)
            return self.stale(ctx)
        ctx.arg = action.arg
        if action.name in self._staff_actions:
            if not await ctx.is_staff():
                return self.refuse(ctx, action.name)
            return await self._run(self._staff_actions[action.name], ctx)
        if action.name == "m":
            handler = self._menu.get(action.arg)
            if handler is None:
                return ctx.menu(ctx.t("coming-soon"))
            return await self._run(handler, ctx)
        handler = self._actions.get(action.name)
        if handler is None:
            return self.stale(ctx)
        return await self._run(handler, ctx)

    async def _run(self, handler: Handler, ctx: Context) -> Outcome:
        out = await handler(ctx)
        return out if out is not None else self.stale(ctx)

    # --- shared replies ----------------------------------------------------------------------

    def refuse(self, ctx: Context, what: str) -> Outcome:
        log.warning("user %s tried staff-only %s", ctx.user_id, what)
        if not ctx.incoming.is_private:
            return ctx.reply(ctx.t("staff-only"), reply_to_message_id=ctx.incoming.message_id)
        return ctx.menu(ctx.t("staff-only"))

    def require_messenger(self) -> Messenger:
        """The channel for sending outside the reply flow; DeliveryError before one is set."""
        if self.messenger is None:
            raise DeliveryError("no channel to send through")
        return self.messenger

    def bot_link(self, payload: str) -> str:
        """``https://t.me/<bot>?start=<payload>``, or ``/start <payload>`` where the channel
        has no public name (the local console)."""
        username = getattr(self.messenger, "username", "") if self.messenger else ""
        return f"https://t.me/{username}?start={payload}" if username else f"/start {payload}"

    def signed_for(self, owner: int, label: str, action: str, arg: str = "") -> Button:
        """A button for a chat other than the current one (a user's id, or a group's id)."""
        return Button(label, self.signer.sign(owner, action, arg))

    def stale(self, ctx: Context) -> Outcome:
        out = ctx.menu(ctx.t("button-inactive"))
        out.notice = ctx.t("button-inactive-short")
        return out

    def menu_buttons(self, ctx: Context) -> list[list[Button]]:
        buttons = [ctx.button(ctx.t(label), "m", key) for key, label in MENU_ITEMS]
        return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]

    def menu_outcome(self, ctx: Context, text: str | None = None) -> Outcome:
        body = f"{text}\n\n{ctx.t('menu-prompt')}" if text else ctx.t("menu-prompt")
        return Outcome([Reply(body, self.menu_buttons(ctx))])

    def fill(self, text: str, extra: dict[str, Any] | None = None) -> str:
        """Substitute ``{name}`` content variables (config values) into a content text."""
        return fill(text, {**self.variables, **(extra or {})})

    async def start(self) -> None:
        for feature in self.features:
            await feature.start()
        for service in self.services:
            await service.start()

    async def stop(self) -> None:
        for service in reversed(self.services):
            await service.stop()
        for feature in reversed(self.features):
            await feature.stop()
