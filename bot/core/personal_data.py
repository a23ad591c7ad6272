"""A person's own data: what is kept about them (export) and erasing it (delete).

One home for both, whoever asks: ``/mine_data`` and ``/slett`` in the chat, and any other
surface. Each feature describes what it keeps (``Feature.personal_data``); the user store's
``delete`` removes every row about the person (``bot/storage/erase.py``). A staff member's
erasure is itself recorded in the audit log, without their id: the log keeps its rows about
them as "a deleted staff member".
"""

from __future__ import annotations

from collections.abc import Callable

from bot.core.audit import NOBODY, Actor, AuditLog
from bot.core.feature import Feature
from bot.core.ports import UserStore
from bot.core.roles import Roles


class PersonalData:
    def __init__(
        self,
        users: UserStore,
        features: Callable[[], list[Feature]],
        roles: Roles | None = None,
    ):
        self.users = users
        self.features = features
        self.roles = roles
        self.audit: AuditLog | None = None  # set by the wiring (bot/app.py)

    async def export(self, user_id: int, lang: str) -> list[str]:
        """One line per thing a feature keeps about the person, in ``lang``."""
        lines: list[str] = []
        for feature in self.features():
            lines.extend(await feature.personal_data(user_id, lang))
        return lines

    async def delete(self, user_id: int) -> bool:
        """Erase the person and every row about them; False if there was nothing."""
        staff = (
            self.audit is not None and self.roles is not None and await self.roles.is_staff(user_id)
        )
        deleted = await self.users.delete(user_id)
        if staff and self.audit is not None:
            await self.audit.record(Actor.chat(NOBODY), "data.erase")
        return deleted
