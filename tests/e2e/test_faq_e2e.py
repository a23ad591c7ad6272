"""Questions in people's own words, through the real bot."""

from sqlalchemy import select

from bot.storage.models_faq_dialogs import FaqFeedback, FaqQuestion


async def test_confident_answer_in_the_users_language_with_feedback(bot, person):
    ola = person("Ola", "en")
    [msg] = await ola.say("how long can i stay at bolig nu")
    assert "3" in msg.text and "month" in msg.text.lower()
    assert "👍" in msg.labels() and "👎" in msg.labels()
    await ola.press("👍", msg)
    async with bot.runtime.sessions() as s:
        fb = await s.get(FaqFeedback, "bolignu-length")
    assert fb.answered == 1 and fb.helpful == 1


async def test_question_matched_across_languages_answers_in_bokmal(bot, person):
    kari = person("Kari", "nb")
    [msg] = await kari.say("how long can i stay at bolig nu")
    assert "måned" in msg.text


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
