"""A batch killed with SIGKILL mid-way leaves a sound store; the next one finishes the rest."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from batch_helpers import cli_command, cli_env, fake_args, records_for, run_cli, write_corpus

from extract._testing import FakeOpenAIServer

pytestmark = pytest.mark.server

ARTICLES = 30


def _results(store: Path) -> int:
    if not store.exists():
        return 0
    db = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return int(db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0
    finally:
        db.close()


def _kill_after(process: subprocess.Popen[str], store: Path, results: int, deadline: float) -> None:
    while _results(store) < results:
        assert process.poll() is None, f"the batch ended early: {process.communicate()}"
        assert time.monotonic() < deadline, "no results stored in time"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def test_resume_after_kill_9(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    store = tmp_path / "s.db"
    with FakeOpenAIServer(latency=0.1, responder=records_for) as server:
        command = cli_command(
            "batch",
            corpus,
            "--store",
            store,
            "--concurrency",
            "2",
            "--json",
            *fake_args(server.base_url),
        )
        process = subprocess.Popen(
            command, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            _kill_after(process, store, results=5, deadline=time.monotonic() + 60)
        finally:
            if process.poll() is None:
                process.kill()
            process.communicate()
        assert process.returncode == -signal.SIGKILL
        db = sqlite3.connect(store)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        survived = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
        (finished,) = db.execute("SELECT finished_at FROM runs").fetchone()
        db.close()
        assert 5 <= survived < ARTICLES and finished is None, "killed mid-way, run unfinished"

        rerun = run_cli("batch", corpus, "--store", store, "--json", *fake_args(server.base_url))
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert (summary["cached"], summary["extracted"]) == (survived, ARTICLES - survived)
    db = sqlite3.connect(store)
    per_doc = db.execute("SELECT doc_id, COUNT(*) FROM results GROUP BY doc_id").fetchall()
    runs = db.execute("SELECT finished_at IS NOT NULL FROM runs ORDER BY rowid").fetchall()
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    assert len(per_doc) == ARTICLES and all(count == 1 for _, count in per_doc)
    assert runs == [(0,), (1,)]
