"""``{name}`` placeholders in content texts (knowledge, dialogs): found and filled one way.

The names a text may use are not listed here: they are the config's
(``bot.config.Config.content_variables``, and ``bot.config.BOT_FILLED`` for what the bot fills
itself), handed in by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

# Any braces: "{nav_phon}" and "{office phone}" are both reported when unknown.
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(text: str) -> list[str]:
    """The names of the ``{name}`` placeholders in ``text``, in order."""
    return PLACEHOLDER.findall(text)


def unknown_placeholders(text: str, known: Collection[str]) -> list[str]:
    """The placeholders of ``text`` that ``known`` does not name, each once, in order."""
    return list(dict.fromkeys(name for name in placeholders(text) if name not in known))


def fill(text: str, values: Mapping[str, Any]) -> str:
    """``text`` with each ``{name}`` that ``values`` holds replaced; others stay as written."""

    def value(m: re.Match[str]) -> str:
        found = values.get(m[1])
        return m[0] if found is None else str(found)

    return PLACEHOLDER.sub(value, text)
