"""A dialog step counts as asked only once its message was delivered (issue 17, part 4): when
the next question's send fails, what the person types next is not stored as its answer."""

from __future__ import annotations

import pytest

from bot.storage.models_faq_dialogs import DialogProgress
from tests.e2e.emulator import ApiError, Delay
from tests.e2e.harness import running

APOLOGY = "Beklager, noe gikk galt hos meg."
Q2 = "Har du et trygt sted å sove i natt?"  # bolignu's second question (a2_sleep)
AGAIN = "Her er spørsmålet igjen, i tilfelle det ikke kom fram:"
TIMEOUT = 1.0  # telegram.timeout_seconds of the bot under test

FAULTS = {
    "500": ApiError(500, "Internal Server Error"),
    "timeout, not delivered": Delay(TIMEOUT + 1.5),
    "timeout, delivered": Delay(TIMEOUT + 1.5, deliver=True),
}


@pytest.fixture
async def slow_bot(emulator, db_url):
    """The e2e bot, whose requests time out after one second."""
    sections = {"bot": {"admin_ids": [42], "staff_chat_id": -100}}
    async with running(emulator, db_url, telegram={"timeout_seconds": TIMEOUT}, **sections) as b:
        yield b


async def stored_state(bot, user_id: int) -> dict:
    async with bot.runtime.sessions() as s:
        row = await s.get(DialogProgress, user_id)
        assert row is not None
        return row.state


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_an_answer_typed_after_a_failed_question_is_not_stored(
    slow_bot, person, emulator, fault
):
    kari = person("Kari")
    await kari.say("/start")
    [q1] = await kari.press("Midlertidig bolig")
    assert "Er du eller noen andre i fare akkurat nå?" in q1.text
    failed = []

    def question_two_fails(method: str, p: dict) -> ApiError | Delay | None:
        # A 500 fails every time (a reply is sent again after a server error, a few times, and
        # only then apologised for); a timeout once (it may have delivered: never sent again).
        if method == "sendMessage" and Q2 in p.get("text", "") and (fault == "500" or not failed):
            failed.append(method)
            return FAULTS[fault]
        return None

    emulator.fault = question_two_fails
    await kari.press("Nei", q1)  # not in danger: on to the question whose send fails
    await emulator.wait_for(lambda: any(APOLOGY in m.text for m in kari.messages), 12)
    emulator.fault = None
    await kari.replies(allow_none=True)
    assert failed and await stored_state(slow_bot, kari.id) is not None
    delivered = [m for m in kari.messages if Q2 in m.text]
    assert len(delivered) == (1 if fault == "timeout, delivered" else 0)

    # "nei" answers the apology, or a question they may never have seen: asked again.
    [again] = await kari.say("nei")
    assert again.text.startswith(AGAIN) and Q2 in again.text
    assert "Nei" in again.labels() and "Vet ikke" in again.labels()
    state = await stored_state(slow_bot, kari.id)
    assert "a2_sleep" not in state["answers"] and state["step_id"] == "a2_sleep"

    # Now that they have seen it, "nei" is its answer.
    [nav] = await kari.say("nei")
    assert Q2 not in nav.text and "NAV" in nav.text
    state = await stored_state(slow_bot, kari.id)
    assert state["answers"]["a2_sleep"] == "no"


async def test_a_question_delivered_takes_a_typed_answer_at_once(slow_bot, person):
    """The ordinary path: no fault, the typed answer counts the first time."""
    kari = person("Kari")
    await kari.say("/start")
    await kari.press("Midlertidig bolig")
    [q2] = await kari.say("nei")
    assert Q2 in q2.text and not q2.text.startswith(AGAIN)
    [nav] = await kari.say("nei")
    assert "NAV" in nav.text
    assert (await stored_state(slow_bot, kari.id))["answers"] == {
        "a1_danger": "no",
        "a2_sleep": "no",
    }
