"""A horizontal bar chart of scores in [0, 1] as inline SVG: no script, no font, no image.

One row per :class:`Bar`: its label, a bar as long as its value, optionally a
second (grey) bar for a comparison value, and the value with its change written
out. Built for the eval report's per-field F1 against a baseline and reusable as
is for the runs-diff page (run A as the comparison, run B as the value).

Each bar is a ``<rect class="bar run|base" data-value="...">`` whose width is the
value times :data:`PLOT_WIDTH`, so a test (or a reader of the markup) can check
it. A row whose value is None (nothing scored) gets no bar and reads "n/a".
The SVG scales with its box (``viewBox``), so printing never clips it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from evals._html_page import change

LABEL_WIDTH = 132
PLOT_WIDTH = 280
VALUE_WIDTH = 112
TOP = 20
ROW_HEIGHT = 22
ROW_HEIGHT_COMPARED = 26
WIDTH = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH

CHART_CSS = """
.chart svg { display: block; width: 100%; max-width: 34rem; height: auto; overflow: visible; }
.chart text { font-size: 11px; fill: var(--ink); }
.chart .tick { fill: var(--muted); font-size: 10px; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart .bar.run { fill: var(--run); }
.chart .bar.base { fill: var(--base); }
.chart .na { fill: var(--muted); font-style: italic; }
.chart .up { fill: var(--good); } .chart .down { fill: var(--bad); }
.chart .same { fill: var(--muted); }
.chart .hit { fill: transparent; }
.js .chart [data-set-filter] { cursor: pointer; }
.js .chart [data-set-filter]:hover .hit { fill: rgba(0, 114, 178, .08); }
.series { display: flex; gap: 1rem; font-size: .78rem; color: var(--muted); margin: 0 0 .2rem; }
.series i { display: inline-block; width: 1.4em; height: .7em; margin-right: .3em; }
.series .run { background: var(--run); } .series .base { background: var(--base); }
@media print { .chart { break-inside: avoid; } .chart svg { max-width: 100%; } }
"""


@dataclass(frozen=True)
class Bar:
    """One row of a chart.

    Attributes:
        key: What the row stands for (e.g. ``deal.investor``): its ``data-key``.
        label: The text left of the bar.
        value: The score, or None when there is nothing to show.
        compared: The comparison score (baseline, run A), if any.
        note: Extra words for the row's tooltip.

    """

    key: str
    label: str
    value: float | None
    compared: float | None = None
    note: str = ""


def bar_chart(
    bars: Sequence[Bar],
    *,
    caption: str,
    series: tuple[str, str] | None = None,
    filter_key: str = "",
) -> str:
    """Return a captioned SVG bar chart of ``bars``.

    Args:
        bars: The rows, top to bottom.
        caption: The chart's heading (also its accessible name).
        series: Names of the value and the comparison (e.g. ``("this run",
            "baseline")``) to draw the comparison bars and a key; None draws one
            bar per row.
        filter_key: When set, clicking a row sets that filter of the page's
            filter bar to the row's key (see :mod:`evals._html_filter`).

    """
    row_height = ROW_HEIGHT_COMPARED if series else ROW_HEIGHT
    height = TOP + row_height * len(bars) + 4
    rows = [
        _row(bar, TOP + index * row_height, row_height, series, filter_key)
        for index, bar in enumerate(bars)
    ]
    key = (
        f'<div class="series"><span><i class="run"></i>{escape(series[0])}</span>'
        f'<span><i class="base"></i>{escape(series[1])}</span></div>'
        if series
        else ""
    )
    return (
        f'<figure class="chart"><h3>{escape(caption)}</h3>{key}'
        f'<svg viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-label="{escape(caption)}"><title>{escape(caption)}</title>'
        f"{_grid(height)}{''.join(rows)}</svg></figure>"
    )


def _grid(height: int) -> str:
    lines = []
    for step in range(5):
        x = LABEL_WIDTH + PLOT_WIDTH * step / 4
        label = ("0", ".25", ".5", ".75", "1")[step]
        lines.append(
            f'<line class="{"axis" if step == 0 else "grid"}" x1="{x:g}" x2="{x:g}" '
            f'y1="{TOP - 4}" y2="{height - 2}"/>'
            f'<text class="tick" x="{x:g}" y="{TOP - 8}" text-anchor="middle">{label}</text>'
        )
    return "".join(lines)


def _row(bar: Bar, top: int, height: int, series: tuple[str, str] | None, filter_key: str) -> str:
    middle = top + height / 2
    attrs = f'class="row" data-key="{escape(bar.key)}"'
    if filter_key:
        attrs += f' data-set-filter="{escape(filter_key)}={escape(bar.key)}"'
    parts = [
        f"<g {attrs}><title>{escape(_tooltip(bar, series))}</title>",
        f'<rect class="hit" x="0" y="{top}" width="{WIDTH}" height="{height}"/>',
        f'<text x="{LABEL_WIDTH - 8}" y="{middle:g}" dy=".35em" text-anchor="end">'
        f"{escape(bar.label)}</text>",
    ]
    thickness = (height - 8) / 2 if series else height - 8
    if bar.value is not None:
        parts.append(_rect("run", bar.value, top + 4, thickness))
    if series and bar.compared is not None:
        parts.append(_rect("base", bar.compared, top + 4 + thickness, thickness))
    parts.append(_value_text(bar, middle, series))
    return "".join(parts) + "</g>"


def _rect(kind: str, value: float, y: float, thickness: float) -> str:
    width = max(0.0, min(1.0, value)) * PLOT_WIDTH
    return (
        f'<rect class="bar {kind}" data-value="{value:.6f}" x="{LABEL_WIDTH}" y="{y:g}" '
        f'width="{width:.2f}" height="{thickness:g}"/>'
    )


def _value_text(bar: Bar, middle: float, series: tuple[str, str] | None) -> str:
    start = f'<text x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{middle:g}" dy=".35em"'
    if bar.value is None:
        return f'{start} class="na">n/a</text>'
    shown = f"{bar.value:.3f}"
    if series and bar.compared is not None:
        kind, text = change(bar.value - bar.compared)
        shown += f'<tspan class="{kind}" dx="6">{text}</tspan>'
    return f"{start}>{shown}</text>"


def _tooltip(bar: Bar, series: tuple[str, str] | None) -> str:
    text = f"{bar.label}: {_shown(bar.value)}"
    if series:
        text = f"{bar.label}: {series[0]} {_shown(bar.value)}, {series[1]} {_shown(bar.compared)}"
    return f"{text}. {bar.note}" if bar.note else text


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
