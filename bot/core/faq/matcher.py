"""Fuzzy FAQ matching: IDF-weighted, typo-tolerant token overlap in both directions, blended
with rapidfuzz's token_sort_ratio, best phrasing per entry.

Why not token_set_ratio or the partial scorers alone: they give 100 to a query that is a subset
of a phrasing and reward one shared word. Here a match must cover the (weighted) words of both
the question and the phrasing, so "bolig" alone or one common shared word stays low.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.core.faq.knowledge import Knowledge
from bot.core.faq.normalise import Normaliser

TYPO_CUTOFF = 80.0  # rapidfuzz ratio for two tokens to count as the same word misspelt
MIN_TYPO_LEN = 4
SHORTLIST = 60  # phrasings scored fully per question, after the cheap estimate


@dataclass(frozen=True)
class Thresholds:
    confident: float = 72.0
    unsure: float = 50.0
    margin: float = 4.0  # a runner-up this close makes a confident score only unsure


@dataclass(frozen=True)
class Candidate:
    entry_id: str
    score: float


@dataclass(frozen=True)
class MatchResult:
    band: str  # "confident" | "unsure" | "none"
    candidates: list[Candidate]


class FaqMatcher:
    def __init__(self, normaliser: Normaliser, phrasings: list[tuple[str, list[str]]]):
        self.norm = normaliser
        self.entry_of: list[str] = []
        self.tokens: list[list[str]] = []
        self.joined: list[str] = []
        postings: dict[str, set[int]] = defaultdict(set)
        for entry_id, tokens in phrasings:
            if not tokens:
                continue
            idx = len(self.tokens)
            self.entry_of.append(entry_id)
            self.tokens.append(tokens)
            self.joined.append(" ".join(tokens))
            for tok in tokens:
                postings[tok].add(idx)
        n = max(len(self.tokens), 1)
        self.idf = {tok: math.log(1 + n / len(ids)) for tok, ids in postings.items()}
        self.max_idf = math.log(1 + n)
        self.postings = {tok: tuple(ids) for tok, ids in postings.items()}
        self.vocab = list(self.postings)
        self.p_total = [sum(self._weight(t) for t in toks) for toks in self.tokens]

    @classmethod
    def build(cls, knowledge: Knowledge, synonyms_path: Path | None = None) -> FaqMatcher:
        norm = Normaliser.from_file(synonyms_path)
        phrasings = []
        for entry in knowledge.entries.values():
            for questions in entry.questions.values():
                for q in questions:
                    phrasings.append((entry.id, norm.tokens(q, keep_stop_only=False)))
        return cls(norm, phrasings)

    @property
    def size(self) -> int:
        return len(self.tokens)

    def _weight(self, tok: str) -> float:
        return self.idf.get(tok, self.max_idf)

    def _expand(self, query: list[str]) -> dict[str, dict[str, float]]:
        """For each query token, the vocabulary tokens it may stand for, with a similarity."""
        out: dict[str, dict[str, float]] = {}
        for q in set(query):
            alts = {q: 1.0} if q in self.postings else {}
            if len(q) >= MIN_TYPO_LEN:
                for tok, score, _ in process.extract(q, self.vocab, scorer=fuzz.ratio,
                                                     score_cutoff=TYPO_CUTOFF, limit=5):
                    if len(tok) >= MIN_TYPO_LEN:
                        alts.setdefault(tok, score / 100.0)
            out[q] = alts
        return out

    def scores(self, text: str) -> dict[str, float]:
        """Best score (0–100) per entry that shares at least one word with the question."""
        query = self.norm.tokens(text)
        if not query:
            return {}
        expanded = self._expand(query)
        q_total = sum(self._weight(q) for q in query)
        # Stage 1: a cheap estimate from the postings; only the best few are scored fully.
        estimate: dict[int, float] = defaultdict(float)
        for q in query:
            w = self._weight(q)
            for tok, sim in expanded[q].items():
                for idx in self.postings[tok]:
                    estimate[idx] += w * sim
        p_total_of = self.p_total
        candidates = heapq.nlargest(
            SHORTLIST, estimate, key=lambda i: estimate[i] / (q_total + p_total_of[i])
        )
        q_joined = " ".join(query)
        best: dict[str, float] = {}
        for idx in candidates:
            tokens = self.tokens[idx]
            pset = set(tokens)
            # Each query word: its best similarity to a word of the phrasing.
            q_hit = 0.0
            p_sim: dict[str, float] = {}
            for q in query:
                alts = expanded[q]
                sim = max((alts.get(p, 0.0) for p in pset), default=0.0)
                q_hit += self._weight(q) * sim
                for p in pset:
                    s = alts.get(p, 0.0)
                    if s > p_sim.get(p, 0.0):
                        p_sim[p] = s
            p_total = p_total_of[idx]
            p_hit = sum(self._weight(p) * p_sim.get(p, 0.0) for p in tokens)
            overlap = (q_hit + p_hit) / (q_total + p_total)
            shape = fuzz.token_sort_ratio(q_joined, self.joined[idx]) / 100.0
            score = 100.0 * (0.8 * overlap + 0.2 * shape)
            entry = self.entry_of[idx]
            if score > best.get(entry, 0.0):
                best[entry] = score
        return best

    def match(self, text: str, thresholds: Thresholds | None = None) -> MatchResult:
        th = thresholds or Thresholds()
        ranked = sorted(self.scores(text).items(), key=lambda kv: -kv[1])[:3]
        cands = [Candidate(e, round(s, 1)) for e, s in ranked]
        if not cands or cands[0].score < th.unsure:
            return MatchResult("none", [])
        close = len(cands) > 1 and cands[0].score - cands[1].score < th.margin
        if cands[0].score >= th.confident and not close:
            return MatchResult("confident", cands)
        return MatchResult("unsure", [c for c in cands if c.score >= th.unsure])
