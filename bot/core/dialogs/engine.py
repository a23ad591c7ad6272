"""The screening-dialog state machine: pure, no I/O. The caller stores :class:`DialogState`.

Progress ("Spørsmål 3 av 7"): *n* counts the questions answered on this path plus the current
one; *N* is *n* plus the most questions any way forward from here could still ask, given the
answers, flags and config known now (info messages do not count; a branch that the answers so
far, the config or the sensitive setting rule out is left out). Every answer a button step ahead
may get is tried (a typed answer ahead counts as "either way"), so N is an honest upper bound
for this person: it never grows while they move forward (each answer only rules ways out), Back
restores the figures shown before, and a dialog may end earlier than N (an early outcome) but
never later.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bot.core.dialogs.conditions import (
    All,
    Answered,
    AnyOf,
    Compare,
    Condition,
    Not,
    evaluate,
    walk,
)
from bot.core.dialogs.model import (
    LANGUAGES,
    Dialog,
    DialogRegistry,
    DialogState,
    Note,
    OutcomeDef,
    StepDef,
    Text,
)
from bot.core.dialogs.parsing import format_number, parse_date, parse_number
from bot.core.followups import FollowUp
from bot.core.placeholders import fill
from bot.core.plain import SCREEN_CHARS

Translate = Callable[..., str]


@dataclass(frozen=True)
class Choice:
    label: str
    value: str


@dataclass(frozen=True)
class Prompt:
    """What to show for the current step: Telegram HTML text and rows of buttons."""

    text: str
    buttons: list[list[Choice]]
    step_id: str
    type: str
    expects_text: bool = False  # number, date and text steps: the answer is typed


@dataclass(frozen=True)
class OutcomeView:
    parts: tuple[str, ...]  # the result, the notes that apply, the guidance
    actions: list[FollowUp]
    kind: str
    outcome_id: str

    @property
    def text(self) -> str:
        return "\n\n".join(self.parts)

    def messages(self, tail: str, limit: int = SCREEN_CHARS) -> list[str]:
        """The parts and ``tail`` (the offer under the result) packed in order into as few
        messages as fit one phone screen each; a part is never cut."""
        out: list[str] = []
        for part in [*self.parts, tail]:
            if out and len(out[-1]) + 2 + len(part) <= limit:
                out[-1] += "\n\n" + part
            else:
                out.append(part)
        return out


@dataclass(frozen=True)
class Continue:
    state: DialogState


@dataclass(frozen=True)
class Finished:
    outcome_id: str
    kind: str
    state: DialogState


@dataclass(frozen=True)
class Invalid:
    state: DialogState
    message: str


Step = Continue | Finished | Invalid

YES_WORDS = {"ja", "j", "jo", "jepp", "japp", "yes", "y", "yeah", "yep", "так", "да"}
NO_WORDS = {"nei", "n", "nope", "no", "nah", "ні", "нет"}
UNSURE_WORDS = {
    "vet ikke",
    "vet ikkje",
    "veit ikkje",
    "veit ikke",
    "usikker",
    "ikke sikker",
    "ikkje sikker",
    "kanskje",
    "dont know",
    "don t know",
    "do not know",
    "not sure",
    "unsure",
    "maybe",
    "idk",
    "не знаю",
    "можливо",
    "не впевнений",
    "не впевнена",
}
OK_WORDS = {
    "ok",
    "okay",
    "greit",
    "fortsett",
    "vidare",
    "videre",
    "neste",
    "continue",
    "next",
    "ja",
    "yes",
    "так",
    "далі",
    "гаразд",
    "продовжити",
}
BACK_WORDS = {"tilbake", "attende", "back", "назад"}
CANCEL_WORDS = {"avbryt", "cancel", "скасувати"}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


@dataclass
class _Answer:
    value: Any = None
    error: str = ""
    flags: dict[str, Any] = field(default_factory=dict)


class DialogEngine:
    """Runs the dialogs of a registry with the config's variables. Never mutates a state
    passed in: every method returns a new one."""

    BACK = "__back__"
    CANCEL = "__cancel__"
    OK = "__ok__"

    def __init__(
        self,
        registry: DialogRegistry,
        variables: Mapping[str, Any],
        ask_sensitive: bool = False,
        languages: tuple[str, ...] = LANGUAGES,
        translate: Translate | None = None,
        today: Callable[[], date] = date.today,
    ):
        if translate is None:
            from bot.core.i18n import translator

            translate = translator()
        self.registry = registry
        self.variables = dict(variables)
        self.ask_sensitive = ask_sensitive
        self.languages = tuple(languages)
        self._translate = translate
        self._texts: dict[tuple[Any, ...], str] = {}
        self.today = today
        self._read: dict[str, frozenset[str]] = {}
        self._memo: dict[str, dict[tuple[Any, ...], int]] = {}

    def t(self, lang: str, msg_id: str, **args: Any) -> str:
        """An engine string from the .ftl files (cached: the same few strings recur)."""
        key = (lang, msg_id, *sorted(args.items()))
        if (text := self._texts.get(key)) is None:
            text = self._texts[key] = self._translate(lang, msg_id, **args)
        return text

    # --- public API ------------------------------------------------------------------------

    def start(self, dialog_id: str) -> DialogState:
        dialog = self.registry.get(dialog_id)
        state = DialogState(dialog_id, dialog.start, version=dialog.version)
        self._settle(dialog, state, dialog.start, {})
        return state

    def command(self, value: str) -> str:
        """:attr:`BACK` or :attr:`CANCEL` for typed "tilbake"/"avbryt" (and English), else
        ``value`` unchanged: lets people type what the buttons say."""
        word = _norm(value)
        if word in BACK_WORDS:
            return self.BACK
        return self.CANCEL if word in CANCEL_WORDS else value

    def restore(self, data: Any) -> DialogState:
        """:meth:`DialogState.from_dict` against this engine's registry."""
        return DialogState.from_dict(data, self.registry)

    def render(self, state: DialogState, lang: str) -> Prompt:
        dialog, step = self._current(state)
        lang = self._lang(lang)
        parts: list[str] = []
        if not state.history:
            parts.append(
                f"<b>{self.fill(dialog.title, lang)}</b>\n{self.fill(dialog.description, lang)}"
            )
        if step.is_question:
            n, total = self.progress(state)
            parts.append(f"<i>{self.t(lang, 'dialog-progress', n=n, total=total)}</i>")
        if step.sensitive:
            parts.append("🔒 " + self.t(lang, "dialog-sensitive"))
        parts += self._notes(step.notes, state, lang)
        parts.append(self.fill(step.text, lang))
        if hint := self._typing_hint(step, lang):
            parts.append(f"<i>{hint}</i>")
        buttons = self._answer_buttons(step, lang)
        controls = [Choice(self.t(lang, "dialog-back"), self.BACK)] if state.history else []
        controls.append(Choice(self.t(lang, "dialog-cancel"), self.CANCEL))
        buttons.append(controls)
        return Prompt(
            "\n\n".join(p for p in parts if p),
            buttons,
            step.id,
            step.type,
            expects_text=step.type in ("number", "date", "text"),
        )

    def answer(self, state: DialogState, value: str, lang: str) -> Step:
        """Take a button value or typed text for the current step."""
        dialog, step = self._current(state)
        lang = self._lang(lang)
        if value == self.BACK or (step.type != "text" and _norm(value) in BACK_WORDS):
            return Continue(self.back(state))
        parsed = self._parse(step, value, lang)
        if parsed.error:
            return Invalid(state.copy(), parsed.error)
        new = state.copy()
        answers = dict(new.answers)
        if step.is_question:
            answers[step.id] = parsed.value
            if not step.sensitive:  # sensitive answers decide the way on, and are then dropped
                new.answers[step.id] = parsed.value
        if parsed.flags:
            new.set_flags[step.id] = dict(parsed.flags)
        new.history.append(step.id)
        flags = new.flags
        self._settle(dialog, new, self._next(step, answers, flags), flags)
        if (outcome := dialog.outcomes.get(new.step_id)) is not None:
            return Finished(outcome.id, outcome.kind, new)
        return Continue(new)

    def back(self, state: DialogState) -> DialogState:
        """The state one question earlier (unchanged on the first question)."""
        new = state.copy()
        if not new.history:
            return new
        previous = new.history.pop()
        for step_id in (new.step_id, previous):
            new.answers.pop(step_id, None)
            new.set_flags.pop(step_id, None)
        new.step_id = previous
        return new

    def outcome_view(
        self, dialog_id: str, outcome_id: str, state: DialogState, lang: str
    ) -> OutcomeView:
        dialog = self.registry.get(dialog_id)
        outcome: OutcomeDef = dialog.outcomes[outcome_id]
        lang = self._lang(lang)
        parts = [self.fill(outcome.text, lang), *self._notes(outcome.notes, state, lang)]
        decides = self.fill(outcome.decides or dialog.decides, lang)
        parts.append("ℹ️ " + self.t(lang, "dialog-guidance", decides=decides))
        actions = list(outcome.actions)
        if FollowUp("staff") not in actions:
            actions.insert(0, FollowUp("staff"))  # a person is always offered
        return OutcomeView(tuple(parts), actions, outcome.kind, outcome.id)

    def summary(self, state: DialogState, lang: str) -> list[tuple[str, str]]:
        """(question, answer) in plain text for the answers kept, for a summary to staff."""
        dialog = self.registry.get(state.dialog_id)
        lang = self._lang(lang)
        lines = []
        for step_id in state.history:
            step = dialog.steps.get(step_id)
            if step is None or step_id not in state.answers:
                continue
            if step.summary is not None:
                question = _text(step.summary, lang, self.languages)
            else:
                question = _text(step.text, lang, self.languages).strip().splitlines()[-1]
            lines.append((self._fill_plain(question), self._answer_label(step, state, lang)))
        return lines

    def progress(self, state: DialogState) -> tuple[int, int]:
        """(n, N) for "Spørsmål n av N"; see the module docstring."""
        dialog, step = self._current(state)
        done = sum(1 for s in state.history if (d := dialog.steps.get(s)) and d.is_question)
        remaining = self._remaining_questions(dialog, state)
        return done + (1 if step.is_question else 0), done + remaining

    def fill(self, text: Text | str, lang: str) -> str:
        """A content text in ``lang`` with ``{placeholders}`` filled, escaped for HTML."""
        raw = text if isinstance(text, str) else _text(text, lang, self.languages)
        return html.escape(self._fill_plain(raw), quote=False)

    # --- moving ----------------------------------------------------------------------------

    def _current(self, state: DialogState) -> tuple[Dialog, StepDef]:
        dialog = self.registry.get(state.dialog_id)
        step = dialog.steps.get(state.step_id)
        if step is None:
            raise ValueError(
                f"{state.dialog_id}: {state.step_id!r} is not a step (the dialog has ended)"
            )
        return dialog, step

    def _skipped(self, step: StepDef, answers: Mapping[str, Any], flags: Mapping[str, Any]) -> bool:
        if step.sensitive and not self.ask_sensitive:
            return True
        return step.ask_if is not None and not evaluate(step.ask_if, answers, flags, self.variables)

    def _next(self, step: StepDef, answers: Mapping[str, Any], flags: Mapping[str, Any]) -> str:
        for rule in step.next:
            if rule.when is None or evaluate(rule.when, answers, flags, self.variables):
                return rule.goto
        raise ValueError(f"step {step.id!r}: no next rule holds (the dialog files are broken)")

    def _settle(
        self, dialog: Dialog, state: DialogState, target: str, flags: Mapping[str, Any]
    ) -> None:
        """Move to ``target``, passing over steps that are not asked (sensitive, ask_if)."""
        while (step := dialog.steps.get(target)) is not None and self._skipped(
            step, state.answers, flags
        ):
            target = self._next(step, state.answers, flags)
        state.step_id = target

    # --- reading answers -------------------------------------------------------------------

    def _parse(self, step: StepDef, value: str, lang: str) -> _Answer:
        t = self.t
        if step.type == "info":
            if value == self.OK or _norm(value) in OK_WORDS | {_norm(self._ok_label(step, lang))}:
                return _Answer("ok")
            label = html.escape(self._ok_label(step, lang), quote=False)
            return _Answer(error=t(lang, "dialog-hint-info", button=label))
        if step.type in ("choice", "yesno"):
            return self._parse_button(step, value, lang)
        if step.type == "number":
            return self._parse_number(step, value, lang)
        if step.type == "date":
            return self._parse_date(step, value, lang)
        text = value.strip()
        if not text or value in (self.OK, self.CANCEL):
            return _Answer(error=t(lang, "dialog-text-empty"))
        if len(text) > step.max_length:
            return _Answer(error=t(lang, "dialog-text-too-long", max=step.max_length))
        return _Answer(text)

    def _parse_button(self, step: StepDef, value: str, lang: str) -> _Answer:
        allowed = step.answer_values()
        chosen = value if value in allowed else self._match_typed(step, value)
        if chosen is None:
            return _Answer(error=self.t(lang, "dialog-hint-buttons"))
        option = step.option(chosen)
        return _Answer(chosen, flags=dict(option.set) if option else {})

    def _match_typed(self, step: StepDef, typed: str) -> str | None:
        """The answer value a typed text names: a label (any language), or ja/nei/vet ikke."""
        norm = _norm(typed)
        if not norm:
            return None
        labels: dict[str, str] = {}
        for value in step.answer_values():
            for lang in self.languages:
                labels[_norm(self._fill_plain(self._label(step, value, lang)))] = value
        if norm in labels:
            return labels[norm]
        if step.type == "yesno":
            words = {"yes": YES_WORDS, "no": NO_WORDS, "unsure": UNSURE_WORDS}
            found = [v for v in step.answer_values() if norm in words[v]]
            return found[0] if found else None
        starts = {v for label, v in labels.items() if len(norm) >= 3 and label.startswith(norm)}
        return starts.pop() if len(starts) == 1 else None

    def _parse_number(self, step: StepDef, value: str, lang: str) -> _Answer:
        t = self.t
        parsed = parse_number(value)
        if not parsed.ok:
            return _Answer(error=t(lang, "dialog-number-" + parsed.reason.replace("_", "-")))
        number = parsed.value
        if step.integer and not float(number).is_integer():
            return _Answer(error=t(lang, "dialog-number-not-whole"))
        if step.min is not None and number < step.min:
            return _Answer(
                error=t(lang, "dialog-number-too-small", min=format_number(step.min, lang))
            )
        if step.max is not None and number > step.max:
            return _Answer(
                error=t(lang, "dialog-number-too-large", max=format_number(step.max, lang))
            )
        return _Answer(number)

    def _parse_date(self, step: StepDef, value: str, lang: str) -> _Answer:
        t = self.t
        today = self.today()
        parsed = parse_date(value, today, lang, future=step.future)
        if not parsed.ok:
            return _Answer(error=t(lang, "dialog-date-" + parsed.reason.replace("_", "-")))
        found: date = parsed.value
        if step.min_days is not None and found < (first := today + timedelta(step.min_days)):
            return _Answer(error=t(lang, "dialog-date-too-early", date=_date_label(first, lang)))
        if step.max_days is not None and found > (last := today + timedelta(step.max_days)):
            return _Answer(error=t(lang, "dialog-date-too-late", date=_date_label(last, lang)))
        return _Answer(found.isoformat())

    # --- showing ---------------------------------------------------------------------------

    def _lang(self, lang: str | None) -> str:
        return lang if lang in self.languages else self.languages[0]

    def _fill_plain(self, text: str) -> str:
        return fill(text, self.variables)

    def _notes(self, notes: tuple[Note, ...], state: DialogState, lang: str) -> list[str]:
        flags = state.flags
        return [
            self.fill(n.text, lang)
            for n in notes
            if n.when is None or evaluate(n.when, state.answers, flags, self.variables)
        ]

    def _label(self, step: StepDef, value: str, lang: str) -> str:
        if step.type == "yesno":
            return self.t(lang, f"dialog-{value}")
        option = step.option(value)
        return _text(option.label, lang, self.languages) if option else value

    def _ok_label(self, step: StepDef, lang: str) -> str:
        if step.button is not None:
            return self._fill_plain(_text(step.button, lang, self.languages))
        return self.t(lang, "dialog-continue")

    def _answer_buttons(self, step: StepDef, lang: str) -> list[list[Choice]]:
        if step.type == "info":
            return [[Choice(self._ok_label(step, lang), self.OK)]]
        choices = [
            Choice(self._fill_plain(self._label(step, v, lang)), v) for v in step.answer_values()
        ]
        if step.type == "yesno":
            return [choices[:2], *([choices[2:]] if choices[2:] else [])]
        return [[c] for c in choices]

    def _typing_hint(self, step: StepDef, lang: str) -> str:
        if step.type == "number":
            unit = self._fill_plain(_text(step.unit, lang, self.languages)) if step.unit else ""
            return self.t(lang, "dialog-type-number", unit=unit or "none")
        if step.type in ("date", "text"):
            return self.t(lang, f"dialog-type-{step.type}")
        return ""

    def _answer_label(self, step: StepDef, state: DialogState, lang: str) -> str:
        value = state.answers[step.id]
        if step.type in ("choice", "yesno"):
            return self._fill_plain(self._label(step, str(value), lang))
        if step.type == "number":
            unit = self._fill_plain(_text(step.unit, lang, self.languages)) if step.unit else ""
            return f"{format_number(value, lang)} {unit}".strip()
        if step.type == "date":
            return _date_label(date.fromisoformat(str(value)), lang)
        return str(value)

    # --- progress --------------------------------------------------------------------------

    def _read_steps(self, dialog: Dialog) -> frozenset[str]:
        """Steps whose answers some condition of the dialog reads (the rest never matter)."""
        if (found := self._read.get(dialog.id)) is not None:
            return found
        conditions: list[Condition | None] = []
        for step in dialog.steps.values():
            conditions += [step.ask_if, *(r.when for r in step.next), *(n.when for n in step.notes)]
        names = {
            c.step if isinstance(c, Answered) else c.name
            for cond in conditions
            if cond is not None
            for c in walk(cond)
            if isinstance(c, Answered) or (isinstance(c, Compare) and c.subject == "answer")
        }
        self._read[dialog.id] = frozenset(names)
        return self._read[dialog.id]

    def _value(
        self, cond: Condition, answers: Mapping[str, Any], flags: Mapping[str, Any]
    ) -> bool | None:
        """``cond`` for a possible way forward: None when it depends on a typed answer still
        ahead (number, date, text), whose value cannot be known."""
        if isinstance(cond, All | AnyOf):
            values = [self._value(c, answers, flags) for c in cond.items]
            decisive = isinstance(cond, AnyOf)  # any: one True decides; all: one False decides
            if decisive in values:
                return decisive
            return None if None in values else not decisive
        if isinstance(cond, Not):
            inner = self._value(cond.item, answers, flags)
            return None if inner is None else not inner
        if (
            isinstance(cond, Compare)
            and cond.subject == "answer"
            and answers.get(cond.name) is _TYPED
        ):
            return None
        return evaluate(cond, answers, flags, self.variables)

    def _remaining_questions(self, dialog: Dialog, state: DialogState) -> int:
        """The most questions a way forward from the current step (itself included) can ask,
        given the answers and flags so far: every answer a button step may still get is tried,
        so a branch the answers so far rule out is never counted. Memoised per dialog on what
        the rest of the way can depend on (the step, the answers conditions read, the flags)."""
        read = self._read_steps(dialog)
        memo = self._memo.setdefault(dialog.id, {})
        if len(memo) > 200_000:
            memo.clear()

        def targets(
            step: StepDef, answers: Mapping[str, Any], flags: Mapping[str, Any]
        ) -> list[str]:
            found: list[str] = []
            for rule in step.next:
                holds = True if rule.when is None else self._value(rule.when, answers, flags)
                if holds is False:
                    continue
                found.append(rule.goto)
                if holds:
                    break
            return found

        def longest(node: str, answers: dict[str, Any], flags: dict[str, Any]) -> int:
            step = dialog.steps.get(node)
            if step is None:
                return 0
            key = (
                node,
                frozenset((k, v) for k, v in answers.items() if k in read),
                frozenset(flags.items()),
            )
            if (found := memo.get(key)) is not None:
                return found
            memo[key] = 0  # acyclic (checked at load); guards against a loop all the same
            best = 0
            asked = [True]
            if step.sensitive and not self.ask_sensitive:
                asked = [False]
            elif step.ask_if is not None:
                holds = self._value(step.ask_if, answers, flags)
                asked = [True, False] if holds is None else [holds]
            if False in asked:  # passed over: its own rules, without an answer
                best = max(
                    (longest(t, answers, flags) for t in targets(step, answers, flags)), default=0
                )
            if True in asked:
                if not step.is_question:
                    best = max(
                        [best, *(longest(t, answers, flags) for t in targets(step, answers, flags))]
                    )
                elif step.type in ("choice", "yesno"):
                    for value in step.answer_values():
                        option = step.option(value)
                        now = {**answers, step.id: value}
                        more = {**flags, **option.set} if option and option.set else flags
                        kept = answers if step.sensitive else now
                        best = max(
                            [
                                best,
                                1
                                + max(
                                    (longest(t, kept, more) for t in targets(step, now, more)),
                                    default=0,
                                ),
                            ]
                        )
                else:
                    now = {**answers, step.id: _TYPED}
                    best = max(
                        [
                            best,
                            1
                            + max(
                                (longest(t, now, flags) for t in targets(step, now, flags)),
                                default=0,
                            ),
                        ]
                    )
            memo[key] = best
            return best

        return longest(state.step_id, dict(state.answers), dict(state.flags))


_TYPED = object()  # a typed answer (number, date, text) still ahead: its value is unknown


def _text(text: Text, lang: str, languages: tuple[str, ...]) -> str:
    return text.get(lang) or next((text[x] for x in languages if text.get(x)), "")


def _date_label(value: date, lang: str) -> str:
    return value.isoformat() if lang == "en" else value.strftime("%d.%m.%Y")
