"""Staff flows and subscriber actions through the assistant (no Telegram), on a real database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.storage.models_reminders import Agreement, MeetupCancellation
from tests.test_reminders_support import (
    STAFF,
    FakeClock,
    add_meetup,
    button,
    oslo,
    text,
    world,
)

SUNDAY = oslo(2026, 12, 20, 10)


async def test_staff_sets_up_a_meetup_and_bad_input_is_reasked(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        out = await w.command(STAFF, "treff")
        assert "Ingen treff er satt opp" in text(out)
        out = await w.press(STAFF, button(out, "Nytt treff"))
        assert "Hvilken dag" in text(out)
        out = await w.say(STAFF, "en gang i uka")
        assert "skjønte ikke hvilken dag" in text(out) and "tirsdag 18" in text(out)
        out = await w.say(STAFF, "tirsdag 18")  # day and time at once
        assert "Hvor er treffet" in text(out)
        out = await w.say(STAFF, "Storgata 1 & co")
        out = await w.press(STAFF, button(out, "Hopp over"))
        assert "hver tirsdag kl. 18.00" in text(out) and "Storgata 1 &amp; co" in text(out)
        out = await w.press(STAFF, button(out, "Lagre"))
        assert "Treffet er lagret" in text(out)
        [m] = await w.feature.store.meetups()
        assert (m.weekday, m.at.hour, m.place, m.note) == (1, 18, "Storgata 1 & co", None)
        assert await w.feature.store.flow(STAFF) is None


async def test_a_flow_survives_a_restart(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        await w.press(STAFF, button(await w.command(STAFF, "treff"), "Nytt treff"))
        await w.say(STAFF, "onsdag")
    async with world(db_url, clock) as w:  # a new process: the flow is in the database
        out = await w.say(STAFF, "kl 17.30")
        assert "Hvor er treffet" in text(out)
        await w.say(STAFF, "Biblioteket")
        out = await w.say(STAFF, "Ta med matpakke")
        out = await w.press(STAFF, button(out, "Lagre"))
        [m] = await w.feature.store.meetups()
        assert (m.weekday, m.at.hour, m.at.minute, m.note) == (2, 17, 30, "Ta med matpakke")


async def test_free_text_belongs_to_the_faq_unless_a_flow_runs(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        await w.user(7)
        out = await w.say(7, "tirsdag 18")
        assert "skjønte ikke helt" in text(out)  # the assistant's fallback: not claimed here
        await w.press(STAFF, button(await w.command(STAFF, "treff"), "Nytt treff"))
        clock.advance(hours=3)  # abandoned: past reminders.flow_timeout_hours
        out = await w.say(STAFF, "tirsdag 18")
        assert "skjønte ikke helt" in text(out)
        assert await w.feature.store.flow(STAFF) is None


async def test_avbryt_ends_a_flow_and_saves_nothing(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        await w.press(STAFF, button(await w.command(STAFF, "treff"), "Nytt treff"))
        await w.say(STAFF, "tirsdag 18")
        out = await w.say(STAFF, "Avbryt")
        assert "Ingenting er lagret" in text(out)
        assert await w.feature.store.meetups() == []


async def test_non_staff_is_refused_commands_buttons_and_flows(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        for command in ("treff", "avtale"):
            out = await w.command(7, command)
            assert "ikke tilgjengelig for deg" in text(out)
        forged = w.assistant.signer.sign(7, "rtn")  # even a validly signed staff button
        out = await w.handle(7, kind="button", data=forged)
        assert "ikke tilgjengelig for deg" in text(out)
        # A flow left from when the user was staff is refused and dropped.
        await w.feature.store.save_flow(
            7, "meetup", "place", {"weekday": 1, "time": "18:00"}, clock.now()
        )
        out = await w.say(7, "Storgata 1")
        assert "ikke tilgjengelig for deg" in text(out)
        assert await w.feature.store.flow(7) is None and await w.feature.store.meetups() == []


async def test_cancel_one_date_and_undo(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        meetup = await add_meetup(w)  # Tuesdays
        out = await w.press(STAFF, button(await w.command(STAFF, "treff"), "Avlys en dato"))
        assert [b.label for b in out.replies[0].buttons[0]] == [
            "22.12.",
            "29.12.",
            "05.01.",
            "12.01.",
        ]
        out = await w.say(STAFF, "24.12")
        assert "tirsdager" in text(out)
        out = await w.say(STAFF, "15.12.2026")
        assert "15.12.2026 har allerede vært" in text(out)
        out = await w.say(STAFF, "29.12")
        assert "Avlyse treffet tirsdag 29.12. kl. 18.00" in text(out)
        out = await w.press(STAFF, button(out, "Ja, avlys"))
        assert "er avlyst" in text(out)
        assert await w.feature.store.cancelled(meetup, SUNDAY.date()) == {oslo(2026, 12, 29).date()}
        out = await w.press(STAFF, button(out, "Angre"))
        assert "Avlysningen er angret" in text(out)
        async with w.feature.store.sessions() as s:
            assert (await s.scalars(select(MeetupCancellation))).all() == []


async def test_edit_keeps_what_is_not_changed_and_delete_asks_first(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        meetup = await add_meetup(w, note="Middag")
        out = await w.press(STAFF, button(await w.command(STAFF, "treff"), "Endre 1"))
        out = await w.press(STAFF, button(out, "Behold: tirsdag"))
        out = await w.say(STAFF, "19")
        out = await w.press(STAFF, button(out, "Behold: Storgata"))
        out = await w.press(STAFF, button(out, "Behold: Middag"))
        await w.press(STAFF, button(out, "Lagre"))
        m = await w.feature.store.meetup(meetup)
        assert (m.weekday, m.at.hour, m.place, m.note) == (1, 19, "Storgata 1", "Middag")
        out = await w.press(STAFF, button(await w.command(STAFF, "treff"), "Slett 1"))
        assert "Vil du slette" in text(out)
        out = await w.press(STAFF, button(out, "Ja, slett"))
        assert "Treffet er slettet" in text(out)
        assert await w.feature.store.meetups() == []


async def test_agreement_flow_link_and_reminders(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        out = await w.press(STAFF, button(await w.command(STAFF, "avtale"), "Ny avtale"))
        assert "Ikke skriv navnet" in text(out)
        await w.say(STAFF, "Rom 3")
        out = await w.say(STAFF, "i dag")
        labels = [b.label for row in out.replies[0].buttons for b in row]
        assert "3 måneder etter start (20.03.2027)" in labels
        out = await w.say(STAFF, "i går")
        assert "19.12.2026 har allerede vært" in text(out)
        out = await w.say(STAFF, "15.04.2027")
        assert "mer enn 3 måneder" in text(out) and "20.03.2027" in text(out)
        out = await w.press(STAFF, button(out, "Ja, behold"))
        out = await w.say(STAFF, "hver 14. dag")
        assert "03.01.2027, 17.01.2027" in text(out)
        out = await w.press(STAFF, button(out, "Lagre"))
        saved = text(out)
        assert "Avtalen «Rom 3» er lagret" in saved
        code = saved.split("/start avt_")[1].split()[0]
        async with w.feature.store.sessions() as s:
            row = (await s.scalars(select(Agreement))).one()
            assert row.staff_id == STAFF and code not in (row.code_hash or "")
        out = await w.command(7, "start", "avt_" + code)
        assert "Nå får du påminnelser om bo- og oppfølgingsavtalen" in text(out)
        out = await w.command(8, "start", "avt_" + code)
        assert "virker ikke lenger" in text(out)
        out = await w.command(STAFF, "avtale")
        assert "«Rom 3»: 20.12.2026–15.04.2027. Neste gjennomgang: 03.01.2027. Koblet ✅" in text(
            out
        )
        clock.set(oslo(2027, 1, 1, 10, 0, 30))
        assert (await w.feature.sweep())["sent"] == 2
        assert "gjennomgås søndag 03.01.2027" in w.messenger.to(7)[0]
        # The resident can stop agreement reminders too.
        out = await w.command(7, "stopp")
        out = await w.press(7, button(out, "Stopp også"))
        assert await w.feature.store.linked_agreements(7) == []


async def test_expired_code_is_refused_and_a_new_link_works(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        await w.user(STAFF)
        aid = await w.feature.store.create_agreement(
            "B",
            SUNDAY.date(),
            SUNDAY.date() + timedelta(days=60),
            [],
            STAFF,
            "0" * 64,
            clock.now(),
            clock.now(),
        )
        out = await w.command(7, "start", "avt_whatever123")
        assert "virker ikke lenger" in text(out)
        out = await w.press(STAFF, button(await w.command(STAFF, "avtale"), "Ny lenke 1"))
        code = text(out).split("/start avt_")[1].split()[0]
        out = await w.command(7, "start", f"avt_{code}")
        assert "Nå får du påminnelser" in text(out)
        assert (await w.feature.store.agreement(aid)).linked


async def test_subscribe_from_menu_and_deep_link(db_url):
    clock = FakeClock(SUNDAY)
    async with world(db_url, clock) as w:
        out = await w.handle(7, kind="button", data=w.assistant.signer.sign(7, "m", "reminders"))
        assert "ingen treff satt opp" in text(out)
        meetup = await add_meetup(w)
        out = await w.command(7, "start", "meetup")
        assert "Nå får du påminnelser om treffet hver tirsdag kl. 18.00" in text(out)
        assert "Neste treff er tirsdag 22.12. kl. 18.00" in text(out)
        out = await w.handle(7, kind="button", data=w.assistant.signer.sign(7, "m", "reminders"))
        assert "du får påminnelser" in text(out)
        out = await w.press(7, button(out, "Meld av"))
        assert await w.feature.store.subscriptions(7) == set()
        out = await w.handle(
            8, kind="button", data=w.assistant.signer.sign(8, "m", "reminders"), lang="en"
        )
        out = await w.press(8, button(out, "Sign up"))
        assert "You will now get reminders" in text(out)
        assert await w.feature.store.subscriptions(8) == {meetup}
