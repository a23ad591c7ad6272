"""Split long replies to fit Telegram's limits: 4096 characters a message, 1024 a caption.

Lengths are counted on the HTML as sent, which is never shorter than what Telegram counts
(the text after its entities are parsed), so a part always fits.
"""

from __future__ import annotations

import re

LIMIT = 4096
CAPTION_LIMIT = 1024
_TAG = re.compile(r"<(/?)([a-zA-Z]+)[^>]*>")
_ENTITY_MAX = 10  # the longest entity the bot writes: "&#x1F600;"


def split_message(text: str, limit: int = LIMIT) -> list[str]:
    """Split at paragraph, then line, then word boundaries; never inside an HTML tag or an
    entity.

    Tags left open at a cut are closed at the end of the part and reopened in the next.
    """
    parts: list[str] = []
    rest = text
    carry = ""
    while len(carry) + len(rest) > limit:
        room = limit - len(carry) - 40  # room for closing/reopening tags
        cut = _best_cut(rest, room) or room  # never an empty part (a tag longer than room)
        chunk, rest = rest[:cut], rest[cut:].lstrip("\n ")
        body = carry + chunk
        open_tags = _open_tags(body)
        closing = "".join(f"</{name}>" for name, _ in reversed(open_tags))
        parts.append(body + closing)
        carry = "".join(tag for _, tag in open_tags)
    if rest or not parts:
        parts.append(carry + rest)
    return parts


def message_parts(text: str, photo: bool = False) -> list[str]:
    """The texts one reply goes out as, in order: for a photo, its caption (within
    :data:`CAPTION_LIMIT`) and then any rest as messages; else the text split to :data:`LIMIT`.
    The same text always gives the same parts (a retry goes on from the part that failed)."""
    if not photo:
        return split_message(text)
    caption, *rest = split_message(text, CAPTION_LIMIT)
    return [caption, *(split_message("\n\n".join(rest)) if rest else [])]


def _best_cut(text: str, room: int) -> int:
    window = text[:room]
    for sep in ("\n\n", "\n", " "):
        pos = window.rfind(sep)
        if pos > room // 2:
            return _outside_tag(text, pos)
    return _outside_tag(text, room)


def _outside_tag(text: str, pos: int) -> int:
    """``pos``, or an earlier position when it falls inside a tag or an entity ("&amp;")."""
    lt, gt = text.rfind("<", 0, pos), text.rfind(">", 0, pos)
    if lt > gt:
        return lt
    amp = text.rfind("&", max(0, pos - _ENTITY_MAX), pos)
    if amp != -1 and text.find(";", amp, pos) == -1:
        return amp
    return pos


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
