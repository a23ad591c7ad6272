"""Conversations as a user sees them, through the real PTB Application and the emulator."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.core.events import Outcome, Reply
from bot.core.feature import Feature
from bot.storage.models import User
from tests.e2e.harness import BotUnderTest, make_config

MENU = [
    "Still et spørsmål",
    "Midlertidig bolig",
    "Startlån",
    "Foyer",
    "Påminnelser",
    "Snakk med en ansatt",
    "Språk",
    "Personvern",
]


async def test_start_in_bokmal_shows_the_whole_menu(bot, person):
    kari = person("Kari", "nb")
    [msg] = await kari.say("/start")
    assert msg.text.startswith("Hei, Kari")
    for label in MENU:
        assert any(label in b for b in msg.labels()), label


@pytest.mark.parametrize(
    "code,expected",
    [("nn", "Hei"), ("no", "Hei"), ("en", "Hi"), ("de", "Hi"), ("uk", "Вітаю"), ("ru", "Hi")],
)
async def test_language_follows_telegram_language_code(bot, person, code, expected):
    user = person("Ola", code)
    [msg] = await user.say("/start")
    assert msg.text.startswith(expected)


async def test_every_menu_button_answers(bot, person):
    kari = person()
    [menu] = await kari.say("/start")
    for label in MENU:
        new = await kari.press(label, menu)
        assert new, f"no answer to {label}"
        text = " ".join(m.text for m in new)
        assert text.strip()
        # Every answer leaves a way on: buttons on the last message.
        assert kari.last().buttons, f"{label} left the user without buttons"


async def test_unbuilt_menu_item_says_it_is_coming(emulator, db_url, person):
    b = BotUnderTest(make_config(emulator, db_url))
    await b.start()
    try:
        # Remove any reminders feature so the item is unbuilt in this bot.
        b.runtime.assistant._menu.pop("reminders", None)
        kari = person()
        await kari.say("/start")
        [msg] = await kari.press("Påminnelser")
        assert "kommer snart" in msg.text
    finally:
        await b.stop()


async def test_help_privacy_and_my_data(bot, person):
    kari = person("Kari", "nb")
    [msg] = await kari.say("/help")
    assert "/slett" in msg.text
    *_, msg = await kari.say("/personvern", expect=2)  # too long for one phone screen
    assert "[FYLL INN]" in msg.text  # controller and DPO are placeholders until configured
    assert msg.buttons  # the menu under the last part
    [msg] = await kari.say("/mine_data")
    assert f"Telegram-ID {kari.id}" in msg.text


async def test_language_switch_survives_restart(bot, person):
    kari = person("Kari", "nb")
    await kari.say("/sprak")
    [msg] = await kari.press("English")
    assert "English" in msg.text
    await bot.restart()
    [msg] = await kari.say("/start")
    assert msg.text.startswith("Hi, Kari")


async def test_slett_removes_the_users_rows(bot, person):
    kari = person()
    await kari.say("/start")
    sessions = bot.runtime.sessions
    async with sessions() as s:
        assert await s.get(User, kari.id) is not None
    [confirm] = await kari.say("/slett")
    assert "Det kan ikke angres" in confirm.text
    await kari.press("Ja, slett alt", confirm)
    assert "er slettet" in confirm.text and not confirm.buttons  # edited in place
    async with sessions() as s:
        assert (await s.execute(select(User).where(User.id == kari.id))).first() is None


@pytest.mark.parametrize(
    "content",
    [
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "s",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
        {"document": {"file_id": "d", "file_unique_id": "d"}},
        {"location": {"latitude": 67.28, "longitude": 14.40}},
    ],
)
async def test_media_gets_a_friendly_reply_and_menu(bot, person, content):
    kari = person()
    [msg] = await kari.send(**content)
    assert "bare lese tekst" in msg.text
    assert any("Snakk med en ansatt" in b for b in msg.labels())


async def test_unknown_command(bot, person):
    ola = person("Ola", "en")
    [msg] = await ola.say("/weather")
    assert "don't know that command" in msg.text and msg.buttons


async def test_forged_or_old_button_is_inactive(bot, person):
    kari = person()
    [menu] = await kari.say("/start")
    good = menu.buttons[0][0]["callback_data"]
    forged = good.rsplit("|", 1)[0] + "|AAAAAAAA"
    [msg] = await kari.press_data(menu, forged)
    assert "ikke aktiv lenger" in msg.text and msg.buttons
    # Another user's signed button is not valid for this user either.
    ola = person("Ola")
    [own_menu] = await ola.say("/start")
    [msg] = await ola.press_data(own_menu, good)
    assert "ikke aktiv lenger" in msg.text


class Boom(Feature):
    name = "boom"

    def commands(self):
        return {"boom": self.boom, "long": self.long, "slow": self.slow, "echo": self.echo}

    async def boom(self, ctx):
        raise RuntimeError("handler crash for the test")

    async def long(self, ctx):
        return Outcome([Reply(("<b>Avsnitt</b> " + "ord " * 60 + "\n\n") * 60)])

    async def slow(self, ctx):
        await asyncio.sleep(1.0)
        return Outcome([Reply("slow done")])

    async def echo(self, ctx):
        return Outcome([Reply(f"echo {ctx.arg}")])


@pytest.fixture
async def boom_bot(emulator, db_url):
    b = BotUnderTest(make_config(emulator, db_url), extra_features=[Boom()])
    await b.start()
    yield b
    await b.stop()


async def test_handler_exception_apologises_and_bot_keeps_serving(boom_bot, person, caplog):
    kari, ola = person("Kari"), person("Ola", "en")
    await kari.emu.send_text(kari.user, "/boom secret words")
    [msg] = await kari.replies()
    assert "Beklager, noe gikk galt" in msg.text
    assert "secret words" not in caplog.text  # the message text is never logged
    assert "update" in caplog.text
    [msg] = await ola.say("/start")
    assert msg.text.startswith("Hi, Ola")


async def test_long_reply_is_split_below_4096(boom_bot, person):
    kari = person()
    msgs = await kari.say("/long", expect=4)
    assert len(msgs) >= 4  # ~15 400 characters
    assert all(len(m.text) <= 4096 for m in msgs)
    assert sum(m.text.count("Avsnitt") for m in msgs) == 60


async def test_users_run_concurrently_and_one_users_updates_stay_in_order(boom_bot, person):
    slow, quick = person("Slow"), person("Quick")
    await slow.emu.send_text(slow.user, "/slow")
    for i in range(5):
        await quick.emu.send_text(quick.user, f"/echo {i}")
    await quick.emu.wait_for(lambda: len(quick.messages) >= 3)
    assert not slow.messages  # still sleeping: the quick user did not wait for it
    # (the pacer lets three go at once to one chat, then one a second)
    await quick.emu.wait_for(lambda: len(quick.messages) == 5)
    assert [m.text for m in quick.messages] == [f"echo {i}" for i in range(5)]
    await slow.emu.wait_for(lambda: slow.messages, timeout=5)
    # Same user: a slow command then a quick one are answered in the order sent.
    await slow.emu.send_text(slow.user, "/slow")
    await slow.emu.send_text(slow.user, "/echo after")
    await slow.emu.wait_for(lambda: len(slow.messages) == 3, timeout=5)
    assert [m.text for m in slow.messages[1:]] == ["slow done", "echo after"]


async def test_commands_registered_in_bokmal_and_english(bot, emulator):
    nb = {c["command"]: c["description"] for c in emulator.commands["nb"]}
    en = {c["command"]: c["description"] for c in emulator.commands["en"]}
    assert {"start", "help", "sprak", "personvern", "mine_data", "slett"} <= set(nb)
    assert nb["slett"] == "Slett dine data" and en["slett"] == "Delete your data"
    assert None in emulator.commands  # default list for every other language
