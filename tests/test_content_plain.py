"""Issue 13.4 and 13.5 for the FAQ: plain language, one phone screen, button names as shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.config import Config
from bot.core.faq.knowledge import load_knowledge
from bot.core.i18n import SUPPORTED, Translator
from bot.core.plain import SCREEN_CHARS, lix

ROOT = Path(__file__).resolve().parent.parent
VARIABLES = {
    **Config().content_variables(),
    "meetup_info": "Neste treff er i morgen, tirsdag 08.01., kl. 18.00, Storgata 1.",
}
_QUOTED = re.compile(r"«([^»{}]{3,40})»|“([^”{}]{3,40})”")
_EMOJI = re.compile(r"^[^\w«“]+")


def fill(text: str) -> str:
    return re.sub(r"\{([a-z_]+)\}", lambda m: str(VARIABLES.get(m.group(1), m.group(0))), text)


@pytest.fixture(scope="module")
def entries():
    return list(load_knowledge(ROOT / "knowledge" / "faq").entries.values())


def test_lix_of_every_answer_in_bokmal_and_nynorsk_is_at_most_40(entries, capsys):
    # Placeholders are left out: the names a municipality fills in are not our wording.
    scores = {(e.id, lang): lix(e.answer[lang]) for e in entries for lang in ("nb", "nn")}
    ranked = sorted(scores.values())
    with capsys.disabled():
        print(
            f"\nFAQ answers LIX (nb, nn; {len(ranked)}): min {ranked[0]:.1f} "
            f"median {ranked[len(ranked) // 2]:.1f} p90 {ranked[int(len(ranked) * 0.9)]:.1f} "
            f"max {ranked[-1]:.1f}"
        )
    assert {k: round(v, 1) for k, v in scores.items() if v > 40} == {}


def test_every_answer_fits_one_phone_screen(entries):
    """The message as sent: "Svar på: <title>", the answer and "Eller mente du …?"."""
    t = Translator()
    too_long = {}
    for e in entries:
        for lang in SUPPORTED:
            sent = (
                t(lang, "faq-answer-for", title=fill(e.title[lang]))
                + "\n\n"
                + fill(e.answer[lang])
                + "\n\n"
                + t(lang, "faq-or-maybe")
            )
            if len(sent) > SCREEN_CHARS:
                too_long[(e.id, lang)] = len(sent)
    assert too_long == {}


def test_a_button_named_in_a_text_has_that_label_in_the_same_language(entries):
    """«Snakk med en ansatt» in a text must be the button's label in that language."""
    t = Translator()
    labels: dict[str, set[str]] = {}
    for lang in SUPPORTED:
        ids = [
            m
            for f in (ROOT / "bot" / "locales" / "nb").glob("*.ftl")
            for m in re.findall(r"^(menu-[a-z]+|[a-z-]+-btn-[a-z-]+) =", f.read_text(), re.M)
        ]
        labels[lang] = {_EMOJI.sub("", t(lang, i)).strip().casefold() for i in ids}
    every = set().union(*labels.values())
    texts = [(lang, e.answer[lang]) for e in entries for lang in SUPPORTED]
    for path in (ROOT / "dialogs").glob("*.yaml"):
        texts += [(lang, s) for lang, s in _strings(yaml.safe_load(path.read_text()))]
    for lang in SUPPORTED:
        for f in (ROOT / "bot" / "locales" / lang).glob("*.ftl"):
            texts.append((lang, f.read_text()))
    wrong = []
    for lang, text in texts:
        for m in _QUOTED.finditer(text):
            name = (m.group(1) or m.group(2)).strip().casefold()
            if " " in name and name in every and name not in labels[lang]:
                wrong.append((lang, name))
    assert wrong == []


def _strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k in SUPPORTED and isinstance(v, str):
                yield k, v
            else:
                yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
