"""The pieces of a Ray batch that need no Ray: planning blocks, the extraction actor, triage.

:mod:`extract._batch.ray_engine` ships these to Ray workers (and runs
:func:`triage` on the driver); nothing here imports ``ray``, so each piece is
tested on plain pyarrow tables.

* :func:`plan_block`: a block of corpus rows -> the same rows with their content
  hash and cache key (:mod:`extract._batch.keys`, exactly as the local engine
  computes them), or the row's one-line error when it is not a valid article.
* :func:`triage`: the driver's plan, from every row's ``(doc_id, key)`` and the
  store's key states: what to extract (one article per key), what is cached,
  what failed earlier, which ids repeat.
* :class:`ExtractActor`: one :class:`Extractor` per actor (a loaded model, or
  a pool of HTTP workers with at most ``concurrency`` requests in flight),
  turning a block of planned rows into result rows.
"""

from __future__ import annotations

import json
import os
import resource
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from queue import SimpleQueue
from typing import Any

from extract._batch.corpus import row_article
from extract._batch.inputs import BadInput
from extract._batch.keys import article_hash, cache_key
from extract._batch.parquet_store import KeyState
from extract._batch.work import Outcome, Worker, make_workers
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article

PLAN_COLUMNS = ("doc_id", "key", "content_hash", "error")
ARTICLE_COLUMNS = ("text", "title", "published", "source")


def plan_block(block: Any, identity: dict[str, Any], id_column: str, source: str) -> Any:
    """Give every row of a pyarrow ``block`` its doc_id, content hash and cache key (or error)."""
    import pyarrow as pa

    out: dict[str, list[Any]] = {name: [] for name in (*PLAN_COLUMNS, *ARTICLE_COLUMNS)}
    for row in block.to_pylist():
        item = row_article(row, id_column, source)  # its errors name the row's id
        if isinstance(item, BadInput):
            _append(out, doc_id=item.source, key=None, content_hash=None, error=item.error)
            continue
        digest = article_hash(item)
        _append(out, doc_id=item.id, key=cache_key(digest, identity), content_hash=digest,
                error=None, text=item.text, title=item.title, published=item.published,
                source=item.source)  # fmt: skip
    return pa.table({name: pa.array(values, pa.string()) for name, values in out.items()})


def _append(out: dict[str, list[Any]], **values: Any) -> None:
    for name, column in out.items():
        column.append(values.get(name))


def select_block(block: Any, todo: dict[str, str]) -> Any:
    """The rows of a planned ``block`` that the plan extracts (``todo``: doc_id -> key)."""
    import pyarrow as pa

    pairs = zip(block.column("doc_id").to_pylist(), block.column("key").to_pylist(), strict=True)
    keep = [todo.get(doc_id) == key for doc_id, key in pairs]
    return block.filter(pa.array(keep, pa.bool_()))


@dataclass
class Plan:
    """What a run does with its corpus, decided on the driver before any extraction."""

    todo: dict[str, str] = field(default_factory=dict)  # doc_id -> key, one article per key
    items: list[dict[str, Any]] = field(default_factory=list)  # settled without the model
    followers: list[tuple[str, str]] = field(default_factory=list)  # repeat a todo key
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, content hash)
    articles: int = 0
    unreadable: int = 0
    cached: int = 0
    failed_earlier: int = 0


def triage(rows: Iterable[tuple[str, str | None, str | None, str | None]],
           states: dict[str, KeyState], retry_failed: bool) -> Plan:  # fmt: skip
    """Plan a run from ``(doc_id, key, content hash, error)`` rows, as the local engine does."""
    plan, seen, todo_keys = Plan(), set(), set()
    for doc_id, key, digest, error in rows:
        plan.articles += 1
        if key is None or digest is None or doc_id in seen:
            why = error or f"{doc_id}: duplicate article id in the corpus"
            label = doc_id if key is None else f"{doc_id} (duplicate)"
            plan.unreadable += 1
            plan.items.append(_item(label, None, "failed", why))
            continue
        seen.add(doc_id)
        plan.pairs.append((doc_id, digest))
        state = states.get(key)
        if state is not None and state.status == "extracted":
            plan.cached += 1
            plan.items.append(_item(doc_id, key, "cached"))
        elif state is not None and not retry_failed:
            plan.failed_earlier += 1
            plan.items.append(_item(doc_id, key, "failed", f"failed earlier: {state.error}"))
        elif key in todo_keys:
            plan.followers.append((doc_id, key))
        else:
            todo_keys.add(key)
            plan.todo[doc_id] = key
    return plan


def _item(doc_id: str, key: str | None, status: str, error: str | None = None) -> dict[str, Any]:
    return {"doc_id": doc_id, "cache_key": key, "status": status, "error": error}


def worker_config(config: ExtractionConfig, threads: int) -> ExtractionConfig:
    """The config sent to actors: no API key, and ``threads`` llama.cpp threads unless set.

    Workers read the key from their own environment, so it never travels with
    the work; neither setting enters the cache key.
    """
    settings = config.backend
    threads_now = settings.n_threads or threads
    return replace(config, backend=replace(settings, api_key=None, n_threads=threads_now))


class ExtractActor:
    """One Ray actor's extractor: built once, then called with block after block.

    Args:
        config: The extraction config (without an API key; see :func:`worker_config`).
        concurrency: Requests in flight for a remote backend (the local model: one).

    """

    def __init__(self, config: ExtractionConfig, concurrency: int) -> None:
        self.extractor = Extractor(config)
        count = 1 if config.backend.backend == "local" else max(1, concurrency)
        self.workers = make_workers(self.extractor, count)
        self.free: SimpleQueue[Worker] = SimpleQueue()
        for worker in self.workers:
            self.free.put(worker)
        self.pool = ThreadPoolExecutor(len(self.workers), thread_name_prefix="assay-actor")

    def __call__(self, block: Any) -> Any:
        """Extract every article of a planned block; one result row per article, in order."""
        import pyarrow as pa

        rows = block.to_pylist()
        outcomes = list(self.pool.map(self._extract, rows))
        results = [result_row(row, outcome) for row, outcome in zip(rows, outcomes, strict=True)]
        pid, peak = os.getpid(), peak_rss_mb()
        for result in results:
            result.update(worker_pid=pid, worker_peak_rss_mb=peak)
        return pa.Table.from_pylist(results)

    def _extract(self, row: dict[str, Any]) -> Outcome:
        article = Article(id=row["doc_id"], text=row["text"], title=row.get("title"),
                          published=row.get("published"), source=row.get("source"))  # fmt: skip
        worker = self.free.get()
        try:
            return worker.extract(article)
        finally:
            self.free.put(worker)


def result_row(row: dict[str, Any], outcome: Outcome) -> dict[str, Any]:
    """The store row of one planned article's outcome (as the SQLite store keeps it)."""
    base = {
        "cache_key": row["key"],
        "doc_id": row["doc_id"],
        "article_hash": row["content_hash"],
        "text": row["text"],
        "title": row.get("title"),
        "published": row.get("published"),
    }
    result = outcome.result
    if result is None:
        return {**base, "status": "failed", "error": outcome.error or "unknown error",
                "extraction": None, "raw_responses": None, "model_calls": 0, "prompt_tokens": 0,
                "completion_tokens": 0, "seconds": None}  # fmt: skip
    meta = result.meta
    return {**base, "status": "extracted", "error": None, "extraction": result.model_dump_json(),
            "raw_responses": json.dumps(list(outcome.raw_responses)),
            "model_calls": meta.model_calls if meta else 0,
            "prompt_tokens": meta.prompt_tokens if meta else 0,
            "completion_tokens": meta.completion_tokens if meta else 0,
            "seconds": meta.seconds if meta else None}  # fmt: skip


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (VmHWM; getrusage where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
