"""--backend openai against llama-cpp-python's own OpenAI-compatible server, over real HTTP."""

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract._backends.local import default_model_path
from extract._batch.store import load_run_predictions
from extract._schema import ArticleExtraction

pytestmark = [pytest.mark.model, pytest.mark.server]
ARTICLE = (
    "The Aksu smelter produced 120,000 tonnes of ferrochrome last year. "
    "The company plans to invest $40 million in a new furnace.\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(default_model_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_until_up(base_url, process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("llama_cpp.server exited early")
        try:
            urllib.request.urlopen(f"{base_url}/models", timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("llama_cpp.server did not start in 120 s")


def _assay(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from extract._cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.parametrize("strategy", ["guided", "direct"])
def test_openai_backend_through_instructor_over_http(
    server: str, strategy: str, tmp_path: Path
) -> None:
    article = tmp_path / "aksu.txt"
    article.write_text(ARTICLE)
    done = _assay(
        "extract",
        str(article),
        "--backend",
        "openai",
        "--base-url",
        server,
        "--model",
        "gemma",
        "--strategy",
        strategy,
        "--json",
    )
    assert done.returncode == 0, done.stderr
    result = ArticleExtraction.model_validate(json.loads(done.stdout))
    assert result.meta is not None
    assert result.meta.backend == "openai" and result.meta.model_calls >= 1
    assert result.meta.completion_tokens > 0  # the server generated the tool call
    for record in [*result.deals, *result.plant_facts]:
        assert record.evidence in ARTICLE
    if strategy == "guided":
        # Values come from the text; the model chose metric and role through tool calls.
        assert {f.value for f in result.plant_facts} == {120000.0}
        assert [d.amount for d in result.deals] == [40000000.0]


def test_concurrent_batch_workers_share_one_client_against_the_real_model(
    server: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("aksu", "pavlodar"):
        (corpus / f"{name}.txt").write_text(ARTICLE.replace("Aksu", name.title()))
    store = tmp_path / "runs.db"
    args = ["batch", str(corpus), "--store", str(store), "--backend", "openai", "--base-url",
            server, "--model", "gemma", "--strategy", "guided", "-j", "2", "--json"]  # fmt: skip
    done = _assay(*args)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["extracted"], summary["failed"]) == (2, 0)
    results = load_run_predictions(store, summary["run_id"])
    calls = [r.meta.model_calls for r in results.values() if r.meta is not None]
    assert len(calls) == 2 and min(calls) >= 1  # each article counts its own questions
    assert sum(calls) == summary["model_calls"]
    again = json.loads(_assay(*args).stdout)
    assert (again["cached"], again["model_calls"]) == (2, 0)
