"""Benchmark 6 (``--only ray``): the Ray engine on a local cluster on this machine.

1. Scaling: the openai backend (direct strategy) against the fake OpenAI server
   (its own process, 200 ms per request), one request in flight per actor,
   200 articles with 1 actor, then with 2 (``ray_speedup_2_actors``, target
   >= 1.8x). Each run's wall time counts everything ``run_ray_batch`` does on
   a running cluster: reading and planning the corpus, starting the actors,
   extracting, writing parquet.
2. Overhead: ``--engine local`` at concurrency 1 over the same articles and
   server, against the 1-actor run (``ray_overhead``, target <= 0.15).
3. Memory: the peak RSS of every actor process (VmHWM), as the actors report it.
4. Re-run: 1,000 articles fill a parquet store (a server without latency), then
   ``assay batch --engine ray`` runs again over the unchanged corpus, as parquet,
   in a fresh process that starts its own cluster (``ray_rerun_seconds_1000``,
   target < 30 s, with zero model calls); and as .jsonl, which the driver keys
   itself and, with nothing to extract, runs without a cluster.
5. Embedded model (full mode only): 2 actors of 0.5 CPU (one llama.cpp thread
   each) over the seed articles: articles per hour per actor and RSS per actor.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._batches import write_corpus
from bench._fake_server import fake_server
from bench._machine import ROOT
from bench._memory import real_articles
from bench._synthetic import articles
from extract import BackendSettings, ExtractionConfig, Extractor

LATENCY = 0.2
ARTICLES = 200
RERUN_ARTICLES = 1000


def _openai(base_url: str) -> ExtractionConfig:
    settings = BackendSettings(backend="openai", model="fake", base_url=base_url, max_retries=0)
    return ExtractionConfig(backend=settings, strategy="direct")


def _timed_ray(corpus: Any, config: ExtractionConfig, out: Path, actors: int,
               concurrency: int) -> tuple[float, Any]:  # fmt: skip
    from extract._batch.ray_engine import RayOptions, run_ray_batch

    options = RayOptions(actors=actors, concurrency=concurrency)
    started = time.perf_counter()
    summary = run_ray_batch(corpus, config, out, options)
    return time.perf_counter() - started, summary


def _timed_local(corpus: Any, config: ExtractionConfig, store: Path) -> tuple[float, Any]:
    from extract._batch.runner import run_batch
    from extract._batch.store import ResultStore

    started = time.perf_counter()
    with Extractor(config) as extractor, ResultStore(store) as results:
        summary = run_batch(corpus, extractor, results, concurrency=1)
    return time.perf_counter() - started, summary


def _scaling(tmp: Path, count: int) -> dict[str, Any]:
    corpus = articles(count)
    with fake_server(LATENCY) as base_url:
        config = _openai(base_url)
        local, local_summary = _timed_local(corpus, config, tmp / "local.db")
        one, one_summary = _timed_ray(corpus, config, tmp / "one", 1, 1)
        two, two_summary = _timed_ray(corpus, config, tmp / "two", 2, 1)
    rss = [*one_summary.actors.values(), *two_summary.actors.values()]
    return {"ray_speedup_2_actors": round(one / two, 2), "ray_overhead": round(one / local - 1, 3),
            "ray_actor_rss_mb": round(max(rss), 1),
            "ray_scaling": {"articles": count, "latency_s": LATENCY, "requests_per_actor": 1,
                            "local_c1_seconds": round(local, 2), "one_actor_seconds": round(one, 2),
                            "two_actor_seconds": round(two, 2),
                            "articles_per_s_1_actor": round(count / one, 2),
                            "articles_per_s_2_actors": round(count / two, 2),
                            "extracted": [local_summary.extracted, one_summary.extracted,
                                          two_summary.extracted],
                            "actor_rss_mb": sorted(rss)}}  # fmt: skip


def _fill(tmp: Path) -> tuple[Path, float]:
    corpus = write_corpus(tmp, RERUN_ARTICLES)
    with fake_server(0.0) as base_url:
        seconds, summary = _timed_ray(corpus, _openai(base_url), tmp / "rerun", 2, 8)
    if summary.extracted != RERUN_ARTICLES:
        raise RuntimeError(f"the fill extracted {summary.extracted} of {RERUN_ARTICLES}")
    return corpus, seconds


def _rerun_once(tmp: Path, corpus: Path) -> tuple[float, dict[str, Any]]:
    # The server is never asked (every key is stored); the URL only has to be well formed.
    command = [sys.executable, "-c", "from extract._cli.main import main; main()", "batch",
               str(corpus), "--engine", "ray", "--out", str(tmp / "rerun"), "--json",
               "--backend", "openai", "--model", "fake", "--base-url", "http://127.0.0.1:9/v1",
               "--strategy", "direct", "--max-retries", "0"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"re-run failed: {done.stderr.strip()[-1500:]}")
    summary: dict[str, Any] = json.loads(done.stdout)
    return seconds, summary


def _rerun(tmp: Path, corpus: Path) -> dict[str, Any]:
    """The unchanged corpus again, as a user runs it: a fresh process, its own cluster.

    As parquet (read by Ray: the cluster starts) and as the .jsonl it was filled
    from (read and keyed on the driver: nothing to extract, so no cluster starts).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), tmp / "corpus.parquet")
    seconds, parquet = _rerun_once(tmp, tmp / "corpus.parquet")
    jsonl_seconds, jsonl = _rerun_once(tmp, corpus)
    return {"ray_rerun_seconds_1000": round(seconds, 2),
            "ray_rerun_model_calls": parquet["model_calls"] + jsonl["model_calls"],
            "ray_rerun": {"articles": RERUN_ARTICLES, "parquet_seconds": round(seconds, 2),
                          "parquet_cached": parquet["cached"],
                          "jsonl_seconds_no_cluster": round(jsonl_seconds, 2),
                          "jsonl_cached": jsonl["cached"]}}  # fmt: skip


def _embedded(tmp: Path) -> dict[str, Any]:
    """Articles per hour per actor and RSS per actor with the embedded model (2 actors)."""
    corpus = real_articles(6)
    seconds, summary = _timed_ray(corpus, ExtractionConfig(), tmp / "model", 2, 1)
    per_actor = len(corpus) / seconds * 3600 / 2
    return {"ray_model_articles_per_hour_per_actor": round(per_actor, 1),
            "ray_model": {"articles": len(corpus), "actors": 2, "actor_cpus": 0.5,
                          "seconds": round(seconds, 2), "extracted": summary.extracted,
                          "model_calls": summary.model_calls,
                          "actor_rss_mb": sorted(summary.actors.values())}}  # fmt: skip


def run(quick: bool = False) -> dict[str, Any]:
    """Scaling, overhead and memory on one cluster; then the re-run in a fresh process."""
    from extract._batch.ray_engine import cluster

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        started = time.perf_counter()
        with cluster(None):
            results["ray_cluster_start_seconds"] = round(time.perf_counter() - started, 2)
            results.update(_scaling(tmp, 64 if quick else ARTICLES))
            corpus, fill = _fill(tmp)
            if not quick:
                results.update(_embedded(tmp))
        results.update(_rerun(tmp, corpus))
        results["ray_rerun"]["fill_seconds"] = round(fill, 2)
    return results
