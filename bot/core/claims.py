"""Who is answering a case: short-lived claims so two colleagues do not answer at once.

A claim is advisory (it warns, it does not lock): the desk claims a case while a staff member
types an answer, renews it while they go on, and lets it go when the answer is sent. The port
is :class:`Claims`; the bot keeps them in the database (``bot.storage.claims.SqlClaims``), so
the desks of several instances on one database see each other's; :class:`MemoryClaims` serves
one process (tests, a service built without a store).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.core.ports import Clock

CLAIM_FOR = timedelta(seconds=45)


@dataclass(frozen=True)
class Claim:
    who: str  # shown to colleagues, e.g. a desk login's e-mail address
    since: datetime
    until: datetime


class Claims(Protocol):
    async def claim(self, case: int, who: str) -> Claim:
        """Claim (or renew) ``case`` for ``who``; returns the claim that holds now: a
        colleague's live claim is kept (theirs is returned), else ``who``'s."""

    async def holder(self, case: int) -> Claim | None:
        """The live claim on ``case``, if any."""

    async def release(self, case: int, who: str) -> None:
        """``who`` lets ``case`` go (a colleague's claim is left alone)."""


class MemoryClaims:
    def __init__(self, clock: Clock, ttl: timedelta = CLAIM_FOR):
        self.clock, self.ttl = clock, ttl
        self._claims: dict[int, Claim] = {}

    async def claim(self, case: int, who: str) -> Claim:
        now = self.clock.now()
        held = await self.holder(case)
        if held is not None and held.who != who:
            return held
        since = held.since if held is not None else now
        self._claims[case] = Claim(who, since, now + self.ttl)
        return self._claims[case]

    async def holder(self, case: int) -> Claim | None:
        held = self._claims.get(case)
        if held is not None and held.until <= self.clock.now():
            del self._claims[case]
            return None
        return held

    async def release(self, case: int, who: str) -> None:
        held = self._claims.get(case)
        if held is not None and held.who == who:
            del self._claims[case]
