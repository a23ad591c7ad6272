"""/personvern is built from PrivacyFacts (from the config): every period appears in every
language, the staff-chat paragraph only when there is one, and each message fits a phone."""

from __future__ import annotations

import re

import pytest

from bot.config import Config
from bot.core.i18n import SUPPORTED, translator
from bot.core.plain import SCREEN_CHARS
from bot.core.privacy import PrivacyFacts, pack, privacy_notice

FACTS = PrivacyFacts(
    controller="Testvik kommune",
    data_protection_officer="personvernombud@testvik.no",
    inactive_user_days=211,
    unanswered_days=17,
    dialog_hours=7,
    staff_chat=True,
    closed_case_days=13,
    case_text_days=29,
    agreement_days=19,
    reminder_log_days=23,
    audit_days=31,
)
LIMIT = SCREEN_CHARS - 40


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_period_and_contact_is_told_in_every_language(lang):
    t = translator()
    messages = privacy_notice(lambda mid, **a: t(lang, mid, **a), FACTS, LIMIT)
    text = "\n".join(messages)
    for number in (211, 17, 7, 13, 29, 19, 23, 31):
        assert re.search(rf"(?<!\d){number}(?!\d)", text), (lang, number)
    assert "Testvik kommune" in text and "personvernombud@testvik.no" in text
    assert "/slett" in text and "/mine_data" in text
    assert all(len(m) <= LIMIT for m in messages), [len(m) for m in messages]
    assert "privacy-" not in text  # no message id left untranslated


@pytest.mark.parametrize("lang", SUPPORTED)
def test_without_a_staff_chat_nothing_is_said_about_cases(lang):
    t = translator()
    with_chat = privacy_notice(lambda mid, **a: t(lang, mid, **a), FACTS, LIMIT)
    facts = PrivacyFacts(**{**FACTS.__dict__, "staff_chat": False})
    without = privacy_notice(lambda mid, **a: t(lang, mid, **a), facts, LIMIT)
    handover = t(lang, "privacy-handover", days=13, after=29)
    assert handover in "\n".join(with_chat) and handover not in "\n".join(without)


def test_the_facts_are_the_values_the_clean_ups_run_with():
    cfg = Config.model_validate(
        {
            "faq": {"unanswered_retention_days": 5},
            "dialogs": {"abandon_after_hours": 3},
            "handover": {"keep_closed_days": 8},
            "agreement": {"keep_days_after_end": 9},
            "reminders": {"log_keep_days": 11},
            "bot": {"staff_chat_id": -5},
            "privacy": {"inactive_user_days": 100, "audit_days": 12},
        }
    )
    f = cfg.privacy_facts()
    assert (f.inactive_user_days, f.unanswered_days, f.dialog_hours) == (100, 5, 3)
    assert (f.closed_case_days, f.agreement_days, f.reminder_log_days) == (8, 9, 11)
    assert f.audit_days == 12 and Config().privacy.audit_days == 365
    assert f.case_text_days == 3  # the outbox keeps finished rows 2 days, purged every 6 hours
    assert f.staff_chat and not Config().privacy_facts().staff_chat
    assert Config().faq.unanswered_retention_days == 30


def test_pack_joins_paragraphs_as_far_as_they_fit():
    assert pack(["aaa", "bbb", "cccc"], 7) == ["aaa\nbbb", "cccc"]
    assert pack(["x" * 10, "y"], 5) == ["x" * 10, "y"]
