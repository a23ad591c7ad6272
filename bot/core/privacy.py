"""The privacy notice (/personvern), built from the retention settings the code runs with.

Every period it names is a field of :class:`PrivacyFacts`, made from the config in one place
(:meth:`bot.config.Config.privacy_facts`), and the same config values drive the clean-ups
(housekeeping, the dialog sweep, the reminder housekeeping): the notice cannot say one thing
while the code does another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PrivacyFacts:
    controller: str
    data_protection_officer: str
    inactive_user_days: int  # a user who has not written for this long is deleted
    unanswered_days: int  # unanswered FAQ questions (redacted, no user id)
    dialog_hours: int  # a screening's answers when the person stops answering
    staff_chat: bool  # "talk to staff" is set up (a staff group chat)
    closed_case_days: int  # a closed handover thread's post links; an open one's text at most
    case_text_days: int  # a closed case's messages (outbox rows) are deleted within this
    agreement_days: int  # an agreement and its link after it ends
    reminder_log_days: int  # the sent-reminders log
    audit_days: int  # the audit log of staff actions (anonymised, not deleted, by /slett)


def privacy_parts(t: Callable[..., str], facts: PrivacyFacts) -> list[str]:
    """The notice as paragraphs, in the reader's language (``t(msg_id, **args)``)."""
    f = facts
    parts = [
        t("privacy-title"),
        t("privacy-account", days=f.inactive_user_days),
        t("privacy-questions", days=f.unanswered_days),
        t("privacy-dialogs", hours=f.dialog_hours),
    ]
    if f.staff_chat:
        parts.append(t("privacy-handover", days=f.closed_case_days, after=f.case_text_days))
    parts += [
        t("privacy-subscriptions"),
        t("privacy-agreement", days=f.agreement_days),
        t("privacy-reminder-log", days=f.reminder_log_days),
        t("privacy-counts"),
        t("privacy-audit", days=f.audit_days),
        t("privacy-rights", controller=f.controller, dpo=f.data_protection_officer),
    ]
    return parts


def pack(parts: list[str], limit: int) -> list[str]:
    """Paragraphs joined into as few messages as fit ``limit`` characters each (a paragraph
    longer than that is a message of its own)."""
    messages: list[str] = []
    for part in parts:
        if messages and len(messages[-1]) + 1 + len(part) <= limit:
            messages[-1] += "\n" + part
        else:
            messages.append(part)
    return messages


def privacy_notice(t: Callable[..., Any], facts: PrivacyFacts, limit: int) -> list[str]:
    """The notice as messages of at most ``limit`` characters."""
    return pack(privacy_parts(t, facts), limit)
