"""Redaction of stored free text (bot/core/redact.py): realistic messages in bokmål, nynorsk,
English and Ukrainian, what must go and what must stay. The identity and account numbers are
the examples in python-stdnum's and norsk-validator's documentation, not anyone's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.core.redact import TAGS, redact

ROOT = Path(__file__).resolve().parent.parent

REDACTED = {
    # --- bokmål ---------------------------------------------------------------------------
    "Hei! Jeg heter Kari Nordmann og lurer på om jeg kan få startlån": "Hei! Jeg heter [navn] og lurer på om jeg kan få startlån",
    "jeg heter kari nordmann og trenger hjelp med husleia": "jeg heter [navn] og trenger hjelp med husleia",
    "Fødselsnummeret mitt er 15108695088, kan dere sjekke saken?": "Fødselsnummeret mitt er [fnr], kan dere sjekke saken?",
    "fnr 151086 95088": "fnr [fnr]",
    "fnr 15108695077 (kanskje feil siffer)": "fnr [fnr] (kanskje feil siffer)",
    "Jeg har d-nummer 41010199946": "Jeg har d-nummer [fnr]",
    "Ring meg på 412 34 567 eller 41 23 45 67": "Ring meg på [telefon] eller [telefon]",
    "mobil +47 41234567, jobb 0047 22 33 44 55": "mobil [telefon], jobb [telefon]",
    "Send svar til kari.nordmann@gmail.com": "Send svar til [e-post]",
    "Husleia kan trekkes fra konto 1234.56.78903": "Husleia kan trekkes fra konto [kontonr]",
    "kontonr 8601 11 17947 / 86011117947": "kontonr [kontonr] / [kontonr]",
    "IBAN NO93 8601 1117 947": "IBAN [kontonr]",
    "Jeg bor i Storgata 12B, 0123 Oslo, og får ikke betalt": "Jeg bor i [adresse], og får ikke betalt",
    "Vi bor i Kongens gate 5 i Bodø": "Vi bor i [adresse] i Bodø",
    "jeg bor i kongens gate 5": "jeg bor i [adresse]",
    "Adressen er Havnevegen 14 A, 8006 Bodø": "Adressen er [adresse]",
    "Saksnummeret mitt er 2024123456": "Saksnummeret mitt er [tall]",
    "Mvh Ola Nordmann": "Mvh [navn]",
    # --- nynorsk --------------------------------------------------------------------------
    "Eg heiter Ola Nordmann og bur i Fjellvegen 3": "Eg heiter [navn] og bur i [adresse]",
    "Namnet mitt er Siri og eg treng hjelp": "Namnet mitt er [navn] og eg treng hjelp",
    "Du kan ringje meg på 987 65 432": "Du kan ringje meg på [telefon]",
    "Helsing Ingrid Haugland": "Helsing [navn]",
    # --- English --------------------------------------------------------------------------
    "My name is John Smith, call me on +44 7911 123456": "My name is [navn], call me on [telefon]",
    "I'm called Anna and I live at 12 Main Street": "I'm called [navn] and I live at [adresse]",
    "hello my name is ahmed i have nowhere to sleep tonight": "hello my name is [navn] i have nowhere to sleep tonight",
    "my email is a.b@example.org, my account 1234 56 78903": "my email is [e-post], my account [kontonr]",
    "my Swedish number is +46 70 123 45 67": "my Swedish number is [telefon]",
    # --- Ukrainian ------------------------------------------------------------------------
    "Мене звати Олена Петренко, мій номер +380 67 123 4567": "Мене звати [navn], мій номер [telefon]",
    "Я — Олена, маю питання про житло": "Я — [navn], маю питання про житло",
    "моє ім'я Іван, я з Харкова": "моє ім'я [navn], я з Харкова",
    "Мій старий номер (067) 123-45-67": "Мій старий номер [telefon]",
    "Я жила на вул. Шевченка 5, кв. 12": "Я жила на [adresse]",
    "Тепер живу на Storgata 7, мій fnr 151086 95088": "Тепер живу на [adresse], мій fnr [fnr]",
    "З повагою, Оксана": "З повагою, [navn]",
}

UNCHANGED = [
    # bokmål
    "Hvor mye kan jeg låne i startlån?",
    "Jeg er 23 år og har 3 barn",
    "Vi har bodd i 2 år i kommunen",
    "Husleia er 8 000 kr i måneden",
    "Kan jeg få bostøtte med inntekt på 450000 kroner?",
    "Kan jeg låne 45 000 000 kr?",
    "Koster det kr 9000 i måneden?",
    "Treffet er 22.03.2027 kl. 18.00",
    "Foyer er for 18-25 år",
    "Fra 2019-2020 bodde jeg hos en venn",
    "Hvor er NAV i Storgata?",
    "Er det ledig plass til 2 personer?",
    "Jeg heter ikke noe spesielt, bare lurer",
    "Vi er 4 personer og trenger 3-roms",
    # nynorsk
    "Kor mykje kostar det å bu der i 3 månader?",
    "Eg er 19 år og bur hjå mor",
    # English
    "Can I get a start loan if I earn NOK 400,000 a year?",
    "I was born 15.10.1986 and moved here in 2022",
    "my name is",
    # Ukrainian
    "Скільки коштує житло на місяць, 9000 крон?",
    "Мені 23 роки, маю двох дітей",
    "я - студентка, шукаю житло",
]


@pytest.mark.parametrize("text", REDACTED)
def test_personal_details_are_replaced_by_their_tag(text):
    assert redact(text) == REDACTED[text]


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_questions_keep_every_word(text):
    assert redact(text) == text


def test_redacting_twice_changes_nothing_more():
    for text, done in REDACTED.items():
        assert redact(done) == done, text


def test_a_whole_message_with_everything_in_it():
    text = (
        "Hei, jeg heter Kari Nordmann (fnr 15108695088). Jeg bor i Storgata 12B, 0123 Oslo. "
        "Ring 412 34 567 eller skriv til kari@example.no. Husleia er 9 000 kr fra 01.02.2027."
    )
    assert redact(text) == (
        "Hei, jeg heter [navn] (fnr [fnr]). Jeg bor i [adresse]. "
        "Ring [telefon] eller skriv til [e-post]. Husleia er 9 000 kr fra 01.02.2027."
    )


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_real_questions_of_the_labelled_sets_keep_their_words():
    """1,700 questions people were asked to write (four languages): only the two that hold
    a long number and a given name change, and only there."""
    changed = {}
    for path in sorted((ROOT / "tests" / "data").glob("faq_*.yaml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if (out := redact(text)) != text:
                changed[text] = out
    assert changed == {
        "we are 4 persons, salary 400000, how much bostoette we get": (
            "we are 4 persons, salary [tall], how much bostoette we get"
        ),
        "hello my name is ahmed i have been walking all day and dont have anywhere to sleep "
        "tonight, pls what can i do": (
            "hello my name is [navn] i have been walking all day and dont have anywhere to "
            "sleep tonight, pls what can i do"
        ),
    }


def test_dialog_answer_values_are_never_changed():
    """The dialog store redacts every stored answer: a button's value must come back as is."""
    for path in sorted((ROOT / "dialogs").glob("*.yaml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            assert redact(text) == text, (path.name, text)


def test_tags_hold_no_digits_so_nothing_is_counted_twice():
    assert all(not any(c.isdigit() for c in tag) for tag in TAGS)
    assert redact("") == ""
