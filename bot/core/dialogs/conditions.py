"""Declarative conditions for screening dialogs: parsed from YAML into small objects, never eval'd.

Forms (see ``dialogs/README.md``)::

    {answer: step, eq|ne|in|not_in|lt|le|gt|ge: value}   the stored answer of an earlier step
    {var: name}  /  {var: name, <op>: value}              a config variable (truthy, or compared)
    {flag: name}                                         a flag set by a chosen option (truthy)
    {answered: step}                                     the step was answered on this path
    {all: [...]}  {any: [...]}  {not: {...}}

A value written ``$name`` is the config variable ``name``. A comparison whose left side is
missing (unanswered step, unknown variable) is false, whatever the operator; only ``not`` turns
that around.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

OPERATORS = ("eq", "ne", "in", "not_in", "lt", "le", "gt", "ge")
ORDERED = ("lt", "le", "gt", "ge")
LIST_OPERATORS = ("in", "not_in")


class ConditionError(ValueError):
    """A condition written in a shape we do not know."""


@dataclass(frozen=True)
class Compare:
    """``{answer: x, op: v}`` (subject "answer") or ``{var: x[, op: v]}`` (subject "var")."""

    subject: str
    name: str
    op: str | None = None
    value: Any = None


@dataclass(frozen=True)
class Flag:
    name: str


@dataclass(frozen=True)
class Answered:
    step: str


@dataclass(frozen=True)
class All:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


Condition = Compare | Flag | Answered | All | AnyOf | Not


def parse_condition(raw: Any) -> Condition:
    """Turn the YAML form into a :data:`Condition`; raises :class:`ConditionError`."""
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(f"a condition must be a mapping, got {raw!r}")
    keys = set(raw)
    for group, cls in (("all", All), ("any", AnyOf)):
        if group in keys:
            _only(keys, {group})
            items = raw[group]
            if not isinstance(items, list) or not items:
                raise ConditionError(f"'{group}' needs a non-empty list of conditions")
            return cls(tuple(parse_condition(item) for item in items))
    if "not" in keys:
        _only(keys, {"not"})
        return Not(parse_condition(raw["not"]))
    if "flag" in keys:
        _only(keys, {"flag"})
        return Flag(_name(raw["flag"], "flag"))
    if "answered" in keys:
        _only(keys, {"answered"})
        return Answered(_name(raw["answered"], "answered"))
    for subject in ("answer", "var"):
        if subject in keys:
            ops = keys - {subject}
            if len(ops) > 1 or not ops.issubset(OPERATORS):
                raise ConditionError(
                    f"'{subject}' takes exactly one of {', '.join(OPERATORS)}"
                    + ("" if subject == "answer" else " (or none: true when set)")
                    + f"; got {', '.join(sorted(ops)) or 'none'}"
                )
            if not ops:
                if subject == "answer":
                    raise ConditionError(
                        f"'answer' needs one of {', '.join(OPERATORS)} (use 'answered' to test "
                        "that a step was answered)"
                    )
                return Compare("var", _name(raw["var"], "var"))
            op = ops.pop()
            value = raw[op]
            if op in LIST_OPERATORS and not isinstance(value, list):
                raise ConditionError(f"'{op}' needs a list of values")
            if op not in LIST_OPERATORS and isinstance(value, list | dict):
                raise ConditionError(f"'{op}' needs a single value")
            return Compare(subject, _name(raw[subject], subject), op, value)
    raise ConditionError(f"unknown condition keys: {', '.join(sorted(map(str, keys)))}")


def _only(keys: set[str], allowed: set[str]) -> None:
    if keys - allowed:
        extra = ", ".join(sorted(map(str, keys - allowed)))
        raise ConditionError(f"'{next(iter(allowed))}' cannot be combined with {extra}")


def _name(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConditionError(f"'{key}' needs a name, got {value!r}")
    return value


def walk(cond: Condition) -> Iterator[Condition]:
    """Every condition inside ``cond``, itself included."""
    yield cond
    if isinstance(cond, All | AnyOf):
        for item in cond.items:
            yield from walk(item)
    elif isinstance(cond, Not):
        yield from walk(cond.item)


def value_refs(cond: Compare) -> list[str]:
    """Names of the ``$variables`` a comparison's value uses."""
    values = cond.value if isinstance(cond.value, list) else [cond.value]
    return [v[1:] for v in values if isinstance(v, str) and v.startswith("$")]


_MISSING = object()


def _resolve(value: Any, variables: Mapping[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        return variables.get(value[1:], _MISSING)
    return value


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    na, nb = _number(a), _number(b)
    if na is not None and nb is not None:
        return na == nb
    return str(a) == str(b)


def _ordered(op: str, a: Any, b: Any) -> bool:
    na, nb = _number(a), _number(b)
    if na is not None and nb is not None:
        a, b = na, nb
    elif not (isinstance(a, str) and isinstance(b, str)):
        return False  # e.g. ISO dates compare as text; anything else is not comparable
    return {"lt": a < b, "le": a <= b, "gt": a > b, "ge": a >= b}[op]


def compare(op: str | None, left: Any, right: Any, variables: Mapping[str, Any]) -> bool:
    """Apply ``op`` to a present left value and the (possibly ``$``) right value(s)."""
    if op is None:
        return bool(left)
    if op in LIST_OPERATORS:
        found = any(
            _equal(left, r) for r in (_resolve(v, variables) for v in right) if r is not _MISSING
        )
        return found if op == "in" else not found
    resolved = _resolve(right, variables)
    if resolved is _MISSING:
        return False
    if op == "eq":
        return _equal(left, resolved)
    if op == "ne":
        return not _equal(left, resolved)
    return _ordered(op, left, resolved)


def evaluate(
    cond: Condition,
    answers: Mapping[str, Any],
    flags: Mapping[str, Any],
    variables: Mapping[str, Any],
) -> bool:
    """Whether ``cond`` holds for these answers, flags and config variables."""
    if isinstance(cond, All):
        return all(evaluate(c, answers, flags, variables) for c in cond.items)
    if isinstance(cond, AnyOf):
        return any(evaluate(c, answers, flags, variables) for c in cond.items)
    if isinstance(cond, Not):
        return not evaluate(cond.item, answers, flags, variables)
    if isinstance(cond, Flag):
        return bool(flags.get(cond.name))
    if isinstance(cond, Answered):
        return cond.step in answers
    source = answers if cond.subject == "answer" else variables
    if cond.name not in source:
        return False
    return compare(cond.op, source[cond.name], cond.value, variables)


def static_value(cond: Condition, variables: Mapping[str, Any]) -> bool | None:
    """The value of ``cond`` when it depends on config variables only, else None."""
    if isinstance(cond, Compare) and cond.subject == "var":
        return evaluate(cond, {}, {}, variables)
    if isinstance(cond, Not):
        inner = static_value(cond.item, variables)
        return None if inner is None else not inner
    if isinstance(cond, All | AnyOf):
        values = [static_value(c, variables) for c in cond.items]
        decisive = isinstance(cond, AnyOf)  # any: one True decides; all: one False decides
        if decisive in values:
            return decisive
        return None if None in values else not decisive
    return None
