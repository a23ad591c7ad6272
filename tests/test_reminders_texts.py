"""Every reminder text exists in bokmål and English, and formats without Fluent errors."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path

import pytest

from bot.core.callbacks import CallbackSigner
from bot.core.i18n import Translator
from bot.core.reminders.plan import MeetupSpec, Settings, meetup_reminders
from bot.core.reminders.records import MeetupInfo
from bot.core.reminders.texts import Texts
from tests.test_reminders_support import OSLO, oslo

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted((ROOT / "bot/features/reminders").glob("*.py")),
    *sorted((ROOT / "bot/core/reminders").glob("*.py")),
]
IDS = sorted(
    {
        m
        for path in SOURCES
        for m in re.findall(r'"(reminders-[a-z-]+)"', path.read_text())
        if not m.endswith("-")
    }
)


def test_the_sources_use_many_ids():
    assert len(IDS) > 60


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_id_used_in_code_exists_in_both_languages(lang):
    t = Translator()
    missing = [msg for msg in IDS if not t.has(lang, msg)]
    assert missing == []


@pytest.mark.parametrize(
    "lang,expected",
    [("nb", "i morgen, tirsdag 23.03., kl. 18.00"), ("en", "tomorrow, Tuesday 23.03., at 18:00")],
)
def test_a_reminder_reads_naturally(lang, expected):
    texts = Texts(Translator(), OSLO, CallbackSigner(b"k" * 32))
    m = MeetupSpec(1, 1, time(18), subscribers={7: oslo(2027, 1, 1)})
    p = next(meetup_reminders(m, Settings(tz=OSLO), oslo(2027, 3, 22), oslo(2027, 3, 22, 13)))
    info = MeetupInfo(1, 1, time(18), "Kafé <Sol> & co", "Ta med venner")
    reply = texts.meetup(p, lang, oslo(2027, 3, 22, 12), info)
    assert expected in reply.text
    assert "Kafé &lt;Sol&gt; &amp; co" in reply.text
    assert "{" not in reply.text and len(reply.buttons) == 2
