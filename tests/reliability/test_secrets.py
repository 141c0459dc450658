"""A planted API key reaches the endpoint and nowhere else: no output, file, report or message.

The fake server checks the Authorization header in the test process (it keeps
only whether the header carried the planted key), which proves the key was in
play; everything a user can see afterwards is then searched for it.
"""

from __future__ import annotations

import json
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from reliability_helpers import (
    ARTICLE,
    DEAL,
    FACT,
    article,
    cli_env,
    openai_args,
    planted_key,
    records_for,
    run_cli,
)

from extract._backends.base import BackendSettings
from extract._backends.openai import OpenAIBackend
from extract._errors import BackendError
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article
from extract._testing import fake_openai
from extract._testing.fake_openai import FakeOpenAIServer
from extract._testing.responses import article_text

pytestmark = pytest.mark.server


def _responder(body: dict[str, Any]) -> dict[str, Any] | str:
    text = article_text(body)
    return "500" if "Report B." in text else "401" if "Report C." in text else records_for(body)


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[bool]]:
    """A planted key, and for each request the server saw: did it carry the key?"""
    planted, carried = planted_key(), []
    serve = fake_openai._Handler.do_POST

    def checking(handler: Any) -> None:
        carried.append(handler.headers.get("Authorization") == f"Bearer {planted}")
        serve(handler)

    monkeypatch.setattr(fake_openai._Handler, "do_POST", checking)
    return planted, carried


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in "ABCD":
        (corpus / f"{name}.txt").write_text(article(name))
    return corpus


def _gold(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    (gold / "articles").mkdir(parents=True)
    for name in "AD":
        record = {"doc_id": name, "deals": [DEAL], "plant_facts": [FACT]}
        (gold / f"{name}.json").write_text(json.dumps(record))
        (gold / "articles" / f"{name}.txt").write_text(article(name))
    return gold


def _run_everything(tmp: Path, url: str, planted: str) -> list[subprocess.CompletedProcess[str]]:
    corpus, store, gold = _corpus(tmp), tmp / "runs.db", _gold(tmp)
    openai_env = cli_env(OPENAI_API_KEY=planted, OPENAI_LOG="debug")
    assay_env = cli_env(ASSAY_API_KEY=planted)
    fast = openai_args(url, retries=1)
    runs = [
        run_cli("extract", corpus / "A.txt", "--json", "--out", tmp / "one.jsonl", *fast,
                env=openai_env),
        run_cli("extract", corpus, "--out", tmp / "out", *fast, env=openai_env),
        run_cli("batch", corpus, "--store", store, "--json", *fast, env=assay_env),
        run_cli("batch", corpus, "--store", tmp / "down.db", "--json",
                *openai_args("http://127.0.0.1:9/v1", retries=0), env=assay_env),
    ]  # fmt: skip
    run_id = json.loads(runs[2].stdout)["run_id"]
    (tmp / "bad_gold").mkdir()
    (tmp / "bad_gold" / "A.json").write_text('{"doc_id": "A", "deals": [{"amount": "x"}]}')
    runs += [
        run_cli("eval", "--gold", gold, "--run", run_id, "--store", store,
                "--json", tmp / "report.json", "--html", tmp / "report.html", env=assay_env),
        run_cli("eval", "--gold", tmp / "bad_gold", "--run", run_id, "--store", store,
                env=assay_env),
        run_cli("runs", "list", "--store", store, "--json", env=assay_env),
    ]  # fmt: skip
    return runs


def test_the_key_is_sent_but_never_shown_or_stored(
    tmp_path: Path, key: tuple[str, list[bool]]
) -> None:
    planted, carried = key
    with FakeOpenAIServer(responder=_responder) as server:
        runs = _run_everything(tmp_path, server.base_url, planted)
    assert [run.returncode for run in runs] == [0, 1, 1, 1, 0, 2, 0], [r.stderr for r in runs]
    assert carried and all(carried), "every request carried the planted key"
    for run in runs:
        assert planted not in run.stdout and planted not in run.stderr
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert {"runs.db", "report.json", "report.html", "one.jsonl", "A.json"} <= {
        path.name for path in files}  # fmt: skip
    for path in files:
        assert planted.encode() not in path.read_bytes(), path


def test_backend_errors_and_reprs_never_carry_the_key(key: tuple[str, list[bool]]) -> None:
    planted, carried = key
    with FakeOpenAIServer(script=["401", "403", "500", "500"]) as server:
        settings = BackendSettings(backend="openai", model="m", base_url=server.base_url,
                                   api_key=planted, max_retries=1)  # fmt: skip
        messages = []
        with closing(OpenAIBackend(settings, sleep=lambda seconds: None)) as backend:
            extractor = Extractor(ExtractionConfig(backend=settings), backend)
            for _ in range(3):
                with pytest.raises(BackendError) as caught:
                    extractor.extract(Article(id="a", text=ARTICLE))
                messages.append(caught.value)
    assert [str(m) for m in messages] == [
        "m: HTTP 401 (AuthenticationError)", "m: HTTP 403 (PermissionDeniedError)",
        "m: HTTP 500 (InternalServerError) after 2 attempts"]  # fmt: skip
    shown = [repr(settings), str(extractor.identity()), *map(repr, messages)]
    shown += [repr(m.__cause__) + repr(m.__context__) for m in messages]
    assert all(planted not in text for text in shown) and carried == [True] * 4


def test_a_key_with_an_illegal_character_is_not_echoed() -> None:
    # httpx refuses the header and says so with its value; that message must not surface.
    planted = planted_key() + "\n"
    with FakeOpenAIServer() as server:
        settings = BackendSettings(backend="openai", model="m", base_url=server.base_url,
                                   api_key=planted, max_retries=0)  # fmt: skip
        with closing(OpenAIBackend(settings)) as backend, pytest.raises(BackendError) as caught:
            Extractor(ExtractionConfig(backend=settings), backend).extract(
                Article(id="a", text=ARTICLE))  # fmt: skip
        assert server.requests == []
    assert str(caught.value) == "m: APIConnectionError after 1 attempts"
    assert planted.strip() not in repr(caught.value)
