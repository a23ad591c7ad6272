"""The real `boligbot run` logs structured lines, and at INFO nothing a person wrote."""

from __future__ import annotations

import json

from tests.e2e.emulator import BotApiEmulator
from tests.e2e.harness import Person
from tests.e2e.processes import polling, start_bot, stop, until

TOKEN = "987654:LOGS-token-e2e"
STAFF_CHAT = -100
ADMIN = 42

# What people type, each with words no log line has any other reason to hold.
TYPED = [
    "Hvordan søker jeg kommunal bolig når hunden Fidolin bor hos meg?",
    "Hvem vinner Zebrafinkecupen i Mallorcahåndball?",
    "Де я можу отримати житло, Світлячок?",
    "Jeg har ikke noe sted å sove i natt, jeg står ved Knurrestasjonen",
]
TO_STAFF = "Personnummeret mitt er 01017012345 og jeg heter Trulsemann"
FROM_STAFF = "Vi ringer deg i morgen, Trulsemann, om leiligheten i Blåbærlia"
MARKERS = [
    "Fidolin",
    "Zebrafinkecupen",
    "Mallorcahåndball",
    "Світлячок",
    "Knurrestasjonen",
    "01017012345",
    "Trulsemann",
    "Blåbærlia",
]


async def test_info_logs_are_json_and_hold_nothing_a_person_wrote(tmp_path):
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    config = (
        f"[bot]\nadmin_ids = [{ADMIN}]\nstaff_chat_id = {STAFF_CHAT}\n"
        '[logging]\nlevel = "INFO"\nformat = "json"\n'
        "[broadcast]\nchat_burst = 30"
    )
    proc = await start_bot(tmp_path, emu, config)
    try:
        await until(proc, polling(emu))
        kari = Person(emu, 5101, "Kari", "nb")
        [menu] = await kari.say("/start")
        for text in TYPED:
            assert await kari.say(text)
        [ask] = await kari.press("Snakk med en ansatt", menu)
        assert "💬" in ask.text
        [sent] = await kari.say(TO_STAFF)
        assert "✅" in sent.text
        [post] = await emu.wait_for(lambda: emu.chats.get(STAFF_CHAT))
        assert TO_STAFF in post.text  # it reached the staff chat, and no log
        staff = {"id": ADMIN, "is_bot": False, "first_name": "Siri", "language_code": "nb"}
        group = {"id": STAFF_CHAT, "type": "supergroup", "title": "Staff"}
        await emu.send_text(staff, FROM_STAFF, chat=group, reply_to=post)
        [answer] = await kari.replies()
        assert FROM_STAFF in answer.text
        out, logs = await stop(proc)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await emu.stop()
    assert proc.returncode == 0
    records = [json.loads(line) for line in logs.splitlines() if line.strip()]
    assert any(r["msg"] == "starting on Telegram (polling mode)" for r in records)
    assert all({"time", "level", "logger", "msg"} <= r.keys() for r in records)
    assert {r["level"] for r in records} <= {"INFO", "WARNING", "ERROR", "CRITICAL"}
    everything = logs + out
    for text in [*TYPED, TO_STAFF, FROM_STAFF, *MARKERS]:
        assert text not in everything
        # JSON escapes nothing here (ensure_ascii=False), but check the escaped form too.
        assert json.dumps(text)[1:-1] not in everything
    assert TOKEN not in everything
