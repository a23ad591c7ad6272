"""Accuracy of the matcher on a labelled question set (`boligbot faq-eval`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.core.faq.matcher import FaqMatcher, Thresholds


@dataclass
class EvalReport:
    in_scope: int = 0
    top1: int = 0
    top3: int = 0
    out_of_scope: int = 0
    rejected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.in_scope if self.in_scope else 0.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.in_scope if self.in_scope else 0.0

    @property
    def rejection_rate(self) -> float:
        return self.rejected / self.out_of_scope if self.out_of_scope else 0.0


def evaluate(matcher: FaqMatcher, items: list[dict[str, Any]],
             thresholds: Thresholds | None = None) -> EvalReport:
    """top-1: the best candidate is right and the band is not "none"; out-of-scope questions
    count as rejected when the band is "none"."""
    th = thresholds or Thresholds()
    report = EvalReport()
    for item in items:
        result = matcher.match(str(item["q"]), th)
        ids = [c.entry_id for c in result.candidates] if result.band != "none" else []
        expect = item.get("expect")
        if expect is None:
            report.out_of_scope += 1
            if result.band == "none":
                report.rejected += 1
            else:
                report.misses.append(f"out of scope, got {result.band} {ids[:1]}: {item['q']}")
            continue
        report.in_scope += 1
        if ids[:1] == [expect]:
            report.top1 += 1
        else:
            report.misses.append(f"{expect}: got {result.band} {ids}: {item['q']}")
        if expect in ids[:3]:
            report.top3 += 1
    return report


def format_report(r: EvalReport) -> str:
    lines = [
        f"in scope: {r.in_scope}  top-1: {r.top1_rate:.3f}  top-3: {r.top3_rate:.3f}",
        f"out of scope: {r.out_of_scope}  rejected: {r.rejection_rate:.3f}",
        f"misses ({len(r.misses)}):",
        *(f"  {m}" for m in r.misses),
    ]
    return "\n".join(lines)
