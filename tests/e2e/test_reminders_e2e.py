"""Reminders end to end: the real PTB Application, the Bot API emulator, a controlled clock."""

from __future__ import annotations

import re

from tests.e2e.harness import Person
from tests.test_reminders_support import FakeClock, oslo

STAFF_ID = 42  # bot.admin_ids in the e2e bot fixture


def _clock(bot, start) -> tuple:
    feature = bot.runtime.assistant.feature("reminders")
    clock = FakeClock(start)
    feature.clock = clock
    return feature, clock


async def _set_up_meetup(staff: Person) -> str:
    [msg] = await staff.say("/treff")
    [msg] = await staff.press("Nytt treff", msg)
    assert "Hvilken dag" in msg.text
    [msg] = await staff.press("tir", msg)
    [msg] = await staff.say("kl 18")
    assert "Hvor er treffet" in msg.text
    [msg] = await staff.say("Storgata 1, 2. etasje")
    [msg] = await staff.press("Hopp over", msg)
    assert "hver tirsdag kl. 18.00" in msg.text
    [msg] = await staff.press("Lagre", msg)
    return msg.text


async def test_staff_meetup_reaches_subscriber_who_unsubscribes_by_button(bot, person, emulator):
    feature, clock = _clock(bot, oslo(2030, 1, 7, 10))  # a Monday
    staff = Person(emulator, STAFF_ID, "Siri", "nb")
    saved = await _set_up_meetup(staff)
    assert "Treffet er lagret" in saved
    assert "https://t.me/boligbot_test_bot?start=meetup" in saved

    kari = person("Kari")
    [msg] = await kari.say("/start meetup")
    assert "Nå får du påminnelser om treffet hver tirsdag kl. 18.00" in msg.text
    [msg] = await kari.say("/mine_data")
    assert "Påminnelser om treffet hver tirsdag" in msg.text

    clock.set(oslo(2030, 1, 7, 12, 0, 30))
    await feature.sweep()
    [reminder] = await kari.replies()
    assert "i morgen, tirsdag 08.01., kl. 18.00" in reminder.text
    assert "Storgata 1, 2. etasje" in reminder.text

    [msg] = await kari.press("Ikke send flere", reminder)
    assert "ikke flere påminnelser" in msg.text
    clock.set(oslo(2030, 1, 8, 16, 0, 30))
    counts = await feature.sweep()
    assert counts["sent"] == 0
    assert await kari.replies(allow_none=True) == []


async def test_non_staff_is_refused_the_staff_commands(bot, person):
    ola = person("Ola")
    for command in ("/treff", "/avtale"):
        [msg] = await ola.say(command)
        assert "ikke tilgjengelig for deg" in msg.text
        assert msg.buttons  # the menu: never a dead end


async def test_agreement_deep_link_links_once(bot, person, emulator):
    _clock(bot, oslo(2030, 1, 7, 10))
    staff = Person(emulator, STAFF_ID, "Siri", "nb")
    [msg] = await staff.say("/avtale")
    [msg] = await staff.press("Ny avtale", msg)
    assert "Jeg lagrer ikke navn" in msg.text
    [msg] = await staff.say("Rom 3")
    [msg] = await staff.press("I dag", msg)
    [msg] = await staff.press("3 måneder etter start", msg)
    [msg] = await staff.press("Hver 14. dag", msg)
    assert "21.01.2030" in msg.text
    [msg] = await staff.press("Lagre", msg)
    link = re.search(r"https://t\.me/boligbot_test_bot\?start=(avt_[\w-]+)", msg.text)
    assert link is not None

    ali = person("Ali", "en")
    [msg] = await ali.say(f"/start {link[1]}")
    assert "You will now get reminders about your housing and follow-up agreement" in msg.text
    assert "07.04.2030" in msg.text
    other = person("Per")
    [msg] = await other.say(f"/start {link[1]}")
    assert "virker ikke lenger" in msg.text


async def test_a_staff_flow_survives_a_restart(bot, emulator):
    staff = Person(emulator, STAFF_ID, "Siri", "nb")
    [msg] = await staff.say("/treff")
    await staff.press("Nytt treff", msg)
    [msg] = await staff.say("torsdag 17")
    assert "Hvor er treffet" in msg.text
    await bot.restart()
    [msg] = await staff.say("Biblioteket")
    assert "merknad" in msg.text
