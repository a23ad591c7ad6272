"""Static checks of dialog files: what ``boligbot check`` reports, one line per problem.

Lines read ``dialogs/<file>.yaml: <step or outcome id>: <problem>``. Shape problems (keys, types,
languages) come from reading the file (:mod:`bot.core.dialogs.model`); this module adds the
checks across the graph: goto targets, dead ends, unreachable nodes, cycles, conditions that
use an answer not given on every path to them, flags never set, unknown placeholders and
variables, and actions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from bot.core.dialogs.conditions import (
    LIST_OPERATORS,
    ORDERED,
    Answered,
    Compare,
    Condition,
    Flag,
    value_refs,
    walk,
)
from bot.core.dialogs.model import LANGUAGES, Dialog, StepDef, read_directory
from bot.core.followups import target_problem
from bot.core.placeholders import unknown_placeholders


def validate_dialogs(
    directory: Path,
    languages: tuple[str, ...] = LANGUAGES,
    *,
    known_variables: Collection[str],
    known_faq: Iterable[str] | None = None,
) -> list[str]:
    """Every problem in the dialog files of ``directory`` (an empty list when all is well).

    ``known_variables``: the names of the config's values (``Config.content_variables``);
    ``known_faq``, when given, also checks that ``faq:<id>`` actions name existing entries.
    """
    dialogs, problems = read_directory(Path(directory), languages)
    return problems + check_dialogs(dialogs, languages, set(known_variables), known_faq)


def check_dialogs(
    dialogs: dict[str, Dialog],
    languages: tuple[str, ...],
    known_variables: set[str],
    known_faq: Iterable[str] | None = None,
) -> list[str]:
    """The graph and reference checks for dialogs already read."""
    faq = set(known_faq) if known_faq is not None else None
    problems: list[str] = []
    for dialog in dialogs.values():
        problems += _Checker(dialog, set(dialogs), known_variables, faq).run()
    return problems


class _Checker:
    def __init__(
        self,
        dialog: Dialog,
        dialog_ids: set[str],
        variables: set[str] | frozenset[str],
        faq: set[str] | None,
    ):
        self.d, self.dialog_ids, self.variables, self.faq = dialog, dialog_ids, variables, faq
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.d.source}: {where}: {message}")

    def run(self) -> list[str]:
        d = self.d
        if d.start and d.start not in d.steps:
            self.problem(d.id, f"start: '{d.start}' is not a step")
        elif d.start and _skippable(d.steps[d.start]):
            self.problem(
                d.id, "start: the first step must always be asked (not sensitive, no ask_if)"
            )
        for step in d.steps.values():
            self.check_rules(step)
        self.check_texts()
        self.check_actions()
        if d.start in d.steps and self.check_reachable_and_acyclic():
            self.check_conditions()
        return self.problems

    # --- structure ---------------------------------------------------------------------------

    def check_rules(self, step: StepDef) -> None:
        for i, rule in enumerate(step.next, 1):
            if self.d.node(rule.goto) is None:
                self.problem(step.id, f"next rule {i}: unknown goto target '{rule.goto}'")
            if rule.goto == step.id:
                self.problem(step.id, f"next rule {i}: goes to itself")
        conditional = [r.when is not None for r in step.next]
        if conditional and conditional[-1]:
            self.problem(
                step.id,
                "dead end: the last next rule has a 'when'; when no rule "
                "holds there is nowhere to go (leave 'when' off the last one)",
            )
        if False in conditional[:-1]:
            first = conditional.index(False) + 1
            self.problem(
                step.id, f"next rules after rule {first} (which has no 'when') are never used"
            )

    def successors(self, node_id: str) -> list[str]:
        step = self.d.steps.get(node_id)
        if step is None:
            return []
        return list(dict.fromkeys(r.goto for r in step.next if self.d.node(r.goto) is not None))

    def check_reachable_and_acyclic(self) -> bool:
        """Report unreachable nodes and cycles; True when the graph is a DAG."""
        d = self.d
        seen: set[str] = set()
        order: list[str] = []
        on_path: list[str] = []
        acyclic = True

        def visit(node: str) -> None:
            nonlocal acyclic
            if node in on_path:
                cycle = [*on_path[on_path.index(node) :], node]
                self.problem(
                    node, "cycle: " + " → ".join(cycle) + " (a path that never ends in an outcome)"
                )
                acyclic = False
                return
            if node in seen:
                return
            seen.add(node)
            on_path.append(node)
            for nxt in self.successors(node):
                visit(nxt)
            on_path.pop()
            order.append(node)

        visit(d.start)
        for node in [*d.steps, *d.outcomes]:
            if node not in seen:
                self.problem(node, "unreachable: no path from the start leads here")
        self._order = list(reversed(order))  # a topological order when acyclic
        return acyclic

    # --- texts, placeholders, actions ----------------------------------------------------------

    def check_texts(self) -> None:
        for where, name, text in self.d.texts():
            for lang, value in text.items():
                for ph in unknown_placeholders(value, self.variables):
                    self.problem(where, f"{name} ({lang}): unknown placeholder {{{ph}}}")

    def check_actions(self) -> None:
        for out in self.d.outcomes.values():
            for action in out.actions:
                if problem := target_problem(action, dialogs=self.dialog_ids, faq=self.faq):
                    self.problem(out.id, f"action {problem}")

    # --- conditions ----------------------------------------------------------------------------

    def check_conditions(self) -> None:
        """Each condition may use answers of steps asked before it on every path leading there.

        ``sure[n]``: steps answered on every path from the start to ``n``; ``maybe[n]``: on
        some path. A step that can be skipped (sensitive, ask_if) is never "sure".
        """
        d = self.d
        sure: dict[str, set[str]] = {}
        maybe: dict[str, set[str]] = {}
        flags_set = {k for s in d.steps.values() for o in s.options for k in o.set}
        for node in self._order:
            incoming = [
                (p, s)
                for p, s in ((p, d.steps[p]) for p in self._order if p in d.steps)
                if node in self.successors(p)
            ]
            if node == d.start:
                sure[node], maybe[node] = set(), set()
            else:
                sure[node] = set.intersection(
                    *[sure[p] | ({p} if not _skippable(s) else set()) for p, s in incoming]
                )
                maybe[node] = set.union(*[maybe[p] | {p} for p, _ in incoming])
            step = d.steps.get(node)
            out = d.outcomes.get(node)
            notes = step.notes if step else out.notes if out else ()
            for i, note in enumerate(notes, 1):
                self.check_condition(
                    node, f"note {i}", note.when, sure[node], maybe[node], flags_set
                )
            if step is None:
                continue
            self.check_condition(node, "ask_if", step.ask_if, sure[node], maybe[node], flags_set)
            for i, rule in enumerate(step.next, 1):
                self.check_condition(
                    node,
                    f"next rule {i}",
                    rule.when,
                    sure[node] | {node},
                    maybe[node] | {node},
                    flags_set,
                )

    def check_condition(
        self,
        where: str,
        name: str,
        cond: Condition | None,
        sure: set[str],
        maybe: set[str],
        flags_set: set[str],
    ) -> None:
        if cond is None:
            return
        for c in walk(cond):
            if isinstance(c, Flag) and c.name not in flags_set:
                self.problem(where, f"{name}: flag '{c.name}' is never set by any option")
            elif isinstance(c, Answered):
                step = self.d.steps.get(c.step)
                if step is None:
                    self.problem(where, f"{name}: unknown step '{c.step}'")
                elif step.sensitive or not step.is_question:
                    self.problem(
                        where,
                        f"{name}: '{c.step}' keeps no answer "
                        f"({'sensitive' if step.sensitive else 'info'} step)",
                    )
                elif c.step not in maybe:
                    self.problem(where, f"{name}: step '{c.step}' is never asked before this")
            elif isinstance(c, Compare):
                self.check_compare(where, name, c, sure)

    def check_compare(self, where: str, name: str, c: Compare, sure: set[str]) -> None:
        for ref in value_refs(c):
            if ref not in self.variables:
                self.problem(where, f"{name}: unknown variable ${ref}")
        if c.subject == "var":
            if c.name not in self.variables:
                self.problem(where, f"{name}: unknown variable '{c.name}'")
            return
        step = self.d.steps.get(c.name)
        if step is None:
            self.problem(where, f"{name}: unknown step '{c.name}'")
            return
        if not step.is_question:
            self.problem(where, f"{name}: '{c.name}' is an info step and has no answer")
            return
        if step.sensitive and c.name != where:
            self.problem(
                where,
                f"{name}: answers to sensitive step '{c.name}' are not kept; "
                "use 'set' flags on its options instead",
            )
            return
        if c.name not in sure:
            self.problem(
                where,
                f"{name}: step '{c.name}' is not asked before this on every "
                "path (use a flag, or 'answered')",
            )
        if c.op in ORDERED and step.type not in ("number", "date"):
            self.problem(
                where,
                f"{name}: '{c.op}' compares numbers or dates, but '{c.name}' is a {step.type} step",
            )
        allowed = step.answer_values()
        if allowed and c.op not in ORDERED:
            values = c.value if c.op in LIST_OPERATORS else [c.value]
            for value in values:
                is_var = isinstance(value, str) and value.startswith("$")
                if not is_var and value not in allowed:
                    self.problem(
                        where,
                        f"{name}: {value!r} is not an answer of '{c.name}' "
                        f"(answers: {', '.join(allowed)})",
                    )


def _skippable(step: StepDef) -> bool:
    return step.sensitive or step.ask_if is not None
