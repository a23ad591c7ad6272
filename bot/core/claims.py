"""Who is answering a case: short-lived claims so two colleagues do not answer at once.

A claim is advisory (it warns, it does not lock): the desk claims a case while a staff member
types an answer, renews it while they go on, and lets it go when the answer is sent. Claims are
kept in memory: the bot and its desk are one process, and a claim lasts seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.ports import Clock

CLAIM_FOR = timedelta(seconds=45)


@dataclass(frozen=True)
class Claim:
    who: str  # shown to colleagues, e.g. a desk login's e-mail address
    since: datetime
    until: datetime


class Claims:
    def __init__(self, clock: Clock, ttl: timedelta = CLAIM_FOR):
        self.clock, self.ttl = clock, ttl
        self._claims: dict[int, Claim] = {}

    def claim(self, case: int, who: str) -> Claim:
        """Claim (or renew) ``case`` for ``who``; returns the claim that holds now: a
        colleague's live claim is kept (theirs is returned), else ``who``'s."""
        now = self.clock.now()
        held = self.holder(case)
        if held is not None and held.who != who:
            return held
        since = held.since if held is not None else now
        self._claims[case] = Claim(who, since, now + self.ttl)
        return self._claims[case]

    def holder(self, case: int) -> Claim | None:
        """The live claim on ``case``, if any."""
        held = self._claims.get(case)
        if held is not None and held.until <= self.clock.now():
            del self._claims[case]
            return None
        return held

    def release(self, case: int, who: str) -> None:
        held = self._claims.get(case)
        if held is not None and held.who == who:
            del self._claims[case]
