"""Charts as SVG drawn on the server: no script, nothing loaded; styled by ``desk.css``.

Each chart is an ``<svg role="img">`` named by its title and described in words; the page shows
the same figures in a table next to it for screen readers and for copying.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

WIDTH = 640
ROW = 44  # a label line and its bar
BAR = 16
PLOT_HEIGHT = 180
COLOURS = ("series-a", "series-b", "series-c")


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def bars(chart_id: str, title: str, desc: str, items: list[tuple[str, int]]) -> Markup:
    """Horizontal bars, one per (label, value), the label above its bar and the value after."""
    top = max((v for _, v in items), default=0) or 1
    room = WIDTH - 60  # space for the value after the longest bar
    body = []
    for i, (label, value) in enumerate(items):
        y = i * ROW
        length = round(room * value / top)
        body.append(f'<text class="chart-label" x="0" y="{y + 14}">{escape(label)}</text>')
        body.append(
            f'<rect class="{COLOURS[0]}" x="0" y="{y + 20}" width="{max(length, 1)}" '
            f'height="{BAR}"></rect>'
        )
        body.append(f'<text class="chart-value" x="{length + 6}" y="{y + 33}">{value}</text>')
    return _svg(chart_id, title, desc, max(len(items), 1) * ROW, body)


def per_day(
    chart_id: str,
    title: str,
    desc: str,
    days: list[date],
    series: list[tuple[str, list[int]]],
) -> Markup:
    """Stacked columns, one per day, one colour per series (named in the page's legend)."""
    totals = [sum(values[i] for _, values in series) for i in range(len(days))]
    top = max(totals, default=0) or 1
    left, bottom = 36, 24
    step = (WIDTH - left) / max(len(days), 1)
    body = [
        f'<text class="chart-value" x="0" y="12">{top}</text>',
        f'<text class="chart-value" x="0" y="{PLOT_HEIGHT}">0</text>',
        f'<line class="chart-axis" x1="{left}" y1="{PLOT_HEIGHT}" x2="{WIDTH}" '
        f'y2="{PLOT_HEIGHT}"></line>',
    ]
    for i, day in enumerate(days):
        x = left + i * step
        base = PLOT_HEIGHT
        for k, (_, values) in enumerate(series):
            h = PLOT_HEIGHT * values[i] / top
            if h:
                body.append(
                    f'<rect class="{COLOURS[k % len(COLOURS)]}" x="{x + 1:.1f}" '
                    f'y="{base - h:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}"></rect>'
                )
            base -= h
        if (len(days) - 1 - i) % 7 == 0:  # a week apart, counted back from the last day
            last = i == len(days) - 1
            body.append(
                f'<text class="chart-value" x="{x + (step if last else step / 2):.1f}" '
                f'y="{PLOT_HEIGHT + bottom - 6}" text-anchor="{"end" if last else "middle"}">'
                f"{day.day}.{day.month}.</text>"
            )
    return _svg(chart_id, title, desc, PLOT_HEIGHT + bottom, body)
