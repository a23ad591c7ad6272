"""Split long replies to fit Telegram's 4096-character message limit."""

from __future__ import annotations

import re

LIMIT = 4096
_TAG = re.compile(r"<(/?)([a-zA-Z]+)[^>]*>")
_ENTITY_START = re.compile(r"&#?[0-9a-zA-Z]*$")  # an entity not yet closed by ";"


def split_message(text: str, limit: int = LIMIT) -> list[str]:
    """Split at paragraph, then line, then word boundaries; never inside an HTML tag.

    Tags left open at a cut are closed at the end of the part and reopened in the next.
    """
    parts: list[str] = []
    rest = text
    carry = ""
    while len(carry) + len(rest) > limit:
        room = limit - len(carry) - 40  # room for closing/reopening tags
        cut = _best_cut(rest, room)
        chunk, rest = rest[:cut], rest[cut:].lstrip("\n ")
        body = carry + chunk
        open_tags = _open_tags(body)
        closing = "".join(f"</{name}>" for name, _ in reversed(open_tags))
        parts.append(body + closing)
        carry = "".join(tag for _, tag in open_tags)
    if rest or not parts:
        parts.append(carry + rest)
    return parts


def _best_cut(text: str, room: int) -> int:
    window = text[:room]
    for sep in ("\n\n", "\n", " "):
        pos = window.rfind(sep)
        if pos > room // 2:
            return _outside_tag(text, pos)
    return _outside_tag(text, room)


def _outside_tag(text: str, pos: int) -> int:
    """``pos``, or the start of the tag or character entity (``&amp;``) it falls inside."""
    lt, gt = text.rfind("<", 0, pos), text.rfind(">", 0, pos)
    if lt > gt:
        return lt
    entity = _ENTITY_START.search(text, max(0, pos - 10), pos)
    return entity.start() if entity else pos


def _open_tags(html: str) -> list[tuple[str, str]]:
    stack: list[tuple[str, str]] = []
    for m in _TAG.finditer(html):
        closing, name = m.group(1), m.group(2).lower()
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i]
                    break
        else:
            stack.append((name, m.group(0)))
    return stack
