"""The parquet result store: atomic files, one row per key on read, runs, either store by path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from batch_helpers import article, openai_extractor, records_for

from extract._batch.parquet_store import (
    MARKER,
    ParquetStore,
    identity_hash,
    is_parquet_store,
    load_predictions,
)
from extract._batch.runner import run_batch
from extract._batch.store import ResultStore
from extract._batch.stores import copy_run, diff_runs, list_runs, load_run_predictions, run_items
from extract._errors import StoreError
from extract._schema import ArticleExtraction
from extract._testing import FakeOpenAIServer

IDENTITY = {"strategy": "direct", "prompt_ids": {"direct": "p1"}, "schema": "s1",
            "backend": {"backend": "openai", "model": "fake"}}  # fmt: skip


def _extracted(key: str, doc_id: str, amount: float = 1.0) -> dict[str, Any]:
    extraction = ArticleExtraction(doc_id=doc_id).model_dump_json()
    return {"cache_key": key, "doc_id": doc_id, "article_hash": f"h-{doc_id}",
            "status": "extracted", "extraction": extraction, "raw_responses": "[]",
            "model_calls": 1, "prompt_tokens": 10, "completion_tokens": int(amount),
            "seconds": 0.1}  # fmt: skip


def _failed(key: str, doc_id: str, error: str) -> dict[str, Any]:
    return {"cache_key": key, "doc_id": doc_id, "article_hash": f"h-{doc_id}",
            "status": "failed", "error": error}  # fmt: skip


def _run(store: ParquetStore, rows: list[dict[str, Any]]) -> str:
    run_id = store.start_run({"identity": IDENTITY})
    store.write_results(run_id, IDENTITY, rows)
    items = [{"doc_id": r["doc_id"], "cache_key": r["cache_key"], "status": r["status"],
              "error": r.get("error")} for r in rows]  # fmt: skip
    store.write_items(run_id, items)
    store.finish_run(run_id, {"extracted": len(rows)})
    return run_id


def test_a_new_store_is_marked_and_partitioned_by_identity(tmp_path: Path) -> None:
    store = ParquetStore(tmp_path / "out", create=True)
    _run(store, [_extracted("k1", "a1")])
    assert is_parquet_store(tmp_path / "out") and (tmp_path / "out" / MARKER).is_file()
    (part,) = (tmp_path / "out" / "results").iterdir()
    assert part.name == f"identity={identity_hash(IDENTITY)}"
    (written,) = part.glob("*.parquet")
    row = pq.read_table(written).to_pylist()[0]
    assert row["strategy"] == "direct" and row["model"] == "fake" and row["schema_hash"] == "s1"
    assert json.loads(row["identity"]) == IDENTITY


def test_reading_gives_one_row_per_key_success_winning(tmp_path: Path) -> None:
    store = ParquetStore(tmp_path / "out", create=True)
    _run(store, [_failed("k1", "a1", "boom"), _extracted("k2", "a2")])
    _run(store, [_failed("k1", "a1", "boom again")])
    states = store.key_states(IDENTITY)
    assert (states["k1"].status, states["k1"].error, states["k1"].attempts) == (
        "failed", "boom again", 2)  # fmt: skip
    _run(store, [_extracted("k1", "a1", 5), _extracted("k2", "a2", 7)])  # a duplicate of k2
    states = store.key_states(IDENTITY)
    assert {key: state.status for key, state in states.items()} == {
        "k1": "extracted", "k2": "extracted"}  # fmt: skip
    rows = store.results()
    assert sorted(rows) == ["k1", "k2"]
    assert rows["k2"]["completion_tokens"] == 1, "the first extracted row of a key wins"


def test_a_killed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    store = ParquetStore(tmp_path / "out", create=True)
    _run(store, [_extracted("k1", "a1")])
    folder = next((tmp_path / "out" / "results").iterdir())
    (folder / ".tmp-block-000009-deadbeef.parquet").write_bytes(b"PAR1 half a file")
    assert sorted(store.key_states()) == ["k1"], "readers skip temporary files"
    stale = time.time() - 2 * 3600
    os.utime(folder / ".tmp-block-000009-deadbeef.parquet", (stale, stale))
    ParquetStore(tmp_path / "out", create=True)
    assert not list(folder.glob(".tmp-*")), "a writer removes a killed writer's leftovers"


def test_runs_items_and_predictions(tmp_path: Path) -> None:
    store = ParquetStore(tmp_path / "out", create=True)
    first = _run(store, [_extracted("k1", "a1"), _failed("k2", "a2", "boom")])
    second = store.start_run({"identity": IDENTITY})
    store.write_items(second, [{"doc_id": "copy-of-a1", "cache_key": "k1", "status": "cached"}])
    runs = store.runs()
    assert [(r.run_id, r.status, r.extracted, r.failed) for r in runs] == [
        (first, "finished", 1, 1), (second, "unfinished", 0, 0)]  # fmt: skip
    items = store.items(first)
    assert [(i.doc_id, i.status, i.error) for i in items] == [
        ("a1", "extracted", None), ("a2", "failed", "boom")]  # fmt: skip
    assert list(store.predictions(second)) == ["copy-of-a1"]
    assert store.predictions(second)["copy-of-a1"].doc_id == "copy-of-a1", "relabelled"
    assert list(load_predictions(tmp_path / "out")) == ["a1"], "default: the latest finished run"
    with pytest.raises(StoreError, match="no run 'nope'"):
        store.run("nope")


def test_a_directory_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not empty and not a parquet result store"):
        ParquetStore(tmp_path / "busy", create=True)
    with pytest.raises(StoreError, match="no such result store"):
        ParquetStore(tmp_path / "missing")


@pytest.mark.server
def test_runs_convert_between_sqlite_and_parquet_and_back(tmp_path: Path) -> None:
    with FakeOpenAIServer(responder=records_for) as server, ResultStore(tmp_path / "a.db") as db:
        summary = run_batch([article(1), article(2)], openai_extractor(server.base_url), db)
    run_id = summary.run_id
    assert copy_run(tmp_path / "a.db", run_id, tmp_path / "pq") == 2
    assert copy_run(tmp_path / "pq", run_id, tmp_path / "b.db") == 2
    original = load_run_predictions(tmp_path / "a.db", run_id)
    assert load_run_predictions(tmp_path / "pq", run_id) == original
    assert load_run_predictions(tmp_path / "b.db", run_id) == original
    assert [r.run_id for r in list_runs(tmp_path / "pq")] == [run_id]

    def items(path: Path) -> list[tuple[str, str, str | None]]:
        return [(i.doc_id, i.status, i.cache_key) for i in run_items(path, run_id)]

    assert items(tmp_path / "b.db") == items(tmp_path / "a.db")
    assert diff_runs(tmp_path / "pq", run_id, run_id).totals()["articles_changed"] == 0
    with pytest.raises(StoreError, match="already holds run"):
        copy_run(tmp_path / "a.db", run_id, tmp_path / "pq")


def _scored_store(tmp_path: Path) -> Path:
    """A parquet store whose latest finished run predicts the gold written beside it."""
    store = ParquetStore(tmp_path / "out", create=True)
    gold = tmp_path / "gold"
    gold.mkdir()
    rows = []
    for number in (1, 2):
        extraction = ArticleExtraction.model_validate(
            {"doc_id": article(number).id, **records_for({"messages": [
                {"role": "user", "content": article(number).text}]})})  # fmt: skip
        (gold / f"{extraction.doc_id}.json").write_text(extraction.model_dump_json())
        rows.append({**_extracted(f"k{number}", extraction.doc_id),
                     "extraction": extraction.model_dump_json()})  # fmt: skip
    _run(store, rows)
    return tmp_path / "out"


def test_eval_scores_a_parquet_store_and_imports_no_model_or_ray(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from evals._command import eval_command

    out = _scored_store(tmp_path)
    gold = str(tmp_path / "gold")
    result = CliRunner().invoke(
        eval_command, ["--gold", gold, "--pred", str(out), "--json", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["overall"]["f1"] == 1.0
    assert report["manifest"]["pred_source"] == f"{out} (latest finished run)"
    run_id = ParquetStore(out).runs()[-1].run_id
    by_run = CliRunner().invoke(
        eval_command, ["--gold", gold, "--run", run_id, "--store", str(out), "-q"]
    )
    assert by_run.exit_code == 0, by_run.output
    code = ("import sys; from pathlib import Path; from evals._parquet_store import "
            f"load_store_predictions as load; assert len(load(Path({str(out)!r}))) == 2; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('ray', 'llama_cpp', 'openai', "
            "'instructor') or m in ('extract._backends.local', 'extract._backends.openai')]; "
            "assert not bad, bad")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
