"""The small protocol every feature implements to plug into the assistant.

A feature contributes command handlers, button actions, main-menu items, deep-link payloads,
a free-text handler, and a description of the personal data it keeps. Everything is optional.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.core.events import Outcome
from bot.core.jobs import Job

if TYPE_CHECKING:
    from bot.core.context import Context

Handler = Callable[["Context"], Awaitable[Outcome | None]]


class Feature:
    name = "feature"
    # Lower runs first for free text: a running dialog must see its answers before the FAQ does.
    text_priority = 100

    def commands(self) -> dict[str, Handler]:
        return {}

    def staff_commands(self) -> dict[str, Handler]:
        """Commands checked against the staff role on every use."""
        return {}

    def actions(self) -> dict[str, Handler]:
        return {}

    def staff_actions(self) -> dict[str, Handler]:
        """Button actions checked against the staff role on every press."""
        return {}

    def menu_items(self) -> dict[str, Handler]:
        return {}

    def start_payloads(self) -> dict[str, Handler]:
        """Deep links ``t.me/<bot>?start=<prefix><rest>``: prefix → handler."""
        return {}

    async def on_text(self, ctx: Context) -> Outcome | None:
        return None

    async def on_media(self, ctx: Context) -> Outcome | None:
        """A photo or other media without text; None lets the next feature (or the default
        "I can only read text") answer."""
        return None

    async def personal_data(self, user_id: int, lang: str) -> list[str]:
        """Lines for /mine_data describing what this feature stores about the user."""
        return []

    async def statistics(self, lang: str) -> list[str]:
        """Lines for /statistikk about what this feature holds (counts only, no text)."""
        return []

    def jobs(self) -> list[Job]:
        """Periodic work, run by the one scheduler (:mod:`bot.scheduling`)."""
        return []

    def health(self) -> dict[str, bool]:
        """Named checks for ``/healthz``, e.g. ``{"scheduler": True}`` while its jobs run."""
        return {}

    async def start(self) -> None:
        """Called once when the bot starts (after migrations), e.g. to schedule jobs."""

    async def stop(self) -> None:
        """Called once on shutdown."""
