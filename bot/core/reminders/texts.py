"""Dates, times and reminder messages in the reader's language (through Fluent)."""

from __future__ import annotations

import html
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.core.callbacks import CallbackSigner
from bot.core.events import Button, Reply
from bot.core.i18n import Translator
from bot.core.reminders.plan import Planned
from bot.core.reminders.records import AgreementInfo, MeetupInfo

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def esc(text: str) -> str:
    """Staff-typed text (places, notes, labels) made safe for Telegram's HTML."""
    return html.escape(text, quote=False)


def fmt_date(day: date, year: bool = True) -> str:
    return day.strftime("%d.%m.%Y" if year else "%d.%m.")


class Texts:
    def __init__(self, t: Translator, tz: ZoneInfo, signer: CallbackSigner):
        self.t, self.tz, self.signer = t, tz, signer

    def weekday(self, lang: str, weekday: int, short: bool = False) -> str:
        msg = "reminders-weekday-short" if short else "reminders-weekday"
        return self.t(lang, msg, day=WEEKDAY_CODES[weekday])

    def clock(self, lang: str, at: time) -> str:
        return self.t(lang, "reminders-clock", hh=f"{at.hour:02d}", mm=f"{at.minute:02d}")

    def when(self, lang: str, moment: datetime, now: datetime) -> str:
        """«i dag kl. 18.00», «i morgen, tirsdag 24.12., kl. 18.00», «tirsdag 31.12. kl. 18.00»."""
        local = moment.astimezone(self.tz)
        days = (local.date() - now.astimezone(self.tz).date()).days
        return self.t(
            lang,
            "reminders-when",
            rel={0: "today", 1: "tomorrow"}.get(days, "other"),
            time=self.clock(lang, local.time()),
            weekday=self.weekday(lang, local.weekday()),
            date=fmt_date(local.date(), year=False),
        )

    def weekly(self, lang: str, m: MeetupInfo) -> str:
        return self.t(
            lang,
            "reminders-weekly",
            weekday=self.weekday(lang, m.weekday),
            time=self.clock(lang, m.at),
        )

    def _button(self, user_id: int, lang: str, label: str, action: str, arg: str = "") -> Button:
        return Button(self.t(lang, label), self.signer.sign(user_id, action, arg))

    def meetup(
        self,
        p: Planned,
        lang: str,
        now: datetime,
        m: MeetupInfo,
        next_meetup: datetime | None = None,
    ) -> Reply:
        """A meetup reminder, or the notice that replaces it on a cancelled date."""
        when = self.when(lang, p.event, now)
        if next_meetup is None:
            text = self.t(lang, "reminders-meetup-reminder", when=when, place=esc(m.place))
            if m.note:
                text += "\n" + self.t(lang, "reminders-meetup-note", note=esc(m.note))
        else:
            text = (
                self.t(lang, "reminders-meetup-cancelled", when=when)
                + "\n"
                + self.t(
                    lang,
                    "reminders-meetup-next",
                    place=esc(m.place),
                    next=self.when(lang, next_meetup, now),
                )
            )
        uid = p.user_id
        assert uid is not None
        return Reply(
            text,
            [
                [self._button(uid, lang, "reminders-btn-stop", "runs", str(m.id))],
                [self._button(uid, lang, "reminders-btn-menu", "menu")],
            ],
        )

    def agreement(self, p: Planned, lang: str, a: AgreementInfo) -> Reply:
        """A review or end reminder, to the resident (with a way to staff) or to staff."""
        day = p.event.date()
        args = {"date": fmt_date(day), "weekday": self.weekday(lang, day.weekday())}
        if p.to_staff:
            linked = self.t(
                lang, "reminders-staff-linked" if a.linked else "reminders-staff-not-linked"
            )
            msg = "reminders-review-staff" if p.kind == "review" else "reminders-end-staff"
            return Reply(self.t(lang, msg, label=esc(a.label), linked=linked, **args))
        assert p.user_id is not None
        if p.kind == "review":
            text, label = self.t(lang, "reminders-review-resident", **args), "reminders-btn-staff"
        else:
            text, label = self.t(lang, "reminders-end-resident", **args), "reminders-btn-next-home"
        return Reply(
            text,
            [
                [self._button(p.user_id, lang, label, "m", "staff")],
                [self._button(p.user_id, lang, "reminders-btn-menu", "menu")],
            ],
        )
