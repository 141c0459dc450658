"""Benchmarks 2 and 4: batch runs with cheap backends (no real model).

2. Cached re-run: 1,000 synthetic articles fill a store through a fake backend,
   then a second batch over the same corpus must answer all of them from the
   store (zero model calls); that second batch is timed.
4. Concurrency: the openai backend (direct strategy, one request per article)
   against the fake OpenAI server (in its own process) answering each request
   after 200 ms, at concurrency 1 and 32, each into a fresh store so nothing is
   cached. The batch's own start-up (building 32 workers) is inside the time.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from bench._fake_server import fake_server
from bench._synthetic import articles, gold_extraction
from extract import BackendSettings, ExtractionConfig, Extractor, FakeBackend

M = TypeVar("M", bound=BaseModel)
CACHED_ARTICLES = 1000
LATENCY = 0.2
CONCURRENCY = 32
_SERIAL = re.compile(r"synth-(\d{5})")


class EchoBackend(FakeBackend):
    """A fake backend whose direct answer is the synthetic article's own records."""

    def structured(self, system: str, user: str, response_model: type[M]) -> M:
        """The records the synthetic article was built from (its serial is in the text)."""
        self._count(user)
        match = _SERIAL.search(user)
        gold = gold_extraction(int(match.group(1)) if match else 0, 3)
        records = {"deals": [d.model_dump() for d in gold.deals],
                   "plant_facts": [f.model_dump() for f in gold.plant_facts]}  # fmt: skip
        return response_model.model_validate(records)


def write_corpus(directory: Path, count: int) -> Path:
    """A .jsonl corpus of ``count`` synthetic articles, as ``assay batch`` would read it."""
    path = directory / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in articles(count):
            out.write(json.dumps({"id": article.id, "text": article.text}) + "\n")
    return path


def run_cached(quick: bool = False) -> dict[str, Any]:
    """Fill a store with 1,000 articles, then time the batch that finds them all stored.

    The full size runs in quick mode too: the fill costs a few seconds.
    """
    from extract._batch.runner import run_batch
    from extract._batch.store import ResultStore

    extractor = Extractor(ExtractionConfig(strategy="direct"), backend=EchoBackend())
    with tempfile.TemporaryDirectory() as tmp, ResultStore(Path(tmp) / "runs.db") as store:
        corpus = write_corpus(Path(tmp), CACHED_ARTICLES)
        started = time.perf_counter()
        fill = run_batch(corpus, extractor, store)
        fill_seconds = time.perf_counter() - started
        started = time.perf_counter()
        rerun = run_batch(corpus, extractor, store)
        seconds = time.perf_counter() - started
    return {"cached_rerun_seconds_1000": round(seconds, 3),
            "cached": {"articles": CACHED_ARTICLES, "fill_seconds": round(fill_seconds, 3),
                       "fill_model_calls": fill.model_calls, "rerun_model_calls": rerun.model_calls,
                       "rerun_cached": rerun.cached, "rerun_failed": rerun.failed}}  # fmt: skip


def _timed_batch(base_url: str, corpus: list[Any], concurrency: int) -> tuple[float, Any]:
    from extract._batch.runner import run_batch
    from extract._batch.store import ResultStore

    settings = BackendSettings(backend="openai", model="fake", base_url=base_url, api_key="bench",
                               max_retries=0)  # fmt: skip
    extractor = Extractor(ExtractionConfig(backend=settings, strategy="direct"))
    with tempfile.TemporaryDirectory() as tmp, ResultStore(Path(tmp) / "runs.db") as store:
        started = time.perf_counter()
        summary = run_batch(corpus, extractor, store, concurrency=concurrency)
        return time.perf_counter() - started, summary


def run_concurrency(quick: bool = False) -> dict[str, Any]:
    """Speed-up of 32 requests in flight over one at 200 ms per request (quick: 96 articles)."""
    corpus = articles(96 if quick else 200)
    with fake_server(LATENCY) as base_url:
        serial, one = _timed_batch(base_url, corpus, 1)
        parallel, many = _timed_batch(base_url, corpus, CONCURRENCY)
    n = len(corpus)
    ideal = n / -(-n // CONCURRENCY)  # full waves of 32 at 200 ms each
    # At concurrency 1 everything beyond the server's wait is the client's own work.
    client_ms = (serial / n - LATENCY) * 1000
    return {"concurrency_speedup_32": round(serial / parallel, 2),
            "concurrency": {"articles": n, "latency_s": LATENCY, "seconds_c1": round(serial, 3),
                            "seconds_c32": round(parallel, 3), "ideal_speedup": round(ideal, 2),
                            "client_ms_per_request": round(client_ms, 1),
                            "extracted": one.extracted + many.extracted,
                            "failed": one.failed + many.failed}}  # fmt: skip
