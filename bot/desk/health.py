"""``/healthz``: is the database reachable, is the event loop turning, do the features' own
checks pass (e.g. the reminder scheduler), and, with a token, does Telegram answer."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Config
from bot.core.feature import Feature

log = logging.getLogger(__name__)

TIMEOUT = 3.0  # seconds a check may take
MAX_LAG = 5.0  # the loop's heartbeat may be this late before the loop counts as stuck
TELEGRAM_EVERY = 30.0  # Telegram is asked at most this often; the answer is kept meanwhile


class Heartbeat:
    """Ticks once a second on the loop; a late tick means the loop was blocked."""

    def __init__(self) -> None:
        self.lag = 0.0
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._beat())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _beat(self) -> None:
        while True:
            before = time.monotonic()
            await asyncio.sleep(1)
            self.lag = max(0.0, time.monotonic() - before - 1)

    @property
    def alive(self) -> bool:
        return self._task is not None and not self._task.done() and self.lag < MAX_LAG


class Health:
    def __init__(
        self,
        cfg: Config,
        engine: AsyncEngine,
        features: Callable[[], Iterable[Feature]],
        heartbeat: Heartbeat,
    ):
        self.cfg = cfg
        self.engine = engine
        self.features = features
        self.heartbeat = heartbeat
        self._telegram: tuple[float, bool] | None = None

    async def checks(self) -> dict[str, bool]:
        out = {"database": await self._database(), "event_loop": self.heartbeat.alive}
        for feature in self.features():
            try:
                found = feature.health()
            except Exception:
                log.exception("healthz: the checks of %s failed", feature.name)
                found = {"health": False}
            for name, ok in found.items():
                out[f"{feature.name}.{name}"] = bool(ok)
        if self.cfg.telegram.token.get_secret_value():
            out["telegram"] = await self._telegram_ok()
        return out

    async def _database(self) -> bool:
        try:
            async with asyncio.timeout(TIMEOUT), self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception as exc:  # any failure is "not reachable"; the reason goes to the log
            log.warning("healthz: database not reachable (%s)", type(exc).__name__)
            return False

    async def _telegram_ok(self) -> bool:
        now = time.monotonic()
        if self._telegram and now - self._telegram[0] < TELEGRAM_EVERY:
            return self._telegram[1]
        tg = self.cfg.telegram
        url = f"{tg.api_base_url}/bot{tg.token.get_secret_value()}/getMe"
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT) as client:
                response = await client.get(url)
            ok = response.status_code == 200 and bool(response.json().get("ok"))
        except (httpx.HTTPError, ValueError) as exc:
            # Only the error's class: its text would hold the URL, and so the token.
            log.warning("healthz: Telegram not reachable (%s)", type(exc).__name__)
            ok = False
        self._telegram = (now, ok)
        return ok
