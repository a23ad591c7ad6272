"""When to answer, when to ask "did you mean", when to say "I don't know".

The views' scores are blended into one ranking. Two small logistic models then read the best
candidate's scores, its margins, whether the views agree and how near the question is to the
out-of-scope anchors (``knowledge/out_of_scope.yaml``):
- *in scope*: is this a question the knowledge answers at all? Below ``scope_at``: "I don't
  know", with a person offered;
- *right*: is the best-ranked entry the right one? From ``answer_at``: a direct answer;
  between the two: "did you mean", with the entries that are truly close.
Coefficients and thresholds are fitted on the labelled tuning sets (`boligbot faq-fit`,
cross-validated) and shipped as data in ``knowledge/calibration.yaml``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.strict_yaml import read_yaml

FEATURES_BLENDED = (
    "blend",
    "blend_margin",
    "lexical",
    "semantic",
    "lexical_margin",
    "semantic_margin",
    "views_agree",
    "lexical_first",
    "semantic_first",
)
FEATURES_LEXICAL = ("blend", "blend_margin", "lexical", "lexical_margin")
SCOPE_BLENDED = ("blend", "lexical", "semantic_raw", "lexical_max", "anchor", "beyond_anchor")
SCOPE_LEXICAL = ("blend", "lexical", "lexical_max", "blend_margin")
RUNNER_UPS = 2  # other entries offered under a direct answer ("Eller mente du …?")


@dataclass(frozen=True)
class Candidate:
    entry_id: str
    score: float  # blended, 0–100


@dataclass(frozen=True)
class MatchResult:
    band: str  # "confident" | "unsure" | "none"
    # confident: the answer, then its runner-ups; unsure: the choices offered; none: empty
    candidates: list[Candidate]
    confidence: float = 0.0
    best: str = ""  # the best-ranked entry, whatever the band (for evaluation and logs)


@dataclass(frozen=True)
class Views:
    """Each view's score per entry: lexical 0–100, semantic cosine (None when off)."""

    lexical: dict[str, float]
    semantic: dict[str, float] | None = None
    anchor: float = 0.0  # cosine with the nearest out-of-scope anchor
    words: int = 2  # words in the question: one word alone never gets a direct answer


@dataclass(frozen=True)
class Logistic:
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float

    def __call__(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(
            c * values[f] for f, c in zip(self.features, self.coef, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Policy:
    """One fitted policy: how to blend, and when the blend is to be trusted."""

    right: Logistic  # the best-ranked entry is the right one
    scope: Logistic  # the question is one the knowledge answers
    answer_at: float  # confidence (right) for a direct answer
    scope_at: float  # confidence (in scope) below which the bot says it does not know
    w_lexical: float = 1.0
    w_semantic: float = 0.0
    semantic_floor: float = 0.75  # cosines below this count as no likeness at all
    close_within: float = 6.0  # blended points: runner-ups this close are "truly close"
    stats: dict[str, float] = field(default_factory=dict)

    def blend(self, views: Views) -> list[Candidate]:
        sem = views.semantic or {}
        ids = set(views.lexical) | set(sem)
        span = 1.0 - self.semantic_floor
        out = []
        for eid in ids:
            s = max(0.0, (sem.get(eid, self.semantic_floor) - self.semantic_floor) / span)
            score = self.w_lexical * views.lexical.get(eid, 0.0) / 100 + self.w_semantic * s
            out.append(Candidate(eid, round(100 * score, 2)))
        out.sort(key=lambda c: (-c.score, c.entry_id))
        return out

    def feature_values(self, views: Views, ranked: list[Candidate]) -> dict[str, float]:
        first = ranked[0]
        second = ranked[1].score if len(ranked) > 1 else 0.0
        lex, sem = views.lexical, views.semantic or {}
        span = 1.0 - self.semantic_floor

        def norm(x: float) -> float:
            return max(0.0, (x - self.semantic_floor) / span)

        lex_best = max(lex, key=lex.__getitem__) if lex else ""
        sem_best = max(sem, key=sem.__getitem__) if sem else ""
        lex_other = max((v for k, v in lex.items() if k != first.entry_id), default=0.0)
        sem_other = max(
            (v for k, v in sem.items() if k != first.entry_id), default=self.semantic_floor
        )
        semantic_raw = sem.get(first.entry_id, 0.0)
        return {
            "semantic_raw": semantic_raw,
            "lexical_max": max(lex.values(), default=0.0) / 100,
            "anchor": views.anchor,
            "beyond_anchor": semantic_raw - views.anchor,
            "blend": first.score / 100,
            "blend_margin": (first.score - second) / 100,
            "lexical": lex.get(first.entry_id, 0.0) / 100,
            "semantic": norm(sem.get(first.entry_id, self.semantic_floor)),
            "lexical_margin": (lex.get(first.entry_id, 0.0) - lex_other) / 100,
            "semantic_margin": norm(sem.get(first.entry_id, self.semantic_floor)) - norm(sem_other),
            "views_agree": float(bool(lex_best) and lex_best == sem_best),
            "lexical_first": float(lex_best == first.entry_id),
            "semantic_first": float(sem_best == first.entry_id),
        }

    def decide(self, views: Views) -> MatchResult:
        ranked = self.blend(views)
        if not ranked or ranked[0].score <= 0:
            return MatchResult("none", [])
        values = self.feature_values(views, ranked)
        best = ranked[0].entry_id
        p = self.right(values)
        if self.scope(values) < self.scope_at:
            return MatchResult("none", [], p, best)
        first = ranked[0].score
        if p >= self.answer_at and views.words > 1:
            # The answer, then the runner-ups near enough to be worth a button under it.
            near = [
                c for c in ranked[1 : 1 + RUNNER_UPS] if c.score >= first - 2 * self.close_within
            ]
            return MatchResult("confident", [ranked[0], *near], p, best)
        close = [c for c in ranked[:3] if c.score >= first - self.close_within]
        return MatchResult("unsure", close, p, best)


@dataclass(frozen=True)
class Policies:
    blended: Policy  # lexical and semantic views
    lexical: Policy  # the fallback when the model is off or broken


def load_policies(path: Path) -> Policies:
    data = read_yaml(path)

    def model(raw: dict) -> Logistic:
        return Logistic(
            tuple(raw["features"]), tuple(float(x) for x in raw["coef"]), float(raw["intercept"])
        )

    def one(raw: dict) -> Policy:
        return Policy(
            right=model(raw["right"]),
            scope=model(raw["scope"]),
            answer_at=float(raw["answer_at"]),
            scope_at=float(raw["scope_at"]),
            w_lexical=float(raw.get("w_lexical", 1.0)),
            w_semantic=float(raw.get("w_semantic", 0.0)),
            semantic_floor=float(raw.get("semantic_floor", 0.75)),
            close_within=float(raw.get("close_within", 6.0)),
            stats={k: float(v) for k, v in (raw.get("stats") or {}).items()},
        )

    return Policies(one(data["blended"]), one(data["lexical"]))
