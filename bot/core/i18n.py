"""Translations through Project Fluent (.ftl files under ``bot/locales/<lang>/``).

Every user-facing string goes through :class:`Translator`. Each feature keeps its own
``.ftl`` file per language (``core.ftl``, ``faq.ftl``, ``dialogs.ftl`` ...); all files found
are loaded, so adding a feature or a language is adding files, not code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fluent.runtime import FluentLocalization, FluentResourceLoader

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SUPPORTED = ("nb", "en")
DEFAULT = "nb"

# Telegram language codes that mean Norwegian: bokmål (nb), nynorsk (nn) and plain "no".
_NORWEGIAN_CODES = {"nb", "nn", "no"}


def language_from_telegram(code: str | None) -> str:
    """Map Telegram's ``language_code`` to one of our languages (nb/nn/no → nb, else en)."""
    if not code:
        return DEFAULT
    base = code.split("-")[0].lower()
    return "nb" if base in _NORWEGIAN_CODES else "en"


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
                [lang, *(x for x in (DEFAULT,) if x != lang)],
                resource_ids,
                loader,
                use_isolating=False,
            )
            for lang in languages
        }

    def normalise(self, lang: str | None) -> str:
        return lang if lang in self._l10n else DEFAULT

    def __call__(self, lang: str | None, msg_id: str, **args: Any) -> str:
        return self._l10n[self.normalise(lang)].format_value(msg_id, args or None)

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
