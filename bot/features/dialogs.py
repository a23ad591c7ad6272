"""Screening dialogs: runs the data-driven engine for a user, with progress kept in the database.

Buttons carry only ``<step count>.<choice index>``; the value is looked up again from the stored
state, so a client can neither invent answers nor replay buttons from an earlier step.

A question counts as asked only once its message was delivered (the reply's ``on_sent`` records
the step count in ``meta["asked"]``): if its send failed (or timed out, and may not have
arrived), what the person types next is not taken as its answer; the question is sent again.
"""

from __future__ import annotations

import html
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.context import Context
from bot.core.dialogs import (
    Continue,
    DialogEngine,
    DialogRegistry,
    DialogState,
    Finished,
    Invalid,
    StaleState,
)
from bot.core.events import Button, Outcome, Reply
from bot.core.feature import Feature, Handler
from bot.core.followups import FollowUp
from bot.core.ids import parse_int
from bot.core.jobs import Job, SystemClock, local_today
from bot.core.ports import Clock
from bot.services.handover import Person
from bot.storage.dialogs import DialogStore
from bot.storage.staff import Thread

log = logging.getLogger(__name__)
OSLO = ZoneInfo("Europe/Oslo")
Share = Callable[[Person, str, str], Awaitable[Thread]]

DIALOGS_DIR = Path(__file__).resolve().parent.parent.parent / "dialogs"


class DialogsFeature(Feature):
    name = "dialogs"
    text_priority = 10

    def __init__(
        self,
        store: DialogStore,
        variables: dict[str, Any],
        ask_sensitive: bool,
        abandon_after: timedelta,
        staff_chat_id: int,
        directory: Path = DIALOGS_DIR,
        faq_title: Callable[[str, str], str | None] | None = None,
        share: Share | None = None,
        clock: Clock | None = None,
        tz: tzinfo = OSLO,
    ):
        """``faq_title(entry_id, lang)``: an FAQ entry's title, for "read more" buttons;
        ``share(person, html, key)``: open a staff case with the person's answers (handover),
        so that a staff reply to them reaches the person."""
        self.share = share
        self.store = store
        self.faq_title = faq_title or (lambda entry_id, lang: None)
        self.registry = DialogRegistry.load(directory, known_variables=set(variables))
        self.clock: Clock = clock or SystemClock()
        self.today = lambda: local_today(self.clock, tz)
        self.engine = DialogEngine(
            self.registry, variables, ask_sensitive=ask_sensitive, today=self.today
        )
        self.abandon_after = abandon_after
        self.staff_chat_id = staff_chat_id

    # --- wiring ------------------------------------------------------------------------------

    def menu_items(self) -> dict[str, Handler]:
        return {dialog_id: self._starter(dialog_id) for dialog_id in self.registry.ids()}

    def actions(self) -> dict[str, Handler]:
        return {"d": self.on_button, "dsum": self.send_summary, "ddel": self.delete_answers}

    def _starter(self, dialog_id: str) -> Handler:
        async def start(ctx: Context) -> Outcome:
            return await self.begin(ctx, dialog_id)

        return start

    async def start(self) -> None:
        await self.store.load_presence()

    async def statistics(self, lang: str) -> list[str]:
        from bot.core.i18n import translator

        t = translator()
        per: dict[str, dict[str, int]] = {}
        for dialog_id, outcome, n in await self.store.stats():
            per.setdefault(dialog_id, {})[outcome or "-"] = n
        lines = [t(lang, "stats-dialogs")]
        if not per:
            lines.append(t(lang, "stats-none"))
        for dialog_id, outcomes in sorted(per.items()):
            started = sum(outcomes.values())
            finished = started - outcomes.get("-", 0)
            detail = ", ".join(f"{o} {n}" for o, n in sorted(outcomes.items()) if o != "-")
            lines.append(
                t(
                    lang,
                    "stats-dialog",
                    dialog=dialog_id,
                    started=started,
                    finished=finished,
                    detail=detail or "-",
                )
            )
        return lines

    def jobs(self) -> list[Job]:
        return [Job("dialogs:expire", self.sweep, every=timedelta(minutes=10))]

    async def sweep(self) -> int:
        """Clear dialogs untouched for longer than the abandon time."""
        return await self.store.purge_older_than(self.clock.now() - self.abandon_after)

    async def personal_data(self, user_id: int, lang: str) -> list[str]:
        from bot.core.i18n import translator

        row = await self.store.load(user_id)
        if row is None:
            return []
        return [translator()(lang, "dialog-mydata", dialog=row[0])]

    # --- running a dialog --------------------------------------------------------------------

    async def _load(self, user_id: int) -> DialogState | None:
        row = await self.store.load(user_id)
        if row is None:
            return None
        try:
            return self.engine.restore(row[1])
        except StaleState:
            await self.store.clear(user_id)
            return None

    async def _save(self, ctx: Context, state: DialogState) -> None:
        await self.store.save(ctx.user_id, state.dialog_id, state.to_dict())

    async def begin(self, ctx: Context, dialog_id: str) -> Outcome:
        state = self.engine.start(dialog_id)
        state.meta["stat_id"] = await self.store.stat_started(dialog_id, self.today())
        await self._save(ctx, state)
        return self.prompt(ctx, state)

    def prompt(self, ctx: Context, state: DialogState, hint: str = "") -> Outcome:
        view = self.engine.render(state, ctx.lang)
        turn = str(len(state.history))
        rows: list[list[Button]] = []
        index = 0
        for row in view.buttons:
            out_row = []
            for choice in row:
                out_row.append(ctx.button(choice.label, "d", f"{turn}.{index}"))
                index += 1
            rows.append(out_row)
        text = f"{hint}\n\n{view.text}" if hint else view.text
        return Outcome([Reply(text, rows, on_sent=self._asked(ctx.user_id, state))])

    def _asked(self, user_id: int, state: DialogState) -> Callable[[int], Awaitable[None]]:
        """Once the question's message is delivered: record that this step was asked."""
        turn = len(state.history)

        async def asked(message_id: int) -> None:
            if state.meta.get("asked") != turn:
                state.meta["asked"] = turn
                await self.store.save(user_id, state.dialog_id, state.to_dict())

        return asked

    def _choice_value(self, ctx: Context, state: DialogState, arg: str) -> str | None:
        turn, _, idx = arg.partition(".")
        flat = [c for row in self.engine.render(state, ctx.lang).buttons for c in row]
        index = parse_int(idx, 0, len(flat) - 1)
        if turn != str(len(state.history)) or index is None:
            return None
        return flat[index].value

    async def on_button(self, ctx: Context) -> Outcome | None:
        state = await self._load(ctx.user_id)
        if state is None or state.meta.get("finished"):
            return None
        value = self._choice_value(ctx, state, ctx.arg)
        if value is None:
            return None
        return await self._advance(ctx, state, value)

    async def on_text(self, ctx: Context) -> Outcome | None:
        if not ctx.incoming.is_private:
            return None
        state = await self._load(ctx.user_id)
        if state is None:
            return None
        if state.meta.get("finished"):
            # Answers are kept only until the person decides; moving on deletes them.
            await self.store.clear(ctx.user_id)
            return None
        return await self._advance(ctx, state, ctx.incoming.text.strip())

    async def _advance(self, ctx: Context, state: DialogState, value: str) -> Outcome:
        value = self.engine.command(value)  # typed "avbryt"/"tilbake" work like the buttons
        if value == self.engine.CANCEL:
            await self.store.clear(ctx.user_id)
            return ctx.menu(ctx.t("dialog-cancelled"))
        if value == self.engine.BACK:
            state = self.engine.back(state)
            await self._save(ctx, state)
            return self.prompt(ctx, state)
        if ctx.incoming.kind == "text" and state.meta.get("asked") != len(state.history):
            # The question never reached them (its send failed): these words answer something
            # else, perhaps the apology. Ask it again instead of guessing.
            return self.prompt(ctx, state, hint=ctx.t("dialog-question-again"))
        step = self.engine.answer(state, value, ctx.lang)
        if isinstance(step, Invalid):
            return self.prompt(ctx, step.state, hint=step.message)
        if isinstance(step, Continue):
            await self._save(ctx, step.state)
            return self.prompt(ctx, step.state)
        assert isinstance(step, Finished)
        return await self._finish(ctx, step)

    async def _finish(self, ctx: Context, step: Finished) -> Outcome:
        state = step.state
        if stat_id := state.meta.get("stat_id"):
            await self.store.stat_finished(int(stat_id), step.outcome_id, step.kind)
        state.meta["finished"] = step.outcome_id
        await self._save(ctx, state)
        view = self.engine.outcome_view(state.dialog_id, step.outcome_id, state, ctx.lang)
        rows: list[list[Button]] = []
        for action in view.actions:
            if button := self._action_button(ctx, action):
                rows.append([button])
        if self.staff_chat_id:
            rows.append([ctx.button(ctx.t("dialog-send-summary"), "dsum", str(len(state.history)))])
            rows.append([ctx.button(ctx.t("dialog-delete-answers"), "ddel")])
            offer = ctx.t("dialog-summary-offer")
        else:  # no staff chat set up: never a dead end, the office's own contacts instead
            rows.append([ctx.button(ctx.t("dialog-delete-answers-now"), "ddel")])
            offer = ctx.t("dialog-summary-contact-office", **ctx.assistant.variables)
        # Each message fits one phone screen; the buttons go under the last.
        messages = view.messages(offer)
        return Outcome([*(Reply(m) for m in messages[:-1]), Reply(messages[-1], rows)])

    def _action_button(self, ctx: Context, action: FollowUp) -> Button | None:
        kind, arg = action.kind, action.target
        if kind == "staff":
            return ctx.button(ctx.t("menu-staff"), "m", "staff")
        if kind == "menu":
            return ctx.button(ctx.t("back-to-menu"), "menu")
        if kind == "dialog" and arg in self.registry.ids():
            return ctx.button(ctx.t(f"menu-{arg}"), "m", arg)
        if kind == "faq" and (title := self.faq_title(arg, ctx.lang)):
            return ctx.button("➡️ " + title[:60], "faq", arg)
        return None

    # --- after the outcome -------------------------------------------------------------------

    async def delete_answers(self, ctx: Context) -> Outcome | None:
        state = await self._load(ctx.user_id)
        if state is None or not state.meta.get("finished"):
            return None
        await self.store.clear(ctx.user_id)
        return ctx.menu(ctx.t("dialog-answers-deleted"))

    async def send_summary(self, ctx: Context) -> Outcome | None:
        state = await self._load(ctx.user_id)
        if state is None or not state.meta.get("finished"):
            return None
        if not self.staff_chat_id or self.share is None:
            await self.store.clear(ctx.user_id)
            return ctx.menu(ctx.t("dialog-summary-contact-office", **ctx.assistant.variables))
        lines = self.engine.summary(state, "nb")
        name = html.escape(ctx.incoming.sender.first_name or "-")
        header = ctx.assistant.t(
            "nb",
            "dialog-summary-header",
            name=name,
            id=str(ctx.user_id),
            language=ctx.lang,
            dialog=state.dialog_id,
            outcome=str(state.meta.get("finished")),
        )
        body = (
            header
            + "\n"
            + "\n".join(f"• {html.escape(q)}: <b>{html.escape(a)}</b>" for q, a in lines)
        )
        # Queued in the message outbox (committed), which retries on its own and tells the
        # person if it never gets through; the case links the post so staff can answer it.
        person = Person(ctx.user_id, ctx.incoming.sender.first_name, ctx.lang)
        await self.share(
            person, body, f"dsum:{ctx.user_id}:{state.meta.get('stat_id') or uuid.uuid4().hex}"
        )
        await self.store.clear(ctx.user_id)
        return ctx.menu(ctx.t("dialog-summary-sent"))
