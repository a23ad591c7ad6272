"""Crisis words: some messages must get the emergency card before anything else."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bot.core.strict_yaml import read_yaml


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " " + re.sub(r"[^\w]+", " ", text).strip() + " "


class CrisisDetector:
    def __init__(self, phrases: list[str]):
        self._phrases = [_norm(p) for p in phrases if p.strip()]

    @classmethod
    def load(cls, path: Path) -> CrisisDetector:
        data = read_yaml(path) or {}
        return cls([p for group in (data.get("phrases") or {}).values() for p in group])

    def __call__(self, text: str) -> bool:
        norm = _norm(text)
        return any(p in norm for p in self._phrases)
