"""Many articles at once: cached, resumable, concurrent for remote models.

:func:`run_batch` gives every article a cache key (:mod:`extract._batch.keys`),
answers the articles with a stored result from the store, and extracts the
rest: in process and one at a time with the local model (one loaded model,
reused), or with N concurrent requests for a remote endpoint (worker threads
under an asyncio semaphore). Only the event-loop thread writes to the store,
one transaction per article, so a killed batch loses at most the articles in
flight; the next batch finds the others stored and extracts only those.

Failures: an article whose extraction raises an :class:`AssayError`, or an
input that cannot be read, is recorded with its one-line error and the batch
goes on. An article that failed in an earlier batch (same cache key) is not
attempted again unless ``retry_failed``: it is counted under ``failed`` (and
``failed_earlier``) with its stored error, so a re-run reports the same gap
instead of paying for the same failure again. Any other exception is a bug,
recorded for its article as "internal error (Type): message" so that the rest
of the batch still runs.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from extract._batch.corpus import load_corpus
from extract._batch.inputs import BadInput
from extract._batch.progress import Progress
from extract._batch.store import ResultStore
from extract._batch.work import Job, Outcome, Worker, make_workers, plan_jobs, run_manifest
from extract._pipeline.pipeline import Extractor
from extract._schema import Article

Corpus = Path | str | Iterable[Article | BadInput]
DEFAULT_CONCURRENCY = 4


@dataclass
class BatchSummary:
    """What a batch did. ``failed`` includes ``failed_earlier`` (not attempted again)."""

    run_id: str
    articles: int = 0
    extracted: int = 0
    cached: int = 0
    failed: int = 0
    failed_earlier: int = 0
    model_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    errors: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as plain JSON-ready data."""
        return asdict(self)

    def counts(self) -> dict[str, Any]:
        """Return the counts a run's manifest keeps (everything but the error list)."""
        return {
            name: value
            for name, value in self.to_dict().items()
            if name not in ("run_id", "errors")
        }


def run_batch(
    corpus: Corpus,
    extractor: Extractor,
    store: ResultStore,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    retry_failed: bool = False,
    progress: Progress | bool = False,
) -> BatchSummary:
    """Extract a corpus into ``store``, reusing every stored result.

    Args:
        corpus: A path (see :func:`extract._batch.corpus.load_corpus`) or articles
            (and unreadable inputs) from :func:`extract._batch.inputs.iter_articles`.
        extractor: Decides the output; its identity is part of every cache key.
        store: Where results, errors and the run are recorded.
        concurrency: Requests in flight for a remote backend; the local
            backend always runs one article at a time.
        retry_failed: Attempt articles that failed in an earlier batch again.
        progress: A :class:`Progress`, True for one on stderr, False for none.

    Returns:
        The counts of the run, whose id is ``summary.run_id``.

    Raises:
        InputError: The corpus cannot be read at all.
        StoreError: The store cannot be written.

    """
    started = time.perf_counter()
    items = list(load_corpus(Path(corpus)) if isinstance(corpus, str | Path) else corpus)
    jobs, bad = plan_jobs(items, extractor.identity())
    run_id = store.start_run(run_manifest(extractor, jobs, bad, concurrency, retry_failed))
    batch = _Batch(store, BatchSummary(run_id, articles=len(items)), reporter(progress), started)
    todo, followers = batch.triage(jobs, bad, retry_failed)
    batch.progress.start(batch.summary, len(todo))
    workers = make_workers(
        extractor, 1 if _is_local(extractor) else min(max(1, concurrency), len(todo))
    )
    if len(workers) == 1:
        for job in todo:
            batch.record(job, workers[0].extract(job.article))
    else:
        asyncio.run(_extract_concurrently(todo, workers, batch))
    batch.settle(followers)
    return batch.finish()


class _Batch:
    """The store writes and counts of one run (used from one thread only)."""

    def __init__(self, store: ResultStore, summary: BatchSummary, progress: Progress,
                 started: float) -> None:  # fmt: skip
        self.store = store
        self.summary = summary
        self.progress = progress
        self.started = started

    def triage(
        self, jobs: list[Job], bad: list[BadInput], retry_failed: bool
    ) -> tuple[list[Job], list[Job]]:
        """Record bad inputs, cached and earlier-failed articles; return what needs the model.

        Returns:
            The jobs to extract (one per cache key), and the later jobs that
            share a key with one of them (settled from its outcome).

        """
        for item in bad:
            self._fail(item.source, None, item.error, attempted=False)
        keys = [job.key for job in jobs]
        stored, failed = self.store.stored_keys(keys), self.store.failed_keys(keys)
        cached = [job for job in jobs if job.key in stored]
        self.store.record_cached(self.summary.run_id, [(job.doc_id, job.key) for job in cached])
        self.summary.cached += len(cached)
        todo: dict[str, Job] = {}
        followers = []
        for job in jobs:
            if job.key in stored:
                continue
            if job.key in failed and not retry_failed:
                self.summary.failed_earlier += 1
                self._fail(
                    job.doc_id, job.key, f"failed earlier: {failed[job.key]}", attempted=False
                )
            elif job.key in todo:
                followers.append(job)
            else:
                todo[job.key] = job
        return list(todo.values()), followers

    def record(self, job: Job, outcome: Outcome) -> None:
        """Store one extracted article's result or error (one transaction)."""
        if outcome.result is None:
            self._fail(job.doc_id, job.key, outcome.error or "unknown error", attempted=True)
        else:
            self.store.record_result(self.summary.run_id, job.article, job.content_hash, job.key,
                                     outcome.result, outcome.raw_responses)  # fmt: skip
            meta = outcome.result.meta
            self.summary.extracted += 1
            self.summary.model_calls += meta.model_calls if meta else 0
            self.summary.prompt_tokens += meta.prompt_tokens if meta else 0
            self.summary.completion_tokens += meta.completion_tokens if meta else 0
        self.progress.update(self.summary)

    def settle(self, followers: list[Job]) -> None:
        """Record articles that repeat an extracted one's content: cached, or its failure."""
        if not followers:
            return
        stored = self.store.stored_keys(job.key for job in followers)
        failed = self.store.failed_keys(job.key for job in followers)
        for job in followers:
            if job.key in stored:
                self.store.record_cached(self.summary.run_id, [(job.doc_id, job.key)])
                self.summary.cached += 1
            else:
                self._fail(
                    job.doc_id, job.key, failed.get(job.key, "not extracted"), attempted=False
                )

    def finish(self) -> BatchSummary:
        """Close the run with its counts."""
        self.summary.seconds = round(time.perf_counter() - self.started, 3)
        self.store.finish_run(self.summary.run_id, self.summary.counts())
        self.progress.finish(self.summary)
        return self.summary

    def _fail(self, doc_id: str, key: str | None, error: str, *, attempted: bool) -> None:
        self.store.record_failure(self.summary.run_id, doc_id, key, error, attempted=attempted)
        self.summary.failed += 1
        self.summary.errors.append({"doc_id": doc_id, "error": error})


async def _extract_concurrently(jobs: list[Job], workers: list[Worker], batch: _Batch) -> None:
    """Run at most ``len(workers)`` extractions at once; record each in this (the loop's) thread."""
    loop = asyncio.get_running_loop()
    slots = asyncio.Semaphore(len(workers))
    free = list(workers)
    executor = ThreadPoolExecutor(len(workers), thread_name_prefix="assay-batch")

    async def one(job: Job) -> None:
        async with slots:
            worker = free.pop()
            try:
                outcome = await loop.run_in_executor(executor, worker.extract, job.article)
            finally:
                free.append(worker)
        batch.record(job, outcome)

    try:
        async with asyncio.TaskGroup() as group:
            for job in jobs:
                group.create_task(one(job))
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def _is_local(extractor: Extractor) -> bool:
    return extractor.config.backend.backend == "local"


def reporter(progress: Progress | bool) -> Progress:
    """The progress reporter ``progress`` asks for: itself, one on stderr (True), or none."""
    if isinstance(progress, Progress):
        return progress
    return Progress() if progress else _Silent()


class _Silent(Progress):
    def _write(self, text: str) -> None:
        return None
