"""The Ray engine with the embedded model: 5 articles on 2 actors, the local engine's records."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import write_corpus
from ray_helpers import parquet_records, sqlite_records

from extract._backends.base import BackendSettings
from extract._batch.runner import run_batch
from extract._batch.store import ResultStore
from extract._pipeline.pipeline import ExtractionConfig, Extractor

ray = pytest.importorskip("ray")
from extract._batch.ray_engine import RayOptions, run_ray_batch  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.model]


def test_five_articles_on_two_actors_match_the_local_engine(
    ray_cluster: str, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 5)
    # One llama.cpp thread on both sides: each actor gets one (actor_cpus 0.5), and the same
    # thread count keeps the float sums, and so every decision, identical.
    config = ExtractionConfig(backend=BackendSettings(n_threads=1))
    with Extractor(config) as extractor, ResultStore(tmp_path / "local.db") as store:
        local = run_batch(corpus, extractor, store)
    summary = run_ray_batch(corpus, replace(config), tmp_path / "out", RayOptions(actors=2))
    assert (local.extracted, summary.extracted, summary.failed) == (5, 5, 0), summary.errors
    assert summary.model_calls == local.model_calls > 0
    assert len(summary.actors) == 2, "both actors loaded the model and extracted"
    # Records, grounding and model calls match; prompt tokens do not have to: they count the
    # tokens evaluated after KV-cache reuse, which depends on the article each model saw before.
    assert _records(parquet_records(tmp_path / "out")) == _records(
        sqlite_records(tmp_path / "local.db")
    )


def _records(by_doc: dict[str, Any]) -> dict[str, Any]:
    kept = {}
    for doc_id, (key, extraction, usage) in by_doc.items():
        meta = {k: v for k, v in extraction.pop("meta").items() if not k.endswith("_tokens")}
        kept[doc_id] = (key, extraction, meta, usage[0])
    return kept
