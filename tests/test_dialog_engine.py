"""The dialog engine on a small dialog that uses every step type: moving on, Back, re-asking,
sensitive steps, notes, placeholders, flags, progress, storage and outcomes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.config import Config
from bot.core.dialogs import (
    Continue,
    DialogEngine,
    DialogRegistry,
    DialogState,
    Finished,
    Invalid,
    StaleState,
)

DEMO = """
id: demo
title: {nb: "Demo i {municipality}", en: "Demo in {municipality}"}
description: {nb: "En kort sjekk.", en: "A short check."}
decides: {nb: "Kommunen bestemmer.", en: "The municipality decides."}
start: q_ready
steps:
  - id: q_ready
    type: yesno
    unsure: true
    text: {nb: "Er du <klar> & rolig?", en: "Are you <ready> & calm?"}
    next:
      - when: {answer: q_ready, eq: "no"}
        goto: out_no
      - goto: q_kind
  - id: q_kind
    type: choice
    text: {nb: "Hva gjelder det?", en: "What is it about?"}
    summary: {nb: "Hva det gjelder", en: "What it is about"}
    notes:
      - when: {answer: q_ready, eq: unsure}
        text: {nb: "Det er greit å være usikker.", en: "It is fine to be unsure."}
    options:
      - {value: alpha, label: {nb: "Alfa hos {offer_name}", en: "Alpha at {offer_name}"}, set: {picked_alpha: true}}
      - {value: beta, label: {nb: "Beta", en: "Beta"}}
    next:
      - goto: q_secret
  - id: q_secret
    type: choice
    sensitive: true
    text: {nb: "Et følsomt spørsmål?", en: "A sensitive question?"}
    options:
      - {value: fine, label: {nb: "Greit", en: "Fine"}}
      - {value: staff, label: {nb: "Heller en ansatt", en: "Rather staff"}, set: {wants_staff: true}}
      - {value: stop, label: {nb: "Stopp", en: "Stop"}}
    next:
      - when: {answer: q_secret, eq: stop}
        goto: out_no
      - goto: q_amount
  - id: q_amount
    type: number
    min: 0
    max: 100000
    integer: true
    unit: {nb: "kr", en: "NOK"}
    text: {nb: "Hvor mye betaler du?", en: "How much do you pay?"}
    next:
      - when: {answer: q_amount, ge: $price_per_month}
        goto: out_big
      - goto: q_when
  - id: q_when
    type: date
    min_days: 0
    max_days: 365
    text: {nb: "Når må du flytte?", en: "When must you move?"}
    next:
      - goto: q_info
  - id: q_info
    type: info
    text: {nb: "Det koster {price_per_month} kr.", en: "It costs {price_per_month} NOK."}
    next:
      - goto: q_text
  - id: q_text
    type: text
    max_length: 20
    text: {nb: "Noe mer?", en: "Anything else?"}
    next:
      - when: {flag: picked_alpha}
        goto: out_alpha
      - goto: out_other
outcomes:
  - id: out_no
    kind: not_fit
    text: {nb: "Passer kanskje ikke.", en: "May not suit you."}
    actions: [menu]
  - id: out_big
    kind: maybe
    text: {nb: "Kanskje.", en: "Maybe."}
    decides: {nb: "NAV bestemmer.", en: "NAV decides."}
  - id: out_alpha
    kind: fit
    text: {nb: "Alfa passer.", en: "Alpha fits."}
    notes:
      - when: {flag: wants_staff}
        text: {nb: "En ansatt tar det med deg.", en: "Staff will talk to you."}
    actions: [staff, menu]
  - id: out_other
    kind: fit
    text: {nb: "Det passer.", en: "It fits."}
"""

CONFIG_NAMES = set(Config().content_variables())
VARIABLES = {"municipality": "Bodø kommune", "offer_name": "Bolig <Nu>", "price_per_month": 9000}
TODAY = date(2026, 12, 20)
DEMO_LANGUAGES = ("nb", "en")  # the demo is written in two languages; the real dialogs in four


@pytest.fixture
def registry(tmp_path: Path) -> DialogRegistry:
    directory = tmp_path / "dialogs"
    directory.mkdir()
    (directory / "demo.yaml").write_text(DEMO, encoding="utf-8")
    return DialogRegistry.load(directory, DEMO_LANGUAGES, known_variables=CONFIG_NAMES)


def engine(registry: DialogRegistry, ask_sensitive: bool = False) -> DialogEngine:
    return DialogEngine(registry, VARIABLES, ask_sensitive=ask_sensitive, today=lambda: TODAY)


def step(eng: DialogEngine, state: DialogState, value: str, lang: str = "nb") -> DialogState:
    result = eng.answer(state, value, lang)
    assert isinstance(result, Continue), result
    return result.state


def values(prompt) -> list[str]:
    return [c.value for row in prompt.buttons for c in row]


def labels(prompt) -> list[str]:
    return [c.label for row in prompt.buttons for c in row]


def test_first_step_has_header_progress_and_cancel_but_no_back(registry):
    eng = engine(registry)
    state = eng.start("demo")
    prompt = eng.render(state, "nb")
    assert prompt.text.startswith("<b>Demo i Bodø kommune</b>\nEn kort sjekk.")
    assert "Spørsmål 1 av 5" in prompt.text
    assert values(prompt) == ["yes", "no", "unsure", eng.CANCEL]
    assert labels(prompt) == ["Ja", "Nei", "Vet ikke", "✖️ Avbryt"]
    assert eng.BACK not in values(prompt)


def test_content_is_html_escaped_and_english_is_english(registry):
    eng = engine(registry)
    text = eng.render(eng.start("demo"), "en").text
    assert "Are you &lt;ready&gt; &amp; calm?" in text
    assert "Question 1 of 5" in text
    assert "<ready>" not in text


def test_later_steps_offer_back_and_fill_placeholders(registry):
    eng = engine(registry)
    state = step(eng, eng.start("demo"), "yes")
    prompt = eng.render(state, "nb")
    assert prompt.step_id == "q_kind"
    assert "Demo i" not in prompt.text  # the header is shown on the first question only
    assert "Spørsmål 2 av 5" in prompt.text
    assert labels(prompt)[0] == "Alfa hos Bolig <Nu>"  # button labels are plain text
    assert prompt.buttons[-1][0].value == eng.BACK
    assert prompt.buttons[-1][1].value == eng.CANCEL


def test_back_returns_to_the_previous_question_and_forgets_its_answer_and_flags(registry):
    eng = engine(registry)
    first = eng.start("demo")
    second = step(eng, first, "yes")
    third = step(eng, second, "alpha")
    assert third.flags == {"picked_alpha": True}
    back = eng.back(third)
    assert back.step_id == "q_kind"
    assert back.history == ["q_ready"]
    assert "q_kind" not in back.answers and back.answers == {"q_ready": "yes"}
    assert back.flags == {}
    assert eng.render(back, "nb").text == eng.render(second, "nb").text
    assert eng.back(eng.back(back)).step_id == "q_ready"  # Back on the first question stays
    assert third.step_id == "q_amount" and third.flags  # the engine never mutates its input


def test_back_button_value_and_typed_word_both_go_back(registry):
    eng = engine(registry)
    state = step(eng, eng.start("demo"), "yes")
    assert step(eng, state, eng.BACK).step_id == "q_ready"
    assert step(eng, state, "Tilbake").step_id == "q_ready"


def test_text_where_a_button_is_expected_is_reasked_with_a_hint(registry):
    eng = engine(registry)
    state = eng.start("demo")
    result = eng.answer(state, "hmm, kanskje i morgen?", "nb")
    assert isinstance(result, Invalid)
    assert "Trykk på en av knappene" in result.message
    assert result.state.step_id == "q_ready" and result.state.history == []
    english = eng.answer(state, "what?", "en")
    assert isinstance(english, Invalid) and "tap one of the buttons" in english.message


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("ja", "q_kind"),
        ("Yes!", "q_kind"),
        ("JA", "q_kind"),
        ("vet ikke", "q_kind"),
        ("nei", "out_no"),
        ("no", "out_no"),
    ],
)
def test_typed_yes_no_answers_are_understood(registry, typed, expected):
    eng = engine(registry)
    result = eng.answer(eng.start("demo"), typed, "nb")
    assert isinstance(result, Continue | Finished)
    assert result.state.step_id == expected


def test_typed_option_label_in_either_language_or_its_unique_start(registry):
    eng = engine(registry)
    state = step(eng, eng.start("demo"), "yes")
    for typed in ("beta", "Alfa hos Bolig <Nu>", "alpha at bolig nu", "alf"):
        result = eng.answer(state, typed, "nb")
        assert isinstance(result, Continue), typed
    assert step(eng, state, "beta").answers["q_kind"] == "beta"
    assert isinstance(eng.answer(state, "al", "nb"), Invalid)  # too short to name an option


def test_conditional_note_shows_only_when_its_condition_holds(registry):
    eng = engine(registry)
    unsure = step(eng, eng.start("demo"), "unsure")
    sure = step(eng, eng.start("demo"), "yes")
    assert "Det er greit å være usikker." in eng.render(unsure, "nb").text
    assert "usikker" not in eng.render(sure, "nb").text
    assert "It is fine to be unsure." in eng.render(unsure, "en").text


def test_sensitive_step_is_skipped_when_asking_is_off(registry):
    eng = engine(registry, ask_sensitive=False)
    state = step(eng, step(eng, eng.start("demo"), "yes"), "beta")
    assert state.step_id == "q_amount"
    assert "q_secret" not in state.history


def test_sensitive_step_is_asked_with_a_notice_and_its_answer_is_not_kept(registry):
    eng = engine(registry, ask_sensitive=True)
    state = step(eng, step(eng, eng.start("demo"), "yes"), "alpha")
    prompt = eng.render(state, "nb")
    assert prompt.step_id == "q_secret"
    assert "Svaret ditt lagres ikke" in prompt.text
    assert "Spørsmål 3 av 6" in prompt.text
    after = step(eng, state, "staff")
    assert after.step_id == "q_amount"
    assert "q_secret" not in after.answers and "q_secret" in after.history
    assert after.flags == {"picked_alpha": True, "wants_staff": True}
    assert "q_secret" not in json.dumps(after.to_dict()["answers"])
    stopped = eng.answer(state, "stop", "nb")  # the answer still decides the way on
    assert isinstance(stopped, Finished) and stopped.outcome_id == "out_no"
    assert stopped.state.answers == {"q_ready": "yes", "q_kind": "alpha"}


@pytest.mark.parametrize(
    "typed,fragment",
    [
        ("", "Jeg fikk ikke noe svar"),
        ("mellom 10 og 20", "ikke et spenn"),
        ("vet ikke", "fant ikke noe tall"),
        ("12,000", "usikker på hvordan tallet"),
        ("12,5", "helt tall"),
        ("200 000", "høyst 100 000"),
        ("-5", "minst 0"),
    ],
)
def test_number_step_reasks_with_the_reason(registry, typed, fragment):
    eng = engine(registry)
    state = step(eng, step(eng, eng.start("demo"), "yes"), "beta")
    assert eng.render(state, "nb").expects_text
    assert "Skriv svaret som et tall (kr)" in eng.render(state, "nb").text
    result = eng.answer(state, typed, "nb")
    assert isinstance(result, Invalid)
    assert fragment in result.message


def test_number_answer_is_stored_and_compared_with_a_config_variable(registry):
    eng = engine(registry)
    state = step(eng, step(eng, eng.start("demo"), "yes"), "beta")
    below = step(eng, state, "ca 8 500 kr")
    assert below.answers["q_amount"] == 8500 and below.step_id == "q_when"
    big = eng.answer(state, "kr 9 000,-", "nb")
    assert isinstance(big, Finished) and big.outcome_id == "out_big" and big.kind == "maybe"


def test_date_step(registry):
    eng = engine(registry)
    state = step(eng, step(eng, step(eng, eng.start("demo"), "yes"), "beta"), "100")
    assert state.step_id == "q_when"
    assert step(eng, state, "12/3").answers["q_when"] == "2027-03-12"
    too_late = eng.answer(state, "12.03.2030", "nb")
    assert isinstance(too_late, Invalid) and "20.12.2027" in too_late.message
    too_early = eng.answer(state, "i går", "nb")
    assert isinstance(too_early, Invalid) and "før 20.12.2026" in too_early.message


def _at_info(eng: DialogEngine, kind: str = "alpha") -> DialogState:
    state = step(eng, step(eng, eng.start("demo"), "yes"), kind)
    return step(eng, step(eng, state, "100"), "i morgen")


def test_info_step_has_one_button_no_progress_and_continues(registry):
    eng = engine(registry)
    state = _at_info(eng)
    prompt = eng.render(state, "nb")
    assert prompt.step_id == "q_info"
    assert "Spørsmål" not in prompt.text
    assert "Det koster 9000 kr." in prompt.text
    assert values(prompt) == [eng.OK, eng.BACK, eng.CANCEL]
    assert labels(prompt)[0] == "Fortsett ▶️"
    assert step(eng, state, eng.OK).step_id == "q_text"
    assert step(eng, state, "ok").step_id == "q_text"
    assert isinstance(eng.answer(state, "hva?", "nb"), Invalid)


def test_text_step_and_outcome_with_flag_note(registry):
    eng = engine(registry, ask_sensitive=True)
    state = step(eng, step(eng, step(eng, eng.start("demo"), "yes"), "alpha"), "staff")
    state = step(eng, step(eng, step(eng, state, "100"), "i morgen"), eng.OK)
    assert isinstance(eng.answer(state, "   ", "nb"), Invalid)
    assert "høyst 20 tegn" in eng.answer(state, "x" * 21, "nb").message
    done = eng.answer(state, "Takk <3", "nb")
    assert isinstance(done, Finished) and done.outcome_id == "out_alpha" and done.kind == "fit"
    view = eng.outcome_view("demo", done.outcome_id, done.state, "nb")
    assert view.text.startswith("Alfa passer.")
    assert "En ansatt tar det med deg." in view.text
    assert "Dette er veiledning, ikke en avgjørelse. Kommunen bestemmer." in view.text
    assert list(map(str, view.actions)) == ["staff", "menu"] and view.kind == "fit"


def test_outcome_always_offers_staff_and_may_name_its_own_decider(registry):
    eng = engine(registry)
    result = eng.answer(eng.start("demo"), "no", "nb")
    assert isinstance(result, Finished)
    view = eng.outcome_view("demo", "out_no", result.state, "en")
    assert list(map(str, view.actions)) == ["staff", "menu"]
    assert "This is guidance, not a decision. The municipality decides." in view.text
    state = step(eng, step(eng, eng.start("demo"), "yes"), "beta")
    big = eng.answer(state, "50000", "nb")
    assert "NAV bestemmer." in eng.outcome_view("demo", big.outcome_id, big.state, "nb").text


def test_flags_decide_the_outcome(registry):
    eng = engine(registry)
    ends = {}
    for kind in ("alpha", "beta"):
        state = step(eng, _at_info(eng, kind), eng.OK)
        ends[kind] = eng.answer(state, "nei", "nb").outcome_id
    assert ends == {"alpha": "out_alpha", "beta": "out_other"}


def test_progress_never_grows_going_forward_and_is_restored_by_back(registry):
    eng = engine(registry)
    state = eng.start("demo")
    seen = []
    for answer in ("yes", "beta", "100", "i morgen"):
        seen.append(eng.progress(state))
        state = step(eng, state, answer)
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5)]
    assert eng.progress(state) == (4, 5)  # info step: nothing answered there
    assert eng.progress(eng.back(state)) == (4, 5)


def test_summary_lists_kept_answers_in_plain_text(registry):
    eng = engine(registry, ask_sensitive=True)
    state = step(eng, step(eng, eng.start("demo"), "unsure"), "alpha")
    state = step(eng, step(eng, state, "fine"), "8500")
    assert eng.summary(state, "nb") == [
        ("Er du <klar> & rolig?", "Vet ikke"),
        ("Hva det gjelder", "Alfa hos Bolig <Nu>"),
        ("Hvor mye betaler du?", "8 500 kr"),
    ]


def test_state_round_trips_through_json(registry):
    eng = engine(registry)
    state = step(eng, step(eng, eng.start("demo"), "yes"), "alpha")
    state.meta["stat_id"] = 7
    data = json.loads(json.dumps(state.to_dict()))
    assert data["flags"] == {"picked_alpha": True}
    restored = DialogState.from_dict(data, registry)
    assert restored == state
    assert eng.restore(data) == state
    assert eng.render(restored, "nb").text == eng.render(state, "nb").text


@pytest.mark.parametrize(
    "change",
    [
        {"dialog_id": "gone"},
        {"step_id": "q_removed"},
        {"history": ["q_ready", "q_removed"]},
        {"answers": "not a mapping"},
    ],
)
def test_state_of_a_dialog_or_step_that_no_longer_exists_is_stale(registry, change):
    eng = engine(registry)
    data = {**eng.start("demo").to_dict(), **change}
    with pytest.raises(StaleState):
        DialogState.from_dict(data, registry)


def test_state_from_an_edited_file_keeps_what_still_applies(registry):
    eng = engine(registry)
    data = step(eng, eng.start("demo"), "yes").to_dict()
    data["version"] = "older"
    data["answers"]["q_deleted"] = "x"
    restored = DialogState.from_dict(data, registry)
    assert restored.answers == {"q_ready": "yes"}
    assert restored.version == registry.get("demo").version


def test_from_dict_without_a_registry_checks_against_the_one_loaded_last(registry):
    data = {**engine(registry).start("demo").to_dict(), "step_id": "q_removed"}
    with pytest.raises(StaleState):
        DialogState.from_dict(data)


def test_ask_if_skips_a_step_by_config(tmp_path):
    directory = tmp_path / "dialogs"
    directory.mkdir()
    (directory / "local.yaml").write_text(
        """
id: local
title: {nb: "T", en: "T"}
description: {nb: "D", en: "D"}
decides: {nb: "K", en: "K"}
start: first
steps:
  - id: first
    type: yesno
    text: {nb: "Første?", en: "First?"}
    next: [{goto: months}]
  - id: months
    type: yesno
    ask_if: {var: startlan_botid_months, gt: 0}
    text: {nb: "Bodd her {startlan_botid_months} måneder?", en: "Lived here?"}
    next: [{goto: done}]
outcomes:
  - id: done
    kind: info
    text: {nb: "Ferdig.", en: "Done."}
""",
        encoding="utf-8",
    )
    registry = DialogRegistry.load(directory, DEMO_LANGUAGES, known_variables=CONFIG_NAMES)
    off = DialogEngine(registry, {"startlan_botid_months": 0})
    on = DialogEngine(registry, {"startlan_botid_months": 6})
    assert off.progress(off.start("local")) == (1, 1)
    assert on.progress(on.start("local")) == (1, 2)
    assert isinstance(off.answer(off.start("local"), "yes", "nb"), Finished)
    asked = on.answer(on.start("local"), "yes", "nb")
    assert isinstance(asked, Continue) and asked.state.step_id == "months"
    assert "Bodd her 6 måneder?" in on.render(asked.state, "nb").text


@pytest.mark.parametrize(
    "typed,command",
    [
        ("Avbryt", "CANCEL"),
        ("cancel!", "CANCEL"),
        ("◀️ Tilbake", "BACK"),
        ("back", "BACK"),
    ],
)
def test_typed_back_and_cancel_become_the_button_values(registry, typed, command):
    eng = engine(registry)
    assert eng.command(typed) == getattr(eng, command)


def test_other_text_is_not_a_command(registry):
    eng = engine(registry)
    assert eng.command("avbrutt utdanning") == "avbrutt utdanning"
    assert eng.command("ja") == "ja"
