"""``/metrics``: the core's counters (:mod:`bot.core.metrics`) and figures read from the
database at each scrape, as Prometheus text (``prometheus-client``, one registry per desk)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.metrics import COUNTERS, SENDS, UPDATES, WEBHOOK
from bot.storage.broadcasts import BroadcastStore
from bot.storage.faq import FaqStore

log = logging.getLogger(__name__)

HELP = {
    UPDATES: "Updates (messages, commands, button presses) handled, by kind and result",
    SENDS: "Messages sent outside replies (reminders, tips, staff chat), by result",
    WEBHOOK: "Requests to the Telegram webhook (/telegram), by result (forbidden: wrong secret)",
}
QUEUED = ("pending", "sending")  # outbox rows still to go


class PrometheusMetrics:
    """:class:`bot.core.metrics.Metrics` kept in a prometheus-client registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.counters = {
            name: Counter(f"boligbot_{name}", HELP[name], labels, registry=self.registry)
            for name, labels in COUNTERS.items()
        }
        self._warned: set[str] = set()

    def count(self, name: str, **labels: str) -> None:
        try:
            self.counters[name].labels(**labels).inc()
        except (KeyError, ValueError):
            if name not in self._warned:  # a wrong name must not break the bot: log it once
                self._warned.add(name)
                log.error("metrics: unknown counter or labels: %s %s", name, sorted(labels))


class DatabaseFigures:
    """A collector of figures the database holds; :meth:`refresh` reads them before a scrape."""

    def __init__(self, sessions: async_sessionmaker):
        self.faq = FaqStore(sessions)
        self.broadcasts = BroadcastStore(sessions)
        self.snapshot: dict = {}

    async def refresh(self) -> None:
        self.snapshot = {
            "faq": await self.faq.totals(),
            "outbox": await self.broadcasts.outbox_counts(),
        }

    def collect(self) -> Iterator[Metric]:
        if not self.snapshot:
            return
        faq, outbox = self.snapshot["faq"], self.snapshot["outbox"]
        answered = CounterMetricFamily(
            "boligbot_faq_answered", "FAQ questions answered directly (all time)"
        )
        answered.add_metric([], faq["answered"])
        yield answered
        yield GaugeMetricFamily(
            "boligbot_faq_unanswered_stored",
            "Unanswered FAQ questions kept for the report (within faq.unanswered_retention_days)",
            value=faq["unanswered"],
        )
        rows = GaugeMetricFamily(
            "boligbot_outbox_rows", "Tip outbox rows by status (sends by result)", labels=["status"]
        )
        for status, n in sorted(outbox.items()):
            rows.add_metric([status], n)
        yield rows
        yield GaugeMetricFamily(
            "boligbot_outbox_depth",
            "Tip messages still to send (pending or being sent)",
            value=sum(outbox.get(s, 0) for s in QUEUED),
        )


class Exporter:
    def __init__(self, metrics: PrometheusMetrics, sessions: async_sessionmaker):
        self.metrics = metrics
        self.figures = DatabaseFigures(sessions)
        metrics.registry.register(self.figures)

    async def text(self) -> bytes:
        await self.figures.refresh()
        return generate_latest(self.metrics.registry)
