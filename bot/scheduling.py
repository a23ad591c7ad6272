"""The one scheduler: every feature's periodic jobs on one APScheduler, in the municipality's
time zone. It starts after the other features (their state is loaded) and stops first."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.feature import Feature
from bot.core.jobs import Job

log = logging.getLogger(__name__)


class Scheduling(Feature):
    name = "scheduler"
    text_priority = 10_000  # starts last, stops first; it never handles text

    def __init__(self, tz: ZoneInfo, features: list[Feature]):
        self.tz = tz
        self.features = features
        self._scheduler: Any = None
        self._jobs: dict[str, Job] = {}
        self._running: set[str] = set()
        self._again: set[str] = set()

    def jobs_by_name(self) -> dict[str, Job]:
        jobs: dict[str, Job] = {}
        for feature in self.features:
            for job in feature.jobs():
                if job.name in jobs:
                    raise ValueError(f"two jobs are called {job.name!r}")
                jobs[job.name] = job
        return jobs

    async def start(self) -> None:
        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from apscheduler.triggers.cron import CronTrigger
        from apscheduler.triggers.interval import IntervalTrigger

        self._jobs = self.jobs_by_name()
        self._scheduler = AsyncIOScheduler(timezone=self.tz)
        now = datetime.now(self.tz)
        for job in self._jobs.values():
            if job.cron_minute is not None:
                trigger: Any = CronTrigger(minute=job.cron_minute, timezone=self.tz)
            elif job.every is not None:
                trigger = IntervalTrigger(seconds=job.every.total_seconds(), timezone=self.tz)
            else:
                raise ValueError(f"job {job.name!r} has neither every nor cron_minute")
            self._scheduler.add_job(
                self._run,
                trigger,
                args=[job.name],
                id=job.name,
                next_run_time=now if job.at_start else None,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
            )
        # A run that finds its job still running (a broadcast drains for minutes) is skipped by
        # design: the running one goes on, and wake() asks for one more. Not worth a warning.
        logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
        self._scheduler.start()
        log.info("scheduler started with %d jobs: %s", len(self._jobs), ", ".join(self._jobs))

    async def stop(self) -> None:
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        self._scheduler = None

    def alive(self) -> bool:
        return self._scheduler is not None and self._scheduler.running

    def health(self) -> dict[str, bool]:
        return {"scheduler": self.alive()}

    def wake(self, name: str) -> None:
        """Run a job now (a tip was queued); if it is running, run it once more after."""
        if name in self._running:
            self._again.add(name)
        elif self._scheduler is not None and self._scheduler.running:
            self._scheduler.modify_job(name, next_run_time=datetime.now(self.tz))

    async def _run(self, name: str) -> None:
        job = self._jobs[name]
        self._running.add(name)
        try:
            while True:
                self._again.discard(name)
                try:
                    await job.run()
                except Exception:
                    log.exception("job %s failed; it runs again at its next time", name)
                if name not in self._again:
                    break
        finally:
            self._running.discard(name)
