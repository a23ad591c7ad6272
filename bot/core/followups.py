"""Follow-up buttons of content, written and checked one way: ``followups`` under an FAQ answer
(``knowledge/faq/*.yaml``) and ``actions`` under a dialog's result (``dialogs/*.yaml``).

====================  ==============================================
``staff``             talk to a person
``menu``              the main menu
``dialog:<id>``       start a screening (a file in ``dialogs/``)
``faq:<id>``          show an FAQ entry (an id in ``knowledge/faq/``)
``subscribe:<what>``  reminders of the meetups (``meetup``) or the tips (``tips``)
====================  ==============================================

Each place offers some of these kinds (its loader says which); :func:`parse_followup` reads one
reference when a file is loaded, :func:`target_problem` checks that what it names exists.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

KINDS = ("staff", "menu", "dialog", "faq", "subscribe")
SUBSCRIPTIONS = ("meetup", "tips")
_WITH_TARGET = {"dialog": "dialog:<id>", "faq": "faq:<id>", "subscribe": "subscribe:<what>"}
_TARGET = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class FollowUp:
    kind: str
    target: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}" if self.target else self.kind


class FollowUpError(ValueError):
    """One line that says what is wrong with a reference (the caller adds file and key)."""


def _usage(kinds: Collection[str]) -> str:
    forms = [
        *(_WITH_TARGET.get(k, k) for k in KINDS if k in kinds and k != "subscribe"),
        *(f"subscribe:{s}" for s in SUBSCRIPTIONS if "subscribe" in kinds),
    ]
    return ", ".join(forms[:-1]) + f" or {forms[-1]}" if len(forms) > 1 else forms[0]


def parse_followup(raw: object, kinds: Collection[str] = KINDS) -> FollowUp:
    """The reference ``raw`` as written in a file; :class:`FollowUpError` when it is not one
    of ``kinds``. Every message starts with the reference in quotes."""
    if not isinstance(raw, str):
        raise FollowUpError(f"{raw!r}: must be text (use {_usage(kinds)})")
    kind, sep, target = raw.strip().partition(":")
    if kind not in KINDS:
        raise FollowUpError(f"'{raw}': unknown (use {_usage(kinds)})")
    if kind not in kinds:
        raise FollowUpError(f"'{raw}': not offered here (use {_usage(kinds)})")
    if kind not in _WITH_TARGET:
        if sep:
            raise FollowUpError(f"'{raw}': '{kind}' takes no argument")
        return FollowUp(kind)
    if kind == "subscribe" and target not in SUBSCRIPTIONS:
        raise FollowUpError(f"'{raw}': use {_usage({'subscribe'})}")
    if not target:
        raise FollowUpError(f"'{raw}': needs an id, e.g. {_WITH_TARGET[kind]}")
    if not _TARGET.match(target):
        raise FollowUpError(f"'{raw}': '{target}' is not an id (a-z, 0-9, '-' and '_')")
    return FollowUp(kind, target)


def target_problem(
    ref: FollowUp,
    dialogs: Collection[str] | None = None,
    faq: Collection[str] | None = None,
) -> str | None:
    """Why ``ref`` names nothing, or None. A collection left out is not checked."""
    if ref.kind == "dialog" and dialogs is not None and ref.target not in dialogs:
        return f"'{ref}': there is no dialog '{ref.target}'"
    if ref.kind == "faq" and faq is not None and ref.target not in faq:
        return f"'{ref}': there is no FAQ entry '{ref.target}'"
    return None
