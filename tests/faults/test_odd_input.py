"""Odd input never crashes a handler: commands with odd arguments and buttons with odd data get
a clear answer, never the apology with a traceback in the log (issue 17, part 6)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import delete

from bot.storage.db import create_engine, session_factory
from bot.storage.models_handover import HandoverPost
from tests.e2e.emulator import BotApiEmulator, SentMessage
from tests.e2e.harness import Person, running

ADMIN = 42  # bot.admin_ids of the e2e bot fixture
STAFF_CHAT = {"id": -100, "type": "supergroup", "title": "Staff"}
APOLOGY = "Beklager, noe gikk galt hos meg."
INACTIVE = "Den knappen er ikke aktiv lenger."
ADD_HOW = "Skriv /ansatte fulgt av Telegram-ID-en"
CLOSE_HOW = "Svar på en melding i saken med /lukk, eller skriv /lukk og saksnummeret."
ODD = ["²", "99999999999999999999", "0", "-1", "٣", "1e3", "12 34", "1" * 5000]


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def no_apology(emu: BotApiEmulator) -> bool:
    return not any(APOLOGY in m.text for chat in emu.chats.values() for m in chat)


async def test_odd_staff_ids_get_the_how_to_and_add_nobody(bot, emulator, caplog):
    admin = Person(emulator, ADMIN, "Siri", "nb")
    for arg in ODD:
        [msg] = await admin.say(f"/ansatte {arg}")
        assert msg.text.startswith(ADD_HOW), arg
        assert "bare sifrene 0–9" in msg.text, arg
        # Nobody was added (/ansatte 0 used to add id 0), and the list and invite button follow.
        assert "Ansatte lagt til her: 0." in msg.text, arg
        assert any("invitasjonslenke" in label for label in msg.labels()), arg
    [added] = await admin.say("/ansatte  4711 ")  # spaces around a good id are fine
    assert added.text.startswith("✅ 4711 er lagt til som ansatt.")
    assert errors(caplog) == [] and no_apology(emulator)


async def test_odd_case_numbers_get_the_how_to(bot, emulator, caplog):
    admin = Person(emulator, ADMIN, "Siri", "nb")
    for arg in ODD:
        [msg] = await admin.say(f"/lukk {arg}")
        assert msg.text == CLOSE_HOW, arg
    # The same in the staff chat.
    await emulator.send_text(admin.user, "/lukk ²", chat=STAFF_CHAT)
    await emulator.send_text(admin.user, "/lukk 99999999999999999999", chat=STAFF_CHAT)
    await emulator.wait_for(lambda: len(emulator.chats.get(-100, [])) >= 2)
    assert [m.text for m in emulator.chats[-100]] == [CLOSE_HOW, CLOSE_HOW]
    assert errors(caplog) == [] and no_apology(emulator)


FORGED = [
    "sst||ÆØÅÆØÅÆØ",  # a non-ASCII signature (compare_digest used to raise)
    "sau|²|AAAAAAAA",
    "hoc|٣|ÅAAAAAAA",
    "m|staff|🙂🙂",
    "d|0.²|Ø",
    "ÆØÅ|ÆØÅ|ÆØÅ",
]


async def test_forged_non_ascii_button_data_is_inactive_and_reaches_no_group(
    bot, person, emulator, caplog
):
    ola = person("Ola")
    [menu] = await ola.say("/start")
    for data in FORGED:
        [msg] = await ola.press_data(menu, data)
        assert msg.text.startswith(INACTIVE), data
        assert emulator.callback_answers[-1].get("text") == "Knappen er ikke aktiv lenger", data
    assert -100 not in emulator.chats  # nothing landed in the staff group

    # Pressed in the staff group: the group hears "inactive", never the apology.
    siri = Person(emulator, ADMIN, "Siri", "nb")
    await emulator.send_text(siri.user, "/ansatt", chat=STAFF_CHAT)
    [group_menu] = await emulator.wait_for(lambda: emulator.chats.get(-100))
    for data in FORGED:
        answers = len(emulator.callback_answers)
        await emulator.press(siri.user, group_menu, data)
        await emulator.wait_for(lambda n=answers: len(emulator.callback_answers) > n)
        assert emulator.callback_answers[-1].get("text") == "Knappen er ikke aktiv lenger", data
    await emulator.wait_for(lambda: len(emulator.chats[-100]) == 1 + len(FORGED))
    assert all(m.text.startswith(INACTIVE) for m in emulator.chats[-100][1:])
    assert errors(caplog) == [] and no_apology(emulator)


async def until(predicate, timeout: float = 10) -> None:
    """Poll (what the emulator records without notifying, e.g. callback answers)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting for the bot"
        await asyncio.sleep(0.05)


async def test_genuinely_signed_buttons_with_odd_arguments_never_crash(emulator, db_url, caplog):
    """Every button action the bot knows, signed with a valid signature but an odd argument
    (a bug, or a button from an older version): each answers, none raises. Twelve admins share
    the presses so that no chat waits for the one-a-second pace."""
    admins = list(range(42, 54))
    sections = {"bot": {"admin_ids": admins, "staff_chat_id": -100}}
    async with running(emulator, db_url, broadcast={"rate_per_second": 300}, **sections) as bot:
        assistant = bot.runtime.assistant
        names = sorted({*assistant._actions, *assistant._staff_actions, "m"})
        assert {"d", "del", "hoc", "sar", "sary", "tipc", "tipk", "rtdy", "raxy"} <= set(names)
        people = [Person(emulator, i, "Siri", "nb") for i in admins]
        menus = {}
        for p in people:
            [menus[p.id]] = await p.say("/start")
        presses = 0
        for i, name in enumerate(names):
            p = people[i % len(people)]
            for arg in ("²", "99999999999999999999", "٣.²"):
                data = assistant.signer.sign(p.id, name, arg)
                await emulator.press(p.user, menus[p.id], data)
                presses += 1
        await until(lambda: len(emulator.callback_answers) >= presses)
        await people[0].replies(allow_none=True)
        assert errors(caplog) == [] and no_apology(emulator)
        [listing] = await people[0].say("/ansatte")
        assert "Ansatte lagt til her: 0." in listing.text  # no odd id was added or removed


async def staff_posts(emu: BotApiEmulator, n: int) -> list[SentMessage]:
    await emu.wait_for(lambda: len(emu.chats.get(-100, [])) >= n)
    return emu.chats[-100]


async def talk_to_staff(p: Person, text: str) -> None:
    await p.say("/start")
    await p.press("Snakk med en ansatt")
    await p.say(text)


async def test_a_name_that_looks_like_a_case_header_never_routes_an_answer(
    bot, person, emulator, caplog
):
    """A staff reply to a post that has no link to a case is routed by the case number in the
    post's header; a name written to look like one must not send it to someone else's case."""
    kari = person("Kari")
    await talk_to_staff(kari, "Hei, jeg lurer på noe")
    [post] = await staff_posts(emulator, 1)
    case = int(post.text.split(" · sak ")[1].split(" ")[0])
    eve = person(f"Eve · sak {case} · svar på denne meldingen for å svare")
    await talk_to_staff(eve, "Hallo")
    await eve.say("avslutt")
    *_, note = await staff_posts(emulator, 3)
    assert note.text.startswith(f"Eve · sak {case} · svar på denne meldingen") and "avsluttet" in (
        note.text
    )
    siri = Person(emulator, ADMIN, "Siri", "nb")
    await emulator.send_text(siri.user, "Hemmelig svar", chat=STAFF_CHAT, reply_to=note)
    *_, told = await staff_posts(emulator, 4)
    assert told.text.startswith("Dette svaret gikk ikke til noen")
    assert await kari.replies(allow_none=True) == []

    # A genuine post whose link is missing (its send timed out after it arrived) is still
    # found by the number in its header.
    engine = create_engine(bot.cfg.database.url)
    async with session_factory(engine)() as s:
        await s.execute(delete(HandoverPost).where(HandoverPost.message_id == post.message_id))
        await s.commit()
    await engine.dispose()
    await emulator.send_text(siri.user, "Vi ringer deg", chat=STAFF_CHAT, reply_to=post)
    [answer] = await kari.replies()
    assert answer.text.endswith("\nVi ringer deg")
    assert errors(caplog) == [] and no_apology(emulator)
