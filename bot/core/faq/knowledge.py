"""FAQ knowledge as data: entries loaded from ``knowledge/faq/*.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.core.followups import FollowUp, FollowUpError, parse_followup
from bot.core.strict_yaml import YamlError, read_yaml

# The follow-ups an answer may offer (see bot.core.followups); the main menu is always there.
FOLLOWUP_KINDS = ("staff", "dialog", "faq", "subscribe")


@dataclass(frozen=True)
class Link:
    url: str
    label: dict[str, str]


@dataclass(frozen=True)
class FaqEntry:
    id: str
    topic: str
    title: dict[str, str]
    questions: dict[str, list[str]]
    answer: dict[str, str]
    links: tuple[Link, ...] = ()
    followups: tuple[FollowUp, ...] = ()
    source: str = ""
    file: str = ""


@dataclass
class Knowledge:
    entries: dict[str, FaqEntry] = field(default_factory=dict)


class KnowledgeError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _texts(raw: object) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ValueError("expected a mapping of language to text")
    return {str(k): str(v) for k, v in raw.items() if v is not None}


def _followups(raw: object, where: str, problems: list[str]) -> tuple[FollowUp, ...]:
    """An entry's follow-ups; each one that cannot be read is a problem (and left out)."""
    if not isinstance(raw, list):
        problems.append(f"{where}: followups: must be a list such as [staff, faq:<id>]")
        return ()
    out = []
    for item in raw:
        try:
            out.append(parse_followup(item, FOLLOWUP_KINDS))
        except FollowUpError as exc:
            problems.append(f"{where}: followup {exc}")
    return tuple(out)


def read_entries(directory: Path) -> tuple[list[FaqEntry], list[str]]:
    """Every entry of every file, plus one line per problem that prevented reading one (or one
    of its follow-ups)."""
    entries: list[FaqEntry] = []
    problems: list[str] = []
    files = sorted(directory.glob("*.yaml"))
    if not files:
        problems.append(f"{directory}: no *.yaml files")
    for path in files:
        label = f"knowledge/faq/{path.name}"
        try:
            data = read_yaml(path, label)
        except YamlError as exc:
            problems.append(str(exc))
            continue
        if not isinstance(data, list):
            problems.append(f"{label}: -: the file must be a list of entries")
            continue
        for i, raw in enumerate(data):
            eid = raw.get("id") if isinstance(raw, dict) else None
            where = f"{label}: {eid or f'entry #{i + 1}'}"
            try:
                if not isinstance(raw, dict) or not isinstance(eid, str) or not eid:
                    raise ValueError("every entry needs an id")
                questions = raw.get("questions") or {}
                if not isinstance(questions, dict):
                    raise ValueError("questions must map language to a list")
                followups = _followups(raw.get("followups") or [], where, problems)
                entries.append(
                    FaqEntry(
                        id=eid,
                        topic=str(raw.get("topic", "")),
                        title=_texts(raw.get("title") or {}),
                        questions={
                            str(k): [str(q) for q in (v or [])] for k, v in questions.items()
                        },
                        answer=_texts(raw.get("answer") or {}),
                        links=tuple(
                            Link(str(li["url"]), _texts(li.get("label") or {}))
                            for li in raw.get("links") or []
                        ),
                        followups=followups,
                        source=str(raw.get("source", "")),
                        file=label,
                    )
                )
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                problems.append(f"{where}: {exc}")
    return entries, problems


def load_knowledge(directory: Path) -> Knowledge:
    """All entries; raises :class:`KnowledgeError` when a file cannot be read or ids repeat."""
    entries, problems = read_entries(directory)
    knowledge = Knowledge()
    for entry in entries:
        if entry.id in knowledge.entries:
            problems.append(f"{entry.file}: {entry.id}: duplicate id")
        knowledge.entries[entry.id] = entry
    if problems:
        raise KnowledgeError(problems)
    return knowledge
