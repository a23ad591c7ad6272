"""FAQ: free text is matched against the knowledge file and answered in the language it was
written in (else the person's chosen language)."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from bot.core.context import Context
from bot.core.events import Button, Outcome, Reply
from bot.core.faq.embedder import Embedder
from bot.core.faq.knowledge import Knowledge, KnowledgeError, load_knowledge
from bot.core.faq.matcher import FaqMatcher
from bot.core.faq.policy import Policies, load_policies
from bot.core.faq.understand import FaqUnderstanding
from bot.core.feature import Feature, Handler
from bot.core.followups import FollowUp
from bot.core.i18n import pick, translator
from bot.core.strict_yaml import read_yaml
from bot.storage.faq import FaqStore

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent.parent / "knowledge"
MeetupInfo = Callable[[str], Awaitable[str]]


_BUILT: dict[tuple, FaqUnderstanding] = {}


def _fingerprint(directory: Path) -> tuple:
    """What the knowledge files are now: a changed, added or removed file changes it."""
    return tuple(
        sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in directory.rglob("*.yaml"))
    )


def load_understanding(
    directory: Path = KNOWLEDGE_DIR,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
    answer_at: float | None = None,
    scope_at: float | None = None,
    policies: Policies | None = None,
) -> FaqUnderstanding:
    """The knowledge, its lexical index, its vectors (from the cache where they are) and the
    fitted answer policy (or ``policies``), with the thresholds the config overrides.

    Built once per process for the same files and settings (a second bot in one process, a
    /reload with nothing changed); /reload after an edit builds anew."""
    key = (
        str(directory),
        embedder.name if embedder else None,
        str(cache_dir),
        answer_at,
        scope_at,
        _fingerprint(directory),
    )
    if policies is None and key in _BUILT:
        return _BUILT[key]
    built = _build(directory, embedder, cache_dir, answer_at, scope_at, policies)
    if policies is None:
        while len(_BUILT) >= 2:  # the latest two only: an old knowledge is not kept in memory
            del _BUILT[next(iter(_BUILT))]
        _BUILT[key] = built
    return built


def _build(
    directory: Path,
    embedder: Embedder | None,
    cache_dir: Path | None,
    answer_at: float | None,
    scope_at: float | None,
    policies: Policies | None,
) -> FaqUnderstanding:
    knowledge = load_knowledge(directory / "faq")
    synonyms = directory / "synonyms.yaml"
    lexical = FaqMatcher.build(knowledge, synonyms if synonyms.exists() else None)
    policies = policies or load_policies(directory / "calibration.yaml")
    over = {k: v for k, v in (("answer_at", answer_at), ("scope_at", scope_at)) if v is not None}
    if over:
        policies = Policies(replace(policies.blended, **over), replace(policies.lexical, **over))
    anchors_file = directory / "out_of_scope.yaml"
    anchors = (
        [q for qs in (read_yaml(anchors_file) or {}).values() for q in qs or []]
        if anchors_file.exists()
        else []
    )
    return FaqUnderstanding(knowledge, lexical, policies, embedder, cache_dir, anchors)


class FaqFeature(Feature):
    name = "faq"
    text_priority = 100

    def __init__(
        self,
        store: FaqStore,
        load: Callable[[], FaqUnderstanding],
        fill: Callable[[str], str],
        meetup_info: MeetupInfo | None = None,
    ):
        """``fill``: the config's values into a content text's {placeholders}."""
        self.store = store
        self.fill = fill
        self.load = load
        self.meetup_info = meetup_info
        self.understanding = load()

    @property
    def knowledge(self) -> Knowledge:
        return self.understanding.knowledge

    def menu_items(self) -> dict[str, Handler]:
        return {"faq": self.ask}

    def actions(self) -> dict[str, Handler]:
        return {"faq": self.show_entry, "fb": self.feedback}

    def staff_commands(self) -> dict[str, Handler]:
        return {"reload": self.reload}

    async def statistics(self, lang: str) -> list[str]:
        t = translator()
        totals = await self.store.totals()
        lines = [t(lang, "stats-faq", answered=totals["answered"], unanswered=totals["unanswered"])]
        if top := await self.store.top_unanswered(5):
            lines.append(t(lang, "stats-top-unanswered"))
            lines += [f"• {html.escape(q[:80], quote=False)} ({n})" for q, n in top]
        return lines

    # --- handlers ----------------------------------------------------------------------------

    async def ask(self, ctx: Context) -> Outcome:
        return ctx.reply(ctx.t("faq-ask"), [[ctx.button(ctx.t("back-to-menu"), "menu")]])

    async def on_text(self, ctx: Context) -> Outcome | None:
        if not ctx.incoming.is_private:
            return None
        text = ctx.incoming.text.strip()
        result = await self.understanding.match_async(text)
        ids = [c.entry_id for c in result.candidates]
        if result.band == "confident":
            await self.store.count_answer(ids[0])
            return await self.answer(ctx, ids[0], ids[1:], heading=True)
        await self.store.record_question(text, ctx.lang, result.band)
        if result.band == "unsure":
            buttons = [[self._entry_button(ctx, eid)] for eid in ids]
            buttons.append([ctx.button(ctx.t("faq-none-of-these"), "m", "staff")])
            buttons.append([ctx.button(ctx.t("back-to-menu"), "menu")])
            return ctx.reply(ctx.t("faq-did-you-mean"), buttons)
        out = ctx.menu(ctx.t("faq-unknown"))
        out.replies[0].buttons.insert(0, [ctx.button(ctx.t("faq-talk-to-staff"), "m", "staff")])
        return out

    async def show_entry(self, ctx: Context) -> Outcome | None:
        entry_id, _, lang = ctx.arg.partition("@")
        if entry_id not in self.knowledge.entries:
            return None
        if lang in ctx.assistant.t.languages:
            ctx.written_in = lang  # the language the choice was offered in
        await self.store.count_answer(entry_id)
        return await self.answer(ctx, entry_id)

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
        """Re-read the knowledge; only changed phrasings are embedded again (vector cache)."""
        try:
            understanding = self.load()
        except KnowledgeError as exc:
            problems = "\n".join(f"• {p}" for p in exc.problems[:20])
            return ctx.reply(ctx.t("faq-reload-failed", count=len(exc.problems)) + "\n" + problems)
        except Exception as exc:  # any broken file keeps the old content
            return ctx.reply(ctx.t("faq-reload-failed", count=1) + f"\n• {type(exc).__name__}")
        self.understanding = understanding
        return ctx.reply(ctx.t("faq-reloaded", count=len(understanding.knowledge.entries)))

    def title_of(self, entry_id: str, lang: str) -> str | None:
        """An entry's title in ``lang`` (placeholders filled), or None for an unknown id."""
        entry = self.knowledge.entries.get(entry_id)
        return self.fill(pick(entry.title, lang)) if entry else None

    # --- rendering ---------------------------------------------------------------------------

    def _title(self, ctx: Context, entry_id: str) -> str:
        return self.title_of(entry_id, ctx.lang) or entry_id

    def _entry_button(self, ctx: Context, entry_id: str, prefix: str = "") -> Button:
        """A button that opens an entry, in the language it is offered in."""
        arg = f"{entry_id}@{ctx.lang}" if ctx.lang != ctx.user.language else entry_id
        return ctx.button(prefix + self._title(ctx, entry_id)[:60], "faq", arg)

    async def answer(
        self,
        ctx: Context,
        entry_id: str,
        runner_ups: list[str] | None = None,
        heading: bool = False,
    ) -> Outcome:
        """The entry's answer; a direct answer to free text starts with the question it answers,
        so that a wrong match is seen at once, and offers the runner-ups under it."""
        entry = self.knowledge.entries[entry_id]
        body = pick(entry.answer, ctx.lang)
        extra = {}
        if "{meetup_info}" in body:
            extra["meetup_info"] = await self._meetup_text(ctx)
        text = ctx.assistant.fill(body, extra).strip()
        if heading:
            # The title is ours, not the person's text: safe inside the Fluent placeable.
            text = f"<b>{ctx.t('faq-answer-for', title=self._title(ctx, entry_id))}</b>\n\n{text}"
        rows: list[list[Button]] = []
        for link in entry.links:
            rows.append([Button(pick(link.label, ctx.lang), url=link.url)])
        for follow in entry.followups:
            if button := self._followup(ctx, follow):
                rows.append([button])
        if runner_ups:
            text += "\n\n" + ctx.t("faq-or-maybe")
            rows += [[self._entry_button(ctx, eid, "🔎 ")] for eid in runner_ups]
        rows.append(
            [ctx.button("👍", "fb", f"{entry_id}:+"), ctx.button("👎", "fb", f"{entry_id}:-")]
        )
        rows.append([ctx.button(ctx.t("back-to-menu"), "menu")])
        return Outcome([Reply(text, rows)])

    def _followup(self, ctx: Context, follow: FollowUp) -> Button | None:
        kind, arg = follow.kind, follow.target
        if kind == "dialog":
            return ctx.button(ctx.t(f"menu-{arg}"), "m", arg)
        if kind == "faq" and arg in self.knowledge.entries:
            return self._entry_button(ctx, arg, "➡️ ")
        if kind == "staff":
            return ctx.button(ctx.t("menu-staff"), "m", "staff")
        if kind == "subscribe":
            return ctx.button(
                ctx.t(f"faq-subscribe-{arg}"), "m", "reminders" if arg == "meetup" else "tips"
            )
        return None

    async def _meetup_text(self, ctx: Context) -> str:
        if self.meetup_info is not None:
            text = await self.meetup_info(ctx.lang)
            if text:
                return text
        return ctx.t("faq-meetup-unknown")
