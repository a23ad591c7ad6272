"""Every path through every real dialog: each choice at each step, with sensitive questions on
and off and with the local startlån rules switched, must end in an outcome whose text is
complete in bokmål and English, with progress that never grows and Back that undoes each step.

The walk answers every button of every step (startlån alone has over 100 000 paths). What a
step or outcome shows depends only on the step, the flags, the answers that some condition
reads and the number of questions answered, so the text checks run once per distinct
combination of those; the walk itself, Back and progress are checked on every path.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.core.dialogs import Continue, DialogEngine, DialogRegistry, DialogState, Finished
from bot.core.dialogs.conditions import Answered, Compare, walk

DIALOGS = Path(__file__).resolve().parent.parent / "dialogs"
DEFAULTS = Config().content_variables()
LOCAL_RULES = {**DEFAULTS, "startlan_botid_months": 6, "startlan_require_bank_first": False,
               "startlan_require_home_in_municipality": False}
LEFTOVER = re.compile(r"\{[A-Za-z_]+\}")
Path_ = tuple[list[str], Finished]


@pytest.fixture(scope="module")
def registry() -> DialogRegistry:
    return DialogRegistry.load(DIALOGS)


def read_answers(registry: DialogRegistry, dialog_id: str) -> list[str]:
    """Steps whose answers some condition of the dialog reads."""
    dialog = registry.get(dialog_id)
    conditions = [n.when for s in [*dialog.steps.values(), *dialog.outcomes.values()]
                  for n in s.notes]
    for step in dialog.steps.values():
        conditions += [r.when for r in step.next] + [step.ask_if]
    names = {c.name if isinstance(c, Compare) else c.step
             for cond in conditions if cond is not None for c in walk(cond)
             if isinstance(c, Answered) or (isinstance(c, Compare) and c.subject == "answer")}
    return sorted(names)


class Walker:
    def __init__(self, registry: DialogRegistry, dialog_id: str, ask_sensitive: bool,
                 variables: dict[str, Any]):
        self.eng = DialogEngine(registry, variables, ask_sensitive=ask_sensitive)
        self.dialog_id = dialog_id
        self.read = read_answers(registry, dialog_id)
        self.steps = registry.get(dialog_id).steps
        self.checked: set[tuple[Any, ...]] = set()
        self.values: dict[tuple[Any, ...], list[str]] = {}
        self.paths: list[Path_] = []

    def key(self, state: DialogState) -> tuple[Any, ...]:
        questions = sum(1 for s in state.history if self.steps[s].is_question)
        return (state.step_id, len(state.history) == 0, questions,
                frozenset(state.flags.items()),
                tuple((s, state.answers.get(s)) for s in self.read))

    def check_step(self, state: DialogState) -> list[str]:
        """Render in both languages; return the answer values to try."""
        if (key := self.key(state)) in self.values:
            return self.values[key]
        prompts = {lang: self.eng.render(state, lang) for lang in ("nb", "en")}
        for lang, p in prompts.items():
            where = (self.dialog_id, state.step_id, lang)
            assert p.text.strip() and not LEFTOVER.search(p.text), where
            assert all(c.label.strip() and not LEFTOVER.search(c.label)
                       for row in p.buttons for c in row), where
            assert not p.expects_text, "real dialogs are answered by buttons"
        self.values[key] = [c.value for row in prompts["nb"].buttons for c in row
                            if c.value not in (self.eng.BACK, self.eng.CANCEL)]
        return self.values[key]

    def check_outcome(self, done: Finished) -> None:
        if (key := self.key(done.state)) in self.checked:
            return
        self.checked.add(key)
        outcome = self.eng.registry.get(self.dialog_id).outcomes[done.outcome_id]
        assert done.kind == outcome.kind
        for lang, guidance in (("nb", "ikke en avgjørelse"), ("en", "not a decision")):
            view = self.eng.outcome_view(self.dialog_id, done.outcome_id, done.state, lang)
            where = (self.dialog_id, done.outcome_id, lang)
            assert view.text.strip() and guidance in view.text, where
            assert not LEFTOVER.search(view.text), where
            assert "staff" in view.actions, where
            if view.kind == "not_fit":  # never a dead end: NAV's duty to help is named
                assert "NAV" in view.text, where

    def run(self) -> list[Path_]:
        self.visit(self.eng.start(self.dialog_id), [], None)
        return self.paths

    def visit(self, state: DialogState, trail: list[str], last: tuple[int, int] | None) -> None:
        values = self.check_step(state)
        assert values, (self.dialog_id, state.step_id)
        progress = None
        if self.steps[state.step_id].is_question:
            progress = self.eng.progress(state)
            n, total = progress
            assert 1 <= n <= total
            if last is not None:  # one more question answered; the total never grows
                assert n == last[0] + 1 and total <= last[1], (trail, progress, last)
        for value in values:
            result = self.eng.answer(state, value, "nb")
            here = [*trail, f"{state.step_id}={value}"]
            assert isinstance(result, Continue | Finished), here
            assert self.eng.back(result.state) == state, here  # Back undoes exactly this
            if isinstance(result, Finished):
                self.check_outcome(result)
                self.paths.append((here, result))
            else:
                self.visit(result.state, here, progress or last)


_WALKS: dict[tuple[str, bool, bool], list[Path_]] = {}


def paths_of(registry: DialogRegistry, dialog_id: str, ask_sensitive: bool = False,
             variables: dict[str, Any] = DEFAULTS) -> list[Path_]:
    """Every path of a dialog under one setting (walked once per module)."""
    key = (dialog_id, ask_sensitive, variables is LOCAL_RULES)
    if key not in _WALKS:
        _WALKS[key] = Walker(registry, dialog_id, ask_sensitive, variables).run()
    return _WALKS[key]


# Sensitive questions off and on; the second also switches the local startlån rules.
VARIANTS = [
    pytest.param(False, DEFAULTS, id="sensitive-off"),
    pytest.param(True, LOCAL_RULES, id="sensitive-on-local-rules"),
]


@pytest.mark.parametrize("dialog_id", ["bolignu", "startlan", "foyer"])
@pytest.mark.parametrize("ask_sensitive,variables", VARIANTS)
def test_every_path_ends_in_a_complete_outcome(registry, dialog_id, ask_sensitive, variables):
    paths = paths_of(registry, dialog_id, ask_sensitive, variables)
    assert paths
    for trail, done in paths:
        assert done.state.step_id == done.outcome_id
        assert done.state.history == [s.split("=")[0] for s in trail]


@pytest.mark.parametrize("dialog_id", ["bolignu", "startlan", "foyer"])
def test_every_outcome_is_reached_by_some_path(registry, dialog_id):
    reached: Counter[str] = Counter()
    for param in VARIANTS:
        ask_sensitive, variables = param.values
        reached.update(d.outcome_id for _, d in paths_of(registry, dialog_id, ask_sensitive,
                                                         variables))
    assert set(reached) == set(registry.get(dialog_id).outcomes)


def test_the_substance_question_is_asked_only_when_sensitive_questions_are_on(registry):
    off = paths_of(registry, "bolignu", ask_sensitive=False)
    on = paths_of(registry, "bolignu", ask_sensitive=True)
    assert not any(step.startswith("a7_substance=") for trail, _ in off for step in trail)
    assert any(step.startswith("a7_substance=") for trail, _ in on for step in trail)
    assert "out_substance" not in {done.outcome_id for _, done in off}
    assert "out_substance" in {done.outcome_id for _, done in on}
    assert all("a7_substance" not in done.state.answers for _, done in on)


def test_startlan_local_rules_change_which_questions_are_asked(registry):
    def asked(paths: list[Path_]) -> set[str]:
        return {s.split("=")[0] for trail, _ in paths for s in trail}

    default = asked(paths_of(registry, "startlan", False, DEFAULTS))
    local = asked(paths_of(registry, "startlan", True, LOCAL_RULES))
    assert "sl10_place" in default and "sl11_botid" not in default
    assert "sl11_botid" in local and "sl10_place" not in local


def test_startlan_outcome_order_follows_the_domain(registry):
    ends = [(set(trail), done.outcome_id) for trail, done in paths_of(registry, "startlan")]

    def outcomes(*answers: str) -> set[str]:
        return {o for trail, o in ends if trail.issuperset(answers)}

    assert outcomes("sl4_bank=enough") == {"out_bank_ok"}
    assert outcomes("sl3_residence=none") == {"out_no_residence"}
    assert outcomes("r1_own=rent") == {"out_renter"}
    assert outcomes("r1_own=own", "sl3_residence=citizen") == {"out_refinance"}
    # Economy before the exception, the exception before "save first".
    assert outcomes("sl4_bank=refused", "sl9_margin=no") == {"out_maybe_economy"}
    assert outcomes("sl8_income=none") == {"out_maybe_economy", "out_refinance"}
    assert outcomes("sl5_children=yes", "sl8_income=work", "sl9_margin=just_enough") == {
        "out_likely"}
    assert outcomes("sl5_children=no", "sl5_other=no", "sl6_longterm=soon", "sl8_income=work",
                    "sl9_margin=some_left") == {"out_save_first"}
    assert outcomes("sl5_children=no", "sl5_other=no", "sl6_longterm=yes",
                    "sl7_saving=not_possible", "sl8_income=work",
                    "sl9_margin=some_left") == {"out_likely"}
    # An exception skips the questions about long-term need and saving.
    assert not any("sl5_other=yes" in trail and any(s.startswith("sl6_") for s in trail)
                   for trail, _ in ends)


def test_emergency_comes_first_in_every_dialog(registry):
    eng = DialogEngine(registry, DEFAULTS)
    for dialog_id in registry.ids():
        first = eng.start(dialog_id)
        prompt = eng.render(first, "nb")
        assert "fare" in prompt.text
        assert [c.value for c in prompt.buttons[-1]] == [eng.CANCEL]  # no Back on the first
        done = eng.answer(first, "yes", "nb")
        assert isinstance(done, Finished) and done.kind == "emergency"
        text = eng.outcome_view(dialog_id, done.outcome_id, done.state, "nb").text
        assert all(number in text for number in ("113", "112", "110"))


def test_no_place_to_sleep_shows_the_nav_duty_before_going_on(registry):
    eng = DialogEngine(registry, DEFAULTS)
    for dialog_id in registry.ids():
        state = eng.answer(eng.start(dialog_id), "no", "nb").state
        for answer in ("no", "unsure", "tonight"):
            prompt = eng.render(eng.answer(state, answer, "nb").state, "nb")
            assert prompt.type == "info" and "§ 27" in prompt.text, (dialog_id, answer)
            assert DEFAULTS["nav_national_phone"] in prompt.text
        assert eng.render(eng.answer(state, "yes", "nb").state, "nb").type != "info"


def test_path_counts(registry, capsys):
    counts = {d: [len(paths_of(registry, d, *p.values)) for p in VARIANTS]
              for d in registry.ids()}
    with capsys.disabled():
        print("\npaths per dialog (sensitive off; sensitive on with local rules):", counts)
    assert counts["bolignu"][1] > counts["bolignu"][0]  # the substance question adds paths
    assert counts["foyer"][1] == counts["foyer"][0]  # no sensitive step, no local rule
