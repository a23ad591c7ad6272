"""One place that reads a question: the lexical views, the semantic view and the policy."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import numpy as np

from bot.core.faq.embedder import Embedder
from bot.core.faq.knowledge import Knowledge
from bot.core.faq.matcher import FaqMatcher, strip_markup
from bot.core.faq.policy import MatchResult, Policies, Policy, Views
from bot.core.faq.semantic import SemanticIndex
from bot.core.faq.vectors import VectorCache

log = logging.getLogger(__name__)


def entry_texts(knowledge: Knowledge) -> dict[str, list[str]]:
    """What the semantic view embeds of each entry: its phrasings and its titles."""
    return {e.id: [q for qs in e.questions.values() for q in qs]
            + [strip_markup(t) for t in e.title.values()]
            for e in knowledge.entries.values()}


class FaqUnderstanding:
    def __init__(self, knowledge: Knowledge, lexical: FaqMatcher, policies: Policies,
                 embedder: Embedder | None = None, cache_dir: Path | None = None):
        self.knowledge = knowledge
        self.lexical = lexical
        self.policies = policies
        self.semantic: SemanticIndex | None = None
        if embedder is not None:
            try:
                self.semantic = SemanticIndex(entry_texts(knowledge),
                                              VectorCache(cache_dir, embedder))
            except Exception as exc:
                log.warning("FAQ semantic view off: the knowledge could not be embedded (%s: %s)",
                            type(exc).__name__, exc)

    @property
    def policy(self) -> Policy:
        return self.policies.blended if self.semantic else self.policies.lexical

    def views(self, text: str, qvec: np.ndarray | None) -> Views:
        lexical = self.lexical.scores(text)
        if self.semantic is None or qvec is None:
            return Views(lexical)
        return Views(lexical, self.semantic.scores(qvec))

    def embed(self, text: str) -> np.ndarray | None:
        """The question's vector, or ``None`` (the semantic view turned off, logged once)."""
        if self.semantic is None:
            return None
        try:
            return self.semantic.embed(text)
        except Exception as exc:
            log.warning("FAQ semantic view off after an embedding failure (%s: %s); "
                        "answering with the lexical views only", type(exc).__name__, exc)
            self.semantic = None
            return None

    def match(self, text: str) -> MatchResult:
        qvec = self.embed(text)
        return self.policy.decide(self.views(text, qvec))

    async def match_async(self, text: str) -> MatchResult:
        """As :meth:`match`, with the embedding (C code) off the event loop."""
        qvec = await asyncio.to_thread(self.embed, text) if self.semantic else None
        return self.policy.decide(self.views(text, qvec))
