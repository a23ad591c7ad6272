async def test_start_greets_in_bokmal_with_menu(bot, person):
    kari = person("Kari", "nb")
    [msg] = await kari.say("/start")
    assert "Hei, Kari" in msg.text
    assert "Snakk med en ansatt" in " ".join(msg.labels())
