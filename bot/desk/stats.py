"""What people ask: the statistics page (SVG charts) and the unanswered questions as CSV.

Counts only, as in ``/statistikk``: no names; question texts only as stored for the FAQ report
(kept ``faq.unanswered_retention_days``, no user id).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from starlette.requests import Request
from starlette.responses import Response

from bot.desk import charts
from bot.desk.access import deps
from bot.desk.shared import csv_cell, csv_download
from bot.storage.dialogs import DialogStore
from bot.storage.faq import FaqStore
from bot.storage.reminders import ReminderStore
from bot.storage.staff import StaffStore

DAYS = 30
TOP = 10
CSV_LIMIT = 1000
BANDS = ("unsure", "none")  # an unanswered question: "did you mean ...?" or no match at all
SERIES = (*BANDS, "answered")  # the questions-per-day chart: the two bands, then answered (green)


async def statistics(request: Request) -> Response:
    d = deps(request)
    lang = request.state.lang

    def t(mid: str, **kw: object) -> str:
        return d.t(lang, mid, **kw)

    faq = FaqStore(d.sessions)
    today = d.cfg.today()
    days = [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    since = datetime.combine(days[0], time(0), d.cfg.tz)
    per_band = {band: [0] * DAYS for band in SERIES}
    for asked_at, band in await faq.questions_since(since):
        i = (asked_at.astimezone(d.cfg.tz).date() - days[0]).days
        if band in per_band and 0 <= i < DAYS:
            per_band[band][i] += 1
    answered = await faq.answered_since(days[0])
    per_band["answered"] = [answered.get(day, 0) for day in days]
    totals = await faq.totals()
    top = await faq.top_unanswered(TOP)
    outcomes = [
        (f"{dialog} · {outcome or t('desk-stats-unfinished')}", n)
        for dialog, outcome, n in await DialogStore(d.sessions).stats()
    ]
    staff = StaffStore(d.sessions)
    reminders = await ReminderStore(d.sessions).stats(today)
    subscribers = [
        (t("desk-stats-sub-tips"), await staff.tip_subscribers()),
        (t("desk-stats-sub-meetups"), reminders["meetup_subscribers"]),
        (t("desk-stats-sub-agreements"), reminders["agreements_active"]),
        (t("desk-stats-sub-linked"), reminders["agreements_linked"]),
    ]
    handover = await staff.handover_counts()
    cases = [
        (t("desk-stats-case-open"), handover.get("open", 0) + handover.get("asking", 0)),
        (t("desk-stats-case-closed"), handover.get("closed", 0)),
    ]
    band_names = [t(f"desk-stats-band-{b}") for b in SERIES]
    figures = {
        "per_day": charts.per_day(
            "chart-days",
            t("desk-stats-days-title", days=DAYS),
            t(
                "desk-stats-days-desc",
                days=DAYS,
                answered=sum(per_band["answered"]),
                total=sum(sum(per_band[b]) for b in BANDS),
            ),
            days,
            [(name, per_band[b]) for name, b in zip(band_names, SERIES, strict=True)],
        ),
        "answered": charts.bars(
            "chart-answered",
            t("desk-stats-answered-title"),
            t("desk-stats-answered-desc", **totals),
            [
                (t("desk-stats-answered"), totals["answered"]),
                (t("desk-stats-unanswered"), totals["unanswered"]),
            ],
        ),
        "top": charts.bars(
            "chart-top",
            t("desk-stats-top-title"),
            t("desk-stats-top-desc", count=len(top)),
            [(q[:70], n) for q, n in top],
        ),
        "outcomes": charts.bars(
            "chart-outcomes",
            t("desk-stats-outcomes-title"),
            t("desk-stats-outcomes-desc", count=len(outcomes)),
            outcomes,
        ),
        "subscribers": charts.bars(
            "chart-subscribers", t("desk-stats-subscribers-title"), "", subscribers
        ),
        "cases": charts.bars("chart-cases", t("desk-stats-cases-title"), "", cases),
    }
    return await d.render(
        request,
        "statistics.html",
        figures=figures,
        days=days,
        per_band=per_band,
        band_names=list(zip(band_names, SERIES, strict=True)),
        top=top,
        outcomes=outcomes,
        subscribers=subscribers,
        cases=cases,
        totals=totals,
    )


async def unanswered_csv(request: Request) -> Response:
    top = await FaqStore(deps(request).sessions).top_unanswered(CSV_LIMIT)
    return csv_download(
        "unanswered-questions.csv", ["question", "count"], [[csv_cell(q), n] for q, n in top]
    )
