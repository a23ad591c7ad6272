"""Shows the emergency card when a message contains crisis words, before any other handler."""

from __future__ import annotations

from pathlib import Path

from bot.core.context import Context
from bot.core.crisis import CrisisDetector
from bot.core.events import Outcome
from bot.core.feature import Feature

CRISIS_FILE = Path(__file__).resolve().parent.parent.parent / "knowledge" / "crisis.yaml"


class CrisisFeature(Feature):
    name = "crisis"
    text_priority = 5

    def __init__(self, path: Path = CRISIS_FILE):
        self.detect = CrisisDetector.load(path)

    async def on_text(self, ctx: Context) -> Outcome | None:
        if not ctx.incoming.is_private or not self.detect(ctx.incoming.text):
            return None
        out = ctx.menu(ctx.t("crisis-card", **ctx.assistant.variables))
        out.replies[0].buttons.insert(0, [ctx.button(ctx.t("menu-staff"), "m", "staff")])
        return out
