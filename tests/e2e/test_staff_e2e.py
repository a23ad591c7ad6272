"""Staff tools end to end: talking to staff through the staff group chat, roles and invites,
forged buttons, and /statistikk, through the real PTB Application and the Bot API emulator."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.storage.models_handover import HandoverThread
from tests.e2e.emulator import ApiError, BotApiEmulator, SentMessage
from tests.e2e.harness import Person, running

ADMIN_ID = 42  # bot.admin_ids of the e2e bot fixture
STAFF_CHAT_ID = -100  # bot.staff_chat_id of the e2e bot fixture
STAFF_CHAT = {"id": STAFF_CHAT_ID, "type": "supergroup", "title": "Staff"}
STAFF_BOT = {"admin_ids": [ADMIN_ID], "staff_chat_id": STAFF_CHAT_ID}
OFFICE = {
    "name": "Boligkontoret i Testvik",
    "phone": "75 55 00 00",
    "email": "bolig@testvik.kommune.no",
    "hours": "mandag–fredag 08.00–15.30",
}
ALWAYS_OPEN = {"opening_days": [0, 1, 2, 3, 4, 5, 6], "opens": "00:00", "closes": "23:59:59.999999"}

STAFF_ONLY = "Dette er dessverre ikke tilgjengelig for deg."
INACTIVE = "Den knappen er ikke aktiv lenger."
UNKNOWN = "Det vet jeg dessverre ikke svaret på."
NONSENSE = "zqx blorp vindu"  # no FAQ entry matches this
SENT_FIRST = "✅ Sendt til de ansatte. Svaret kommer her."
SENT = "✅ Sendt til de ansatte."
CLOSED_BY_STAFF = "De ansatte har avsluttet samtalen."
CASE_CLOSED = "Denne saken er lukket."
STATS_TITLE = "📊 <b>Statistikk</b>"
PHOTO = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]


class StaffMember(Person):
    """A member of the staff group chat: writes there (often as a reply to one of the bot's
    posts) and reads what the bot posts there. Members of one test share what they have read."""

    def __init__(
        self,
        emu: BotApiEmulator,
        user_id: int,
        first_name: str,
        read: dict[str, int],
        language: str = "nb",
    ):
        self.emu = emu
        self.user = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language,
        }
        self.id = user_id
        self._read = read

    @property
    def seen(self) -> int:  # type: ignore[override]
        return self._read["seen"]

    @seen.setter
    def seen(self, value: int) -> None:
        self._read["seen"] = value

    @property
    def messages(self) -> list[SentMessage]:
        return self.emu.chats.get(STAFF_CHAT_ID, [])

    async def write(self, text: str, reply_to: SentMessage | None = None) -> int:
        """Send ``text`` in the staff chat without waiting; returns its message id."""
        update = await self.emu.send_text(self.user, text, chat=STAFF_CHAT, reply_to=reply_to)
        return update["message"]["message_id"]

    async def say(self, text: str, reply_to: SentMessage | None = None) -> list[SentMessage]:
        """Write in the staff chat and return the bot's new posts there once it has answered."""
        await self.write(text, reply_to)
        return await self.replies()

    async def send_media(self, reply_to: SentMessage, **content: Any) -> int:
        """Send a photo, sticker ... in the staff chat as a reply to ``reply_to``."""
        content["reply_to_message"] = {
            "message_id": reply_to.message_id,
            "date": 0,
            "chat": STAFF_CHAT,
        }
        update = await self.emu.push_update(self.emu.user_message(self.user, STAFF_CHAT, **content))
        return update["message"]["message_id"]


@pytest.fixture
def member(emulator):
    read = {"seen": 0}

    def make(user_id: int, first_name: str = "Siri") -> StaffMember:
        return StaffMember(emulator, user_id, first_name, read)

    return make


@pytest.fixture
async def office_bot(emulator, db_url):
    """The e2e bot with a named office that is always open (no closed-office notice)."""
    async with running(emulator, db_url, bot=STAFF_BOT, office={**OFFICE, **ALWAYS_OPEN}) as b:
        yield b


# --- helpers ---------------------------------------------------------------------------------


def data_of(msg: SentMessage, label: str) -> str:
    data = next(
        (
            b["callback_data"]
            for row in msg.buttons
            for b in row
            if label.lower() in b["text"].lower() and "callback_data" in b
        ),
        None,
    )
    assert data is not None, f"no button {label!r} in {msg.labels()}"
    return data


async def press_data(p: Person, msg: SentMessage, data: str) -> list[SentMessage]:
    """Press a button and wait until the bot has answered in that chat (a new message or an
    edit); return the new messages."""
    before = p.snapshot()
    await p.emu.press(p.user, msg, data)
    await p.emu.wait_for(lambda: p.snapshot() != before)
    return await p.replies(allow_none=True)


async def press(p: Person, label: str, msg: SentMessage | None = None) -> list[SentMessage]:
    msg = msg or p.last_with_buttons()
    return await press_data(p, msg, data_of(msg, label))


def notice(emu: BotApiEmulator) -> str | None:
    """The toast of the latest answered button press."""
    return emu.callback_answers[-1].get("text")


def labels(msg: SentMessage) -> str:
    return " | ".join(msg.labels())


def case_of(post: SentMessage) -> int:
    found = re.search(r"sak (\d+)", post.text)
    assert found, post.text
    return int(found[1])


async def open_thread(
    resident: Person, text: str, staff: StaffMember, talk: str = "Snakk med en ansatt"
) -> SentMessage:
    """The resident presses "talk to staff" in the menu and writes ``text``; returns the post
    that appeared in the staff chat."""
    [menu] = await resident.say("/start")
    [ask] = await press(resident, talk, menu)
    assert "💬" in ask.text and ask.buttons  # the request to write, with a cancel button
    [sent] = await resident.say(text)
    assert "✅" in sent.text
    [post] = await staff.replies()
    return post


# --- 1. the handover round trip --------------------------------------------------------------


async def test_handover_round_trip_closed_with_the_button(office_bot, person, member, emulator):
    kari, siri = person("Kari", "nb"), member(ADMIN_ID, "Siri")
    [menu] = await kari.say("/start")
    [ask] = await press(kari, "Snakk med en ansatt", menu)
    assert ask.text.startswith("💬 Skriv meldingen din til de ansatte i én melding.")
    assert "Kontoret er stengt" not in ask.text
    assert "Avbryt" in labels(ask)

    [sent] = await kari.say("Når kan jeg flytte inn?")
    assert sent.text.startswith(SENT_FIRST) and "Kontoret er stengt" not in sent.text
    assert "Avslutt samtalen" in labels(sent)
    [post] = await siri.replies()
    assert post.text.startswith("💬 <b>Kari</b> (norsk (bokmål)) · sak ")
    assert post.text.endswith("\n\nNår kan jeg flytte inn?")
    assert "Lukk saken" in labels(post)
    case = case_of(post)

    answer_id = await siri.write("Du kan flytte inn fredag kl. 12.", reply_to=post)
    [answer] = await kari.replies()
    assert answer.text == (
        "💬 <b>Svar fra Boligkontoret i Testvik:</b>\nDu kan flytte inn fredag kl. 12."
    )
    assert "Avslutt samtalen" in labels(answer)
    assert await siri.replies(allow_none=True) == []  # nothing echoed in the group

    # A colleague's comment on that answer stays among staff. Siri's next command is handled
    # after the comment (one person's updates are handled in order), so Kari would have it by then.
    await siri.write("Husk å gi henne nøkkelen", reply_to=SentMessage(STAFF_CHAT_ID, answer_id, ""))
    [how] = await siri.say("/lukk")
    assert how.text.startswith("Svar på en melding i saken med /lukk")
    assert await kari.replies(allow_none=True) == []

    # While the conversation is open even a question the FAQ knows goes to staff.
    [sent] = await kari.say("hva koster hybel")
    assert sent.text == SENT and "👍" not in labels(sent)
    [post2] = await siri.replies()
    assert case_of(post2) == case and post2.text.endswith("\n\nhva koster hybel")
    await siri.write("300 kroner natta.", reply_to=post2)
    [answer] = await kari.replies()
    assert answer.text.endswith("\n300 kroner natta.")

    [closed] = await press(siri, "Lukk saken", post)
    assert closed.text == f"Sak {case} er lukket av Siri."
    assert notice(emulator) == "Saken er lukket"
    [told] = await kari.replies()
    assert told.text.startswith(CLOSED_BY_STAFF)
    assert "Meny" in labels(told)

    # The next free text goes to the FAQ again, not to staff.
    [faq] = await kari.say("hva koster hybel")
    assert "👍" in labels(faq)
    assert await siri.replies(allow_none=True) == []
    [msg] = await press(kari, "Meny", told)
    assert "Hva vil du gjøre?" in msg.text

    # Closing again, or answering in the closed case, tells staff so; nothing reaches Kari.
    [again] = await press(siri, "Lukk saken", post2)
    assert again.text == CASE_CLOSED and notice(emulator) == CASE_CLOSED
    sent_id = await siri.write("Glemte en ting", reply_to=post)
    [late] = await siri.replies()
    assert late.text == CASE_CLOSED and late.reply_to == sent_id
    assert await kari.replies(allow_none=True) == []


async def test_staff_added_at_run_time_answers_and_closes_with_lukk(
    office_bot, person, member, emulator
):
    admin = Person(emulator, ADMIN_ID, "Siri", "nb")
    per = member(5005, "Per")
    [added] = await admin.say(f"/ansatte {per.id}")
    assert f"✅ {per.id} er lagt til som ansatt." in added.text

    john = person("John", "en")
    [menu] = await john.say("/start")
    [ask] = await press(john, "Talk to staff", menu)
    assert ask.text.startswith("💬 Write your message to the staff in one message.")
    [sent] = await john.say("Where do I pick up the keys?")
    assert sent.text.startswith("✅ Sent to the staff. The answer will come here.")
    [post] = await per.replies()
    assert post.text.startswith("💬 <b>John</b> (engelsk) · sak ")  # the staff chat's language
    case = case_of(post)

    await per.write("At the office, Storgata 1.", reply_to=post)
    [answer] = await john.replies()
    assert (
        answer.text == "💬 <b>Answer from Boligkontoret i Testvik:</b>\nAt the office, Storgata 1."
    )
    assert "End the conversation with staff" in labels(answer)

    # A staff member replying to the staff reply also reaches John (it belongs to the case).
    [sent] = await john.say("Thanks, and when?")
    assert sent.text == "✅ Sent to the staff."
    [post2] = await per.replies()
    assert post2.text.endswith("\n\nThanks, and when?")

    [how] = await per.say("/lukk")  # neither a reply nor a case number
    assert how.text.startswith("Svar på en melding i saken med /lukk")
    [closed] = await per.say("/lukk@boligbot_test_bot", reply_to=post2)
    assert closed.text == f"Sak {case} er lukket av Per."
    [told] = await john.replies()
    assert told.text.startswith("The staff have ended the conversation.")
    [faq] = await john.say(NONSENSE)
    assert faq.text.startswith("Sorry, I don't know the answer to that.")
    assert await per.replies(allow_none=True) == []


async def test_staff_close_a_case_by_number_from_a_private_chat(
    office_bot, person, member, emulator
):
    kari, siri = person("Kari"), member(ADMIN_ID)
    admin = Person(emulator, ADMIN_ID, "Siri", "nb")
    await kari.say("/start")
    async with office_bot.runtime.sessions() as s:  # a busy office: case numbers in thousands
        now = datetime.now(UTC)
        s.add(
            HandoverThread(id=4321, user_id=kari.id, status="asking", opened_at=now, updated_at=now)
        )
        await s.commit()
    post = await open_thread(kari, "Hei", siri)
    assert "· sak 4321 ·" in post.text  # written as staff will type it, without a space
    case = case_of(post)
    [closed] = await admin.say(f"/lukk {case}")
    assert closed.text == f"Sak {case} er lukket av Siri."
    [told] = await kari.replies()
    assert told.text.startswith(CLOSED_BY_STAFF)
    [again] = await admin.say(f"/lukk {case}")
    assert again.text == CASE_CLOSED


async def test_resident_ends_the_conversation_with_the_button_or_a_word(office_bot, person, member):
    kari, siri = person("Kari"), member(ADMIN_ID)
    post = await open_thread(kari, "Jeg trenger hjelp med husleia", siri)
    case = case_of(post)
    first_end_button = kari.last_with_buttons()
    await siri.write("Vi ringer deg i morgen.", reply_to=post)
    [answer] = await kari.replies()

    [done] = await press(kari, "Avslutt samtalen", answer)
    assert done.text.startswith("Samtalen med de ansatte er avsluttet. Nå svarer jeg igjen selv.")
    assert "Snakk med en ansatt" in labels(done)  # the menu
    [note] = await siri.replies()
    assert note.text == f"Kari avsluttet samtalen (sak {case})."
    [faq] = await kari.say(NONSENSE)
    assert faq.text.startswith(UNKNOWN)
    [late] = await siri.say("Hallo?", reply_to=post)
    assert late.text == CASE_CLOSED
    assert await kari.replies(allow_none=True) == []

    # A new conversation: the old thread's end button does not end it; typing "avslutt" does.
    post = await open_thread(kari, "Ett spørsmål til", siri)
    assert case_of(post) != case
    [msg] = await press(kari, "Avslutt samtalen", first_end_button)
    assert msg.text.startswith("Denne samtalen er allerede avsluttet.")
    [sent] = await kari.say("Er dere der?")
    assert sent.text == SENT
    [post2] = await siri.replies()
    assert post2.text.endswith("\n\nEr dere der?")
    [done] = await kari.say("Avslutt")
    assert done.text.startswith("Samtalen med de ansatte er avsluttet.")
    [note] = await siri.replies()
    assert note.text == f"Kari avsluttet samtalen (sak {case_of(post)})."


async def test_html_in_names_and_messages_is_escaped_and_arrives_intact(office_bot, person, member):
    kari, siri = person("<Kari & Co>"), member(ADMIN_ID)
    text = "<b>hei</b> & co <3"
    post = await open_thread(kari, text, siri)
    header, body = post.text.split("\n\n", 1)
    assert header.startswith("💬 <b>&lt;Kari &amp; Co&gt;</b> (")
    assert body == "&lt;b&gt;hei&lt;/b&gt; &amp; co &lt;3"
    assert html.unescape(body) == text

    reply = "<i>ok</i> & takk, vi sees <kl. 10>"
    await siri.write(reply, reply_to=post)
    [answer] = await kari.replies()
    shown = answer.text.split("\n", 1)[1]
    assert "<i>" not in shown and html.unescape(shown) == reply

    await kari.say("avslutt")
    [note] = await siri.replies()
    assert note.text.startswith("&lt;Kari &amp; Co&gt; avsluttet samtalen")


async def test_cancel_before_writing_and_media_while_talking(office_bot, person, member):
    kari, siri = person("Kari"), member(ADMIN_ID)
    [menu] = await kari.say("/start")
    [ask] = await press(kari, "Snakk med en ansatt", menu)
    [msg] = await press(kari, "Avbryt", ask)
    assert msg.text.startswith("Greit, jeg sendte ingenting.") and "Snakk med en ansatt" in labels(
        msg
    )
    [faq] = await kari.say(NONSENSE)
    assert faq.text.startswith(UNKNOWN)
    assert siri.messages == []

    await open_thread(kari, "Jeg har et bilde av brevet", siri)
    [msg] = await kari.send(photo=PHOTO)
    assert msg.text.startswith("Jeg kan bare sende tekst videre til de ansatte.")
    assert await siri.replies(allow_none=True) == []
    [msg] = await kari.say("/mine_data")
    assert "Du har en åpen samtale med de ansatte" in msg.text


async def test_the_faq_talk_to_staff_button_opens_a_conversation(office_bot, person, member):
    kari, siri = person("Kari"), member(ADMIN_ID)
    [faq] = await kari.say(NONSENSE)
    [ask] = await press(kari, "Snakk med en ansatt", faq)
    assert ask.text.startswith("💬 Skriv meldingen din")
    [sent] = await kari.say(NONSENSE)
    assert sent.text.startswith(SENT_FIRST)
    [post] = await siri.replies()
    assert post.text.endswith(NONSENSE)


async def test_staff_media_replies_are_not_passed_off_as_answers(office_bot, person, member):
    kari, siri, eve = person("Kari"), member(ADMIN_ID), member(6666, "Eve")
    post = await open_thread(kari, "Kan dere sende meg et kart?", siri)
    for content in (
        {"photo": PHOTO},
        {"photo": PHOTO, "caption": "Her er kartet"},
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
    ):
        sent = await siri.send_media(post, **content)
        [hint] = await siri.replies()
        assert (
            hint.text.startswith("Bare tekst kommer fram til personen.") and hint.reply_to == sent
        ), content
    await eve.send_media(post, photo=PHOTO)
    [refused] = await eve.replies()
    assert refused.text == STAFF_ONLY
    assert await kari.replies(allow_none=True) == []
    await siri.write("Kartet ligger på nettsiden vår.", reply_to=post)
    [answer] = await kari.replies()
    assert answer.text.endswith("\nKartet ligger på nettsiden vår.")


async def test_delivery_problems_are_reported_to_the_side_that_can_act(
    office_bot, person, member, emulator
):
    kari, siri = person("Kari"), member(ADMIN_ID)
    [menu] = await kari.say("/start")
    await press(kari, "Snakk med en ansatt", menu)

    # The bot was removed from the staff chat: Kari is given the phone number, nothing is lost.
    def kicked(method: str, params: dict) -> ApiError | None:
        if method == "sendMessage" and params.get("chat_id") == STAFF_CHAT_ID:
            return ApiError(403, "Forbidden: bot was kicked from the supergroup chat")
        return None

    emulator.fault = kicked
    sent, failed = await kari.say("Hei, jeg trenger hjelp", expect=2)
    assert sent.text.startswith(SENT_FIRST)  # queued; the outbox tells her when it fails
    assert failed.text.startswith(
        "Beklager, jeg fikk ikke sendt meldingen din til de ansatte. "
        "Ta kontakt med Boligkontoret i Testvik: telefon 75 55 00 00."
    )
    emulator.fault = None
    [sent] = await kari.say("Hei igjen, jeg trenger hjelp")
    assert sent.text.startswith("✅ Sendt til de ansatte.")
    [post] = await siri.replies()
    assert post.text.endswith("Hei igjen, jeg trenger hjelp")
    case = case_of(post)

    # Kari's chat fails twice for a moment: the outbox tries again on its own; staff need not.
    failures = [ApiError(500, "Internal Server Error"), ApiError(502, "Bad Gateway")]

    def flaky(method: str, params: dict) -> ApiError | None:
        if method == "sendMessage" and params.get("chat_id") == kari.id and failures:
            return failures.pop(0)
        return None

    emulator.fault = flaky
    await siri.write("Vi ringer deg.", reply_to=post)
    [answer] = await kari.replies()
    assert answer.text.endswith("\nVi ringer deg.")
    assert failures == [] and siri.messages[-1] is post  # no word to staff: it got there

    # A request Telegram refuses for good is not retried, and staff are told it did not arrive.
    def refused(method: str, params: dict) -> ApiError | None:
        if method == "sendMessage" and params.get("chat_id") == kari.id:
            return ApiError(400, "Bad Request: message is too long")
        return None

    emulator.fault = refused
    [undelivered] = await siri.say("Her er et langt svar.", reply_to=post)
    assert undelivered.text.startswith("Svaret kom ikke fram etter flere forsøk.")
    emulator.fault = None

    # Kari blocked the bot: staff are told and the case is closed.
    emulator.blocked.add(kari.id)
    [blocked] = await siri.say("Er du der?", reply_to=post)
    assert blocked.text == "Kunne ikke levere: personen har blokkert boten. Saken er lukket."
    emulator.blocked.discard(kari.id)
    [faq] = await kari.say(NONSENSE)
    assert faq.text.startswith(UNKNOWN)
    [again] = await siri.say("/lukk", reply_to=post)
    assert again.text == CASE_CLOSED
    assert case_of(post) == case


async def test_talk_to_staff_pressed_long_ago_lets_the_faq_answer(office_bot, person, member):
    kari, siri = person("Kari"), member(ADMIN_ID)
    handover = office_bot.runtime.assistant.feature("handover")
    [menu] = await kari.say("/start")
    await press(kari, "Snakk med en ansatt", menu)
    later = datetime.now(UTC) + timedelta(hours=3)  # handover.ask_timeout_hours is 2
    handover.now = lambda: later
    [faq] = await kari.say(NONSENSE)
    assert faq.text.startswith(UNKNOWN)
    assert siri.messages == []


# --- 2. outside opening hours ----------------------------------------------------------------


async def test_outside_opening_hours_says_when_and_what_to_do_in_an_emergency(
    emulator, db_url, person, member
):
    nav = {"after_hours": "ring legevakten på 116 117", "national_phone": "55 55 33 33"}
    async with running(
        emulator, db_url, bot=STAFF_BOT, office={**OFFICE, "opening_days": []}, nav=nav
    ):
        kari, siri = person("Kari"), member(ADMIN_ID)
        [menu] = await kari.say("/start")
        [ask] = await press(kari, "Snakk med en ansatt", menu)
        card, sent = await kari.say(
            "Jeg har ikke noe sted å sove", expect=2
        )  # crisis words: the card too
        assert "113" in card.text
        for text in (ask.text, sent.text):
            assert "🕑 Kontoret er stengt nå." in text
            assert "vi svarer når vi åpner igjen, mandag–fredag 08.00–15.30." in text
            assert (
                "Ring <b>113</b> hvis noen er syke eller skadet, <b>112</b> for politiet." in text
            )
            assert "Har du ikke et sted å sove i natt: ring legevakten på 116 117." in text
            assert "NAV: 55 55 33 33." in text
        [post] = await siri.replies()  # the message still reaches the staff chat
        assert post.text.endswith("Jeg har ikke noe sted å sove")


async def test_closed_today_names_the_next_opening_in_english(emulator, db_url, person, member):
    now = datetime.now(UTC)
    local = now.astimezone(ZoneInfo("Europe/Oslo"))
    day = (local.weekday() + 2) % 7  # open only the day after tomorrow, 10–11
    office = {**OFFICE, "opening_days": [day], "opens": "10:00", "closes": "11:00"}
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[day]
    async with running(
        emulator,
        db_url,
        bot=STAFF_BOT,
        office=office,
        nav={"after_hours": "call the emergency clinic, 116 117"},
    ) as b:
        b.runtime.assistant.feature("handover").now = lambda: now
        john = person("John", "en")
        [menu] = await john.say("/start")
        [ask] = await press(john, "Talk to staff", menu)
        assert "The office is closed now." in ask.text
        assert f"we'll answer when we open again, {weekday} at 10.00." in ask.text
        assert "Opening hours: mandag–fredag 08.00–15.30." in ask.text
        assert "Call <b>113</b>" in ask.text and "<b>112</b> for the police" in ask.text
        assert "nowhere to sleep tonight: call the emergency clinic, 116 117." in ask.text


# --- 3. no staff chat ------------------------------------------------------------------------


async def test_without_a_staff_chat_talk_to_staff_gives_the_office_contact(
    emulator, db_url, person
):
    async with running(emulator, db_url, bot={"admin_ids": [ADMIN_ID]}, office=OFFICE):
        kari = person("Kari")
        [menu] = await kari.say("/start")
        [msg] = await press(kari, "Snakk med en ansatt", menu)
        assert msg.text.startswith(
            "Du kan ikke skrive til de ansatte her i chatten. Ta kontakt med Boligkontoret i "
            "Testvik direkte: telefon 75 55 00 00, e-post bolig@testvik.kommune.no. Åpent: "
            "mandag–fredag 08.00–15.30."
        )
        assert "Hva vil du gjøre?" in msg.text
        assert "Still et spørsmål" in labels(msg) and "Snakk med en ansatt" in labels(msg)
        # No conversation was started: free text is answered by the FAQ, whose staff button
        # gives the contact again.
        [faq] = await kari.say(NONSENSE)
        assert faq.text.startswith(UNKNOWN)
        [msg] = await press(kari, "Snakk med en ansatt", faq)
        assert "telefon 75 55 00 00" in msg.text and msg.buttons
        assert set(emulator.chats) == {kari.id}  # nothing was sent anywhere else


# --- 4. roles --------------------------------------------------------------------------------


async def test_non_staff_get_not_available_for_every_staff_command(bot, person, member, emulator):
    commands = sorted(bot.runtime.assistant._staff_commands)
    assert {"ansatt", "ansatte", "statistikk", "lukk", "tips"} <= set(commands)
    kari, siri = person("Kari"), member(ADMIN_ID)
    case = case_of(await open_thread(kari, "Hjelp med søknaden", siri))
    ola, control = person("Ola"), person("Kontroll")
    for name in commands:
        for text in (f"/{name}", f"/{name} {ola.id}", f"/{name} {case}"):
            [msg] = await ola.say(text)
            assert msg.text.startswith(STAFF_ONLY), text
            assert "Snakk med en ansatt" in labels(msg), text  # the menu: never a dead end

    # Nothing staff-only happened: no tip draft or staff flow waits for Ola's text ...
    [msg] = await ola.say("Ledig hybel i Storgata 3")
    [same] = await control.say("Ledig hybel i Storgata 3")
    assert (msg.text, msg.labels()) == (same.text, same.labels())
    # ... Ola was not added as staff and Kari's case was not closed ...
    [msg] = await ola.say("/mine_data")
    assert "registrert som ansatt" not in msg.text
    [sent] = await kari.say("Er dere der?")
    assert sent.text == SENT
    # ... and the staff chat holds only Kari's two posts.
    assert [case_of(m) for m in siri.messages] == [case, case]
    admin = Person(emulator, ADMIN_ID, "Siri", "nb")
    [listing] = await admin.say("/ansatte")
    assert "Ansatte lagt til her: 0." in listing.text


async def test_a_non_staff_group_member_cannot_answer_or_close_a_case(bot, person, member):
    kari, siri, eve = person("Kari"), member(ADMIN_ID), member(6666, "Eve")
    post = await open_thread(kari, "Jeg trenger et sted å bo", siri)

    said = await eve.write("Send meg adressen din", reply_to=post)
    [refused] = await eve.replies()
    assert refused.text == STAFF_ONLY and refused.reply_to == said
    [refused] = await press(eve, "Lukk saken", post)
    assert refused.text == STAFF_ONLY
    [refused] = await eve.say("/lukk", reply_to=post)
    assert refused.text == STAFF_ONLY
    [refused] = await eve.say("/statistikk")
    assert refused.text == STAFF_ONLY
    assert await kari.replies(allow_none=True) == []  # nothing reached Kari

    # The case is still open: staff can answer, and Kari's next message goes to staff.
    await siri.write("Vi hjelper deg.", reply_to=post)
    [answer] = await kari.replies()
    assert answer.text.endswith("\nVi hjelper deg.")
    [sent] = await kari.say("Takk")
    assert sent.text == SENT


async def test_forged_callback_data_never_runs_the_action(bot, person, member, emulator):
    admin = Person(emulator, ADMIN_ID, "Siri", "nb")
    [staff_menu] = await admin.say("/ansatt")
    assert staff_menu.text == "🧑‍💼 Ansattmeny" and "👥 Ansatte" in labels(staff_menu)
    stats = data_of(staff_menu, "Statistikk")
    manage = data_of(staff_menu, "Ansatte")
    name, arg, sig = stats.split("|")
    flipped = sig[:-1] + ("A" if sig[-1] != "A" else "B")

    ola = person("Ola")
    [menu] = await ola.say("/start")
    forged = [
        "x",
        "sst",
        "sst|",
        "sst||",
        "|||",
        "sst||AAAAAAAA",
        "sau||AAAAAAAA",
        "hoc|1|AAAAAAAA",
        f"sary|{ola.id}|AAAAAAAA",
        "m|staff|AAAAAAAA|x",
        "🙂" * 16,
        "a" * 64,
        f"{name}|{arg}|{flipped}",  # a valid-looking action with a bad signature
        f"sau|{arg}|{sig}",  # a real signature moved to another action
        f"{stats}x",
        stats,
        manage,  # the admin's own buttons, copied
    ]
    for data in forged:
        [msg] = await press_data(ola, menu, data)
        assert msg.text.startswith(INACTIVE), data
        assert notice(emulator) == "Knappen er ikke aktiv lenger", data
    # An altered signature is inactive for the admin too; the genuine button works.
    [msg] = await press_data(admin, staff_menu, f"{name}|{arg}|{flipped}")
    assert msg.text.startswith(INACTIVE)
    [msg] = await press(admin, "Statistikk", staff_menu)
    assert msg.text.startswith(STATS_TITLE)

    # In the staff chat buttons are signed for the group: a non-staff member may press them
    # but is refused, and copied into a private chat they are inactive.
    siri, eve = member(ADMIN_ID), member(6666, "Eve")
    [group_menu] = await siri.say("/ansatt")
    assert group_menu.text == "🧑‍💼 Ansattmeny"
    for label in ("Statistikk", "Ansatte", "Send tips", "Treff", "Avtaler"):
        [refused] = await press(eve, label, group_menu)
        assert refused.text == STAFF_ONLY and refused.reply_to == group_menu.message_id, label
    eve_private = person("Eve")
    [own_menu] = await eve_private.say("/start")
    [msg] = await press_data(eve_private, own_menu, data_of(group_menu, "Statistikk"))
    assert msg.text.startswith(INACTIVE)
    # And the admin's private-chat button pressed in the staff chat is inactive there.
    [msg] = await press_data(siri, group_menu, stats)
    assert msg.text.startswith(INACTIVE)
    assert not any(m.text.startswith(STATS_TITLE) for m in siri.messages)


async def test_added_staff_use_statistikk_until_removed_by_button(bot, person, emulator):
    admin = Person(emulator, ADMIN_ID, "Siri", "nb")
    per = person("Per")
    [msg] = await per.say("/statistikk")
    assert msg.text.startswith(STAFF_ONLY)

    [added] = await admin.say(f"/ansatte {per.id}")
    assert added.text.startswith(f"✅ {per.id} er lagt til som ansatt.")
    assert "Administratorer (fra oppsettet): 42. Ansatte lagt til her: 1." in added.text
    assert f"Fjern {per.id}" in labels(added)
    [again] = await admin.say(f"/ansatte {per.id}")
    assert again.text.startswith(f"{per.id} er allerede ansatt.")
    assert "Ansatte lagt til her: 1." in again.text
    [how] = await admin.say("/ansatte per")
    assert how.text.startswith("Skriv /ansatte fulgt av Telegram-ID-en")

    [stats] = await per.say("/statistikk")
    assert stats.text.startswith(STATS_TITLE)
    [per_menu] = await per.say("/ansatt")
    assert per_menu.text == "🧑‍💼 Ansattmeny"
    assert "👥 Ansatte" not in labels(per_menu)  # only admins manage staff
    [msg] = await per.say("/mine_data")
    assert "Du er registrert som ansatt" in msg.text
    [draft] = await per.say("/tips")  # Per starts a tip; it is unfinished when he is removed
    assert draft.text.startswith("📣 Send tipset her")

    [listing] = await admin.say("/ansatte")
    await press(admin, f"Fjern {per.id}", listing)
    assert listing.text == f"Fjerne tilgangen for {per.id}?"  # edited in place
    yes = data_of(listing, "Ja, fjern")
    await press_data(admin, listing, yes)
    assert listing.text == f"{per.id} er ikke ansatt lenger."

    # The very next button press and command are refused.
    [msg] = await press(per, "Statistikk", per_menu)
    assert msg.text.startswith(STAFF_ONLY) and STATS_TITLE not in msg.text
    [msg] = await per.say("/statistikk")
    assert msg.text.startswith(STAFF_ONLY)
    [msg] = await per.say("Ledig leilighet i Storgata 5")  # the tip draft is no longer his
    assert msg.text.startswith(STAFF_ONLY)
    [msg] = await per.say("Ledig leilighet i Storgata 5")
    assert not msg.text.startswith(STAFF_ONLY) and "Slik ser tipset ut" not in msg.text
    [msg] = await per.say("/mine_data")
    assert "registrert som ansatt" not in msg.text
    # The removal confirmed a second time says so; the list is empty.
    await press_data(admin, listing, yes)
    assert listing.text == f"{per.id} var ikke på listen."
    [listing] = await admin.say("/ansatte")
    assert "Ansatte lagt til her: 0." in listing.text


async def test_invite_link_works_once_and_only_admins_invite_or_remove(
    bot, person, member, emulator
):
    admin = Person(emulator, ADMIN_ID, "Siri", "nb")
    [listing] = await admin.say("/ansatte")
    [invite] = await press(admin, "Lag invitasjonslenke", listing)
    assert "Den virker én gang og i 24 timer" in invite.text
    link = re.search(r"https://t\.me/boligbot_test_bot\?start=(staff_[\w-]+)", invite.text)
    assert link is not None

    anna = person("Anna")
    [welcome] = await anna.say(f"/start {link[1]}")
    assert welcome.text.startswith("✅ Velkommen! Du har nå tilgang som ansatt.")
    [anna_menu] = await press(anna, "Åpne ansattmenyen", welcome)
    assert anna_menu.text == "🧑‍💼 Ansattmeny" and "👥 Ansatte" not in labels(anna_menu)
    [msg] = await anna.say(f"/start {link[1]}")
    assert msg.text.startswith("Du har allerede tilgang som ansatt.")

    bob = person("Bob")
    [msg] = await bob.say(f"/start {link[1]}")  # the link was used
    assert msg.text.startswith("Denne invitasjonen er brukt eller utløpt.") and msg.buttons
    [msg] = await bob.say("/start staff_ikke-en-ekte-kode")
    assert msg.text.startswith("Denne invitasjonen er brukt eller utløpt.")
    [msg] = await bob.say("/statistikk")
    assert msg.text.startswith(STAFF_ONLY)

    # Anna is staff but not admin: she can neither list, add nor invite ...
    for text in ("/ansatte", f"/ansatte {bob.id}"):
        [msg] = await anna.say(text)
        assert msg.text.startswith(STAFF_ONLY), text
    [msg] = await bob.say("/statistikk")
    assert msg.text.startswith(STAFF_ONLY)
    # ... nor use the admin's buttons in the staff chat to invite or remove.
    carl = person("Carl")
    await admin.say(f"/ansatte {carl.id}")
    siri, anna_g = member(ADMIN_ID), member(anna.id, "Anna")
    [group_list] = await siri.say("/ansatte")
    assert f"Fjern {anna.id}" in labels(group_list) and f"Fjern {carl.id}" in labels(group_list)
    [refused] = await press(anna_g, "Lag invitasjonslenke", group_list)
    assert refused.text == STAFF_ONLY
    [refused] = await press(anna_g, f"Fjern {carl.id}", group_list)
    assert refused.text == STAFF_ONLY
    await press(siri, f"Fjern {carl.id}", group_list)
    assert group_list.text == f"Fjerne tilgangen for {carl.id}?"
    [refused] = await press(anna_g, "Ja, fjern", group_list)
    assert refused.text == STAFF_ONLY
    assert not any("t.me/boligbot_test_bot?start=staff_" in m.text for m in siri.messages)
    [stats] = await carl.say("/statistikk")  # Carl is still staff
    assert stats.text.startswith(STATS_TITLE)


# --- 5. statistics ---------------------------------------------------------------------------

SUMMARY = "Send svarene mine"


async def walk_dialog(p: Person, limit: int = 40) -> SentMessage:
    """Press the first answer of every question (typing a number where one is asked) until
    the dialog's outcome."""
    for _ in range(limit):
        msg = p.last_with_buttons()
        if SUMMARY in labels(msg):
            return msg
        answers = [b for b in msg.labels() if "Tilbake" not in b and "Avbryt" not in b]
        if answers:
            await press(p, answers[0], msg)
        else:
            await p.say("20")
    raise AssertionError("the dialog did not end")


async def test_statistics_count_activity_and_hold_no_resident_text(bot, person, member, emulator):
    admin = Person(emulator, ADMIN_ID, "Siri", "nb")
    siri = member(ADMIN_ID)
    kari, ola = person("Kari"), person("Ola")

    [stats] = await admin.say("/statistikk")
    assert "Brukere: 1 (aktive siste 30 dager: 1)" in stats.text
    assert "Spørsmål besvart: 0. Ubesvarte eller usikre (lagret): 0" in stats.text
    assert "Vanligste ubesvarte spørsmål" not in stats.text
    assert "Sjekker (startet / fullført, utfall):\n• ingen ennå" in stats.text
    assert "Samtaler med ansatte: åpne 0, lukket 0" in stats.text
    assert "Siste tips:\n• ingen ennå" in stats.text

    [msg] = await kari.say(NONSENSE)  # unanswered: stored, without name or id
    assert msg.text.startswith(UNKNOWN)
    await ola.say("ZQX Blorp Vindu")
    [msg] = await kari.say("hva koster hybel")  # answered: counted, not stored
    assert "👍" in labels(msg)
    [menu] = await ola.say("/start")
    await press(ola, "Midlertidig bolig", menu)
    await walk_dialog(ola)
    await press(ola, "slett svarene")
    await kari.say("/start tips")
    secret = "Jeg heter Kari Nordmann og bor hos en venn i Storgata 7"
    post = await open_thread(kari, secret, siri)
    await siri.write("Vi ringer deg i dag.", reply_to=post)
    await kari.replies()

    [stats] = await admin.say("/statistikk")
    text = stats.text
    assert "Brukere: 3 (aktive siste 30 dager: 3)" in text
    assert "Spørsmål besvart: 1. Ubesvarte eller usikre (lagret): 2" in text
    assert "Vanligste ubesvarte spørsmål:\n• zqx blorp vindu (2)" in text  # stored by design
    assert re.search(r"\n• bolignu: 1 / 1 \(\S+ 1\)\n", text), text
    assert "Treff: abonnenter 0." in text and "Tips: abonnenter 1" in text
    assert "Samtaler med ansatte: åpne 1, lukket 0" in text
    for private in ("Kari", "Ola", "Nordmann", "Storgata", "hva koster", "Vi ringer"):
        assert private not in text, private

    await press(siri, "Lukk saken", post)
    [stats] = await admin.say("/statistikk")
    assert "Samtaler med ansatte: åpne 0, lukket 1" in stats.text
    # The same statistics are available in the staff chat, from the staff menu's button.
    [group_menu] = await siri.say("/ansatt")
    [shown] = await press(siri, "Statistikk", group_menu)
    assert shown.text == stats.text


# --- tips subscriptions and a staff draft (delivery is tested elsewhere) -----------------------


async def test_tip_subscription_and_a_staff_draft_preview(bot, person, emulator):
    kari = person("Kari")
    [menu] = await kari.say("/start")
    [offer] = await press(kari, "Tips om ledige boliger", menu)
    assert offer.text.startswith("🏠 De ansatte ser etter ledige utleieboliger hver dag.")
    [msg] = await press(kari, "Ja, send meg tips", offer)
    assert msg.text.startswith("✅ Nå får du tips om ledige boliger her.")
    [msg] = await kari.say("/mine_data")
    assert "Du får tips om ledige boliger." in msg.text
    [menu] = await kari.say("/start")
    [offer] = await press(kari, "Tips om ledige boliger", menu)
    assert offer.text.startswith("🏠 Du får tips om ledige boliger. Vil du slutte å få dem?")
    [msg] = await press(kari, "Ikke send flere tips", offer)
    assert msg.text.startswith("Greit, du får ikke flere tips") and "Meld meg på igjen" in labels(
        msg
    )
    [msg] = await kari.say("/mine_data")
    assert "tips om ledige boliger" not in msg.text
    [msg] = await kari.say("/start tips")
    assert msg.text.startswith("✅ Nå får du tips om ledige boliger her.")

    admin = Person(emulator, ADMIN_ID, "Siri", "nb")
    [ask] = await admin.say("/tips")
    assert ask.text.startswith("📣 Send tipset her")
    preview, choose = await admin.say("<b>Ledig</b> hybel & bad i Storgata 3")
    assert preview.text == (
        "🏠 <b>Tips om ledig bolig fra Boligkontoret</b>\n\n"
        "&lt;b&gt;Ledig&lt;/b&gt; hybel &amp; bad i Storgata 3"
    )
    assert choose.text == "☝️ Slik ser tipset ut. Hvem skal få det?"
    assert "Alle som abonnerer (1)" in labels(choose)
    await press(admin, "Avbryt", choose)
    assert choose.text == "Greit, tipset er forkastet."  # edited in place
    [msg] = await admin.say(NONSENSE)  # the draft is gone: the FAQ answers again
    assert msg.text.startswith(UNKNOWN)
    assert await kari.replies(allow_none=True) == []  # nothing was sent to the subscriber


async def test_a_tip_is_not_composed_in_the_staff_chat(bot, person, member, emulator):
    siri = member(ADMIN_ID)
    [msg] = await siri.say("/tips")
    assert msg.text == "📣 Tips skrives i en privat chat med meg. Send meg /tips der."
    [group_menu] = await siri.say("/ansatt")
    [msg] = await press(siri, "Send tips", group_menu)
    assert msg.text.startswith("📣 Tips skrives i en privat chat med meg.")
    admin = Person(emulator, ADMIN_ID, "Siri", "nb")
    [msg] = await admin.say(NONSENSE)  # no draft was started for Siri
    assert msg.text.startswith(UNKNOWN)


async def test_an_old_cancel_button_after_writing_keeps_the_conversation(
    office_bot, person, member
):
    kari, siri = person("Kari"), member(ADMIN_ID)
    [menu] = await kari.say("/start")
    [ask] = await press(kari, "Snakk med en ansatt", menu)
    [sent] = await kari.say("Jeg trenger hjelp med depositum")
    [post] = await siri.replies()
    [msg] = await press(kari, "Avbryt", ask)
    assert msg.text.startswith("Samtalen med de ansatte er fortsatt åpen")
    assert "Avslutt samtalen" in labels(msg)
    [sent] = await kari.say("Er dere der?")  # still goes to staff
    assert sent.text == SENT
    [post2] = await siri.replies()
    assert case_of(post2) == case_of(post)


async def test_meetup_and_agreement_flows_say_to_use_a_private_chat_in_the_group(bot, member):
    siri = member(ADMIN_ID)
    for command, button in (("/treff", "Nytt treff"), ("/avtale", "Ny avtale")):
        [listing] = await siri.say(command)
        [msg] = await press(siri, button, listing)
        assert msg.text.startswith("Treff og avtaler settes opp i en privat chat med meg.")


async def test_a_photo_with_a_caption_passes_the_caption_and_says_the_photo_did_not(
    office_bot, person, member
):
    kari, siri = person("Kari"), member(ADMIN_ID)
    await open_thread(kari, "Hei", siri)
    [sent] = await kari.send(photo=PHOTO, caption="Her er brevet fra utleier")
    assert sent.text.startswith(SENT) and "Jeg kan bare sende tekst videre" in sent.text
    [post] = await siri.replies()
    assert post.text.endswith("\n\nHer er brevet fra utleier")


async def test_crisis_words_in_an_open_conversation_reach_staff_and_show_the_card(
    office_bot, person, member
):
    kari, siri = person("Kari"), member(ADMIN_ID)
    await open_thread(kari, "Hei", siri)
    card, sent = await kari.say("jeg vil ikke leve lenger", expect=2)
    assert "113" in card.text and sent.text.startswith(SENT)
    [post] = await siri.replies()
    assert post.text.endswith("\n\njeg vil ikke leve lenger")
