"""kill -9 of a batch or of a store writer leaves a sound store that the next run completes.

The kill points come from a seeded generator; where exactly they land depends on
timing, so each round checks the invariants that must hold wherever it lands.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from reliability_helpers import REPO, article, cli_env, openai_args, records_for, run_cli

from extract._batch.store import ResultStore
from extract._schema import ArticleExtraction
from extract._testing.fake_openai import FakeOpenAIServer
from extract._testing.responses import article_text

ARTICLES = 24
FACTS_PER_RESULT = 400  # big results: a kill is likely to land inside a write
RAW_BYTES = 2_000_000


def _query(store: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=30)) as db:
        return db.execute(sql).fetchall()


def _stored(store: Path) -> int:
    try:
        return int(_query(store, "SELECT COUNT(*) FROM results")[0][0])
    except sqlite3.Error:  # not created yet, or its tables not yet migrated
        return 0


def _assert_sound(store: Path) -> set[str]:
    """The store opens, passes integrity_check and holds only whole results; their doc_ids."""
    with ResultStore(store, create=False) as opened:  # opens and migrates, or raises
        assert opened.count("results") == len(_query(store, "SELECT 1 FROM results"))
    assert _query(store, "PRAGMA integrity_check") == [("ok",)]
    assert _query(store, "PRAGMA foreign_key_check") == []
    rows = _query(store, "SELECT doc_id, extraction, raw_responses FROM results")
    for doc_id, extraction, raw in rows:
        parsed = ArticleExtraction.model_validate_json(str(extraction))
        assert parsed.deals or len(parsed.plant_facts) == FACTS_PER_RESULT, doc_id
        assert isinstance(json.loads(str(raw)), list)
    orphans = _query(
        store,
        """SELECT i.doc_id FROM run_items i LEFT JOIN results r
                               ON r.cache_key = i.cache_key
                               WHERE i.status = 'extracted' AND r.cache_key IS NULL""",
    )
    assert orphans == [], "an item marked extracted has its result"
    return {str(row[0]) for row in rows}


def _kill_when(process: subprocess.Popen[str], store: Path, done: int, extra_delay: float) -> None:
    """SIGKILL ``process`` once ``done`` results are stored, plus ``extra_delay`` seconds."""
    deadline = time.monotonic() + 60
    while _stored(store) < done and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(extra_delay)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=10)


# -- a real batch, killed while it extracts -------------------------------------------------------


def _assay(*args: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", "from extract._cli.main import main; main()", *map(str, args)]
    return subprocess.Popen(command, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


@pytest.mark.server
def test_killed_batches_resume_with_exactly_the_missing_articles(tmp_path: Path) -> None:
    corpus, store = tmp_path / "corpus", tmp_path / "runs.db"
    corpus.mkdir()
    for number in range(ARTICLES):
        (corpus / f"a{number:02d}.txt").write_text(article(f"a{number:02d}"))
    rng = random.Random(20261122)
    with FakeOpenAIServer(latency=0.04, responder=records_for) as server:
        for round_number in range(3):
            process = _assay("batch", corpus, "--store", store, "-j", "2",
                             *openai_args(server.base_url))  # fmt: skip
            _kill_when(process, store, 4 * (round_number + 1), rng.uniform(0, 0.05))
            assert process.returncode == -signal.SIGKILL
            stored = _assert_sound(store)
        server.requests.clear()
        finished = run_cli("batch", corpus, "--store", store, "--json",
                           *openai_args(server.base_url))  # fmt: skip
        asked = {article_text(body).split("Report ")[1].split(".")[0] for body in server.requests}
    summary = json.loads(finished.stdout)
    missing = {f"a{number:02d}" for number in range(ARTICLES)} - stored
    assert finished.returncode == 0 and asked == missing
    assert (summary["extracted"], summary["cached"], summary["failed"]) == (
        len(missing), ARTICLES - len(missing), 0)  # fmt: skip
    assert _assert_sound(store) == {f"a{number:02d}" for number in range(ARTICLES)}


# -- a store writer, killed at random points of its writes ----------------------------------------

WRITER = """
import sys
from extract._schema import Article, ArticleExtraction, PlantFact
from extract._batch.store import ResultStore

store_path, count, facts, raw_bytes = sys.argv[1], *map(int, sys.argv[2:5])
fact = PlantFact(facility="Aksu plant", metric="capacity", value=1.0, unit="t", evidence="x")
wrote = 0
with ResultStore(store_path) as store:
    run_id = store.start_run({"writer": True})
    done = store.stored_keys(f"key{n:03d}" for n in range(count))
    for n in range(count):
        key = f"key{n:03d}"
        if key in done:
            continue
        article = Article(id=f"w{n:03d}", text=f"Article {n}. " * 50)
        result = ArticleExtraction(doc_id=article.id, plant_facts=[fact] * facts)
        print("begin", wrote, flush=True)
        store.record_result(run_id, article, f"hash{n:03d}", key, result, ["r" * raw_bytes])
        print("end", wrote, flush=True)
        wrote += 1
    store.finish_run(run_id, {"wrote": wrote})
print("wrote", wrote)
"""


def _writer(store: Path, count: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", WRITER, str(store), str(count), str(FACTS_PER_RESULT),
               str(RAW_BYTES)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip


def _kill_inside_write(process: subprocess.Popen[str], write: int, delay: float) -> bool:
    """SIGKILL ``process`` just after it begins its ``write``-th store write.

    Returns whether the kill landed inside that write (it never reported the end).
    """
    assert process.stdout is not None
    for line in process.stdout:
        if line.split() == ["begin", str(write)]:
            break
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    rest, _ = process.communicate(timeout=10)
    return f"end {write}" not in rest


def test_a_store_writer_killed_mid_write_leaves_whole_results_only(tmp_path: Path) -> None:
    store, count = tmp_path / "writes.db", 20
    rng = random.Random(7)
    inside = 0
    for _ in range(5):
        before = _stored(store)
        process = _writer(store, count)
        inside += _kill_inside_write(process, rng.randint(0, 2), rng.uniform(0, 0.004))
        stored = _assert_sound(store)
        assert len(stored) >= before, "a kill never loses a committed result"
    assert inside >= 1, "at least one kill landed inside a store write"
    finisher = _writer(store, count)
    out, err = finisher.communicate(timeout=120)
    assert finisher.returncode == 0, err
    wrote = int(out.split()[-1])
    assert wrote == count - len(stored), "the next run writes exactly the missing results"
    assert len(_assert_sound(store)) == count
    runs = _query(store, "SELECT COUNT(*), COUNT(finished_at) FROM runs")
    assert runs == [(6, 1)], "killed runs stay visibly unfinished"
