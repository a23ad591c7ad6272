"""Who is staff. Admins come from the config; staff may be added at run time by a store."""

from __future__ import annotations

from typing import Protocol


class Roles(Protocol):
    async def is_admin(self, user_id: int) -> bool: ...

    async def is_staff(self, user_id: int) -> bool: ...


class ConfigRoles:
    """Admins from ``bot.admin_ids``; admins count as staff."""

    def __init__(self, admin_ids: list[int]):
        self._admins = frozenset(admin_ids)

    async def is_admin(self, user_id: int) -> bool:
        return user_id in self._admins

    async def is_staff(self, user_id: int) -> bool:
        return user_id in self._admins
