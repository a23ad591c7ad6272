async def test_crisis_words_get_the_emergency_card_first(bot, person):
    kari = person()
    [msg] = await kari.say("jeg har ikke noe sted å sove i natt")
    assert "113" in msg.text and "112" in msg.text and "NAV" in msg.text
    assert "55 55 33 33" in msg.text
    assert any("Snakk med en ansatt" in b for b in msg.labels())


async def test_ordinary_words_do_not_trigger_the_card(bot, person):
    ola = person("Ola", "en")
    [msg] = await ola.say("where do I sleep better, on the left or right side")
    assert "113" not in msg.text
