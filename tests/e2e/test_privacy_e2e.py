"""Keep the least, end to end through the real PTB Application and the Bot API emulator:
/slett by staff and by an admin leaves no row in any table that refers to them, /personvern is
made from the config, and /statistikk shows unanswered questions only redacted."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.storage.models_faq_dialogs import FaqQuestion
from tests.e2e.harness import Person, running

ADMIN = 42  # bot.admin_ids of the e2e bot fixture
STAFF = 8_123_456_789  # far from any count or small id, so a match is a reference to them
BIG_ADMIN = 8_200_000_001
STAFF_ONLY = "Dette er dessverre ikke tilgjengelig for deg."
NONSENSE = "zqx blorp vindu"  # no FAQ entry matches this


def _mentions(value: Any, uid: int) -> bool:
    if value is None or isinstance(value, bool | float | date | datetime):
        return False
    if isinstance(value, int):
        return value == uid
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return re.search(rf"(?<!\d){uid}(?!\d)", text) is not None


async def rows_about(sessions: async_sessionmaker, uid: int) -> dict[str, int]:
    """Rows per table, in every table the database holds (reflected, not from our models),
    with a column holding ``uid`` (as a number, or inside a text or JSON value)."""
    found: dict[str, int] = {}
    async with sessions() as s:
        meta = MetaData()
        await (await s.connection()).run_sync(lambda conn: meta.reflect(conn))
        for table in meta.sorted_tables:
            for row in (await s.execute(select(table))).all():
                if any(_mentions(v, uid) for v in row):
                    found[table.name] = found.get(table.name, 0) + 1
    return found


async def test_slett_by_a_staff_member_removes_every_row_about_them(bot, emulator):
    admin = Person(emulator, ADMIN, "Siri", "nb")
    per = Person(emulator, STAFF, "Per", "nb")
    [added] = await admin.say(f"/ansatte {STAFF}")
    assert added.text.startswith(f"✅ {STAFF} er lagt til som ansatt.")

    # Per uses the bot as staff and as anyone: a tip subscription, an unsent tip draft, an
    # agreement he is responsible for, a staff flow left half-way, a screening in progress,
    # and a conversation with staff.
    await per.say("/start tips")
    await per.say("/tips")
    preview, choose = await per.say("Ledig hybel i Storgata 3", expect=2)
    assert "Storgata 3" in preview.text and "Hvem skal få det" in choose.text
    [msg] = await per.say("/avtale")
    [msg] = await per.press("Ny avtale", msg)
    await per.say("Rom 3")
    [msg] = await per.press("I dag", per.last_with_buttons())
    [msg] = await per.press("3 måneder etter start", msg)
    [msg] = await per.press("Hver 14. dag", msg)
    [msg] = await per.press("Lagre", msg)
    assert "start=avt_" in msg.text
    [msg] = await per.say("/avtale")
    await per.press("Ny avtale", msg)  # left half-way: a staff flow row
    [menu] = await per.say("/start")
    [question] = await per.press("Midlertidig bolig", menu)
    await per.press(question.labels()[0], question)
    [menu] = await per.say("/start")
    await per.press("Snakk med en ansatt", menu)
    [sent] = await per.say("Kan noen ringe meg?")
    assert "✅" in sent.text

    sessions = bot.runtime.sessions
    before = await rows_about(sessions, STAFF)
    assert set(before) >= {
        "users",
        "staff_members",
        "tip_subscriptions",
        "broadcasts",
        "agreements",
        "reminder_flows",
        "dialog_progress",
        "handover_threads",
    }, before

    [confirm] = await per.say("/slett")
    assert "Det kan ikke angres" in confirm.text
    assert "Du er ansatt. Sletter du alt, mister du tilgangen som ansatt med en gang" in (
        confirm.text
    )
    await per.press("Ja, slett alt", confirm)
    assert "er slettet" in confirm.text

    assert await rows_about(sessions, STAFF) == {}
    # The agreement stays (it is the resident's), its reminders now go to the staff chat.
    [msg] = await per.say("/statistikk")
    assert msg.text.startswith(STAFF_ONLY)
    [msg] = await per.say(NONSENSE)  # no tip draft is waiting for his text any more
    assert "Slik ser tipset ut" not in msg.text
    [listing] = await admin.say("/ansatte")
    assert "Ansatte lagt til her: 0." in listing.text


async def test_slett_by_an_admin_keeps_admin_access_and_no_row_about_them(emulator, db_url, person):
    async with running(emulator, db_url, bot={"admin_ids": [BIG_ADMIN]}) as b:
        admin = Person(emulator, BIG_ADMIN, "Siri", "nb")
        kari = person("Kari")
        await kari.say("/start tips")
        # The admin invites, adds staff, sends a tip (reported in her own chat: no staff
        # chat here) and leaves a second one as a draft.
        [listing] = await admin.say("/ansatte")
        [invite] = await admin.press("Lag invitasjonslenke", listing)
        link = re.search(r"start=(staff_[\w-]+)", invite.text)
        assert link is not None
        anna = person("Anna")
        await admin.say(f"/ansatte {anna.id}")
        await admin.say("/tips")
        _, choose = await admin.say("Ledig hybel i Storgata 3", expect=2)
        await admin.press("Alle som abonnerer (1)", choose)  # edited in place
        await admin.press("Send til 1", choose)
        tip = await kari.replies()
        assert any("Storgata 3" in m.text for m in tip)
        await admin.say("/tips")
        await admin.say("Ledig leilighet i Havnegata 1", expect=2)

        sessions = b.runtime.sessions
        before = await rows_about(sessions, BIG_ADMIN)
        assert set(before) >= {"users", "staff_invites", "staff_members", "broadcasts"}, before

        [confirm] = await admin.say("/slett")
        assert "Du er administrator i oppsettet (bot.admin_ids)" in confirm.text
        assert "ikke administratortilgangen" in confirm.text
        await admin.press("Ja, slett alt", confirm)
        assert "er slettet" in confirm.text

        assert await rows_about(sessions, BIG_ADMIN) == {}
        # She is still admin (the config says so); what she did for others still works.
        [stats] = await admin.say("/statistikk")
        assert stats.text.startswith("📊")
        assert (
            "Siste tips:" in stats.text and "• ingen ennå" not in stats.text.split("Siste tips:")[1]
        )
        [msg] = await anna.say("/statistikk")
        assert msg.text.startswith("📊")
        bob = person("Bob")
        [welcome] = await bob.say(f"/start {link[1]}")
        assert welcome.text.startswith("✅ Velkommen! Du har nå tilgang som ansatt.")
        [msg] = await admin.say(NONSENSE)  # her draft is gone
        assert "Slik ser tipset ut" not in msg.text


def _personvern(messages) -> str:
    return "\n".join(m.text for m in messages)


async def test_personvern_is_made_from_the_config(emulator, db_url, person):
    kari, john = person("Kari", "nb"), person("John", "en")
    async with running(emulator, db_url):
        default = _personvern(await kari.say("/personvern", expect=2))
        default_en = _personvern(await john.say("/personvern", expect=2))
    assert "Dette lagrer jeg om deg, hvor lenge og hvorfor" in default
    assert "ikke har brukt meg på 365 dager" in default
    assert "Hvor lenge: 30 dager." in default  # unanswered questions, redacted
    assert "etter 24 timer uten svar" in default
    assert "snakker med en ansatt" not in default  # no staff chat configured: nothing kept
    assert "uten navn eller ID" not in default.replace("Tall uten navn eller ID", "")
    assert "until you have not used me for 365 days" in default_en

    changed = {
        "privacy": {"inactive_user_days": 200, "audit_days": 120},
        "faq": {"unanswered_retention_days": 14},
        "dialogs": {"abandon_after_hours": 6},
        "handover": {"keep_closed_days": 9},
        "bot": {"staff_chat_id": -100},
    }
    async with running(emulator, db_url, **changed):
        text = _personvern(await kari.say("/personvern", expect=2))
        text_en = _personvern(await john.say("/personvern", expect=2))
    assert "ikke har brukt meg på 200 dager" in text and "365" not in text
    assert "Hvor lenge: 14 dager." in text
    assert "etter 6 timer uten svar" in text
    # The conversation's text (which the staff desk shows) while the case is open, at most the
    # closed-case period; deleted within 3 days of closing; the case itself 9 days after.
    assert "mens saken er åpen, men høyst 9 dager" in text
    assert "slettes innen 3 dager etter at saken er lukket" in text
    assert "lagres til 9 dager etter at den er lukket" in text
    assert "until you have not used me for 200 days" in text_en
    assert "How long: 14 days." in text_en
    # The audit log of staff actions: its period, and that /slett keeps the rows without the id.
    assert "Hvor lenge: 120 dager. Skriver du /slett, blir radene liggende" in text
    assert "How long: 120 days. If you write /slett, the rows stay" in text_en


async def test_statistikk_shows_unanswered_questions_only_redacted(bot, person, emulator):
    kari = person("Kari")
    question = f"{NONSENSE}? Jeg heter Kari Nordmann, ring 412 34 567"
    await kari.say(question)
    async with bot.runtime.sessions() as s:
        stored = (await s.scalars(select(FaqQuestion.text))).all()
    assert stored == [f"{NONSENSE}? Jeg heter [navn], ring [telefon]"]
    admin = Person(emulator, ADMIN, "Siri", "nb")
    [stats] = await admin.say("/statistikk")
    assert f"• {NONSENSE}? jeg heter [navn], ring [telefon] (1)" in stats.text
    for private in ("Kari", "Nordmann", "412 34 567"):
        assert private not in stats.text
