"""A person's own data: what is kept about them (export) and erasing it (delete).

One home for both, whoever asks: ``/mine_data`` and ``/slett`` in the chat, and any other
surface. Each feature describes what it keeps (``Feature.personal_data``); the user store's
``delete`` removes every row about the person (``bot/storage/erase.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.core.feature import Feature
from bot.core.ports import UserStore


class PersonalData:
    def __init__(self, users: UserStore, features: Callable[[], list[Feature]]):
        self.users = users
        self.features = features

    async def export(self, user_id: int, lang: str) -> list[str]:
        """One line per thing a feature keeps about the person, in ``lang``."""
        lines: list[str] = []
        for feature in self.features():
            lines.extend(await feature.personal_data(user_id, lang))
        return lines

    async def delete(self, user_id: int) -> bool:
        """Erase the person and every row about them; False if there was nothing."""
        return await self.users.delete(user_id)
