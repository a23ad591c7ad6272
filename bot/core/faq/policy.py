"""When to answer, when to ask "did you mean", when to say "I don't know".

The views' scores are blended into one ranking; a small logistic model turns the best
candidate's scores, its margins and whether the views agree into a confidence that the best
candidate is right. Its coefficients and the two thresholds are fitted on the labelled tuning
set (`boligbot faq-fit`, cross-validated) and shipped as data in ``knowledge/calibration.yaml``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FEATURES_BLENDED = ("blend", "blend_margin", "lexical", "semantic", "lexical_margin",
                    "semantic_margin", "views_agree", "lexical_first", "semantic_first")
FEATURES_LEXICAL = ("blend", "blend_margin", "lexical", "lexical_margin")


@dataclass(frozen=True)
class Candidate:
    entry_id: str
    score: float  # blended, 0–100


@dataclass(frozen=True)
class MatchResult:
    band: str  # "confident" | "unsure" | "none"
    candidates: list[Candidate]
    confidence: float = 0.0
    best: str = ""  # the best-ranked entry, whatever the band (for evaluation and logs)


@dataclass(frozen=True)
class Views:
    """Each view's score per entry: lexical 0–100, semantic cosine (None when off)."""

    lexical: dict[str, float]
    semantic: dict[str, float] | None = None


@dataclass(frozen=True)
class Policy:
    """One fitted model: how to blend, and when the blend is to be trusted."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    answer_at: float  # confidence for a direct answer
    suggest_at: float  # confidence for "did you mean"; below it, "I don't know"
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
        sem_other = max((v for k, v in sem.items() if k != first.entry_id),
                        default=self.semantic_floor)
        return {
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

    def confidence(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(c * values[f] for f, c in zip(self.features, self.coef,
                                                                 strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def decide(self, views: Views) -> MatchResult:
        ranked = self.blend(views)
        if not ranked or ranked[0].score <= 0:
            return MatchResult("none", [])
        p = self.confidence(self.feature_values(views, ranked))
        top = ranked[:4]
        if p >= self.answer_at:
            return MatchResult("confident", top, p, top[0].entry_id)
        if p >= self.suggest_at:
            close = [c for c in top if c.score >= top[0].score - self.close_within]
            return MatchResult("unsure", close[:3], p, top[0].entry_id)
        return MatchResult("none", [], p, top[0].entry_id)


@dataclass(frozen=True)
class Policies:
    blended: Policy  # lexical and semantic views
    lexical: Policy  # the fallback when the model is off or broken


def load_policies(path: Path) -> Policies:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def one(raw: dict) -> Policy:
        return Policy(
            features=tuple(raw["features"]), coef=tuple(float(x) for x in raw["coef"]),
            intercept=float(raw["intercept"]), answer_at=float(raw["answer_at"]),
            suggest_at=float(raw["suggest_at"]), w_lexical=float(raw.get("w_lexical", 1.0)),
            w_semantic=float(raw.get("w_semantic", 0.0)),
            semantic_floor=float(raw.get("semantic_floor", 0.75)),
            close_within=float(raw.get("close_within", 6.0)),
            stats={k: float(v) for k, v in (raw.get("stats") or {}).items()},
        )

    return Policies(one(data["blended"]), one(data["lexical"]))
