"""A batch with the real embedded model: sequential, one loaded model, cached on re-run."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import article

from extract._batch.runner import run_batch
from extract._batch.store import ResultStore, load_run_predictions
from extract._pipeline.pipeline import Extractor

pytestmark = pytest.mark.model


def test_local_batch_is_sequential_and_cached(tmp_path: Path) -> None:
    extractor = Extractor()  # the embedded model, guided strategy
    corpus = [article(1), article(2)]
    with ResultStore(tmp_path / "s.db") as store:
        first = run_batch(corpus, extractor, store, concurrency=8)
        second = run_batch(corpus, extractor, store, concurrency=8)
        raw = store._db.execute("SELECT raw_responses FROM results").fetchall()
    assert (first.extracted, first.failed) == (2, 0) and first.model_calls > 0
    assert (second.cached, second.model_calls) == (2, 0)
    assert len(raw) == 2
    predictions = load_run_predictions(tmp_path / "s.db", second.run_id)
    assert sorted(predictions) == ["a001", "a002"]
