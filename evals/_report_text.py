"""Plain-text tables of a report and of a baseline diff, for the terminal."""

from __future__ import annotations

from collections.abc import Iterable

from evals._baseline import BaselineDiff, MetricDelta
from evals._models import EvalReport, GroundingCounts, Scores

_HEADER = f"{'P':>7} {'R':>7} {'F1':>7} {'TP':>6} {'FP':>6} {'FN':>6}"


def _row(label: str, scores: Scores, width: int, *, counts: bool = True) -> str:
    if counts and scores.tp == scores.fp == scores.fn == 0:
        # Nothing to score (a field null everywhere): the 1.0 convention would mislead here.
        return f"{label:<{width}} {'-':>7} {'-':>7} {'-':>7} {0:6d} {0:6d} {0:6d}"
    line = f"{label:<{width}} {scores.precision:7.3f} {scores.recall:7.3f} {scores.f1:7.3f}"
    if not counts:
        return line + f" {'-':>6} {'-':>6} {'-':>6}"
    return line + f" {scores.tp:6d} {scores.fp:6d} {scores.fn:6d}"


def _table(title: str, rows: Iterable[tuple[str, Scores]], macro_label: str = "") -> list[str]:
    items = list(rows)
    width = max([len(title), *(len(label) for label, _ in items)])
    lines = [f"{title:<{width}} {_HEADER}", "-" * (width + len(_HEADER) + 1)]
    return lines + [
        _row(label, scores, width, counts=label != macro_label) for label, scores in items
    ]


def format_report(report: EvalReport) -> str:
    """Render the overall, per-type, per-field and per-article tables as text.

    Args:
        report: A report from :func:`evals.evaluate`.

    Returns:
        Lines separated by newlines, without a trailing newline.

    """
    overall = report.overall
    macro = Scores(
        precision=overall.macro.precision, recall=overall.macro.recall, f1=overall.macro.f1
    )
    macro_label = f"fields (macro, {overall.macro.articles} articles)"
    summary = [
        ("fields (micro)", overall),
        (macro_label, macro),
        ("records", overall.records),
    ]
    for name, group in report.by_type.items():
        summary += [(f"{name} fields", group), (f"{name} records", group.records)]
    lines = [_headline(report), "", *_table("overall", summary, macro_label), ""]
    lines += [*_table("field", report.by_field.items()), ""]
    articles = [
        (doc_id + (" (no prediction)" if scores.missing_prediction else ""), scores)
        for doc_id, scores in report.by_article.items()
    ]
    lines += [*_table("article", articles), "", _grounding_line(report)]
    return "\n".join(lines)


def _headline(report: EvalReport) -> str:
    manifest = report.manifest
    parts = [f"gold articles: {report.overall.articles}"]
    if report.missing_predictions:
        parts.append(f"without prediction: {len(report.missing_predictions)}")
    if report.unexpected_predictions:
        names = ", ".join(report.unexpected_predictions)
        parts.append(f"predictions not in gold (not scored): {names}")
    run = ", ".join(
        f"{name} {value}"
        for name, value in (
            ("model", manifest.model),
            ("strategy", manifest.strategy),
            ("backend", manifest.backend),
        )
        if value
    )
    headline = "assay eval: " + "; ".join(parts)
    return headline + (f"\nrun: {run}" if run else "")


def _grounding_line(report: EvalReport) -> str:
    grounding = report.grounding
    line = "grounding: " + _grounding_counts(grounding)
    for name, counts in grounding.by_type.items():
        if counts.records:
            line += f"; {name} {_grounding_counts(counts)}"
    if grounding.articles_without_text:
        line += f"; {len(grounding.articles_without_text)} articles without text not checked"
    return line


def _grounding_counts(counts: GroundingCounts) -> str:
    if not counts.records:
        return "no predicted records checked"
    return (
        f"{counts.grounded}/{counts.records} grounded ({100 * (counts.rate or 0):.1f} %), "
        f"{counts.verbatim} verbatim, {counts.value_in_evidence} with their figure"
    )


def format_diff(diff: BaselineDiff) -> str:
    """Render a baseline diff: metric deltas, then one line per flipped field.

    Args:
        diff: A diff from :func:`evals.diff_reports`.

    Returns:
        Lines separated by newlines, without a trailing newline.

    """
    lines = ["baseline comparison" + (" (gold set changed!)" if diff.gold_changed else "")]
    lines += [_delta_line(f"overall {name}", delta) for name, delta in diff.overall.items()]
    for group in (diff.by_type, diff.by_field):
        for name, deltas in group.items():
            lines += [
                _delta_line(f"{name} {metric}", delta)
                for metric, delta in deltas.items()
                if abs(delta.delta) > 1e-12
            ]
    lines.append(f"{len(diff.flips)} field(s) flipped")
    lines += [
        f"  {flip.doc_id} | {flip.record_type} | {flip.record_key} | {flip.field}: "
        f"{flip.old} -> {flip.new}"
        for flip in diff.flips
    ]
    return "\n".join(lines)


def _delta_line(label: str, delta: MetricDelta) -> str:
    return f"  {label:<40} {delta.old:7.3f} -> {delta.new:7.3f} ({delta.delta:+.3f})"
