"""The desk on loopback: started by the bot's own wiring, and a client that logs in like a form."""

from __future__ import annotations

import re
from typing import Any

import httpx

from bot.app import build_runtime
from bot.config import Config
from bot.desk.passwords import hash_password
from bot.desk.server import DeskServer
from bot.storage.desk import DeskStore
from bot.storage.types import utcnow

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def desk_config(db_url: str, **sections: dict) -> Config:
    data: dict[str, Any] = {
        "database": {"url": db_url},
        "faq": {"embedder": "none"},
        "desk": {"port": 0, "throttle_after": 3},
    }
    for key, value in sections.items():
        data.setdefault(key, {}).update(value)
    return Config.model_validate(data)


class DeskOnly:
    """The runtime with the desk service and no channel (enough for HTTP tests)."""

    def __init__(self, cfg: Config):
        self.cfg = cfg

    async def start(self) -> DeskOnly:
        self.runtime = await build_runtime(self.cfg)
        # The one scheduler runs (its health is a check of /healthz); no channel, no other start.
        self.scheduler = self.runtime.assistant.feature("scheduler")
        assert self.scheduler is not None
        await self.scheduler.start()
        self.desk = DeskServer(self.runtime)
        self.runtime.assistant.services.append(self.desk)
        await self.desk.start()
        self.store = DeskStore(self.runtime.sessions)
        return self

    async def stop(self) -> None:
        await self.desk.stop()
        await self.scheduler.stop()
        await self.runtime.close()


async def add_account(store: DeskStore, email: str, role: str = "staff", **kw: Any) -> int:
    account = await store.add_user(email, await hash_password(PASSWORD), role, utcnow(), **kw)
    assert account is not None
    return account.id


def csrf_of(page: str) -> str:
    found = _CSRF.search(page)
    assert found, "no CSRF token in the page"
    return found.group(1)


async def log_in(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    """Fill in the login form as a browser would: fetch it, then post it with its token."""
    page = await client.get("/login")
    return await client.post(
        "/login", data={"email": email, "password": password, "csrf": csrf_of(page.text)}
    )
