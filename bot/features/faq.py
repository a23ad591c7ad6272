"""FAQ: free text is matched against the knowledge file and answered in the user's language."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from bot.core.context import Context
from bot.core.events import Button, Outcome, Reply
from bot.core.faq.knowledge import Knowledge, KnowledgeError, load_knowledge
from bot.core.faq.matcher import FaqMatcher, Thresholds
from bot.core.feature import Feature, Handler
from bot.storage.faq import FaqStore
from bot.storage.types import utcnow

log = logging.getLogger(__name__)

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent.parent / "knowledge"


def load_matcher(directory: Path = KNOWLEDGE_DIR) -> tuple[Knowledge, FaqMatcher]:
    knowledge = load_knowledge(directory / "faq")
    synonyms = directory / "synonyms.yaml"
    return knowledge, FaqMatcher.build(knowledge, synonyms if synonyms.exists() else None)


class FaqFeature(Feature):
    name = "faq"
    text_priority = 100

    def __init__(self, store: FaqStore, thresholds: Thresholds, retention_days: int,
                 directory: Path = KNOWLEDGE_DIR):
        self.store = store
        self.thresholds = thresholds
        self.retention = timedelta(days=retention_days)
        self.directory = directory
        self.knowledge, self.matcher = load_matcher(directory)

    def menu_items(self) -> dict[str, Handler]:
        return {"faq": self.ask}

    def actions(self) -> dict[str, Handler]:
        return {"faq": self.show_entry, "fb": self.feedback}

    def staff_commands(self) -> dict[str, Handler]:
        return {"reload": self.reload}

    async def start(self) -> None:
        purged = await self.store.purge(utcnow() - self.retention)
        if purged:
            log.info("purged %d stored FAQ questions older than %s", purged, self.retention)

    # --- handlers ----------------------------------------------------------------------------

    async def ask(self, ctx: Context) -> Outcome:
        return ctx.reply(ctx.t("faq-ask"), [[ctx.button(ctx.t("back-to-menu"), "menu")]])

    async def on_text(self, ctx: Context) -> Outcome | None:
        if not ctx.incoming.is_private:
            return None
        text = ctx.incoming.text.strip()
        result = self.matcher.match(text, self.thresholds)
        if result.band == "confident":
            entry_id = result.candidates[0].entry_id
            await self.store.count_answer(entry_id)
            return await self.answer(ctx, entry_id)
        await self.store.record_question(text, ctx.lang, result.band)
        if result.band == "unsure":
            buttons = [[ctx.button(self._title(ctx, c.entry_id), "faq", c.entry_id)]
                       for c in result.candidates[:3]]
            buttons.append([ctx.button(ctx.t("faq-none-of-these"), "m", "staff")])
            buttons.append([ctx.button(ctx.t("back-to-menu"), "menu")])
            return ctx.reply(ctx.t("faq-did-you-mean"), buttons)
        out = ctx.menu(ctx.t("faq-unknown"))
        out.replies[0].buttons.insert(0, [ctx.button(ctx.t("faq-talk-to-staff"), "m", "staff")])
        return out

    async def show_entry(self, ctx: Context) -> Outcome | None:
        if ctx.arg not in self.knowledge.entries:
            return None
        await self.store.count_answer(ctx.arg)
        return await self.answer(ctx, ctx.arg)

    async def feedback(self, ctx: Context) -> Outcome | None:
        entry_id, _, vote = ctx.arg.rpartition(":")
        if entry_id not in self.knowledge.entries or vote not in ("+", "-"):
            return None
        await self.store.feedback(entry_id, vote == "+")
        if vote == "+":
            return Outcome([], notice=ctx.t("faq-thanks"))
        out = ctx.menu(ctx.t("faq-sorry-unhelpful"))
        out.replies[0].buttons.insert(0, [ctx.button(ctx.t("faq-talk-to-staff"), "m", "staff")])
        out.notice = ctx.t("faq-thanks")
        return out

    async def reload(self, ctx: Context) -> Outcome:
        try:
            knowledge, matcher = load_matcher(self.directory)
        except KnowledgeError as exc:
            problems = "\n".join(f"• {p}" for p in exc.problems[:20])
            return ctx.reply(ctx.t("faq-reload-failed", count=len(exc.problems)) + "\n" + problems)
        except Exception as exc:  # any broken file keeps the old content
            return ctx.reply(ctx.t("faq-reload-failed", count=1) + f"\n• {type(exc).__name__}")
        self.knowledge, self.matcher = knowledge, matcher
        return ctx.reply(ctx.t("faq-reloaded", count=len(knowledge.entries)))

    # --- rendering ---------------------------------------------------------------------------

    def _title(self, ctx: Context, entry_id: str) -> str:
        entry = self.knowledge.entries[entry_id]
        return ctx.assistant.fill(_pick(entry.title, ctx.lang))[:60]

    async def answer(self, ctx: Context, entry_id: str) -> Outcome:
        entry = self.knowledge.entries[entry_id]
        extra = {}
        if "{meetup_info}" in _pick(entry.answer, ctx.lang):
            extra["meetup_info"] = await self._meetup_info(ctx)
        text = ctx.assistant.fill(_pick(entry.answer, ctx.lang), extra).strip()
        rows: list[list[Button]] = []
        for link in entry.links:
            rows.append([Button(_pick(link.label, ctx.lang), url=link.url)])
        for follow in entry.followups:
            if button := self._followup(ctx, follow):
                rows.append([button])
        rows.append([ctx.button("👍", "fb", f"{entry_id}:+"),
                     ctx.button("👎", "fb", f"{entry_id}:-")])
        rows.append([ctx.button(ctx.t("back-to-menu"), "menu")])
        return Outcome([Reply(text, rows)])

    def _followup(self, ctx: Context, follow: str) -> Button | None:
        kind, _, arg = follow.partition(":")
        if kind == "dialog":
            return ctx.button(ctx.t(f"menu-{arg}"), "m", arg)
        if kind == "faq" and arg in self.knowledge.entries:
            return ctx.button("➡️ " + self._title(ctx, arg), "faq", arg)
        if kind == "staff":
            return ctx.button(ctx.t("menu-staff"), "m", "staff")
        if kind == "subscribe":
            return ctx.button(ctx.t(f"faq-subscribe-{arg}"), "m", "reminders" if arg == "meetup"
                              else "tips")
        return None

    async def _meetup_info(self, ctx: Context) -> str:
        reminders = ctx.assistant.feature("reminders")
        info = getattr(reminders, "meetup_info", None)
        if info is not None:
            text = await info(ctx.lang)
            if text:
                return text
        return ctx.t("faq-meetup-unknown")


def _pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("nb") or next(iter(texts.values()), "")
