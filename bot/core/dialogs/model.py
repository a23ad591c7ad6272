"""Screening dialogs as data: definitions read from ``dialogs/*.yaml``, and a person's progress.

Reading a file checks its shape (keys, types, every text in every language); the graph checks
(targets, reachability, cycles, conditions) are in :mod:`bot.core.dialogs.validate`.
:meth:`DialogRegistry.load` runs both and refuses a directory with any problem.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from bot.core.dialogs.conditions import Condition, ConditionError, parse_condition
from bot.core.followups import FollowUp, FollowUpError, parse_followup
from bot.core.strict_yaml import YamlError, load_yaml

LANGUAGES = ("nb", "nn", "en", "uk")
STEP_TYPES = ("info", "choice", "yesno", "number", "date", "text")
OUTCOME_KINDS = ("fit", "maybe", "not_fit", "emergency", "info")
YESNO_VALUES = ("yes", "no", "unsure")
# The follow-ups a result may offer (see bot.core.followups).
ACTION_KINDS = ("staff", "menu", "dialog", "faq")
STATE_FORMAT = 1

_ID = re.compile(r"^[a-z][a-z0-9_]*$")

Text = dict[str, str]


@dataclass(frozen=True)
class Note:
    """A text shown before a question or under an outcome, when ``when`` holds (or always)."""

    text: Text
    when: Condition | None = None


@dataclass(frozen=True)
class Option:
    value: str
    label: Text
    set: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    goto: str
    when: Condition | None = None


@dataclass(frozen=True)
class StepDef:
    id: str
    type: str
    text: Text
    next: tuple[Rule, ...]
    notes: tuple[Note, ...] = ()
    options: tuple[Option, ...] = ()
    unsure: bool = False
    sensitive: bool = False
    ask_if: Condition | None = None
    min: float | None = None
    max: float | None = None
    unit: Text | None = None
    integer: bool = False
    min_days: int | None = None
    max_days: int | None = None
    future: bool = True
    max_length: int = 500
    button: Text | None = None
    summary: Text | None = None

    @property
    def is_question(self) -> bool:
        return self.type != "info"

    def answer_values(self) -> tuple[str, ...]:
        """The values a button answer can have (choice and yes/no steps)."""
        if self.type == "choice":
            return tuple(o.value for o in self.options)
        if self.type == "yesno":
            return YESNO_VALUES if self.unsure else YESNO_VALUES[:2]
        return ()

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class OutcomeDef:
    id: str
    kind: str
    text: Text
    notes: tuple[Note, ...] = ()
    actions: tuple[FollowUp, ...] = ()
    decides: Text | None = None


@dataclass(frozen=True)
class Dialog:
    id: str
    title: Text
    description: Text
    decides: Text
    start: str
    steps: dict[str, StepDef]
    outcomes: dict[str, OutcomeDef]
    version: str
    source: str = ""

    def node(self, node_id: str) -> StepDef | OutcomeDef | None:
        return self.steps.get(node_id) or self.outcomes.get(node_id)

    def texts(self) -> Iterator[tuple[str, str, Text]]:
        """(node id, field, text) for every text in the dialog."""
        yield self.id, "title", self.title
        yield self.id, "description", self.description
        yield self.id, "decides", self.decides
        for step in self.steps.values():
            yield step.id, "text", step.text
            for key in ("unit", "button", "summary"):
                if (value := getattr(step, key)) is not None:
                    yield step.id, key, value
            for o in step.options:
                yield step.id, f"option {o.value}", o.label
            for i, note in enumerate(step.notes, 1):
                yield step.id, f"note {i}", note.text
        for out in self.outcomes.values():
            yield out.id, "text", out.text
            if out.decides is not None:
                yield out.id, "decides", out.decides
            for i, note in enumerate(out.notes, 1):
                yield out.id, f"note {i}", note.text


# --- reading YAML -----------------------------------------------------------------------------


_STEP_KEYS = {"id", "type", "text", "note", "notes", "next", "sensitive", "ask_if", "summary"}
_TYPE_KEYS = {
    "info": {"button"},
    "choice": {"options"},
    "yesno": {"unsure"},
    "number": {"min", "max", "unit", "integer"},
    "date": {"min_days", "max_days", "future"},
    "text": {"max_length"},
}
_OUTCOME_KEYS = {"id", "kind", "text", "notes", "actions", "decides"}
_DIALOG_KEYS = {"id", "title", "description", "decides", "start", "steps", "outcomes"}


class _Reader:
    """Builds a :class:`Dialog` from parsed YAML, collecting one line per problem."""

    def __init__(self, label: str, stem: str, languages: tuple[str, ...]):
        self.label, self.stem, self.languages = label, stem, languages
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.label}: {where}: {message}")

    def keys(self, where: str, raw: dict, allowed: set[str], what: str) -> None:
        for key in raw:
            if key not in allowed:
                self.problem(where, f"unknown key '{key}' for {what}")

    def text(self, where: str, name: str, raw: Any, required: bool = True) -> Text | None:
        if raw is None:
            if required:
                self.problem(where, f"{name}: missing")
            return None
        if not isinstance(raw, dict):
            self.problem(
                where,
                f"{name}: must give a text per language "
                f"({', '.join(f'{lang}: ...' for lang in self.languages)})",
            )
            return None
        out: Text = {}
        for lang in self.languages:
            value = raw.get(lang)
            if not isinstance(value, str) or not value.strip():
                self.problem(where, f"{name}: missing language '{lang}'")
            else:
                out[lang] = value.strip()
        for lang in raw:
            if lang not in self.languages:
                out[str(lang)] = str(raw[lang]).strip()
        return out

    def condition(self, where: str, name: str, raw: Any) -> Condition | None:
        try:
            return parse_condition(raw)
        except ConditionError as exc:
            self.problem(where, f"{name}: {exc}")
            return None

    def notes(self, where: str, raw: dict) -> tuple[Note, ...]:
        notes: list[Note] = []
        if "note" in raw and (text := self.text(where, "note", raw["note"])) is not None:
            notes.append(Note(text))
        items = raw.get("notes") or []
        if not isinstance(items, list):
            self.problem(where, "notes: must be a list of {when: ..., text: ...}")
            return tuple(notes)
        for i, item in enumerate(items, 1):
            if not isinstance(item, dict):
                self.problem(where, f"note {i}: must be a mapping with text (and when)")
                continue
            self.keys(where, item, {"when", "text"}, f"note {i}")
            when = self.condition(where, f"note {i} when", item["when"]) if "when" in item else None
            text = self.text(where, f"note {i} text", item.get("text"))
            if text is not None:
                notes.append(Note(text, when))
        return tuple(notes)

    def rules(self, where: str, raw: Any) -> tuple[Rule, ...]:
        if not isinstance(raw, list) or not raw:
            self.problem(
                where, "next: missing (a list of {when: ..., goto: ...}, the last one without when)"
            )
            return ()
        rules: list[Rule] = []
        for i, item in enumerate(raw, 1):
            if not isinstance(item, dict) or not isinstance(item.get("goto"), str):
                self.problem(where, f"next rule {i}: needs goto: <step or outcome id>")
                continue
            self.keys(where, item, {"when", "goto"}, f"next rule {i}")
            when = (
                self.condition(where, f"next rule {i} when", item["when"])
                if "when" in item
                else None
            )
            rules.append(Rule(item["goto"], when))
        return tuple(rules)

    def options(self, where: str, raw: Any) -> tuple[Option, ...]:
        if not isinstance(raw, list) or len(raw) < 2:
            self.problem(where, "options: a choice needs a list of at least two options")
            return ()
        options: list[Option] = []
        seen: set[str] = set()
        for i, item in enumerate(raw, 1):
            if not isinstance(item, dict):
                self.problem(where, f"option {i}: must be a mapping with value and label")
                continue
            self.keys(where, item, {"value", "label", "set"}, f"option {i}")
            value = item.get("value")
            if not isinstance(value, str) or not _ID.match(value):
                self.problem(
                    where,
                    f"option {i}: value must be a short lower-case name "
                    f"(letters, digits, _), got {value!r}",
                )
                continue
            if value in seen:
                self.problem(where, f"option {i}: duplicate value '{value}'")
            seen.add(value)
            flags = item.get("set") or {}
            if not isinstance(flags, dict) or not all(
                isinstance(k, str) and isinstance(v, str | int | float | bool)
                for k, v in flags.items()
            ):
                self.problem(where, f"option {value}: set must map flag names to values")
                flags = {}
            label = self.text(where, f"option {value} label", item.get("label"))
            options.append(Option(value, label or {}, dict(flags)))
        return tuple(options)

    def number(self, where: str, raw: dict, key: str, kind: type = float) -> Any:
        value = raw.get(key)
        if value is None:
            return None
        ok = isinstance(value, int) if kind is int else isinstance(value, int | float)
        if not ok or isinstance(value, bool):
            self.problem(where, f"{key}: must be a {'whole ' if kind is int else ''}number")
            return None
        return value

    def flag(self, where: str, raw: dict, key: str, default: bool) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            self.problem(where, f"{key}: must be true or false")
            return default
        return value

    def step(self, raw: Any, index: int) -> StepDef | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            self.problem(f"step {index}", "needs an id")
            return None
        sid = raw["id"]
        if not _ID.match(sid):
            self.problem(sid, "id must be lower-case letters, digits and _ (start with a letter)")
        stype = raw.get("type")
        if stype not in STEP_TYPES:
            self.problem(sid, f"type must be one of {', '.join(STEP_TYPES)}, got {stype!r}")
            return None
        allowed = _STEP_KEYS | _TYPE_KEYS[stype]
        for key in raw:
            if key not in allowed:
                owner = next((t for t, keys in _TYPE_KEYS.items() if key in keys), None)
                self.problem(
                    sid,
                    f"'{key}' is only for {owner} steps"
                    if owner
                    else f"unknown key '{key}' for a step",
                )
        text = self.text(sid, "text", raw.get("text"))
        step = StepDef(
            id=sid,
            type=stype,
            text=text or {},
            next=self.rules(sid, raw.get("next")),
            notes=self.notes(sid, raw),
            options=self.options(sid, raw.get("options")) if stype == "choice" else (),
            unsure=self.flag(sid, raw, "unsure", False),
            sensitive=self.flag(sid, raw, "sensitive", False),
            ask_if=self.condition(sid, "ask_if", raw["ask_if"]) if "ask_if" in raw else None,
            min=self.number(sid, raw, "min"),
            max=self.number(sid, raw, "max"),
            unit=self.text(sid, "unit", raw.get("unit"), required=False),
            integer=self.flag(sid, raw, "integer", False),
            min_days=self.number(sid, raw, "min_days", int),
            max_days=self.number(sid, raw, "max_days", int),
            future=self.flag(sid, raw, "future", True),
            max_length=self.number(sid, raw, "max_length", int) or 500,
            button=self.text(sid, "button", raw.get("button"), required=False),
            summary=self.text(sid, "summary", raw.get("summary"), required=False),
        )
        if step.min is not None and step.max is not None and step.min > step.max:
            self.problem(sid, "min is larger than max")
        if (
            step.min_days is not None
            and step.max_days is not None
            and step.min_days > step.max_days
        ):
            self.problem(sid, "min_days is larger than max_days")
        return step

    def outcome(self, raw: Any, index: int) -> OutcomeDef | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            self.problem(f"outcome {index}", "needs an id")
            return None
        oid = raw["id"]
        if not _ID.match(oid):
            self.problem(oid, "id must be lower-case letters, digits and _ (start with a letter)")
        self.keys(oid, raw, _OUTCOME_KEYS, "an outcome")
        kind = raw.get("kind")
        if kind not in OUTCOME_KINDS:
            self.problem(oid, f"kind must be one of {', '.join(OUTCOME_KINDS)}, got {kind!r}")
        actions: list[FollowUp] = []
        raw_actions = raw.get("actions") or []
        if not isinstance(raw_actions, list):
            self.problem(oid, "actions: must be a list such as [staff, dialog:foyer, menu]")
            raw_actions = []
        for item in raw_actions:
            try:
                actions.append(parse_followup(item, ACTION_KINDS))
            except FollowUpError as exc:
                self.problem(oid, f"action {exc}")
        return OutcomeDef(
            id=oid,
            kind=str(kind),
            text=self.text(oid, "text", raw.get("text")) or {},
            notes=self.notes(oid, raw),
            actions=tuple(actions),
            decides=self.text(oid, "decides", raw.get("decides"), required=False),
        )

    def dialog(self, data: Any, version: str) -> Dialog | None:
        if not isinstance(data, dict):
            self.problem(self.stem, "the file must be a mapping with id, title, steps, outcomes")
            return None
        self.keys(self.stem, data, _DIALOG_KEYS, "a dialog")
        if data.get("id") != self.stem:
            self.problem(
                self.stem, f"id must be the file name '{self.stem}', got {data.get('id')!r}"
            )
        steps: dict[str, StepDef] = {}
        outcomes: dict[str, OutcomeDef] = {}
        raw_steps, raw_outcomes = data.get("steps"), data.get("outcomes")
        if not isinstance(raw_steps, list) or not raw_steps:
            self.problem(self.stem, "steps: missing (a list of steps)")
            raw_steps = []
        if not isinstance(raw_outcomes, list) or not raw_outcomes:
            self.problem(self.stem, "outcomes: missing (a list of outcomes)")
            raw_outcomes = []
        for i, raw in enumerate(raw_steps, 1):
            if (step := self.step(raw, i)) is not None:
                if step.id in steps:
                    self.problem(step.id, "duplicate id")
                steps[step.id] = step
        for i, raw in enumerate(raw_outcomes, 1):
            if (out := self.outcome(raw, i)) is not None:
                if out.id in steps or out.id in outcomes:
                    self.problem(out.id, "duplicate id (steps and outcomes share one namespace)")
                outcomes.setdefault(out.id, out)
        start = data.get("start")
        if not isinstance(start, str):
            self.problem(self.stem, "start: missing (the id of the first step)")
            start = ""
        return Dialog(
            id=self.stem,
            title=self.text(self.stem, "title", data.get("title")) or {},
            description=self.text(self.stem, "description", data.get("description")) or {},
            decides=self.text(self.stem, "decides", data.get("decides")) or {},
            start=start,
            steps=steps,
            outcomes=outcomes,
            version=version,
            source=self.label,
        )


def read_dialog(
    path: Path, languages: tuple[str, ...] = LANGUAGES
) -> tuple[Dialog | None, list[str]]:
    """One dialog file: the definition (None when unusable) and its shape problems."""
    label = f"{path.parent.name}/{path.name}"
    reader = _Reader(label, path.stem, languages)
    try:
        raw = path.read_bytes()
        data = load_yaml(raw, label)
    except OSError as exc:
        reader.problem(path.stem, f"cannot read the file ({exc.strerror or exc})")
        return None, reader.problems
    except YamlError as exc:
        reader.problems.append(str(exc))
        return None, reader.problems
    dialog = reader.dialog(data, hashlib.sha256(raw).hexdigest()[:12])
    return dialog, reader.problems


def read_directory(
    directory: Path, languages: tuple[str, ...] = LANGUAGES
) -> tuple[dict[str, Dialog], list[str]]:
    """Every ``*.yaml`` in ``directory`` (sorted by name) and their shape problems."""
    dialogs: dict[str, Dialog] = {}
    problems: list[str] = []
    files = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    if not files:
        problems.append(f"{directory.name}: no dialog files (*.yaml) found")
    for path in files:
        dialog, found = read_dialog(path, languages)
        problems += found
        if dialog is not None:
            dialogs[dialog.id] = dialog
    return dialogs, problems


# --- the registry -----------------------------------------------------------------------------


class DialogLoadError(Exception):
    """The dialog files have problems; ``problems`` holds one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class DialogRegistry:
    """The dialogs of a directory, checked. The most recently loaded one is :meth:`active`."""

    _active: ClassVar[DialogRegistry | None] = None

    def __init__(self, dialogs: dict[str, Dialog], languages: tuple[str, ...] = LANGUAGES):
        self._dialogs = dialogs
        self.languages = languages

    @classmethod
    def load(
        cls,
        directory: Path,
        languages: tuple[str, ...] = LANGUAGES,
        *,
        known_variables: Collection[str],
    ) -> DialogRegistry:
        """Read and check every dialog; raises :class:`DialogLoadError` on any problem.

        ``known_variables``: the names of the values the engine is given (the config's
        ``content_variables``), usable as ``{name}`` and ``$name``."""
        from bot.core.dialogs.validate import check_dialogs

        dialogs, problems = read_directory(directory, languages)
        problems += check_dialogs(dialogs, languages, set(known_variables))
        if problems:
            raise DialogLoadError(problems)
        registry = cls(dialogs, languages)
        DialogRegistry._active = registry
        return registry

    @classmethod
    def active(cls) -> DialogRegistry | None:
        return cls._active

    def get(self, dialog_id: str) -> Dialog:
        return self._dialogs[dialog_id]

    def ids(self) -> list[str]:
        return list(self._dialogs)

    def __contains__(self, dialog_id: object) -> bool:
        return dialog_id in self._dialogs


# --- a person's progress ----------------------------------------------------------------------


class StaleState(Exception):
    """A stored state whose dialog or step no longer exists (the files changed)."""


@dataclass
class DialogState:
    """Where one person is in one dialog. JSON-serialisable through :meth:`to_dict`.

    ``history`` lists the steps answered, in order (Back pops it). ``set_flags`` keeps the flags
    each answered step set, so Back can undo them; :attr:`flags` merges them. Answers to
    ``sensitive`` steps are never kept. ``meta`` is the caller's (e.g. a statistics id).
    """

    dialog_id: str
    step_id: str
    answers: dict[str, Any] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    set_flags: dict[str, dict[str, Any]] = field(default_factory=dict)
    version: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def flags(self) -> dict[str, Any]:
        """The flags set so far (``set_flags`` is kept in answering order)."""
        merged: dict[str, Any] = {}
        for values in self.set_flags.values():
            merged.update(values)
        return merged

    def copy(self) -> DialogState:
        """An independent copy (answers and flags are plain values, so this stays cheap)."""
        return DialogState(
            self.dialog_id,
            self.step_id,
            dict(self.answers),
            list(self.history),
            {k: dict(v) for k, v in self.set_flags.items()},
            self.version,
            copy.deepcopy(self.meta) if self.meta else {},
        )

    def to_dict(self) -> dict[str, Any]:
        return {"format": STATE_FORMAT, **asdict(self), "flags": self.flags}

    @classmethod
    def from_dict(cls, data: Any, registry: DialogRegistry | None = None) -> DialogState:
        """Rebuild a stored state. Raises :class:`StaleState` when it no longer fits the
        dialogs of ``registry`` (default: the registry loaded last)."""
        try:
            state = cls(
                dialog_id=str(data["dialog_id"]),
                step_id=str(data["step_id"]),
                answers=dict(data.get("answers") or {}),
                history=[str(s) for s in data.get("history") or []],
                set_flags={
                    str(k): dict(v)
                    for k, v in (data.get("set_flags") or {}).items()
                    if k in (data.get("history") or [])
                },
                version=str(data.get("version", "")),
                meta=dict(data.get("meta") or {}),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StaleState(f"unreadable dialog state: {exc}") from None
        if data.get("format", STATE_FORMAT) != STATE_FORMAT:
            raise StaleState("dialog state from another format")
        registry = registry or DialogRegistry.active()
        if registry is not None:
            state._check(registry)
        return state

    def _check(self, registry: DialogRegistry) -> None:
        if self.dialog_id not in registry:
            raise StaleState(f"dialog {self.dialog_id!r} no longer exists")
        dialog = registry.get(self.dialog_id)
        if dialog.node(self.step_id) is None:
            raise StaleState(f"{self.dialog_id}: step {self.step_id!r} no longer exists")
        if any(s not in dialog.steps for s in self.history):
            raise StaleState(f"{self.dialog_id}: a step answered earlier no longer exists")
        if self.version != dialog.version:
            # The file changed but every step is still there: keep what still applies.
            self.answers = {k: v for k, v in self.answers.items() if k in dialog.steps}
            self.version = dialog.version
