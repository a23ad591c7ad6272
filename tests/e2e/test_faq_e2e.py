"""Questions in people's own words, through the real bot."""

from sqlalchemy import select

from bot.storage.models_faq_dialogs import FaqAnswerDay, FaqFeedback, FaqQuestion


async def test_confident_answer_in_the_users_language_with_feedback(bot, person):
    ola = person("Ola", "en")
    [msg] = await ola.say("how long can i stay at bolig nu")
    assert "3" in msg.text and "month" in msg.text.lower()
    assert "👍" in msg.labels() and "👎" in msg.labels()
    await ola.press("👍", msg)
    async with bot.runtime.sessions() as s:
        fb = await s.get(FaqFeedback, "bolignu-length")
        # counted on today's date in Oslo, for the desk's questions-per-day chart
        day = await s.get(FaqAnswerDay, bot.cfg.today())
    assert fb.answered == 1 and fb.helpful == 1
    assert day is not None and day.answered == 1


async def test_an_english_question_from_a_norwegian_phone_is_answered_in_english(bot, person):
    kari = person("Kari", "nb")
    [msg] = await kari.say("how long can i stay at bolig nu")
    assert "month" in msg.text and "måned" not in msg.text
    assert msg.text.splitlines()[0] == "<b>Answer to: How long can I stay?</b>"


async def test_a_ukrainian_question_is_answered_in_ukrainian(bot, person):
    oksana = person("Oksana", "nb")
    [msg] = await oksana.say("скільки коштує жити в Bolig Nu на місяць")
    assert msg.text.startswith("<b>Відповідь")
    assert sum("\u0400" <= ch <= "\u04ff" for ch in msg.text) > 40
    # A short reply keeps the phone's language: "ok" is not enough to tell.
    [msg] = await oksana.say("/help")
    assert "\u0456" not in msg.text


async def test_a_direct_answer_names_the_question_it_answers(bot, person):
    kari = person()
    [msg] = await kari.say("hva koster det å bo på bolig nu")
    assert msg.text.startswith("<b>Svar på: Hva koster det å bo på Bolig Nu?</b>")
    assert "👍" in msg.labels()


async def test_typos_still_find_the_answer(bot, person):
    kari = person()
    [msg] = await kari.say("kan studenter få bostotte")
    assert "student" in msg.text.lower() and "👍" in msg.labels()


async def test_no_match_says_so_offers_staff_and_stores_question_without_user(bot, person):
    kari = person()
    [msg] = await kari.say("hvem vant fotballkampen i går")
    assert "vet ikke svaret" in msg.text.lower() or "vet jeg dessverre ikke" in msg.text
    assert any("Snakk med en ansatt" in b for b in msg.labels())
    async with bot.runtime.sessions() as s:
        rows = (await s.execute(select(FaqQuestion))).scalars().all()
    assert [r.text for r in rows] == ["hvem vant fotballkampen i går"]
    assert not hasattr(rows[0], "user_id")


async def test_unsure_offers_up_to_three_choices(bot, person):
    kari = person()
    [msg] = await kari.say("bolig")
    assert "Mente du" in msg.text
    choices = [b for b in msg.labels() if "Meny" not in b and "ansatt" not in b]
    assert 1 <= len(choices) <= 3
    [answer] = await kari.press(choices[0], msg)
    assert "👍" in answer.labels()


async def test_reload_is_staff_only(bot, person):
    kari = person()
    [msg] = await kari.say("/reload")
    assert "ikke tilgjengelig" in msg.text
    staff = person("Sara")
    staff.user["id"] = staff.id = 42
    [msg] = await staff.say("/reload")
    assert "lest inn på nytt" in msg.text


async def test_the_meetup_answer_shows_the_next_meetup_staff_registered(bot, person, emulator):
    """Issue 12.6: the answer used to ask for a `meetup_info` that did not exist."""
    from tests.e2e.harness import Person
    from tests.e2e.test_reminders_e2e import STAFF_ID, _clock, _set_up_meetup
    from tests.test_reminders_support import oslo

    _clock(bot, oslo(2030, 1, 7, 10))  # a Monday
    kari = person("Kari")
    [before] = await kari.say("når er treffet for tidligere beboere")
    assert "Spør de ansatte om dag, tid og sted" in before.text
    await _set_up_meetup(Person(emulator, STAFF_ID, "Siri", "nb"))
    [msg] = await kari.say("når er treffet for tidligere beboere")
    assert "i morgen, tirsdag 08.01., kl. 18.00" in msg.text
    assert "Storgata 1, 2. etasje" in msg.text
