"""The eval report as one self-contained HTML page.

Top to bottom: what was scored (manifest), a summary of big numbers, per-field F1
as bar charts (this run beside the baseline, when one is given), the score
tables with cells coloured by score, a filter bar, and every article: its text
with gold and predicted evidence highlighted beside its records, wrong fields
marked and fields that flipped since the baseline flagged.

The page is built from the reusable pieces in :mod:`evals._html_page`,
:mod:`evals._html_chart`, :mod:`evals._html_filter` and :mod:`evals._html_article`;
this report's article panels are in :mod:`evals._report_html_articles`, its tallies
and filter bar in :mod:`evals._report_html_tally`.
Every piece of text goes through :func:`html.escape`; the only script is inline
and optional (without it the page shows everything).
"""

from __future__ import annotations

from collections.abc import Mapping

from evals._html_article import ARTICLE_CSS, ARTICLE_SCRIPT
from evals._html_chart import CHART_CSS
from evals._html_filter import FILTER_CSS, FILTER_SCRIPT
from evals._html_page import (
    CSS,
    Tile,
    delta,
    document,
    manifest_list,
    tiles,
)
from evals._models import EvalReport
from evals._report_html_articles import REPORT_CSS, article_panels
from evals._report_html_scores import f1_charts, score_tables
from evals._report_html_tally import FieldCounts, field_counts, filters, flip_index
from extract._schema import ArticleExtraction

_PAGE_CSS = CSS + CHART_CSS + FILTER_CSS + ARTICLE_CSS + REPORT_CSS


def render_html(
    report: EvalReport,
    texts: Mapping[str, str],
    *,
    baseline: EvalReport | None = None,
    gold: Mapping[str, ArticleExtraction] | None = None,
) -> str:
    """Render ``report`` as one self-contained HTML page.

    Args:
        report: A report from :func:`evals.evaluate`.
        texts: Article texts by doc_id, to show with the evidence highlighted
            (the same texts the report was scored with).
        baseline: An earlier report (``--baseline``): its per-field F1 is drawn
            beside this run's, and fields whose outcome changed are flagged.
        gold: The gold extractions, to highlight the gold evidence too (the
            report itself keeps only the predicted evidence).

    Returns:
        The HTML document.

    """
    flips = flip_index(baseline, report) if baseline is not None else None
    counts = field_counts(report, flips)
    body = [
        _header(report, baseline),
        _summary(report, baseline, counts),
        '<h2 id="charts">Per-field F1</h2>',
        f1_charts(report, baseline),
        "<h2>Scores</h2>",
        score_tables(report, baseline),
        '<h2 id="articles">Articles</h2>',
        filters(report, counts, flips is not None),
        *article_panels(report, texts, gold or {}, flips),
    ]
    return document(
        "assay eval report", "\n".join(body), css=_PAGE_CSS, script=FILTER_SCRIPT + ARTICLE_SCRIPT
    )


def _header(report: EvalReport, baseline: EvalReport | None) -> str:
    notice = ""
    if baseline is not None and baseline.manifest.gold_hash != report.manifest.gold_hash:
        notice = (
            '<p class="notice">The baseline was scored against a different gold set: '
            "its deltas and flips mix two gold sets.</p>"
        )
    items = _manifest_items(report, baseline)
    return f"<header><h1>assay eval report</h1>{manifest_list(items)}{notice}</header>"


def _manifest_items(report: EvalReport, baseline: EvalReport | None) -> list[tuple[str, str]]:
    m, grounding = report.manifest, report.grounding
    items = [
        ("model", m.model or ""),
        ("strategy", m.strategy or ""),
        ("backend", m.backend or ""),
        ("gold", f"{m.gold_source or '?'} ({m.gold_articles} articles, {m.gold_hash[:12]})"),
        ("predictions", f"{m.pred_source or '?'} ({m.predicted_articles} articles)"),
        ("git", (m.git_revision or "")[:12]),
        ("assay", m.package_version or ""),
        ("schema", m.schema_hash or ""),
        ("prompt_ids", ", ".join(f"{k}={v}" for k, v in m.prompt_ids.items())),
        ("without prediction", ", ".join(report.missing_predictions)),
        ("predictions not in gold", ", ".join(report.unexpected_predictions)),
        ("without text", ", ".join(grounding.articles_without_text)),
        ("grounding", f"{grounding.grounded}/{grounding.records} predicted records grounded"),
    ]
    if baseline is not None:
        b = baseline.manifest
        items.append(("baseline", f"{b.pred_source or '?'} (git {(b.git_revision or '?')[:12]})"))
    return items


def _summary(report: EvalReport, baseline: EvalReport | None, counts: FieldCounts) -> str:
    now, grounding = report.overall, report.grounding
    old = _headline(baseline) if baseline is not None else {}
    notes = {
        "Field F1": "micro",
        "Macro F1": f"{now.macro.articles} articles",
        "Record F1": "key fields right",
    }
    items = [
        _score_tile(label, value, old.get(label), notes.get(label, ""))
        for label, value in _headline(report).items()
    ]
    missing = len(report.missing_predictions)
    items += [
        Tile(
            "Grounded",
            f"{grounding.grounded}/{grounding.records}",
            "predicted records" if grounding.records else "no text to check",
        ),
        Tile("Articles", str(now.articles), f"{missing} without prediction" if missing else ""),
    ]
    return tiles(items) + counts.sentence()


def _headline(report: EvalReport) -> dict[str, float]:
    overall = report.overall
    return {
        "Field F1": overall.f1,
        "Precision": overall.precision,
        "Recall": overall.recall,
        "Macro F1": overall.macro.f1,
        "Record F1": overall.records.f1,
    }


def _score_tile(label: str, value: float, old: float | None, note: str = "") -> Tile:
    """A score's tile: its change since the baseline if there is one, else ``note``."""
    if old is None:
        return Tile(label, f"{value:.3f}", note)
    return Tile(label, f"{value:.3f}", sub_html=delta(value - old) + " vs baseline")
