"""Accuracy of the FAQ on a labelled question set (`boligbot faq-eval`, `bench_faq.py`).

For every set the same five figures:
- ranked top-1: the best-ranked entry is right, whatever the bot then does with it;
- answered top-1: the bot answers directly, and with the right entry;
- answered or one tap: the right entry is the direct answer or one of the buttons shown
  (runner-ups and linked entries under a direct answer, or the "did you mean" choices);
- out-of-scope rejection: questions no entry answers get "I don't know";
- direct answers right: of all direct answers (out-of-scope ones included), the share right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.core.faq.knowledge import Knowledge
from bot.core.faq.policy import MatchResult


@dataclass
class EvalReport:
    in_scope: int = 0
    ranked: int = 0
    answered: int = 0
    one_tap: int = 0
    out_of_scope: int = 0
    rejected: int = 0
    direct: int = 0
    direct_right: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _rate(a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def ranked_rate(self) -> float:
        return self._rate(self.ranked, self.in_scope)

    @property
    def answered_rate(self) -> float:
        return self._rate(self.answered, self.in_scope)

    @property
    def one_tap_rate(self) -> float:
        return self._rate(self.one_tap, self.in_scope)

    @property
    def rejection_rate(self) -> float:
        return self._rate(self.rejected, self.out_of_scope)

    @property
    def direct_precision(self) -> float:
        return self._rate(self.direct_right, self.direct)


def faq_links(knowledge: Knowledge) -> dict[str, set[str]]:
    """Entry id → the entries its follow-up buttons open."""
    return {
        e.id: {f.target for f in e.followups if f.kind == "faq"} for e in knowledge.entries.values()
    }


def shown(result: MatchResult, links: dict[str, set[str]] | None = None) -> list[str]:
    """Entry ids a person sees: the answer, its runner-ups and linked entries, or the choices
    offered."""
    ids = [c.entry_id for c in result.candidates]  # exactly what the bot shows
    if result.band == "confident":
        return [*ids, *sorted((links or {}).get(ids[0], ()))]
    return ids


def evaluate(
    match: Callable[[str], MatchResult],
    items: list[dict[str, Any]],
    links: dict[str, set[str]] | None = None,
) -> EvalReport:
    """``match(question)`` gives the bot's decision (with its best-ranked entry); ``links``
    (:func:`faq_links`) the follow-up buttons under each answer."""
    report = EvalReport()
    for item in items:
        q = str(item["q"])
        result = match(q)
        expect = item.get("expect")
        direct = result.band == "confident"
        if direct:
            report.direct += 1
        if expect is None:
            report.out_of_scope += 1
            if result.band == "none":
                report.rejected += 1
            else:
                report.misses.append(f"out of scope, got {result.band} {shown(result)[:1]}: {q}")
            continue
        report.in_scope += 1
        report.ranked += result.best == expect
        if direct and result.candidates[0].entry_id == expect:
            report.answered += 1
            report.direct_right += 1
        else:
            report.misses.append(f"{expect}: got {result.band} {shown(result)}: {q}")
        report.one_tap += expect in shown(result, links)
    return report


def format_report(r: EvalReport, misses: bool = True) -> str:
    lines = [
        f"in scope: {r.in_scope}  ranked top-1: {r.ranked_rate:.3f}  answered top-1: "
        f"{r.answered_rate:.3f}  answered or one tap: {r.one_tap_rate:.3f}",
        f"out of scope: {r.out_of_scope}  rejected: {r.rejection_rate:.3f}  "
        f"direct answers right: {r.direct_precision:.3f} ({r.direct_right}/{r.direct})",
    ]
    if misses:
        lines += [f"misses ({len(r.misses)}):", *(f"  {m}" for m in r.misses)]
    return "\n".join(lines)
