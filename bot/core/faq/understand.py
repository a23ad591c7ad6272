"""One place that reads a question: the lexical views, the semantic view and the policy."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

import numpy as np

from bot.core.faq.embedder import Embedder
from bot.core.faq.knowledge import Knowledge
from bot.core.faq.matcher import FaqMatcher, strip_markup
from bot.core.faq.policy import MatchResult, Policies, Policy, Views
from bot.core.faq.semantic import SemanticIndex
from bot.core.faq.vectors import VectorCache

log = logging.getLogger(__name__)
_WORD = re.compile(r"[^\W_]+")


def entry_texts(knowledge: Knowledge) -> dict[str, list[str]]:
    """What the semantic view embeds of each entry: its phrasings and its titles."""
    return {
        e.id: [q for qs in e.questions.values() for q in qs]
        + [strip_markup(t) for t in e.title.values()]
        for e in knowledge.entries.values()
    }


class FaqUnderstanding:
    def __init__(
        self,
        knowledge: Knowledge,
        lexical: FaqMatcher,
        policies: Policies,
        embedder: Embedder | None = None,
        cache_dir: Path | None = None,
        anchors: list[str] | None = None,
    ):
        """``anchors``: questions out of scope; nearness to them makes the bot less sure."""
        self.knowledge = knowledge
        self.lexical = lexical
        self.policies = policies
        self.semantic: SemanticIndex | None = None
        self.anchors = np.zeros((0, 1), dtype=np.float32)
        if embedder is not None:
            try:
                cache = VectorCache(cache_dir, embedder)
                self.semantic = SemanticIndex(entry_texts(knowledge), cache)
                if anchors:
                    self.anchors = cache.vectors(anchors)
            except Exception as exc:
                log.warning(
                    "FAQ semantic view off: the knowledge could not be embedded (%s: %s)",
                    type(exc).__name__,
                    exc,
                )

    @property
    def policy(self) -> Policy:
        return self.policies.blended if self.semantic else self.policies.lexical

    def views(self, text: str, qvec: np.ndarray | None) -> Views:
        lexical = self.lexical.scores(text)
        words = len(_WORD.findall(text))
        if self.semantic is None or qvec is None:
            return Views(lexical, words=words)
        anchor = float((self.anchors @ qvec).max()) if len(self.anchors) else 0.0
        return Views(lexical, self.semantic.scores(qvec), anchor, words)

    def embed(self, text: str) -> np.ndarray | None:
        """The question's vector, or ``None`` (the semantic view turned off, logged once)."""
        if self.semantic is None:
            return None
        try:
            return self.semantic.embed(text)
        except Exception as exc:
            log.warning(
                "FAQ semantic view off after an embedding failure (%s: %s); "
                "answering with the lexical views only",
                type(exc).__name__,
                exc,
            )
            self.semantic = None
            return None

    def match(self, text: str) -> MatchResult:
        qvec = self.embed(text)
        return self.policy.decide(self.views(text, qvec))

    async def match_async(self, text: str) -> MatchResult:
        """As :meth:`match`, with the embedding (C code) off the event loop."""
        qvec = await asyncio.to_thread(self.embed, text) if self.semantic else None
        return self.policy.decide(self.views(text, qvec))
