"""Fuzzy FAQ matching: three views of one question, blended into one score per entry.

1. *Phrasing*: IDF-weighted, typo-tolerant word overlap in both directions with the entry's best
   phrasing, plus a little of rapidfuzz's token_sort_ratio for word order.
2. *Coverage*: how much of the question's (IDF-weighted) meaning the entry's whole vocabulary
   covers: all its phrasings and its title, and at a lower weight its answer. Residents use
   words that no single phrasing has but the entry as a whole does.
3. *Spelling*: cosine of character 4-gram TF-IDF vectors of the question and the entry, which
   survives compounds ("husleiekontrakt" / "kontrakt") and typos the word view misses.

Why not token_set_ratio or the partial scorers alone: they give 100 to a query that is a subset
of a phrasing and reward one shared word. Here a word the knowledge does not know weighs as much
as the rarest word it does, so "pizza" in "hvor mye koster en pizza" keeps the score low, and a
lone common word ("bolig") fits many entries equally and so is never confident.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.core.faq.knowledge import Knowledge
from bot.core.faq.normalise import Normaliser

TYPO_CUTOFF = 80.0  # rapidfuzz ratio for two tokens to count as the same word misspelt
MIN_TYPO_LEN = 4
SHORTLIST = 40  # phrasings scored fully per question, after the cheap estimate
ENTRY_SHORTLIST = 25  # entries given the spelling view
GRAM = 4
TITLE_WEIGHT = 1.0
ANSWER_WEIGHT = 0.5  # a word only in the answer counts half
# The blend of the three views (sums to 1).
W_PHRASING, W_COVERAGE, W_SPELLING = 0.35, 0.35, 0.30

_MARKUP = re.compile(r"\{[a-z_]+\}|<[^>]+>|&[a-z]+;")


def strip_markup(text: str) -> str:
    """A title or answer without {placeholders}, HTML tags and entities."""
    return _MARKUP.sub(" ", text)


@dataclass(frozen=True)
class EntryText:
    """What the matcher reads of one entry."""

    id: str
    phrasings: list[str]
    titles: list[str]
    answers: list[str]


def _grams(words: list[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for w in words:
        w = f"<{w}>"
        if len(w) <= GRAM:
            out[w] += 1
        else:
            out.update(w[i : i + GRAM] for i in range(len(w) - GRAM + 1))
    return out


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
    return {k: x / norm for k, x in weights.items()}


class FaqMatcher:
    def __init__(self, normaliser: Normaliser, entries: list[EntryText]):
        self.norm = normaliser
        self._build_phrasings(entries)
        self._build_entries(entries)

    @classmethod
    def build(cls, knowledge: Knowledge, synonyms_path: Path | None = None) -> FaqMatcher:
        texts = [
            EntryText(
                e.id,
                [q for qs in e.questions.values() for q in qs],
                [strip_markup(t) for t in e.title.values()],
                [strip_markup(a) for a in e.answer.values()],
            )
            for e in knowledge.entries.values()
        ]
        return cls(Normaliser.from_file(synonyms_path), texts)

    @property
    def size(self) -> int:
        return len(self.tokens)

    # --- index -------------------------------------------------------------------------------

    def _build_phrasings(self, entries: list[EntryText]) -> None:
        self.entry_of: list[str] = []
        self.tokens: list[list[str]] = []
        self.joined: list[str] = []
        postings: dict[str, set[int]] = defaultdict(set)
        for entry in entries:
            for q in entry.phrasings:
                tokens = self.norm.tokens(q, keep_stop_only=False)
                if not tokens:
                    continue
                idx = len(self.tokens)
                self.entry_of.append(entry.id)
                self.tokens.append(tokens)
                self.joined.append(" ".join(tokens))
                for tok in tokens:
                    postings[tok].add(idx)
        n = max(len(self.tokens), 1)
        self.idf = {tok: math.log(1 + n / len(ids)) for tok, ids in postings.items()}
        self.max_idf = math.log(1 + n)
        self.postings = {tok: tuple(ids) for tok, ids in postings.items()}
        self.p_total = [sum(self._weight(t) for t in toks) for toks in self.tokens]

    def _build_entries(self, entries: list[EntryText]) -> None:
        bags: dict[str, dict[str, float]] = {}
        grams: dict[str, Counter[str]] = {}
        for entry in entries:
            bag: dict[str, float] = {}
            counts: Counter[str] = Counter()
            for texts, weight in (
                (entry.answers, ANSWER_WEIGHT),
                (entry.titles, TITLE_WEIGHT),
                (entry.phrasings, 1.0),
            ):
                for text in texts:
                    for tok in self.norm.tokens(text, keep_stop_only=False):
                        bag[tok] = max(bag.get(tok, 0.0), weight)
                    for g, c in _grams(self.norm.content_words(text)).items():
                        counts[g] += weight * c
            bags[entry.id], grams[entry.id] = bag, counts
        n = max(len(bags), 1)
        df: Counter[str] = Counter(tok for bag in bags.values() for tok in bag)
        self.e_idf = {tok: math.log(1 + n / c) for tok, c in df.items()}
        self.e_max_idf = math.log(1 + n)
        self.e_postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for eid, bag in bags.items():
            for tok, w in bag.items():
                self.e_postings[tok].append((eid, w))
        gdf: Counter[str] = Counter(g for c in grams.values() for g in c)
        self.g_idf = {g: math.log(1 + n / c) for g, c in gdf.items()}
        self.g_vec = {
            eid: _unit(
                {g: (1 + math.log(c) if c >= 1 else c) * self.g_idf[g] for g, c in counts.items()}
            )
            for eid, counts in grams.items()
        }
        # Tokens of phrasings and of titles and answers: typos are corrected towards all.
        self.vocab = sorted(set(self.postings) | set(self.e_postings))

    def _weight(self, tok: str) -> float:
        return self.idf.get(tok, self.max_idf)

    # --- scoring -----------------------------------------------------------------------------

    def _expand(self, query: list[str]) -> dict[str, dict[str, float]]:
        """For each query token, the vocabulary tokens it may stand for, with a similarity.

        Only a word the knowledge does not know is read as a typo: a known word is taken as
        written, so "fortell" (tell) does not also count as "fort" (fast), nor "morgen" as
        "omsorg". Correcting known words made out-of-scope questions look in scope."""
        out: dict[str, dict[str, float]] = {}
        for q in set(query):
            if q in self.e_idf:
                out[q] = {q: 1.0}
                continue
            alts: dict[str, float] = {}
            if len(q) >= MIN_TYPO_LEN:
                for tok, score, _ in process.extract(
                    q, self.vocab, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=5
                ):
                    if len(tok) >= MIN_TYPO_LEN:
                        alts.setdefault(tok, score / 100.0)
            out[q] = alts
        return out

    def _phrasing_scores(
        self, query: list[str], expanded: dict[str, dict[str, float]]
    ) -> dict[str, float]:
        """Best two-way overlap (0–1) with one phrasing, per entry."""
        weight = self._weight
        q_weights = [(q, weight(q)) for q in query]
        q_total = sum(w for _, w in q_weights)
        # A cheap estimate from the postings; only the best few are scored fully.
        estimate: dict[int, float] = defaultdict(float)
        for q, w in q_weights:
            for tok, sim in expanded[q].items():
                for idx in self.postings.get(tok, ()):
                    estimate[idx] += w * sim
        p_total_of = self.p_total
        candidates = [
            idx
            for _, idx in heapq.nlargest(
                SHORTLIST, ((v / (q_total + p_total_of[i]), i) for i, v in estimate.items())
            )
        ]
        # Vocabulary token -> the query words it may stand for: a phrasing's words are looked
        # up once each, instead of every query word being compared with every phrasing word.
        stands_for: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for q, alts in expanded.items():
            for tok, sim in alts.items():
                stands_for[tok].append((q, sim))
        q_joined = " ".join(query)
        best: dict[str, float] = {}
        for idx in candidates:
            tokens = self.tokens[idx]
            q_best: dict[str, float] = {}  # each query word: its best similarity in the phrasing
            p_sim: dict[str, float] = {}  # each phrasing word: its best similarity in the query
            for p in set(tokens):
                for q, sim in stands_for.get(p, ()):
                    if sim > q_best.get(q, 0.0):
                        q_best[q] = sim
                    if sim > p_sim.get(p, 0.0):
                        p_sim[p] = sim
            q_hit = sum(w * q_best.get(q, 0.0) for q, w in q_weights)
            p_hit = sum(weight(p) * p_sim.get(p, 0.0) for p in tokens)
            overlap = (q_hit + p_hit) / (q_total + p_total_of[idx])
            shape = fuzz.token_sort_ratio(q_joined, self.joined[idx]) / 100.0
            score = 0.8 * overlap + 0.2 * shape
            entry = self.entry_of[idx]
            if score > best.get(entry, 0.0):
                best[entry] = score
        return best

    def _coverage(
        self, query: list[str], expanded: dict[str, dict[str, float]]
    ) -> dict[str, float]:
        """Share (0–1) of the question's weight that each entry's vocabulary covers."""
        covered: dict[str, float] = defaultdict(float)
        total = 0.0
        for q in set(query):
            alts = expanded[q]
            weight = max((self.e_idf[t] for t in alts), default=self.e_max_idf)
            total += weight
            best: dict[str, float] = {}
            for tok, sim in alts.items():
                for eid, w in self.e_postings.get(tok, ()):
                    if sim * w > best.get(eid, 0.0):
                        best[eid] = sim * w
            for eid, v in best.items():
                covered[eid] += weight * v
        return {eid: v / total for eid, v in covered.items()} if total else {}

    def _spelling(self, text: str, entry_ids: list[str]) -> dict[str, float]:
        counts = _grams(self.norm.content_words(text))
        qv = _unit(
            {g: (1 + math.log(c)) * self.g_idf.get(g, self.e_max_idf) for g, c in counts.items()}
        )
        out = {}
        for eid in entry_ids:
            vec = self.g_vec[eid]
            out[eid] = sum(x * vec.get(g, 0.0) for g, x in qv.items())
        return out

    def scores(self, text: str) -> dict[str, float]:
        """Score (0–100) per entry that shares at least one word with the question."""
        query = self.norm.tokens(text)
        if not query:
            return {}
        expanded = self._expand(query)
        phrasing = self._phrasing_scores(query, expanded)
        coverage = self._coverage(query, expanded)
        pre = {e: W_PHRASING * phrasing.get(e, 0.0) + W_COVERAGE * c for e, c in coverage.items()}
        shortlist = heapq.nlargest(ENTRY_SHORTLIST, pre, key=pre.__getitem__)
        spelling = self._spelling(text, shortlist)
        return {e: round(100.0 * (pre[e] + W_SPELLING * spelling[e]), 2) for e in shortlist}
