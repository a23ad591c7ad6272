"""Which of our languages a free-text message is written in (nb, nn, en, uk).

lingua (``lingua-language-detector``) is made for short texts; it is restricted to the languages
we serve. Cyrillic script is read as Ukrainian before asking it (mixed messages such as "яка
ціна bolig nu" would otherwise look Norwegian). A message too short or too unclear to tell gives
``None``: the person's chosen language then stays.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

MIN_WORDS = 3
MIN_CONFIDENCE = 0.6
SURELY_NORWEGIAN = 0.85  # bokmål and nynorsk together, when neither alone is clear
SCANDINAVIAN = ("nb", "nn")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


class LanguageGuesser:
    def __init__(self) -> None:
        self._detector = None
        try:
            from lingua import Language, LanguageDetectorBuilder

            self._codes = {
                Language.BOKMAL: "nb",
                Language.NYNORSK: "nn",
                Language.ENGLISH: "en",
                Language.UKRAINIAN: "uk",
            }
            self._detector = (
                LanguageDetectorBuilder.from_languages(*self._codes)
                .with_preloaded_language_models()
                .build()
            )
        except Exception as exc:  # without lingua the person's chosen language is used
            log.warning(
                "language detection unavailable (%s); replies use the chosen language",
                type(exc).__name__,
            )

    def guess(self, text: str, chosen: str) -> str | None:
        """The language to answer ``text`` in, or ``None`` to keep ``chosen``."""
        words = _WORD.findall(text)
        letters = sum(len(w) for w in words)
        if not letters:
            return None
        cyrillic = len(_CYRILLIC.findall(text))
        if cyrillic >= 0.3 * letters and cyrillic >= 3:
            return "uk"
        if len(words) < MIN_WORDS or self._detector is None:
            return None
        values = {
            self._codes[v.language]: v.value
            for v in self._detector.compute_language_confidence_values(text)
        }
        best = max(values, key=values.__getitem__)
        if best in SCANDINAVIAN:
            scand = values.get("nb", 0.0) + values.get("nn", 0.0)
            if chosen in SCANDINAVIAN and values[best] < 0.7:
                return chosen  # bokmål or nynorsk, not clear which: keep the person's own
            if values[best] >= MIN_CONFIDENCE:
                return best
            # Norwegian, not clear which form: bokmål, but only when clearly Norwegian at all.
            return "nb" if scand >= SURELY_NORWEGIAN and chosen not in SCANDINAVIAN else None
        return best if values[best] >= MIN_CONFIDENCE else None
