"""Human-readable text for batch summaries, run lists and run diffs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract._batch.rundiff import RunDiff

if TYPE_CHECKING:
    from extract._batch.runner import BatchSummary
    from extract._batch.store import RunInfo

MAX_ERRORS_SHOWN = 20
_RUN_LINE = "{:<24} {:<10} {:<20} {:>5} {:>5} {:>5}  {}"


def format_summary(summary: BatchSummary, store_path: Path) -> str:
    """Format the end-of-batch report: counts, cost, failures and where the run is."""
    earlier = summary.failed_earlier
    lines = [f"run {summary.run_id}: {summary.articles} articles: {summary.extracted} extracted, "
             f"{summary.cached} cached, {summary.failed} failed"
             + (f" ({earlier} failed earlier, not retried)" if earlier else ""),
             f"{summary.model_calls} model calls, {summary.prompt_tokens} prompt + "
             f"{summary.completion_tokens} completion tokens, {summary.seconds:.1f} s"]  # fmt: skip
    for error in summary.errors[:MAX_ERRORS_SHOWN]:
        doc_id, message = error["doc_id"], error["error"]
        named = message if message.startswith(f"{doc_id}:") else f"{doc_id}: {message}"
        lines.append(f"  failed: {named}")
    if len(summary.errors) > MAX_ERRORS_SHOWN:
        lines.append(f"  ... and {len(summary.errors) - MAX_ERRORS_SHOWN} more (assay runs export)")
    if summary.failed_earlier:
        lines.append("  (use --retry-failed to attempt the earlier failures again)")
    lines.append(f"store: {store_path}   assay runs list --store {store_path}")
    return "\n".join(lines)


def format_runs(runs: Sequence[RunInfo]) -> str:
    """One line per run: id, status, start, counts, strategy and model."""
    if not runs:
        return "no runs yet"
    lines = [
        _RUN_LINE.format("run_id", "status", "started", "extr", "cach", "fail", "strategy/model")
    ]
    for run in runs:
        model = f"{run.manifest.get('strategy')}/{run.manifest.get('model')}"
        lines.append(_RUN_LINE.format(run.run_id, run.status, run.started_at[:19], run.extracted,
                                      run.cached, run.failed, model))  # fmt: skip
    return "\n".join(lines)


def format_diff(diff: RunDiff) -> str:
    """Per changed article: the records added (+), removed (-) and changed (~)."""
    totals = diff.totals()
    lines = [f"{diff.run_a} -> {diff.run_b}: {totals['articles_changed']} articles changed, "
             f"{totals['articles_unchanged']} unchanged; records +{totals['added']} "
             f"-{totals['removed']} ~{totals['changed']}"]  # fmt: skip
    for article in diff.articles:
        where = (
            ""
            if article.in_a and article.in_b
            else " (only in A)"
            if article.in_a
            else " (only in B)"
        )
        lines.append(f"{article.doc_id}{where}")
        lines.extend(f"  + {record['key']}  {_brief(record)}" for record in article.added)
        lines.extend(f"  - {record['key']}  {_brief(record)}" for record in article.removed)
        for change in article.changed:
            fields = "; ".join(f"{c.field}: {_short(c.a)} -> {_short(c.b)}" for c in change.changes)
            lines.append(f"  ~ {change.key}  {fields}")
    return "\n".join(lines)


def _brief(record: dict[str, Any]) -> str:
    name = record.get("investor") or record.get("facility") or record.get("project") or ""
    return _short(name)


def _short(value: Any, width: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= width else text[: width - 3] + "..."
