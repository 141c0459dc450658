"""``assay batch --engine ray`` from the command line: runs list/diff/export, a driver killed -9."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import cli_command, cli_env, fake_args, records_for, write_corpus
from click.testing import CliRunner
from ray_helpers import live_extract_actor_ids, result_rows, written_parquet_files

from extract._batch.parquet_store import ParquetStore
from extract._cli.batch import batch_command
from extract._cli.runs import runs_group
from extract._testing import FakeOpenAIServer

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.ray, pytest.mark.server]

ARTICLES = 60


def _invoke(command: Any, *args: object) -> Any:
    result = CliRunner().invoke(command, [str(arg) for arg in args])
    assert result.exit_code == 0, result.output
    return result


def test_batch_engine_ray_then_runs_list_diff_and_export(ray_cluster: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 5)
    out = tmp_path / "out"
    with FakeOpenAIServer(responder=records_for) as server:
        args = [corpus, "--engine", "ray", "--out", out, "--actors", "1", "--json"]
        first = json.loads(_invoke(batch_command, *args, *fake_args(server.base_url)).stdout)
        second = json.loads(_invoke(batch_command, *args, *fake_args(server.base_url)).stdout)
    assert (first["extracted"], first["store"], second["cached"]) == (5, str(out), 5)
    runs = json.loads(_invoke(runs_group, "list", "--store", out, "--json").stdout)
    assert [(r["run_id"], r["extracted"], r["cached"]) for r in runs] == [
        (first["run_id"], 5, 0), (second["run_id"], 0, 5)]  # fmt: skip
    diff = json.loads(_invoke(runs_group, "diff", first["run_id"], second["run_id"], "--store",
                              out, "--json").stdout)  # fmt: skip
    assert diff["unchanged"] == 5 and diff["articles"] == []
    _invoke(runs_group, "export", first["run_id"], "--store", out, "--to", tmp_path / "s.db")
    copied = json.loads(_invoke(runs_group, "list", "--store", tmp_path / "s.db", "--json").stdout)
    assert [(r["run_id"], r["extracted"]) for r in copied] == [(first["run_id"], 5)]
    usage = CliRunner().invoke(batch_command, [str(corpus), "--engine", "ray"])
    assert usage.exit_code == 2 and "give --out DIR" in usage.output


def _wait_for_results(process: subprocess.Popen[str], out: Path, deadline: float) -> None:
    # A writer's temporary ".tmp-*.parquet" does not count: a kill leaves it unread.
    while not written_parquet_files(out / "results"):
        assert process.poll() is None, "the batch ended before it was killed"
        assert time.monotonic() < deadline, "no results written in time"
        time.sleep(0.05)


def test_a_driver_killed_with_sigkill_resumes_with_only_missing_and_failed(
    ray_cluster: str, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    out = tmp_path / "out"

    def answer(body: dict[str, Any]) -> dict[str, Any] | str:
        return "500" if "Company 2 plans" in str(body) else records_for(body)

    with FakeOpenAIServer(latency=0.25, responder=answer) as server:
        args = [corpus, "--engine", "ray", "--address", ray_cluster, "--out", out, "--json",
                "--actors", "2", "--concurrency", "1", *fake_args(server.base_url),
                "--max-retries", "0"]  # fmt: skip
        with (tmp_path / "driver.log").open("w") as log:
            driver = subprocess.Popen(cli_command("batch", *args), env=cli_env(), stdout=log,
                                      stderr=log, text=True)  # fmt: skip
            try:
                _wait_for_results(driver, out, time.monotonic() + 120)
                driver.send_signal(signal.SIGKILL)
            finally:
                if driver.poll() is None:
                    driver.kill()
                driver.wait(timeout=30)
        deadline = time.monotonic() + 60
        while live_extract_actor_ids() and time.monotonic() < deadline:
            time.sleep(0.2)  # Ray ends a dead driver's actors; wait so they ask nothing more
        states = ParquetStore(out).key_states()
        stored = sum(state.status == "extracted" for state in states.values())
        failed = sum(state.status == "failed" for state in states.values())
        asked = len(server.requests)
        again = cli_command("batch", *args, "--retry-failed")
        rerun = subprocess.run(again, env=cli_env(), capture_output=True, text=True, timeout=300,
                               check=False)  # fmt: skip
        asked_again = len(server.requests) - asked
    assert driver.returncode == -signal.SIGKILL
    assert 0 < stored < ARTICLES and failed <= 1, (stored, failed)
    assert rerun.returncode == 1, rerun.stderr  # the broken article fails again
    summary = json.loads(rerun.stdout)
    assert (summary["cached"], summary["extracted"] + summary["failed"]) == (
        stored, ARTICLES - stored)  # fmt: skip
    assert asked_again == ARTICLES - stored, "only the missing and failed articles were asked"
    keys = Counter(r["cache_key"] for r in result_rows(out) if r["status"] == "extracted")
    assert len(keys) == ARTICLES - 1 and max(keys.values()) == 1, "never two rows for one key"
    runs = ParquetStore(out).runs()
    assert [run.status for run in runs] == ["unfinished", "finished"]
