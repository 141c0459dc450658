"""The Ray engine on a local cluster on 127.0.0.1: the local engine's records, cached, faults."""

from __future__ import annotations

import io
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import article, openai_extractor, records_for, write_corpus
from ray_helpers import (
    extract_actor_restarts,
    live_extract_actors,
    parquet_records,
    result_rows,
    sqlite_records,
)

from extract._batch.parquet_store import ParquetStore
from extract._batch.progress import Progress
from extract._batch.runner import run_batch
from extract._batch.store import ResultStore
from extract._batch.work import plan_jobs
from extract._pipeline.pipeline import ExtractionConfig
from extract._testing import FakeOpenAIServer

ray = pytest.importorskip("ray")
from extract._batch.ray_engine import RayOptions, run_ray_batch  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.server]

# 200 requests through Ray actors on a machine whose two cores may be busy: a fake
# response held past the helpers' 5 s timeout (three tries) once lost one article.
# The timeout is no part of the cache key, so the local and Ray runs still share keys.
BUSY_MACHINE_TIMEOUT = 60.0


def _config(base_url: str, **settings: Any) -> ExtractionConfig:
    # api_key None: the engine never sends a key; the fake server does not ask for one.
    return openai_extractor(base_url, api_key=None, **settings).config


def test_200_articles_same_records_as_local_and_a_rerun_makes_no_calls(
    ray_cluster: str, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 200)
    with FakeOpenAIServer(responder=records_for) as server:
        config = _config(server.base_url, timeout=BUSY_MACHINE_TIMEOUT)
        local_extractor = openai_extractor(server.base_url, timeout=BUSY_MACHINE_TIMEOUT)
        with ResultStore(tmp_path / "local.db") as store:
            local = run_batch(corpus, local_extractor, store, concurrency=4)
        calls = len(server.requests)
        first = run_ray_batch(corpus, config, tmp_path / "out", RayOptions(actors=2))
        assert len(server.requests) == 2 * calls
        again = run_ray_batch(corpus, config, tmp_path / "out", RayOptions(actors=2))
        assert len(server.requests) == 2 * calls, "the re-run asked the model nothing"
    assert (local.extracted, first.extracted, first.failed, first.model_calls) == (200, 200, 0, 200)
    assert (again.cached, again.extracted, again.model_calls) == (200, 0, 0)
    assert parquet_records(tmp_path / "out") == sqlite_records(tmp_path / "local.db")
    keys = Counter(row["cache_key"] for row in result_rows(tmp_path / "out"))
    assert len(keys) == 200 and max(keys.values()) == 1, "one row per key on disk too"
    assert len(first.actors) == 2, "both actors extracted"
    runs = ParquetStore(tmp_path / "out").runs()
    assert [(r.extracted, r.cached, r.status) for r in runs] == [
        (200, 0, "finished"), (0, 200, "finished")]  # fmt: skip


def test_parquet_and_saved_dataset_corpora_give_the_local_keys(
    ray_cluster: str, tmp_path: Path
) -> None:
    import datasets

    articles = [article(n) for n in range(5)]
    rows = [{"doc_id": a.id, "text": a.text, "published": "2024-05-01"} for a in articles]
    datasets.Dataset.from_list(rows).to_parquet(str(tmp_path / "c.parquet"))
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "saved"))
    with FakeOpenAIServer(responder=records_for) as server:
        config = _config(server.base_url)
        expected = {
            job.doc_id: job.key
            for job in plan_jobs(
                [a.model_copy(update={"published": "2024-05-01"}) for a in articles],
                openai_extractor(server.base_url).identity(),
            )[0]
        }
        for name in ("c.parquet", "saved"):
            out = tmp_path / f"out-{name}"
            summary = run_ray_batch(tmp_path / name, config, out, RayOptions(actors=1))
            assert (summary.extracted, summary.failed) == (5, 0), summary.errors
            assert {r["doc_id"]: r["cache_key"] for r in result_rows(out)} == expected


def test_a_failing_article_is_an_error_row_and_its_block_is_kept(
    ray_cluster: str, tmp_path: Path
) -> None:
    broken = {"on": True}

    def answer(body: dict[str, Any]) -> dict[str, Any] | str:
        return "500" if broken["on"] and "Company 3 plans" in str(body) else records_for(body)

    corpus = write_corpus(tmp_path / "corpus", 8)
    options = RayOptions(actors=1, concurrency=2, batch_size=4)
    with FakeOpenAIServer(responder=answer) as server:
        config = _config(server.base_url, max_retries=0)
        progress = io.StringIO()
        first = run_ray_batch(corpus, config, tmp_path / "out", options,
                              progress=Progress(progress, tty=False))  # fmt: skip
        again = run_ray_batch(corpus, config, tmp_path / "out", options)
        asked = len(server.requests)
        broken["on"] = False
        retried = run_ray_batch(corpus, config, tmp_path / "out", options, retry_failed=True)
        assert len(server.requests) == asked + 1, "only the failed article went to the model"
    assert (first.extracted, first.failed) == (7, 1)
    assert first.errors[0]["doc_id"] == "a003" and "500" in first.errors[0]["error"]
    lines = progress.getvalue().splitlines()  # progress as the results stream in, per article
    assert [line.split("]")[0] for line in lines] == [f"[{n}/8" for n in range(9)]
    assert lines[-1].startswith("[8/8] extracted 7 cached 0 failed 1  ETA 0:00:00")
    assert (again.cached, again.failed, again.failed_earlier, again.model_calls) == (7, 1, 1, 0)
    assert (retried.cached, retried.extracted, retried.failed) == (7, 1, 0)
    states = ParquetStore(tmp_path / "out").key_states()
    assert len(states) == 8 and all(s.status == "extracted" for s in states.values())


def test_a_killed_actor_is_restarted_and_its_articles_retried(
    ray_cluster: str, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 30)
    killed: list[str] = []
    restarts_before = sum(extract_actor_restarts())

    def kill_one_actor(server: FakeOpenAIServer) -> None:
        deadline = time.monotonic() + 120
        while len(server.requests) < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        actors = live_extract_actors()
        if actors:
            ray.kill(actors[0], no_restart=False)
            killed.append(str(actors[0]))

    with FakeOpenAIServer(latency=0.3, responder=records_for) as server:
        killer = threading.Thread(target=kill_one_actor, args=(server,), daemon=True)
        killer.start()
        options = RayOptions(actors=2, concurrency=1, batch_size=3)
        summary = run_ray_batch(corpus, _config(server.base_url), tmp_path / "out", options)
        killer.join(timeout=5)
        asked = len(server.requests)
    assert killed, "an actor was killed mid-run"
    assert sum(extract_actor_restarts()) == restarts_before + 1, "Ray restarted the actor"
    assert (summary.extracted, summary.failed) == (30, 0), summary.errors
    assert asked >= 30, "the killed actor's block was asked again"
    keys = Counter(row["cache_key"] for row in result_rows(tmp_path / "out"))
    assert len(keys) == 30 and max(keys.values()) == 1
