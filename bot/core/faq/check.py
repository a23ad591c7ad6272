"""`boligbot check` for knowledge: schema, ids, languages, placeholders, collisions."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from bot.core.faq.knowledge import FaqEntry, Knowledge, read_entries
from bot.core.faq.matcher import FaqMatcher
from bot.core.followups import target_problem
from bot.core.placeholders import unknown_placeholders
from bot.core.strict_yaml import YamlError

COLLISION = 60.0  # lexical score at which a phrasing is as good as an answer for its rival
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _entry_problems(
    e: FaqEntry,
    languages: tuple[str, ...],
    phrasing_languages: tuple[str, ...],
    placeholders: Collection[str],
) -> list[str]:
    out = []
    if not _ID.match(e.id):
        out.append("id must be 1–40 characters of a-z, 0-9 and '-'")
    for lang in phrasing_languages:
        if not e.questions.get(lang):
            out.append(f"no phrasings in {lang}")
    for link in e.links:
        out += [
            f"link {link.url} has no label in {lang}"
            for lang in languages
            if not link.label.get(lang)
        ]
    for lang in languages:
        if not (e.answer.get(lang) or "").strip():
            out.append(f"empty or missing answer in {lang}")
        if not (e.title.get(lang) or "").strip():
            out.append(f"missing title in {lang}")
    for text in [*e.answer.values(), *e.title.values()]:
        out += [
            f"unknown placeholder {{{name}}}" for name in unknown_placeholders(text, placeholders)
        ]
    return out


def check_knowledge(
    directory: Path,
    languages: tuple[str, ...] = ("nb", "nn", "en", "uk"),
    phrasing_languages: tuple[str, ...] = ("nb", "en"),
    *,
    placeholders: Collection[str],
    dialogs: Collection[str] | None = None,
) -> list[str]:
    """One line per problem: ``knowledge/faq/<file>.yaml: <entry id>: <problem>``.

    ``placeholders``: the names texts may use (the config's, see
    ``bot.config.Config.knowledge_placeholders``); ``dialogs``, when given, the dialog ids a
    ``dialog:<id>`` follow-up may name."""
    faq_dir = directory / "faq" if (directory / "faq").is_dir() else directory
    entries, problems = read_entries(faq_dir)
    seen: dict[str, FaqEntry] = {}
    for e in entries:
        if e.id in seen:
            problems.append(f"{e.file}: {e.id}: duplicate id (also in {seen[e.id].file})")
        seen[e.id] = e
        problems += [
            f"{e.file}: {e.id}: {p}"
            for p in _entry_problems(e, languages, phrasing_languages, placeholders)
        ]
    for e in entries:
        for ref in e.followups:
            if problem := target_problem(ref, dialogs=dialogs, faq=seen):
                problems.append(f"{e.file}: {e.id}: followup {problem}")
    knowledge = Knowledge(entries=seen)
    synonyms = directory / "synonyms.yaml"
    try:
        matcher = FaqMatcher.build(knowledge, synonyms if synonyms.exists() else None)
    except YamlError as exc:  # the collisions cannot be measured without the synonyms
        return [*problems, str(exc)]
    for e in entries:
        for lang, questions in e.questions.items():
            for q in questions:
                scores = matcher.scores(q)
                rivals = [
                    other
                    for other, s in scores.items()
                    if other != e.id and s >= COLLISION and s >= scores.get(e.id, 0.0)
                ]
                for other in rivals:
                    problems.append(
                        f"{e.file}: {e.id}: phrasing {q!r} ({lang}) reaches the "
                        f"confident band for {other!r} too"
                    )
    return problems
