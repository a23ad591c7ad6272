"""The semantic view: how close a question's meaning is to each entry's nearest phrasing.

Every phrasing and title of an entry is embedded once (vectors cached on disk); a question's
score for an entry is the cosine with that entry's nearest phrasing. The model reads
paraphrases and other alphabets, which the lexical views cannot.
"""

from __future__ import annotations

import numpy as np

from bot.core.faq.vectors import VectorCache


class SemanticIndex:
    def __init__(self, texts: dict[str, list[str]], cache: VectorCache):
        """``texts``: entry id → its phrasings (any language) and titles."""
        self.entry_ids: list[str] = []
        flat: list[str] = []
        starts: list[int] = []
        for eid, items in texts.items():
            items = list(dict.fromkeys(t.strip() for t in items if t.strip()))
            if not items:
                continue
            self.entry_ids.append(eid)
            starts.append(len(flat))
            flat.extend(items)
        self.cache = cache
        self.matrix = cache.vectors(flat) if flat else np.zeros((0, 1), dtype=np.float32)
        self._starts = np.array(starts, dtype=np.int64)

    @property
    def size(self) -> int:
        return int(self.matrix.shape[0])

    def embed(self, text: str) -> np.ndarray:
        return self.cache.embedder.embed([text])[0]

    def scores(self, qvec: np.ndarray) -> dict[str, float]:
        """Cosine (−1…1) of the question with each entry's nearest phrasing."""
        if not self.entry_ids:
            return {}
        sims = self.matrix @ qvec.astype(np.float32)
        best = np.maximum.reduceat(sims, self._starts)
        return dict(zip(self.entry_ids, best.tolist(), strict=True))
