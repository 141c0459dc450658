"""The driver's side of a Ray batch: result rows counted, buffered and flushed to the store.

:class:`RunWriter` takes the result blocks :mod:`extract._batch.ray_engine`
streams from the actor pool, counts them into a :class:`RayBatchSummary`,
reports progress, and writes a results file and an items file to the parquet
store every ``flush_rows`` rows or ``flush_seconds`` seconds (what a killed
driver can lose). It imports no Ray.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from extract._batch.parquet_store import ParquetStore
from extract._batch.progress import Progress
from extract._batch.ray_work import Plan
from extract._batch.runner import BatchSummary


@dataclass
class RayBatchSummary(BatchSummary):
    """A batch summary with the peak memory (MB) of each actor process, by pid."""

    actors: dict[str, float] = field(default_factory=dict)


class RunWriter:
    """One run's writes and counts on the driver: buffered result rows, flushed as files."""

    def __init__(self, store: ParquetStore, run_id: str, identity: dict[str, Any],
                 progress: Progress, flush_rows: int, flush_seconds: float) -> None:  # fmt: skip
        self.store, self.identity, self.progress = store, identity, progress
        self.flush_rows, self.flush_seconds = flush_rows, flush_seconds
        self.summary = RayBatchSummary(run_id)
        self.rows: list[dict[str, Any]] = []
        self.flushed_at = time.monotonic()
        self.outcomes: dict[str, str | None] = {}  # key -> None (extracted) or its error
        self.started = 0.0

    def open(self, plan: Plan, started: float) -> None:
        """Record what the plan settled (cached, failed earlier, unreadable) and start timing."""
        self.started = started
        summary = self.summary
        summary.articles, summary.cached = plan.articles, plan.cached
        summary.failed_earlier = plan.failed_earlier
        for item in plan.items:
            if item["status"] == "failed":
                self._failed(item["doc_id"], item["error"])
        self.store.write_items(summary.run_id, plan.items)
        self.progress.start(summary, len(plan.todo))

    def consume(self, blocks: Iterator[Any]) -> None:
        """Count and buffer every result row; flush a file when enough rows or time has passed."""
        try:
            for row in _rows(blocks):
                self._count(row)
                self.rows.append(row)
                self.progress.update(self.summary)
                if len(self.rows) >= self.flush_rows or self._due():
                    self.flush()
        finally:
            self.flush()

    def settle(self, plan: Plan) -> None:
        """Record articles lost with their block, and those repeating another's content."""
        items: list[dict[str, Any]] = []
        for doc_id, key in plan.todo.items():
            if key not in self.outcomes:
                lost = "not extracted: its block failed on every attempt (see the Ray logs)"
                items.append({"doc_id": doc_id, "cache_key": key, "status": "failed",
                              "error": lost})  # fmt: skip
                self._failed(doc_id, lost)
        for doc_id, key in plan.followers:
            error: str | None = self.outcomes.get(key, "not extracted")
            if error is None:
                self.summary.cached += 1
            else:
                self._failed(doc_id, error)
            status = "cached" if error is None else "failed"
            items.append({"doc_id": doc_id, "cache_key": key, "status": status, "error": error})
        self.store.write_items(self.summary.run_id, items)

    def flush(self) -> None:
        """Write the buffered rows as one results file and one items file."""
        if self.rows:
            rows, self.rows = self.rows, []
            self.store.write_results(self.summary.run_id, self.identity, rows)
            self.store.write_items(self.summary.run_id, [
                {"doc_id": r["doc_id"], "cache_key": r["cache_key"], "status": r["status"],
                 "error": r["error"]} for r in rows])  # fmt: skip
        self.flushed_at = time.monotonic()

    def finish(self) -> RayBatchSummary:
        """Close the run with its counts."""
        self.summary.seconds = round(time.perf_counter() - self.started, 3)
        self.store.finish_run(self.summary.run_id, self.summary.counts())
        self.progress.finish(self.summary)
        return self.summary

    def _count(self, row: dict[str, Any]) -> None:
        pid, peak = str(row.pop("worker_pid")), row.pop("worker_peak_rss_mb")
        self.summary.actors[pid] = max(peak, self.summary.actors.get(pid, 0.0))
        self.outcomes[row["cache_key"]] = row["error"] if row["status"] == "failed" else None
        if row["status"] == "failed":
            self._failed(row["doc_id"], row["error"])
            return
        self.summary.extracted += 1
        self.summary.model_calls += row["model_calls"] or 0
        self.summary.prompt_tokens += row["prompt_tokens"] or 0
        self.summary.completion_tokens += row["completion_tokens"] or 0

    def _failed(self, doc_id: str, error: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append({"doc_id": doc_id, "error": error})

    def _due(self) -> bool:
        return time.monotonic() - self.flushed_at >= self.flush_seconds


def _rows(blocks: Iterator[Any]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        yield from block.to_pylist()
