"""`boligbot check` for dialogs: each kind of broken file is reported on one line that names the
file and the step or outcome; the real dialogs pass; a broken directory refuses to load."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import Config
from bot.core.dialogs import DialogLoadError, DialogRegistry, validate_dialogs
from bot.core.dialogs.model import LANGUAGES

REAL = Path(__file__).resolve().parent.parent / "dialogs"
CONFIG_NAMES = frozenset(Config().content_variables())


def check(directory: Path, languages: tuple[str, ...] = LANGUAGES, **kw: Any) -> list[str]:
    """`boligbot check` of a dialog directory, with the config's placeholder names."""
    return validate_dialogs(directory, languages, known_variables=CONFIG_NAMES, **kw)


def T(text: str) -> dict[str, str]:
    return {"nb": text, "nn": f"{text} (nn)", "en": f"{text} (en)", "uk": f"{text} (uk)"}


BASE: dict[str, Any] = {
    "id": "demo",
    "title": T("Sjekk i {municipality}"),
    "description": T("En kort sjekk."),
    "decides": T("Kommunen bestemmer."),
    "start": "q1",
    "steps": [
        {
            "id": "q1",
            "type": "yesno",
            "text": T("Første?"),
            "next": [{"when": {"answer": "q1", "eq": "no"}, "goto": "out_no"}, {"goto": "q2"}],
        },
        {
            "id": "q2",
            "type": "choice",
            "text": T("Andre?"),
            "options": [
                {"value": "a", "label": T("A"), "set": {"flag_a": True}},
                {"value": "b", "label": T("B")},
            ],
            "next": [{"when": {"flag": "flag_a"}, "goto": "out_yes"}, {"goto": "q3"}],
        },
        {
            "id": "q3",
            "type": "number",
            "text": T("Hvor mye?"),
            "min": 0,
            "max": 1000,
            "next": [
                {"when": {"answer": "q3", "gt": "$price_per_night"}, "goto": "out_no"},
                {"goto": "out_yes"},
            ],
        },
    ],
    "outcomes": [
        {
            "id": "out_no",
            "kind": "not_fit",
            "text": T("Passer kanskje ikke. Kontakt NAV."),
            "actions": ["staff", "menu"],
        },
        {
            "id": "out_yes",
            "kind": "fit",
            "text": T("Kan passe."),
            "notes": [{"when": {"answer": "q1", "eq": "yes"}, "text": T("Merk.")}],
        },
    ],
}


def write(tmp_path: Path, data: Any, name: str = "demo") -> Path:
    directory = tmp_path / "dialogs"
    directory.mkdir(exist_ok=True)
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    (directory / f"{name}.yaml").write_text(text, encoding="utf-8")
    return directory


def broken(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def step(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    return next(s for s in data["steps"] if s["id"] == step_id)


def outcome(data: dict[str, Any], outcome_id: str) -> dict[str, Any]:
    return next(o for o in data["outcomes"] if o["id"] == outcome_id)


def test_the_base_dialog_is_valid(tmp_path):
    assert check(write(tmp_path, BASE)) == []


def test_the_real_dialogs_validate_clean():
    assert check(REAL) == []
    assert sorted(DialogRegistry.load(REAL, known_variables=CONFIG_NAMES).ids()) == [
        "bolignu",
        "foyer",
        "startlan",
    ]


def test_the_real_dialogs_offer_only_faq_entries_that_exist():
    faq_ids = {
        entry["id"]
        for path in (REAL.parent / "knowledge" / "faq").glob("*.yaml")
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))
    }
    assert len(faq_ids) > 50
    assert check(REAL, known_faq=faq_ids) == []


def _add_step(data: dict[str, Any], new: dict[str, Any]) -> None:
    data["steps"].append(new)


CASES: list[tuple[str, Callable[[dict[str, Any]], Any], str, str]] = [
    ("id", lambda d: d.update(id="other"), "demo", "id must be the file name 'demo'"),
    (
        "missing language",
        lambda d: step(d, "q2")["text"].pop("en"),
        "q2",
        "text: missing language 'en'",
    ),
    (
        "plain text",
        lambda d: step(d, "q1").update(text="Bare norsk"),
        "q1",
        "text: must give a text per language",
    ),
    (
        "missing language in an option",
        lambda d: step(d, "q2")["options"][1]["label"].pop("nb"),
        "q2",
        "option b label: missing language 'nb'",
    ),
    (
        "missing nynorsk",
        lambda d: step(d, "q2")["text"].pop("nn"),
        "q2",
        "text: missing language 'nn'",
    ),
    (
        "missing Ukrainian in an option",
        lambda d: step(d, "q2")["options"][0]["label"].pop("uk"),
        "q2",
        "option a label: missing language 'uk'",
    ),
    (
        "missing Ukrainian in an outcome",
        lambda d: outcome(d, "out_no")["text"].pop("uk"),
        "out_no",
        "text: missing language 'uk'",
    ),
    (
        "missing language in a note",
        lambda d: outcome(d, "out_yes")["notes"][0]["text"].pop("en"),
        "out_yes",
        "note 1 text: missing language 'en'",
    ),
    ("unknown key", lambda d: step(d, "q1").update(go_to="q2"), "q1", "unknown key 'go_to'"),
    (
        "key of another type",
        lambda d: step(d, "q1").update(min=3),
        "q1",
        "'min' is only for number steps",
    ),
    ("bad type", lambda d: step(d, "q1").update(type="slider"), "q1", "type must be one of"),
    (
        "duplicate step",
        lambda d: d["steps"].append(copy.deepcopy(step(d, "q3"))),
        "q3",
        "duplicate id",
    ),
    (
        "step and outcome share an id",
        lambda d: outcome(d, "out_no").update(id="q3"),
        "q3",
        "duplicate id",
    ),
    (
        "duplicate option value",
        lambda d: step(d, "q2")["options"][1].update(value="a"),
        "q2",
        "duplicate value 'a'",
    ),
    (
        "option value that is not a name",
        lambda d: step(d, "q2")["options"][1].update(value=True),
        "q2",
        "value must be a short lower-case name",
    ),
    (
        "choice with one option",
        lambda d: step(d, "q2")["options"].pop(),
        "q2",
        "at least two options",
    ),
    (
        "unknown goto",
        lambda d: step(d, "q2")["next"][1].update(goto="q9"),
        "q2",
        "unknown goto target 'q9'",
    ),
    ("dead end", lambda d: step(d, "q3")["next"].pop(), "q3", "dead end"),
    ("no next", lambda d: step(d, "q3").pop("next"), "q3", "next: missing"),
    (
        "rule after the unconditional one",
        lambda d: step(d, "q3")["next"].append({"goto": "out_no"}),
        "q3",
        "never used",
    ),
    (
        "unreachable step",
        lambda d: _add_step(
            d, {"id": "q_lost", "type": "yesno", "text": T("?"), "next": [{"goto": "out_no"}]}
        ),
        "q_lost",
        "unreachable",
    ),
    (
        "unreachable outcome",
        lambda d: d["outcomes"].append({"id": "out_lost", "kind": "info", "text": T("!")}),
        "out_lost",
        "unreachable",
    ),
    (
        "cycle",
        lambda d: step(d, "q3")["next"].__setitem__(1, {"goto": "q2"}),
        "q2",
        "cycle: q2 → q3 → q2",
    ),
    (
        "goes to itself",
        lambda d: step(d, "q3")["next"].__setitem__(1, {"goto": "q3"}),
        "q3",
        "goes to itself",
    ),
    (
        "answer not asked on every path",
        lambda d: outcome(d, "out_yes")["notes"].append(
            {"when": {"answer": "q3", "eq": 5}, "text": T("?")}
        ),
        "out_yes",
        "step 'q3' is not asked before this on every path",
    ),
    (
        "answer of a later step",
        lambda d: step(d, "q2")["next"].insert(
            0, {"when": {"answer": "q3", "gt": 5}, "goto": "q3"}
        ),
        "q2",
        "step 'q3' is not asked before this on every path",
    ),
    (
        "answered of a step never asked before",
        lambda d: step(d, "q2").update(notes=[{"when": {"answered": "q3"}, "text": T("?")}]),
        "q2",
        "step 'q3' is never asked before this",
    ),
    (
        "unknown step in a condition",
        lambda d: step(d, "q2")["next"].insert(
            0, {"when": {"answer": "q7", "eq": "x"}, "goto": "q3"}
        ),
        "q2",
        "unknown step 'q7'",
    ),
    (
        "answer a step cannot give",
        lambda d: step(d, "q1")["next"][0]["when"].update(eq="maybe"),
        "q1",
        "'maybe' is not an answer of 'q1' (answers: yes, no)",
    ),
    (
        "order comparison on a choice",
        lambda d: step(d, "q2")["next"].insert(
            0, {"when": {"answer": "q2", "lt": 3}, "goto": "q3"}
        ),
        "q2",
        "'lt' compares numbers or dates",
    ),
    (
        "flag never set",
        lambda d: step(d, "q2")["next"][0]["when"].update(flag="flag_b"),
        "q2",
        "flag 'flag_b' is never set",
    ),
    (
        "bad condition shape",
        lambda d: step(d, "q1")["next"][0].update(when={"answer": "q1"}),
        "q1",
        "'answer' needs one of",
    ),
    (
        "two operators",
        lambda d: step(d, "q1")["next"][0]["when"].update(ne="yes"),
        "q1",
        "takes exactly one of",
    ),
    (
        "unknown placeholder",
        lambda d: step(d, "q2")["text"].update(nb="Ring {nav_phon}"),
        "q2",
        "text (nb): unknown placeholder {nav_phon}",
    ),
    (
        "unknown variable in a value",
        lambda d: step(d, "q3")["next"][0]["when"].update(gt="$price"),
        "q3",
        "unknown variable $price",
    ),
    (
        "unknown variable",
        lambda d: step(d, "q3").update(ask_if={"var": "ask_more"}),
        "q3",
        "unknown variable 'ask_more'",
    ),
    (
        "sensitive answer used later",
        lambda d: (
            step(d, "q1").update(type="yesno"),
            step(d, "q2").update(sensitive=True),
            outcome(d, "out_no").update(
                notes=[{"when": {"answer": "q2", "eq": "a"}, "text": T("?")}]
            ),
        ),
        "out_no",
        "answers to sensitive step 'q2' are not kept",
    ),
    (
        "skippable first step",
        lambda d: step(d, "q1").update(sensitive=True),
        "demo",
        "the first step must always be asked",
    ),
    (
        "start is not a step",
        lambda d: d.update(start="out_no"),
        "demo",
        "start: 'out_no' is not a step",
    ),
    (
        "bad outcome kind",
        lambda d: outcome(d, "out_no").update(kind="nope"),
        "out_no",
        "kind must be one of",
    ),
    (
        "unknown action",
        lambda d: outcome(d, "out_no").update(actions=["call"]),
        "out_no",
        "action 'call': unknown",
    ),
    (
        "dialog action to no dialog",
        lambda d: outcome(d, "out_no").update(actions=["dialog:x"]),
        "out_no",
        "there is no dialog 'x'",
    ),
    (
        "placeholder only the FAQ fills",
        lambda d: outcome(d, "out_yes")["text"].update(en="See {meetup_info}"),
        "out_yes",
        "text (en): unknown placeholder {meetup_info}",
    ),
    (
        "min above max",
        lambda d: step(d, "q3").update(min=10, max=1),
        "q3",
        "min is larger than max",
    ),
    ("no outcomes", lambda d: d.update(outcomes=[]), "demo", "outcomes: missing"),
]


@pytest.mark.parametrize("name,change,where,problem", CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_reported(tmp_path, name, change, where, problem):
    problems = check(write(tmp_path, broken(change)))
    prefix = f"dialogs/demo.yaml: {where}: "
    assert any(p.startswith(prefix) and problem in p for p in problems), problems


@pytest.mark.parametrize(
    "action,problem",
    [
        ("subscribe:tips", "not offered here (use staff, menu, dialog:<id> or faq:<id>)"),
        ("staff:now", "'staff' takes no argument"),
        ("faq:", "needs an id, e.g. faq:<id>"),
        ("dialog:Foyer", "'Foyer' is not an id (a-z, 0-9, '-' and '_')"),
    ],
)
def test_an_action_that_cannot_be_read_is_reported(tmp_path, action, problem):
    data = broken(lambda d: outcome(d, "out_no").update(actions=[action]))
    assert check(write(tmp_path, data)) == [
        f"dialogs/demo.yaml: out_no: action '{action}': {problem}"
    ]


def test_yaml_syntax_error(tmp_path):
    problems = check(write(tmp_path, "id: demo\nsteps: [\n"))
    assert len(problems) == 1
    assert problems[0].startswith("dialogs/demo.yaml: line 3: not valid YAML")


def test_duplicate_yaml_key_is_refused_with_its_line(tmp_path):
    text = yaml.safe_dump(BASE, allow_unicode=True) + "start: q2\n"
    [problem] = check(write(tmp_path, text))
    line = len(text.splitlines())
    assert (
        problem == f"dialogs/demo.yaml: line {line}: duplicate key 'start' (a key may appear once)"
    )


def test_a_bare_yes_or_no_is_refused_with_its_line(tmp_path):
    """YAML 1.1 readers take a bare no for false, YAML 1.2 readers for text: it must be quoted."""
    good = yaml.safe_dump(BASE, allow_unicode=True)
    assert "eq: 'no'" in good and check(write(tmp_path, good)) == []
    text = good.replace("eq: 'no'", "eq: no")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.endswith("eq: no"))
    [problem] = check(write(tmp_path, text))
    assert problem.startswith(f"dialogs/demo.yaml: line {line}: bare no is a yes/no value")
    assert 'write "no" in quotes' in problem


def test_faq_actions_are_checked_when_the_faq_ids_are_known(tmp_path):
    directory = write(
        tmp_path, broken(lambda d: outcome(d, "out_no").update(actions=["faq:startlan-documents"]))
    )
    assert check(directory) == []
    [problem] = check(directory, known_faq={"bostotte"})
    assert problem.endswith("there is no FAQ entry 'startlan-documents'")
    assert check(directory, known_faq={"startlan-documents"}) == []


def test_missing_fifth_language_is_reported_when_asked_for(tmp_path):
    problems = check(write(tmp_path, BASE), languages=(*LANGUAGES, "se"))
    assert problems and all("missing language 'se'" in p for p in problems)


def test_the_dialogs_speak_bokmal_nynorsk_english_and_ukrainian():
    assert LANGUAGES == ("nb", "nn", "en", "uk")


def test_a_text_missing_in_a_language_is_reported_with_file_and_id(tmp_path):
    data = copy.deepcopy(BASE)
    del data["title"]["nn"]
    step(data, "q1")["text"].pop("uk")
    problems = check(write(tmp_path, data))
    assert sorted(problems) == [
        "dialogs/demo.yaml: demo: title: missing language 'nn'",
        "dialogs/demo.yaml: q1: text: missing language 'uk'",
    ]


def test_other_dialogs_can_be_named_in_actions(tmp_path):
    write(tmp_path, broken(lambda d: outcome(d, "out_no").update(actions=["dialog:second"])))
    directory = write(tmp_path, broken(lambda d: d.update(id="second")), name="second")
    assert check(directory) == []


def test_an_empty_directory_is_a_problem(tmp_path):
    (tmp_path / "dialogs").mkdir()
    assert check(tmp_path / "dialogs") == ["dialogs: no dialog files (*.yaml) found"]


def test_registry_refuses_a_broken_directory_with_every_problem(tmp_path):
    directory = write(
        tmp_path,
        broken(
            lambda d: (step(d, "q3")["next"][0].update(goto="q9"), step(d, "q1")["text"].pop("en"))
        ),
    )
    with pytest.raises(DialogLoadError) as err:
        DialogRegistry.load(directory, known_variables=CONFIG_NAMES)
    assert len(err.value.problems) == 2
    assert "unknown goto target 'q9'" in str(err.value)
    assert "missing language 'en'" in str(err.value)


@pytest.mark.parametrize("ref", ["faq:Bolig Nu", "staff:now", "dialog:", "teleport", 7])
def test_a_follow_up_is_read_with_the_same_words_in_knowledge_and_dialogs(tmp_path, ref):
    """One parser for an FAQ answer's `followups` and a dialog result's `actions`: the same
    words, but for the list of what each place offers."""
    from bot.core.faq.knowledge import read_entries

    faq = tmp_path / "faq"
    faq.mkdir()
    entry = {"id": "a", "answer": {"nb": "Svar"}, "followups": [ref]}
    (faq / "x.yaml").write_text(yaml.safe_dump([entry], allow_unicode=True), encoding="utf-8")
    [faq_problem] = read_entries(faq)[1]
    [dialog_problem] = check(
        write(tmp_path, broken(lambda d: outcome(d, "out_no").update(actions=[ref])))
    )
    faq_where, _, faq_says = faq_problem.partition(": followup ")
    dialog_where, _, dialog_says = dialog_problem.partition(": action ")
    assert (faq_where, dialog_where) == ("knowledge/faq/x.yaml: a", "dialogs/demo.yaml: out_no")
    assert faq_says.startswith(repr(ref) if ref == 7 else f"'{ref}'")
    assert faq_says.partition(" (use ")[0] == dialog_says.partition(" (use ")[0]
