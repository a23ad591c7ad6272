"""Rules that check themselves.

* ``bot/core/`` imports no framework (telegram, sqlalchemy, aiohttp, web and scheduling
  libraries), not even inside a function, and nothing of the outer layers of ``bot``.
* Every Fluent message id the code uses exists in bokmål; :func:`bot.core.i18n.missing_messages`
  (what ``boligbot check`` runs) then asks for it in the other languages of its file.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.core.i18n import DEFAULT, LOCALES_DIR, SUPPORTED, message_ids, missing_messages

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
CORE = BOT / "core"

# --- bot/core imports no framework --------------------------------------------------------------

FRAMEWORKS = frozenset(
    {
        "telegram",
        "sqlalchemy",
        "aiohttp",
        "starlette",
        "fastapi",
        "uvicorn",
        "jinja2",
        "apscheduler",
        "httpx",
    }
)
# From our own package, core may import only core: the other layers bring the frameworks.
OWN_OUTER = "bot"
OWN_CORE = "bot.core"


def imported_modules(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, module) for every import anywhere in a module (inside functions too)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def layer_violations(source: str, filename: str) -> list[str]:
    """One line per import that core must not make: ``<file>:<line>: imports <module>``."""
    out = []
    for line, module in imported_modules(ast.parse(source, filename)):
        top = module.split(".")[0]
        outer = top == OWN_OUTER and not (module == OWN_CORE or module.startswith(OWN_CORE + "."))
        if top in FRAMEWORKS or outer:
            out.append(f"{filename}:{line}: imports {module}")
    return out


def test_bot_core_imports_no_framework():
    modules = sorted(CORE.rglob("*.py"))
    assert len(modules) > 40
    problems = [
        p
        for path in modules
        for p in layer_violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert problems == []


def test_the_import_rule_finds_imports_at_top_and_inside_functions():
    source = (
        "import telegram.ext\n"
        "from bot.core.events import Reply\n"
        "def f():\n"
        "    from sqlalchemy import select\n"
        "    import httpx, json\n"
        "    from bot.storage.db import create_engine\n"
        "    from . import sibling\n"
    )
    assert layer_violations(source, "bot/core/x.py") == [
        "bot/core/x.py:1: imports telegram.ext",
        "bot/core/x.py:4: imports sqlalchemy",
        "bot/core/x.py:5: imports httpx",
        "bot/core/x.py:6: imports bot.storage.db",
    ]


# --- every message id used in code exists ------------------------------------------------------

# A part of an id only known when the code runs (an f-string's {value}, a `+ reason`).
_ANY = "[a-z0-9_-]+"
# The translator: ctx.t(id), t(lang, id), self.t(...), assistant.t(...), translator()(lang, id).
_TRANSLATE = "t"
# An id written as a string somewhere (a table of labels, a key chosen before the call).
_ID_SHAPE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+-?$")
# The command line prints English to a terminal; its command names (faq-report) look like ids.
NOT_FLUENT = frozenset({"bot/cli.py", "bot/commands.py"})


@dataclass(frozen=True)
class Use:
    """A message id the code uses: ``pattern`` is the id, or a regex when part of it is only
    known at run time (``form`` shows it with ``{}``)."""

    where: str
    form: str

    @property
    def exact(self) -> bool:
        return "{}" not in self.form

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(_ANY.join(re.escape(p) for p in self.form.split("{}")))


def _forms(node: ast.expr) -> list[str] | None:
    """The id forms an expression can give (``{}`` for a part known at run time); None when
    nothing of it is written here (a variable)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _forms(node.body), _forms(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.JoinedStr):
        parts = [
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
            for v in node.values
        ]
        return ["".join(parts)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _forms(node.left) or ["{}"], _forms(node.right) or ["{}"]
        return [a + b for a in left for b in right]
    return None


def _is_translator(func: ast.expr) -> bool:
    if isinstance(func, ast.Name | ast.Attribute):
        return (func.id if isinstance(func, ast.Name) else func.attr) == _TRANSLATE
    return (
        isinstance(func, ast.Call)
        and isinstance(func.func, ast.Name)
        and func.func.id == "translator"
    )


def message_uses(source: str, filename: str) -> tuple[list[Use], list[Use]]:
    """(ids in translator calls, other id-shaped strings) of one module, in line order. The id
    of a call is its last positional argument: ``ctx.t(id)`` and ``t(lang, id)`` alike."""
    tree = ast.parse(source, filename)
    calls: list[Use] = []
    in_calls: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and _is_translator(node.func):
            calls += [Use(f"{filename}:{node.lineno}", f) for f in _forms(node.args[-1]) or []]
            in_calls |= {id(n) for n in ast.walk(node.args[-1])}
    written = [
        Use(f"{filename}:{node.lineno}", node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _ID_SHAPE.match(node.value)
        and id(node) not in in_calls
    ]
    return sorted(calls, key=_line), sorted(written, key=_line)


def _line(use: Use) -> int:
    return int(use.where.rpartition(":")[2])


def unknown_ids(calls: list[Use], written: list[Use], defined: set[str]) -> list[str]:
    """One line per use that names no defined id.

    A call's id must be defined; a form with a run-time part must fit at least one defined id
    (:data:`ENUMERATED` checks every value of the known ones). A string shaped like an id of a
    known family (``menu-…``, ``faq-…``) must be an id, or the start of one (``"dialog-date-"
    + reason``).
    """
    families = {i.split("-")[0] for i in defined}
    out = []
    for use in calls:
        if use.form.strip("{}") == "":
            continue  # nothing of the id is written here
        if use.exact and use.form not in defined:
            out.append(f"{use.where}: no message {use.form!r} in bot/locales/{DEFAULT}/")
        elif not use.exact and not any(use.pattern.fullmatch(i) for i in defined):
            out.append(f"{use.where}: no message fits {use.form!r} in bot/locales/{DEFAULT}/")
    for use in written:
        if use.form.split("-")[0] not in families or use.form in defined:
            continue
        if not (use.form.endswith("-") and any(i.startswith(use.form) for i in defined)):
            out.append(f"{use.where}: no message {use.form!r} in bot/locales/{DEFAULT}/")
    return out


def defined_ids(locales_dir: Path = LOCALES_DIR) -> set[str]:
    return {i for path in (locales_dir / DEFAULT).glob("*.ftl") for i in message_ids(path)}


def code_uses() -> tuple[list[Use], list[Use]]:
    calls: list[Use] = []
    written: list[Use] = []
    for path in sorted(BOT.rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        c, w = message_uses(path.read_text(encoding="utf-8"), rel)
        calls += c
        written += [] if rel in NOT_FLUENT else w
    return calls, written


def _enumerated() -> dict[str, tuple[str, ...]]:
    """Ids built at run time from a known set of values: every value must have its message."""
    from bot.channels.telegram.app import COMMANDS
    from bot.core.audit import ACTIONS, action_key
    from bot.core.dialogs.model import YESNO_VALUES
    from bot.core.dialogs.parsing import DATE_REASONS, NUMBER_REASONS
    from bot.core.followups import SUBSCRIPTIONS
    from bot.features.tips import AUDIENCES

    dialogs = tuple(p.stem for p in (ROOT / "dialogs").glob("*.yaml"))
    return {
        "menu-{}": dialogs,  # a dialog:<id> follow-up's button
        "faq-subscribe-{}": SUBSCRIPTIONS,
        "tips-audience-{}": tuple(AUDIENCES),
        "tips-audience-name-{}": tuple(AUDIENCES),
        "language-name-{}": SUPPORTED,
        "commands-{}": tuple(COMMANDS),
        "dialog-{}": YESNO_VALUES,
        "dialog-type-{}": ("date", "text"),  # number has its own call
        "dialog-number-{}": tuple(r.replace("_", "-") for r in NUMBER_REASONS),
        "dialog-date-{}": tuple(r.replace("_", "-") for r in DATE_REASONS),
        "desk-audit-action-{}": tuple(action_key(a) for a in ACTIONS),
    }


def test_every_message_id_the_code_uses_exists():
    calls, written = code_uses()
    assert len(calls) > 300 and len(written) > 40
    assert unknown_ids(calls, written, defined_ids()) == []


def test_ids_built_at_run_time_exist_for_every_value():
    defined = defined_ids()
    forms = {use.form for use in code_uses()[0]}
    enumerated = _enumerated()
    assert set(enumerated) <= forms, "a form below is no longer in the code: update the table"
    missing = [
        form.format(value)
        for form, values in enumerated.items()
        for value in values
        if form.format(value) not in defined
    ]
    assert missing == []


def test_every_message_in_bokmal_is_in_the_other_languages_of_its_file():
    assert missing_messages(LOCALES_DIR) == []


SNIPPET = """
MENU = [("faq", "menu-faq"), ("x", "menu-nowhere")]
LABEL = "faq-ask"

async def handler(ctx, t, lang, a, reason, key):
    ctx.t("faq-ask")
    ctx.t("no-such-id", n=1)
    t(lang, "faq-did-you-mean")
    t(lang, "faq-nope")
    ctx.assistant.t(lang, "menu-faq" if a else "menu-gone")
    ctx.t(f"tips-audience-{a}")
    ctx.t(f"tips-nothing-{a}")
    ctx.t("dialog-number-" + reason)
    translator()(lang, "faq-missing-too")
    ctx.t(key)
    ctx.button(ctx.t(MENU[0][1]), "m", "faq")
"""


def test_the_collector_catches_a_wrong_id():
    defined = {"faq-ask", "faq-did-you-mean", "menu-faq", "tips-audience-all"}
    defined |= {"dialog-number-empty"}
    calls, written = message_uses(SNIPPET, "bot/x.py")
    assert unknown_ids(calls, written, defined) == [
        "bot/x.py:7: no message 'no-such-id' in bot/locales/nb/",
        "bot/x.py:9: no message 'faq-nope' in bot/locales/nb/",
        "bot/x.py:10: no message 'menu-gone' in bot/locales/nb/",
        "bot/x.py:12: no message fits 'tips-nothing-{}' in bot/locales/nb/",
        "bot/x.py:14: no message 'faq-missing-too' in bot/locales/nb/",
        "bot/x.py:2: no message 'menu-nowhere' in bot/locales/nb/",
    ]


@pytest.mark.parametrize("form,fits", [("faq-{}", True), ("{}-ask", True), ("fa-{}", False)])
def test_a_form_with_a_run_time_part_fits_whole_ids_only(form, fits):
    assert (Use("x", form).pattern.fullmatch("faq-ask") is not None) == fits
