"""What every part of the reminders feature reads: configuration, the store, the texts, the
clock, and the helpers built on them (local now, a meetup's next date, the bot's link)."""

from __future__ import annotations

from datetime import datetime

from bot.config import Config
from bot.core.assistant import Assistant
from bot.core.ports import Clock
from bot.core.reminders.occurrences import upcoming
from bot.core.reminders.records import MeetupInfo
from bot.core.reminders.texts import Texts
from bot.services.reminders import AgreementService, MeetupService
from bot.storage.reminders import ReminderStore


class Shared:
    """One per feature, held by the sender, the resident side and the staff side, so swapping
    the clock (``Reminders.clock = ...``) swaps it for all of them."""

    def __init__(self, cfg: Config, store: ReminderStore, assistant: Assistant, clock: Clock):
        self.cfg = cfg
        self.store = store
        self.assistant = assistant
        self.clock = clock
        self.tz = cfg.tz
        self.texts = Texts(assistant.t, self.tz, assistant.signer)

    def now_local(self) -> datetime:
        return self.clock.now().astimezone(self.tz)

    async def next_occurrence(self, m: MeetupInfo) -> datetime:
        """The meetup's next date and time, skipping the dates staff cancelled."""
        now = self.now_local()
        skip = frozenset(await self.store.cancelled(m.id, now.date()))
        return upcoming(m.weekday, m.at, self.tz, now, 1, skip)[0]

    def bot_link(self, payload: str) -> str:
        """``https://t.me/<bot>?start=<payload>`` when the channel knows the bot's name."""
        try:  # the Telegram messenger carries the PTB application; other channels have no name
            username = self.assistant.messenger.app.bot.username  # type: ignore[union-attr]
        except Exception:
            username = ""
        return f"https://t.me/{username}?start={payload}" if username else ""


class Side:
    """A part of the feature that works with the shared state and the two services."""

    def __init__(self, shared: Shared, meetups: MeetupService, agreements: AgreementService):
        self.shared = shared
        self.store = shared.store
        self.texts = shared.texts
        self.meetup_ops = meetups
        self.agreement_ops = agreements
