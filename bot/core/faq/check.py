"""`boligbot check` for knowledge: schema, ids, languages, placeholders, collisions."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.faq.knowledge import FaqEntry, Knowledge, read_entries
from bot.core.faq.matcher import FaqMatcher

PLACEHOLDERS = frozenset(
    """municipality offer_name office_name office_phone office_email
office_address office_hours nav_office nav_phone nav_address nav_hours nav_after_hours
nav_national_phone price_per_night price_per_month max_stay_months bolignu_min_age rooms
foyer_min_age foyer_max_age health_contact child_welfare_contact meetup_info""".split()
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
COLLISION = 60.0  # lexical score at which a phrasing is as good as an answer for its rival
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
FOLLOWUP = re.compile(r"^(dialog:[a-z_]+|faq:[a-z0-9-]+|staff|subscribe:(meetup|tips))$")


def _entry_problems(
    e: FaqEntry, languages: tuple[str, ...], phrasing_languages: tuple[str, ...]
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
        for name in _PLACEHOLDER.findall(text):
            if name not in PLACEHOLDERS:
                out.append(f"unknown placeholder {{{name}}}")
    for f in e.followups:
        if not FOLLOWUP.match(f):
            out.append(f"unknown followup {f!r}")
    return out


def check_knowledge(
    directory: Path,
    languages: tuple[str, ...] = ("nb", "nn", "en", "uk"),
    phrasing_languages: tuple[str, ...] = ("nb", "en"),
) -> list[str]:
    """One line per problem: ``knowledge/faq/<file>.yaml: <entry id>: <problem>``."""
    faq_dir = directory / "faq" if (directory / "faq").is_dir() else directory
    entries, problems = read_entries(faq_dir)
    seen: dict[str, FaqEntry] = {}
    for e in entries:
        if e.id in seen:
            problems.append(f"{e.file}: {e.id}: duplicate id (also in {seen[e.id].file})")
        seen[e.id] = e
        problems += [
            f"{e.file}: {e.id}: {p}" for p in _entry_problems(e, languages, phrasing_languages)
        ]
    for e in entries:
        for f in e.followups:
            if f.startswith("faq:") and f[4:] not in seen:
                problems.append(f"{e.file}: {e.id}: followup to unknown entry {f[4:]!r}")
    knowledge = Knowledge(entries=seen)
    synonyms = directory / "synonyms.yaml"
    matcher = FaqMatcher.build(knowledge, synonyms if synonyms.exists() else None)
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
