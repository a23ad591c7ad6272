"""The audit log for admins: the newest staff actions, filtered by action, and as CSV.

Admins only (the routes say so, checked on every request). Rows are written by the application
services (:mod:`bot.core.audit`); this page only reads them. Kept ``privacy.audit_days``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from bot.core.audit import ACTIONS, NOBODY, action_key
from bot.desk.access import deps
from bot.desk.shared import csv_cell, csv_download, local, services
from bot.storage.audit import AuditLine

LIMIT = 200  # the newest rows shown (and in the CSV); older ones by filtering on an action
CSV_COLUMNS = (
    "at_utc",
    "via",
    "actor_telegram_id",
    "actor_login",
    "action",
    "subject",
    "person",
    "count",
    "detail",
)


@dataclass(frozen=True)
class Shown:
    at: str
    actor: str
    action: str
    subject: str
    count: str
    detail: str


def _chosen(request: Request) -> str | None:
    action = request.query_params.get("action", "")
    return action if action in ACTIONS else None


def _actor(line: AuditLine, t: Callable[..., str]) -> str:
    if line.via == "cli":
        return t("desk-audit-cli")
    parts = [line.actor_login] if line.actor_login else []
    if line.actor_id is not None and line.actor_id != NOBODY:
        parts.append(t("desk-audit-telegram", id=str(line.actor_id)))
    # No login and the Telegram id erased (/slett): "a deleted staff member".
    return " · ".join(parts) or t("desk-audit-deleted")


def _subject(line: AuditLine, t: Callable[..., str]) -> str:
    if line.person is None:
        return line.subject
    if line.person == NOBODY:
        return t("desk-audit-deleted")
    return t("desk-audit-telegram", id=str(line.person))


async def audit_page(request: Request) -> Response:
    d = deps(request)
    lang = request.state.lang

    def t(mid: str, **kw: object) -> str:
        return d.t(lang, mid, **kw)

    chosen = _chosen(request)
    lines = await services(request).audit.recent(chosen, LIMIT)
    rows = [
        Shown(
            local(line.at, d.cfg.tz),
            _actor(line, t),
            t(f"desk-audit-action-{action_key(line.action)}"),
            _subject(line, t),
            "" if line.count is None else str(line.count),
            line.detail,
        )
        for line in lines
    ]
    actions = [(a, t(f"desk-audit-action-{action_key(a)}")) for a in ACTIONS]
    return await d.render(
        request,
        "audit.html",
        rows=rows,
        actions=actions,
        chosen=chosen or "",
        limit=LIMIT,
        days=d.cfg.privacy.audit_days,
    )


async def audit_csv(request: Request) -> Response:
    chosen = _chosen(request)
    rows = [
        [
            line.at.isoformat(),
            line.via,
            "" if line.actor_id is None else line.actor_id,
            csv_cell(line.actor_login or ""),
            line.action,
            csv_cell(line.subject),
            "" if line.person is None else line.person,
            "" if line.count is None else line.count,
            csv_cell(line.detail),
        ]
        for line in await services(request).audit.recent(chosen, LIMIT)
    ]
    return csv_download(f"audit-{chosen}.csv" if chosen else "audit.csv", CSV_COLUMNS, rows)
