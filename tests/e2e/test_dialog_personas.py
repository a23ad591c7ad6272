"""Personas from the sources, played through the real bot (DOMAIN.md 2.2, 2.3, 7.1)."""

from __future__ import annotations

SUMMARY = "Send svarene mine"


async def answer(kari, *labels: str):
    """Press each label in turn on the latest question; info steps are continued."""
    for label in labels:
        msg = kari.last_with_buttons()
        await kari.press(label, msg)


async def start(kari, item: str):
    [menu] = await kari.say("/start")
    await kari.press(item, menu)


async def test_evicted_for_unpaid_rent_is_likely_in_the_target_group(bot, person):
    ola = person("Ola")
    await start(ola, "Midlertidig bolig")
    await answer(ola, "Nei", "Ja", "Ja", "Ja", "Nei", "Ja")  # no danger, safe tonight, here,
    # 18+, no children, can get out in a fire
    await answer(ola, "Kastet ut av boligen", "Ja")
    # price information, then the outcome
    info = ola.last_with_buttons()
    await ola.press(info.labels()[0], info)
    outcome = ola.last_with_buttons()
    assert "kan passe for deg" in outcome.text
    assert "bestemmer" in outcome.text  # guidance, not a decision
    assert "300" in outcome.text or "300" in " ".join(m.text for m in ola.messages)


async def test_family_with_children_is_not_in_target_group_and_referred_to_nav(bot, person):
    kari = person("Kari")
    await start(kari, "Midlertidig bolig")
    await answer(kari, "Nei", "Ja", "Ja", "Ja", "Ja")  # ... children under 18 will live with me
    outcome = kari.last_with_buttons()
    assert "ikke laget for barnefamilier" in outcome.text
    assert "brannsikkerhet" in outcome.text
    assert "NAV har plikt" in outcome.text  # § 27: never a dead end
    assert any("Snakk med en ansatt" in b for b in outcome.labels())


async def test_danger_goes_straight_to_emergency_numbers(bot, person):
    kari = person()
    await start(kari, "Midlertidig bolig")
    await answer(kari, "Ja")
    outcome = kari.last_with_buttons()
    assert "113" in outcome.text and "112" in outcome.text


async def test_under_18_is_pointed_to_child_welfare_and_foyer(bot, person):
    ung = person("Ung")
    await start(ung, "Midlertidig bolig")
    await answer(ung, "Nei", "Ja", "Ja", "Nei")
    outcome = ung.last_with_buttons()
    assert "Foyer" in outcome.text
    assert any("Foyer" in b for b in outcome.labels())
