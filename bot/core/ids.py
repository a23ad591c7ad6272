"""Ids and whole numbers from user input (a command's argument, a button's argument).

Python's ``str.isdigit()`` is True for "²" and "٣", and ``int()`` takes "٣" and any length;
the database then fails on a number out of its column's range. Every id a person types or a
button carries goes through :func:`parse_int` (or its two shorthands): ASCII digits only, within
a range, else None, so a handler answers "not valid" instead of crashing.
"""

from __future__ import annotations

TELEGRAM_ID_MAX = 2**52  # Telegram: a user id has at most 52 significant bits
ROW_ID_MAX = 2**31 - 1  # our row ids (cases, meetups, agreements, tips): an SQL INTEGER


def parse_int(text: str, low: int, high: int) -> int | None:
    """The number ``text`` spells in ASCII digits (spaces around allowed), if within
    ``low..high``; else None."""
    text = text.strip()
    if not text or not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0") or "0"
    if len(digits) > len(str(high)):  # never build a huge int from a long string
        return None
    number = int(digits)
    return number if low <= number <= high else None


def telegram_id(text: str) -> int | None:
    """A Telegram user id (1 … 2**52)."""
    return parse_int(text, 1, TELEGRAM_ID_MAX)


def row_id(text: str) -> int | None:
    """One of our row ids: a case number, a meetup, an agreement, a tip (1 … 2**31-1)."""
    return parse_int(text, 1, ROW_ID_MAX)
