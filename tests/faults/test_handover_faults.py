"""Issue 17.1, 17.2: nothing a resident or staff member writes in a handover is lost, orphaned
or silently dropped when Telegram rate-limits, times out after delivering, or a post is split."""

from __future__ import annotations

import html

from tests.e2e.emulator import ApiError
from tests.e2e.test_staff_e2e import ADMIN_ID, SENT_FIRST, STAFF_CHAT_ID, case_of, press

APOLOGY = "Beklager, jeg fikk ikke sendt meldingen din"


async def open_case(person, member, emulator, text: str = "Hei, jeg trenger hjelp"):
    kari, siri = person("Kari"), member(ADMIN_ID)
    [menu] = await kari.say("/start")
    await press(kari, "Snakk med en ansatt", menu)
    return kari, siri


async def test_a_429_on_the_staff_post_is_waited_out_and_the_message_arrives_once(
    office_bot, person, member, emulator
):
    kari, siri = await open_case(person, member, emulator)
    limited = [ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})]
    emulator.fault = lambda method, p: (
        limited.pop(0)
        if method == "sendMessage" and p.get("chat_id") == STAFF_CHAT_ID and limited
        else None
    )
    [sent] = await kari.say("Hei, jeg trenger hjelp")
    assert sent.text.startswith(SENT_FIRST)
    [post] = await siri.replies()
    assert limited == [] and post.text.endswith("Hei, jeg trenger hjelp")
    assert not any(APOLOGY in m.text for m in kari.messages)
    await kari.replies(allow_none=True, settle=0.5)
    assert len(siri.messages) == 1  # once


async def test_a_post_that_arrived_but_timed_out_is_still_answerable(
    office_bot, person, member, emulator
):
    """The send timed out after Telegram had stored the post: the bot never learnt its id. A
    staff reply to it is matched to the case by the case number in its header."""
    kari, siri = await open_case(person, member, emulator)
    hung = [6.0]  # longer than the client's request timeout (5 s)
    emulator.hang_after = lambda method, p: (
        hung.pop(0)
        if method == "sendMessage" and p.get("chat_id") == STAFF_CHAT_ID and hung
        else None
    )
    [sent] = await kari.say("Hei, kan dere ringe meg?")
    assert sent.text.startswith(SENT_FIRST)
    await emulator.wait_for(lambda: siri.messages, timeout=3)
    [post] = await siri.replies()
    await emulator.wait_for(lambda: not hung, timeout=3)
    await siri.write("Ja, vi ringer i morgen.", reply_to=post)
    [answer] = await kari.replies(settle=0.3)
    assert answer.text.endswith("Ja, vi ringer i morgen.")
    assert len(siri.messages) == 1  # the timed-out post was not sent again


async def test_a_reply_to_any_part_of_a_split_post_reaches_the_person(
    office_bot, person, member, emulator
):
    kari, siri = await open_case(person, member, emulator)
    long = ("Jeg har bodd i kommunen i mange år og trenger hjelp med bolig. " * 70)[:4090]
    await kari.say(long)
    first, last = await siri.replies(expect=2)
    assert case_of(first) and long[-40:] in last.text
    await siri.write("Vi har lest alt, takk.", reply_to=first)
    [answer] = await kari.replies()
    assert answer.text.endswith("Vi har lest alt, takk.")


async def test_a_429_on_a_later_part_of_a_long_post_does_not_send_the_first_again(
    office_bot, person, member, emulator
):
    """Telegram's flood limit answers the second part of a split post: it is waited out and sent
    once; the part that had arrived is not posted again."""
    kari, siri = await open_case(person, member, emulator)
    long = ("Jeg har bodd i kommunen i mange år og trenger hjelp med bolig. " * 70)[:4090]
    posts: list[dict] = []

    def fault(method: str, p: dict) -> ApiError | None:
        if method == "sendMessage" and p.get("chat_id") == STAFF_CHAT_ID:
            posts.append(p)
            if len(posts) == 2:
                return ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        return None

    emulator.fault = fault
    await kari.say(long)
    first, last = await siri.replies(expect=2)
    assert case_of(first) and long[-40:] in last.text
    await siri.replies(allow_none=True, settle=1.5)
    assert len(siri.messages) == 2 and len(posts) == 3  # the second part was sent twice


async def test_a_long_pasted_link_reaches_staff_in_parts_telegram_accepts(
    office_bot, person, member, emulator
):
    """No space to cut at: the escaped "&amp;" must not be cut in two, or Telegram refuses the
    part and the rest of the post never arrives."""
    kari, siri = await open_case(person, member, emulator)
    link = ("https://example.no/?" + "&x=<1>".join(map(str, range(700))))[:4090]
    await kari.say(link)
    parts = await siri.replies(expect=3)
    assert case_of(parts[0])
    assert html.unescape("".join(p.text for p in parts)).endswith(link[-60:])
    assert not any(APOLOGY in m.text for m in kari.messages)


async def test_a_staff_reply_that_goes_nowhere_is_explained(office_bot, person, member):
    kari, siri = await open_case(person, member, None)
    before = len(kari.messages)
    [stats] = await siri.say("/statistikk")  # a post of the bot that is no case
    [why] = await siri.say("Hvem svarer på denne?", reply_to=stats)
    assert why.text.startswith("Dette svaret gikk ikke til noen")
    assert len(kari.messages) == before  # nothing reached the resident


async def test_an_answer_that_timed_out_before_arriving_is_reported_and_not_resent(
    office_bot, person, member, emulator
):
    """The request to send a staff answer timed out and never reached Telegram: the outbox
    cannot know, so it is "unknown": staff are told it may not have arrived, and it is not sent
    again (at most once)."""
    kari, siri = await open_case(person, member, emulator)
    await kari.say("Hei, jeg trenger hjelp")
    [post] = await siri.replies()
    hung = [6.0]  # longer than the client's request timeout (5 s)
    emulator.hang_before = lambda method, p: (
        hung.pop(0) if method == "sendMessage" and p.get("chat_id") == kari.id and hung else None
    )
    answer_id = await siri.write("Vi ringer deg i morgen.", reply_to=post)
    await emulator.wait_for(lambda: len(siri.messages) > siri.seen, timeout=10)
    [notice] = await siri.replies()
    assert notice.text.startswith("Vet ikke om svaret kom fram")
    assert notice.reply_to == answer_id
    await kari.replies(allow_none=True, settle=0.5)
    assert not any("Vi ringer deg i morgen." in m.text for m in kari.messages)
