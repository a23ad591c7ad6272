"""Phrasing vectors cached on disk, so that a restart does not embed the knowledge again.

Each vector is keyed by a hash of the model's name and the text, so ``/reload`` embeds only
the phrasings that changed, and a new model never reads an old model's vectors. The cache is
one ``.npz`` file per model; a broken or missing file only costs a re-embedding.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from pathlib import Path

import numpy as np

from bot.core.faq.embedder import Embedder

log = logging.getLogger(__name__)

BATCH = 64


def text_key(model: str, text: str) -> str:
    return hashlib.blake2b(f"{model}\0{text}".encode(), digest_size=12).hexdigest()


class VectorCache:
    def __init__(self, directory: Path | None, embedder: Embedder):
        self.embedder = embedder
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", embedder.name)
        self.path = directory / f"vectors-{safe}.npz" if directory else None
        self._vectors: dict[str, np.ndarray] = {}
        self._used: set[str] = set()  # keys asked for by this process: what the file keeps
        self.embedded = 0  # texts embedded by this process (not read from the cache)
        self._load()

    def _load(self) -> None:
        if not self.path or not self.path.exists():
            return
        try:
            with np.load(self.path, allow_pickle=False) as data:
                keys, vecs = data["keys"], data["vecs"]
            self._vectors = {str(k): vecs[i] for i, k in enumerate(keys)}
        except Exception as exc:  # a damaged cache is rebuilt, never fatal
            log.warning(
                "FAQ vector cache %s unreadable (%s); embedding again",
                self.path,
                type(exc).__name__,
            )
            self._vectors = {}

    def vectors(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text, embedding only those not cached; saves when any was new."""
        name = self.embedder.name
        keys = [text_key(name, t) for t in texts]
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self._vectors}.items()
        )
        if len(missing) > 100:
            log.info(
                "embedding %d FAQ texts for the semantic view (once: they are cached in %s)",
                len(missing),
                self.path or "memory",
            )
        for start in range(0, len(missing), BATCH):
            chunk = missing[start : start + BATCH]
            vecs = self.embedder.embed([t for _, t in chunk])
            for (k, _), v in zip(chunk, vecs, strict=True):
                self._vectors[k] = np.asarray(v, dtype=np.float32)
        self.embedded += len(missing)
        self._used.update(keys)
        if missing:
            self._save(self._used)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys])

    def _save(self, keep: set[str]) -> None:
        """Write the vectors of the current knowledge (old texts are dropped) atomically."""
        self._vectors = {k: v for k, v in self._vectors.items() if k in keep}
        if not self.path:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            keys = np.array(sorted(self._vectors))
            vecs = np.stack([self._vectors[k] for k in keys]) if len(keys) else np.zeros((0, 0))
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, keys=keys, vecs=vecs)
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("FAQ vector cache %s not written (%s)", self.path, exc)
