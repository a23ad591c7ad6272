"""Screening dialogs as data: definitions (``model``), conditions, the engine, static checks."""

from bot.core.dialogs.engine import (
    Choice,
    Continue,
    DialogEngine,
    Finished,
    Invalid,
    OutcomeView,
    Prompt,
    Step,
)
from bot.core.dialogs.model import (
    DialogLoadError,
    DialogRegistry,
    DialogState,
    StaleState,
)
from bot.core.dialogs.validate import validate_dialogs

__all__ = [
    "Choice",
    "Continue",
    "DialogEngine",
    "DialogLoadError",
    "DialogRegistry",
    "DialogState",
    "Finished",
    "Invalid",
    "OutcomeView",
    "Prompt",
    "StaleState",
    "Step",
    "validate_dialogs",
]
