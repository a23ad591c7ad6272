"""Plain-language measures for what residents read.

LIX (Björnsson's läsbarhetsindex, used for Scandinavian texts): words per sentence plus the
share of long words (more than six letters) in per cent. Under 30 reads as very easy, 30–40 as
easy (newspapers for all), above 40 as ordinary prose and harder.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n+")
_MARKUP = re.compile(r"<[^>]+>|\{[^{}]*\}")

# What fits on one phone screen without a "read more": a 360 dp wide phone at Telegram's
# default text size shows about 38 characters a line and, with the buttons below and the
# keyboard hidden, about 21 lines of one message: roughly 800 characters.
SCREEN_CHARS = 800


def lix(text: str) -> float:
    text = _MARKUP.sub(" ", text)
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, sum(1 for part in _SENTENCE_END.split(text) if _WORD.search(part)))
    long_words = sum(1 for w in words if len(w) > 6)
    return len(words) / sentences + 100 * long_words / len(words)
