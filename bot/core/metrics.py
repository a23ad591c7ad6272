"""Counters the process keeps about itself, as a port: the core counts, an adapter exports.

The desk exports them as Prometheus text on ``/metrics``; without it nothing is kept. The core
names what it counts here, so an adapter knows every name and label in advance.
"""

from __future__ import annotations

from typing import Protocol

# name -> label names
UPDATES = "updates"  # kind: text command button unsupported; result: ok error
SENDS = "sends"  # result: ok blocked retry_later transient uncertain error
WEBHOOK = "webhook_requests"  # result: ok forbidden too_large bad_request unavailable
COUNTERS: dict[str, tuple[str, ...]] = {
    UPDATES: ("kind", "result"),
    SENDS: ("result",),
    WEBHOOK: ("result",),
}


class Metrics(Protocol):
    def count(self, name: str, **labels: str) -> None:
        """Add one to counter ``name`` (one of :data:`COUNTERS`) with these label values."""


class NoMetrics:
    """Counts nothing (the default until an exporter is plugged in)."""

    def count(self, name: str, **labels: str) -> None:
        return None
