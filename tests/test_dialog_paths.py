"""Every path through every real dialog: each choice at each step, with sensitive questions on
and off and with the local startlån rules switched, must end in an outcome whose text is
complete in bokmål, nynorsk, English and Ukrainian, with progress that never grows and Back that
undoes each step.

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
from bot.core.dialogs.model import LANGUAGES
from bot.core.i18n import Translator

DIALOGS = Path(__file__).resolve().parent.parent / "dialogs"
DEFAULTS = Config().content_variables()
LOCAL_RULES = {
    **DEFAULTS,
    "startlan_botid_months": 6,
    "startlan_require_bank_first": False,
    "startlan_require_home_in_municipality": False,
}
LEFTOVER = re.compile(r"\{[A-Za-z_]+\}")
TRANSLATE = Translator(languages=LANGUAGES)
GUIDANCE = {
    "nb": "ikke en avgjørelse",
    "nn": "ikkje ei avgjerd",
    "en": "not a decision",
    "uk": "не рішення",
}
Path_ = tuple[list[str], Finished]


@pytest.fixture(scope="module")
def registry() -> DialogRegistry:
    return DialogRegistry.load(DIALOGS, known_variables=set(DEFAULTS))


def read_answers(registry: DialogRegistry, dialog_id: str) -> list[str]:
    """Steps whose answers some condition of the dialog reads."""
    dialog = registry.get(dialog_id)
    conditions = [
        n.when for s in [*dialog.steps.values(), *dialog.outcomes.values()] for n in s.notes
    ]
    for step in dialog.steps.values():
        conditions += [r.when for r in step.next] + [step.ask_if]
    names = {
        c.name if isinstance(c, Compare) else c.step
        for cond in conditions
        if cond is not None
        for c in walk(cond)
        if isinstance(c, Answered) or (isinstance(c, Compare) and c.subject == "answer")
    }
    return sorted(names)


class Walker:
    def __init__(
        self,
        registry: DialogRegistry,
        dialog_id: str,
        ask_sensitive: bool,
        variables: dict[str, Any],
    ):
        self.eng = DialogEngine(
            registry, variables, ask_sensitive=ask_sensitive, translate=TRANSLATE
        )
        self.dialog_id = dialog_id
        self.read = read_answers(registry, dialog_id)
        self.steps = registry.get(dialog_id).steps
        self.checked: set[tuple[Any, ...]] = set()
        self.values: dict[tuple[Any, ...], list[str]] = {}
        self.paths: list[Path_] = []

    def key(self, state: DialogState) -> tuple[Any, ...]:
        questions = sum(1 for s in state.history if self.steps[s].is_question)
        return (
            state.step_id,
            len(state.history) == 0,
            questions,
            frozenset(state.flags.items()),
            tuple((s, state.answers.get(s)) for s in self.read),
        )

    def check_step(self, state: DialogState) -> list[str]:
        """Render in every language; return the answer values to try."""
        if (key := self.key(state)) in self.values:
            return self.values[key]
        prompts = {lang: self.eng.render(state, lang) for lang in LANGUAGES}
        for lang, p in prompts.items():
            where = (self.dialog_id, state.step_id, lang)
            assert p.text.strip() and not LEFTOVER.search(p.text), where
            assert all(
                c.label.strip() and not LEFTOVER.search(c.label) for row in p.buttons for c in row
            ), where
            assert not p.expects_text, "real dialogs are answered by buttons"
        # A real translation, not the bokmål fallback (nynorsk may rightly match bokmål).
        assert prompts["uk"].text != prompts["nb"].text, (self.dialog_id, state.step_id)
        self.values[key] = [
            c.value
            for row in prompts["nb"].buttons
            for c in row
            if c.value not in (self.eng.BACK, self.eng.CANCEL)
        ]
        return self.values[key]

    def check_outcome(self, done: Finished) -> None:
        if (key := self.key(done.state)) in self.checked:
            return
        self.checked.add(key)
        outcome = self.eng.registry.get(self.dialog_id).outcomes[done.outcome_id]
        assert done.kind == outcome.kind
        for lang, guidance in GUIDANCE.items():
            view = self.eng.outcome_view(self.dialog_id, done.outcome_id, done.state, lang)
            where = (self.dialog_id, done.outcome_id, lang)
            assert view.text.strip() and guidance in view.text, where
            assert not LEFTOVER.search(view.text), where
            assert "staff" in map(str, view.actions), where
            if view.kind == "not_fit":  # never a dead end: NAV's duty to help is named
                assert "NAV" in view.text, where
            if lang == "uk":
                nb = self.eng.outcome_view(self.dialog_id, done.outcome_id, done.state, "nb")
                assert view.text != nb.text, where

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


def paths_of(
    registry: DialogRegistry,
    dialog_id: str,
    ask_sensitive: bool = False,
    variables: dict[str, Any] = DEFAULTS,
) -> list[Path_]:
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
        reached.update(
            d.outcome_id for _, d in paths_of(registry, dialog_id, ask_sensitive, variables)
        )
    assert set(reached) == set(registry.get(dialog_id).outcomes)


def test_the_substance_question_is_asked_only_when_sensitive_questions_are_on(registry):
    off = paths_of(registry, "bolignu", ask_sensitive=False)
    on = paths_of(registry, "bolignu", ask_sensitive=True)
    assert not any(step.startswith("a7_substance=") for trail, _ in off for step in trail)
    assert any(step.startswith("a7_substance=") for trail, _ in on for step in trail)
    assert "out_substance" not in {done.outcome_id for _, done in off}
    assert "out_substance" in {done.outcome_id for _, done in on}
    assert all("a7_substance" not in done.state.answers for _, done in on)


def test_startlan_local_rules_are_notes_under_the_results_not_questions(registry):
    def notes(variables: dict[str, Any]) -> tuple[bool, bool]:
        eng = DialogEngine(registry, variables, translate=TRANSLATE)
        [(_, done)] = [
            (t, d)
            for t, d in paths_of(registry, "startlan", False, DEFAULTS)
            if t == STARTLAN_TYPICAL
        ]
        text = eng.outcome_view("startlan", done.outcome_id, done.state, "nb").text
        return "må vanligvis ligge i" in text, "minst 6 måneder" in text

    assert notes(DEFAULTS) == (True, False)
    assert notes(LOCAL_RULES) == (False, True)
    asked = {
        s.split("=")[0]
        for trail, _ in paths_of(registry, "startlan", True, LOCAL_RULES)
        for s in trail
    }
    assert not {"sl10_place", "sl11_botid", "sl8_income"} & asked  # cut: no outcome needs them


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
    assert outcomes("sl9_margin=no_income") == {"out_maybe_economy", "out_refinance"}
    assert outcomes("sl5_children=yes", "sl9_margin=just_enough") == {"out_likely"}
    assert outcomes(
        "sl5_children=no", "sl5_other=no", "sl6_longterm=soon", "sl9_margin=some_left"
    ) == {"out_save_first"}
    assert outcomes(
        "sl5_children=no",
        "sl5_other=no",
        "sl6_longterm=not_soon",
        "sl7_saving=not_possible",
        "sl9_margin=some_left",
    ) == {"out_likely"}
    # An exception skips the questions about long-term need and saving; children skip the rest.
    assert not any(
        "sl5_other=yes" in trail and any(s.startswith("sl6_") for s in trail) for trail, _ in ends
    )
    assert not any(
        "sl5_children=yes" in trail and any(s.startswith("sl5_other") for s in trail)
        for trail, _ in ends
    )


# A buyer refused by the bank, no exception, cannot save: the typical start-loan path.
STARTLAN_TYPICAL = [
    "s1_danger=no",
    "s2_sleep=yes",
    "sl1_need=buy",
    "sl2_age=yes",
    "sl3_residence=citizen",
    "sl4_bank=refused",
    "sl5_children=no",
    "sl5_other=no",
    "sl6_longterm=not_soon",
    "sl7_saving=not_possible",
    "sl9_margin=just_enough",
]


def progress_along(
    registry: DialogRegistry, dialog_id: str, trail: list[str], ask_sensitive: bool = False
) -> list[tuple[int, int]]:
    eng = DialogEngine(registry, DEFAULTS, ask_sensitive=ask_sensitive, translate=TRANSLATE)
    state, shown = eng.start(dialog_id), []
    for answer in trail:
        if registry.get(dialog_id).steps[state.step_id].is_question:
            shown.append(eng.progress(state))
        state = eng.answer(state, answer.split("=")[1], "nb").state
    return shown


def test_startlan_counter_counts_only_the_persons_way_and_taps_are_cut(registry):
    # Before: 13 taps, "1 av 16 → 4 av 13 → 13 av 13". Now: 11 taps, "k av 11" throughout.
    assert progress_along(registry, "startlan", STARTLAN_TYPICAL) == [(k, 11) for k in range(1, 12)]
    paths = paths_of(registry, "startlan")
    assert max(len([s for s in t if not s.startswith("s2_nav27")]) for t, _ in paths) == 11
    # The total is exact: some way on from the start really asks that many questions, and on
    # every path the total shown drops at most twice (when a branch is chosen).
    for trail, _ in paths[:: max(1, len(paths) // 300)]:
        totals = [total for _, total in progress_along(registry, "startlan", trail)]
        assert totals == sorted(totals, reverse=True), trail
        assert len(set(totals)) <= 3, (trail, totals)


def test_startlan_asks_no_double_negative(registry):
    for step in registry.get("startlan").steps.values():
        for lang in LANGUAGES:
            assert "heller ikke" not in step.text[lang] and "either" not in step.text[lang]


def test_startlan_residence_kind_and_priority_groups(registry):
    ends = {tuple(t): d for t, d in paths_of(registry, "startlan")}
    eng = DialogEngine(registry, DEFAULTS, translate=TRANSLATE)

    def text(trail: list[str]) -> str:
        done = ends[tuple(trail)]
        return eng.outcome_view("startlan", done.outcome_id, done.state, "nb").text

    refugee = [*STARTLAN_TYPICAL[:4], "sl3_residence=refugee", *STARTLAN_TYPICAL[5:]]
    study = [*STARTLAN_TYPICAL[:4], "sl3_residence=study"]
    assert ends[tuple(study)].outcome_id == "out_short_permit"  # not like a refugee's permit
    assert ends[tuple(refugee)].outcome_id == "out_likely"
    assert "Flyktninger er en prioritert gruppe" in text(refugee)
    assert "prioritert" not in text(STARTLAN_TYPICAL) and "prioritert" not in text(study)
    family = [*STARTLAN_TYPICAL[:6], "sl5_children=yes", "sl9_margin=just_enough"]
    assert "Barnefamilier er også en prioritert gruppe" in text(family)
    other = [*STARTLAN_TYPICAL[:7], "sl5_other=yes", "sl9_margin=just_enough"]
    assert "utviklingshemning er en prioritert gruppe" in text(other)


def test_bolignu_without_the_substance_question_never_promises_a_fit(registry):
    off = paths_of(registry, "bolignu", ask_sensitive=False)
    assert "out_fit" not in {done.outcome_id for _, done in off}
    eng = DialogEngine(registry, DEFAULTS, translate=TRANSLATE)
    assessed = [d for _, d in off if d.outcome_id == "out_assess"]
    assert assessed
    text = eng.outcome_view("bolignu", "out_assess", assessed[0].state, "nb").text
    assert "rusmidler aktivt" in text and "be om en vurdering" in text
    on = paths_of(registry, "bolignu", True, LOCAL_RULES)
    fits = {tuple(t) for t, d in on if d.outcome_id == "out_fit"}
    assert fits and all(
        any(s in ("a7_substance=no_problem", "a7_substance=in_control") for s in t) for t in fits
    )
    assert all(
        d.outcome_id == "out_assess"
        for t, d in on
        if "a7_substance=staff" in t and d.outcome_id not in ("out_other_help",)
    )


def test_bolignu_asks_whether_the_person_is_without_a_home(registry):
    ends = paths_of(registry, "bolignu")
    assert {d.outcome_id for t, d in ends if "a2_home=has_home" in t} == {"out_has_home"}
    # Someone without a safe place tonight is without a home: not asked again.
    assert not any(
        "a2_home" in s for t, _ in ends if "s2_sleep=no" in t or "a2_sleep=no" in t for s in t
    )


def test_bolignu_children_part_of_the_time_is_assessed_by_staff(registry):
    ends = paths_of(registry, "bolignu")
    assert {d.outcome_id for t, d in ends if "a5_children=part_time" in t} == {"out_children_part"}
    outcome = registry.get("bolignu").outcomes["out_children_part"]
    assert str(outcome.actions[0]) == "staff"


def test_foyer_without_contact_never_hears_it_fits(registry):
    ends = paths_of(registry, "foyer")
    no_contact = {d.outcome_id for t, d in ends if "c3_contact=no" in t or "c3_contact=unsure" in t}
    assert "out_fit" not in no_contact and "out_contact_first" in no_contact


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
    counts = {d: [len(paths_of(registry, d, *p.values)) for p in VARIANTS] for d in registry.ids()}
    with capsys.disabled():
        print("\npaths per dialog (sensitive off; sensitive on with local rules):", counts)
    assert counts["bolignu"][1] > counts["bolignu"][0]  # the substance question adds paths
    assert counts["foyer"][1] == counts["foyer"][0]  # no sensitive step, no local rule


@pytest.mark.parametrize("dialog_id", ["bolignu", "foyer", "startlan"])
@pytest.mark.parametrize("ask_sensitive", [False, True])
def test_every_outcome_is_plain_and_fits_one_phone_screen(
    registry, dialog_id, ask_sensitive, capsys
):
    """Issue 13.4: LIX <= 40 in bokmål and nynorsk; every message of the outcome (result, notes
    and the offer under it, packed into as few messages as fit) within SCREEN_CHARS."""
    from bot.core.plain import SCREEN_CHARS, lix

    eng = DialogEngine(registry, DEFAULTS, ask_sensitive=ask_sensitive, translate=TRANSLATE)
    seen, too_hard, too_long = set(), [], []
    for _, done in paths_of(registry, dialog_id, ask_sensitive):
        for lang in LANGUAGES:
            view = eng.outcome_view(dialog_id, done.outcome_id, done.state, lang)
            if (view.text, lang) in seen:
                continue
            seen.add((view.text, lang))
            if lang in ("nb", "nn") and lix(view.text) > 40:
                too_hard.append((done.outcome_id, lang, round(lix(view.text), 1)))
            offer = TRANSLATE(lang, "dialog-summary-offer")
            too_long += [
                (done.outcome_id, lang, len(m))
                for m in view.messages(offer)
                if len(m) > SCREEN_CHARS
            ]
    scores = sorted(lix(t) for t, lang in seen if lang in ("nb", "nn"))
    with capsys.disabled():
        print(
            f"\n{dialog_id} outcomes LIX: min {scores[0]:.1f} median "
            f"{scores[len(scores) // 2]:.1f} max {scores[-1]:.1f}"
        )
    assert too_hard == [] and too_long == []
