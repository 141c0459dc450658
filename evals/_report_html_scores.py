"""Per-field F1 charts and score tables of one eval report, optionally beside another.

Used by the eval report (this run beside ``--baseline``) and by the runs-diff page
(``assay runs diff A B --html --gold``: run B beside run A). The comparison is
any earlier :class:`~evals._models.EvalReport`; ``series`` names the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from evals._html_chart import Bar, bar_chart
from evals._html_page import delta, score_cell, score_legend
from evals._models import EvalReport, Scores
from evals._report_html_articles import anchor
from evals._score import RECORD_LISTS

MACRO = "fields (macro)"
TYPE_NAMES = {"deal": "Deal fields", "plant_fact": "Plant-fact fields"}


def f1_charts(
    report: EvalReport,
    compared: EvalReport | None = None,
    *,
    series: tuple[str, str] = ("this run", "baseline"),
    hint: str = "Click a field to list its records below.",
) -> str:
    """Return one bar chart of per-field F1 per record type, side by side.

    Args:
        report: The report whose F1 the (blue) bars show.
        compared: A report drawn beside it as grey bars, with the change written out.
        series: Names of ``report`` and ``compared`` for the chart key.
        hint: A line under the charts (not printed); clicking a row sets the
            page's ``field`` filter to that field.

    """
    charts = []
    for record_type in RECORD_LISTS:
        bars = [
            Bar(
                key=name,
                label=name.split(".", 1)[1],
                value=f1_or_none(scores),
                compared=f1_or_none(compared.by_field.get(name)) if compared is not None else None,
                note=f"P {scores.precision:.3f}, R {scores.recall:.3f}, "
                f"TP {scores.tp} FP {scores.fp} FN {scores.fn}",
            )
            for name, scores in report.by_field.items()
            if name.startswith(record_type + ".")
        ]
        f1 = report.by_type[record_type].f1
        caption = f"{TYPE_NAMES[record_type]} · F1 {f1:.3f}"
        shown = series if compared is not None else None
        charts.append(bar_chart(bars, caption=caption, series=shown, filter_key="field"))
    note = f'<p class="muted no-print">{escape(hint)}</p>' if hint else ""
    return f'<div class="grid2">{"".join(charts)}</div>{note}'


def f1_or_none(scores: Scores | None) -> float | None:
    """F1, or None when nothing was scored (the 1.0 convention would mislead a reader)."""
    if scores is None or scores.tp == scores.fp == scores.fn == 0:
        return None
    return scores.f1


def score_tables(
    report: EvalReport, compared: EvalReport | None = None, *, by_article: bool = True
) -> str:
    """Return the overall, per-article and per-field score tables, cells coloured by score.

    Args:
        report: The report whose scores the tables hold.
        compared: An earlier report: each row gets a ΔF1 column against it.
        by_article: Include the per-article table (its rows link to ``#article-…``).

    """
    old: dict[str, Mapping[str, Scores]] | None = None
    if compared is not None:
        old = {
            "overall": dict(_overall_rows(compared)),
            "by-article": compared.by_article,
            "by-field": compared.by_field,
        }
    left = "<h3>Overall</h3>" + _scores_table("overall", _overall_rows(report), old)
    if by_article:
        left += "<h3>Per article</h3>" + _scores_table("by-article", report.by_article.items(), old)
    right = "<h3>Per field</h3>" + _scores_table("by-field", report.by_field.items(), old)
    return f'{score_legend()}<div class="grid2"><div>{left}</div><div>{right}</div></div>'


def _overall_rows(report: EvalReport) -> list[tuple[str, Scores]]:
    overall, macro = report.overall, report.overall.macro
    rows: list[tuple[str, Scores]] = [
        ("fields (micro)", overall),
        (MACRO, Scores(precision=macro.precision, recall=macro.recall, f1=macro.f1)),
        ("records", overall.records),
    ]
    for name, group in report.by_type.items():
        rows += [(f"{name} fields", group), (f"{name} records", group.records)]
    return rows


def _scores_table(
    table_id: str,
    rows: Iterable[tuple[str, Scores]],
    old: Mapping[str, Mapping[str, Scores]] | None,
) -> str:
    """Return a table of scores; with ``old`` (the compared report's, by table), a ΔF1 column."""
    head = "<tr><th></th><th>P</th><th>R</th><th>F1</th><th>TP</th><th>FP</th><th>FN</th>"
    head += "<th>ΔF1</th></tr>" if old is not None else "</tr>"
    lines = []
    for label, scores in rows:
        change = ""
        if old is not None:
            before = old[table_id].get(label)
            change = f'<td class="num">{delta(scores.f1 - before.f1) if before else ""}</td>'
        lines.append(f"<tr><th>{_label(table_id, label)}</th>{_cells(label, scores)}{change}</tr>")
    return (
        f'<table class="results" id="{table_id}"><thead>{head}</thead>'
        f"<tbody>{''.join(lines)}</tbody></table>"
    )


def _cells(label: str, scores: Scores) -> str:
    if scores.tp == scores.fp == scores.fn == 0 and label != MACRO:
        # Nothing scored: the 1.0 convention would mislead a reader.
        return '<td class="num">-</td>' * 3 + '<td class="num">0</td>' * 3
    shown = "".join(score_cell(value) for value in (scores.precision, scores.recall, scores.f1))
    counts = ("-", "-", "-") if label == MACRO else (scores.tp, scores.fp, scores.fn)
    return shown + "".join(f'<td class="num">{value}</td>' for value in counts)


def _label(table_id: str, label: str) -> str:
    if table_id != "by-article":
        return escape(label)
    return f'<a href="#{anchor(label)}">{escape(label)}</a>'
