"""Translations through Project Fluent (.ftl files under ``bot/locales/<lang>/``).

Every user-facing string goes through :class:`Translator`. Each feature keeps its own
``.ftl`` file per language (``core.ftl``, ``faq.ftl``, ``dialogs.ftl`` ...); all files found
are loaded, so adding a feature or a language is adding files, not code.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fluent.runtime import FluentLocalization, FluentResourceLoader

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SUPPORTED = ("nb", "nn", "en", "uk")
DEFAULT = "nb"
# Staff texts are kept in bokmål and English only.
STAFF_FILES = frozenset({"staff.ftl", "desk.ftl", "handover_staff.ftl", "tips_staff.ftl"})
STAFF_LANGUAGES = ("nb", "en")

# Telegram language codes: "no" is plain Norwegian (bokmål is the written norm most use).
_FROM_TELEGRAM = {"nb": "nb", "no": "nb", "nn": "nn", "en": "en", "uk": "uk"}


def language_from_telegram(code: str | None) -> str:
    """Map Telegram's ``language_code`` to one of our languages (nb, no → nb; nn; uk; else en)."""
    if not code:
        return DEFAULT
    return _FROM_TELEGRAM.get(code.split("-")[0].lower(), "en")


def fallbacks(lang: str) -> tuple[str, ...]:
    """Where a text missing in ``lang`` is taken from: nynorsk from bokmål; Ukrainian from
    English (a non-Scandinavian reader), then bokmål."""
    chain = {"nb": ("nb",), "nn": ("nn", "nb"), "en": ("en", "nb"), "uk": ("uk", "en", "nb")}
    return chain.get(lang, (lang, "en", "nb"))


def pick(texts: dict[str, str], lang: str) -> str:
    """A content text (knowledge, dialogs) in ``lang``, else along :func:`fallbacks`."""
    for code in fallbacks(lang):
        if texts.get(code):
            return texts[code]
    return next(iter(texts.values()), "")


def message_ids(path: Path) -> set[str]:
    """The ids of the messages (and terms) of one ``.ftl`` file; none when it does not exist."""
    from fluent.syntax import FluentParser, ast

    if not path.exists():
        return set()
    res = FluentParser().parse(path.read_text(encoding="utf-8"))
    return {m.id.name for m in res.body if isinstance(m, ast.Message | ast.Term)}


def missing_messages(locales_dir: Path, languages: tuple[str, ...] = SUPPORTED) -> list[str]:
    """One line per Fluent message present in bokmål but missing in another language
    (staff files: only in English), with file and id. Bokmål is the reference: code may use
    an id when bokmål has it (``tests/test_architecture.py``), and this asks for the rest."""
    out = []
    for nb_file in sorted((locales_dir / DEFAULT).glob("*.ftl")):
        wanted = message_ids(nb_file)
        langs = STAFF_LANGUAGES if nb_file.name in STAFF_FILES else languages
        for lang in langs:
            if lang == DEFAULT:
                continue
            rel = f"bot/locales/{lang}/{nb_file.name}"
            out += [
                f"{rel}: {mid}: missing (present in nb)"
                for mid in sorted(wanted - message_ids(locales_dir / lang / nb_file.name))
            ]
    return out


class Translator:
    """Formats Fluent messages; falls back to bokmål, then to the message id itself."""

    def __init__(self, locales_dir: Path = LOCALES_DIR, languages: tuple[str, ...] = SUPPORTED):
        self.languages = languages
        loader = FluentResourceLoader(str(locales_dir / "{locale}"))
        resource_ids = sorted(
            {p.name for lang in languages for p in (locales_dir / lang).glob("*.ftl")}
        )
        self._l10n = {
            lang: FluentLocalization(
                list(fallbacks(lang)),
                resource_ids,
                loader,
                use_isolating=False,
            )
            for lang in languages
        }

    def normalise(self, lang: str | None) -> str:
        return lang if lang in self._l10n else DEFAULT

    def __call__(self, lang: str | None, msg_id: str, **args: Any) -> str:
        """The message in ``lang`` (else along :func:`fallbacks`), else ``msg_id`` itself.

        Fluent shows a value it cannot format as "{???}" (a placeable over 2,500 characters, a
        missing variable) and says nothing; that is logged here (never the values: they may be
        what a person wrote). User-provided text goes next to a message, never into one."""
        for bundle in self._l10n[self.normalise(lang)]._bundles():
            if not bundle.has_message(msg_id) or not (msg := bundle.get_message(msg_id)).value:
                continue
            text, errors = bundle.format_pattern(msg.value, args or None)
            if errors:
                log.error("text %s (%s) is broken: %s", msg_id, lang, "; ".join(map(str, errors)))
            return text
        return msg_id

    def has(self, lang: str, msg_id: str) -> bool:
        """True when ``msg_id`` exists in ``lang`` itself (not only through fallback)."""
        for bundle in self._l10n[self.normalise(lang)]._bundles():
            return bundle.has_message(msg_id)
        return False


_default: Translator | None = None


def translator() -> Translator:
    """The process-wide translator (loaded once)."""
    global _default
    if _default is None:
        _default = Translator()
    return _default
