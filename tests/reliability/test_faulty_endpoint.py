"""A faulty OpenAI-compatible endpoint: bounded retries, then success or a one-line error.

Every fault of :data:`extract._testing.fake_openai.FAULTS` is played by a real
HTTP server against the real ``openai`` client. Retries are counted as the
requests the server saw; sleeps are recorded instead of slept.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from reliability_helpers import ARTICLE, DEAL_SENTENCE, article, assay_cli, openai_args, records_for

from extract._backends.base import BackendSettings
from extract._backends.openai import MAX_BACKOFF, OpenAIBackend
from extract._errors import BackendError, ModelOutputError
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article, ArticleExtraction
from extract._testing import fake_openai
from extract._testing.fake_openai import FakeOpenAIServer, Responder
from extract._testing.responses import article_text

pytestmark = pytest.mark.server

RETRIES = 2  # so a fault that persists is seen RETRIES + 1 times
TIMEOUT = 0.5  # seconds: "hang" waits far longer than this

# fault -> (requests the server sees while the fault persists, error type, message)
PERSISTENT = {
    "500": (3, BackendError, "fake-model: HTTP 500 (InternalServerError) after 3 attempts"),
    "502": (3, BackendError, "fake-model: HTTP 502 (InternalServerError) after 3 attempts"),
    "429": (3, BackendError, "fake-model: HTTP 429 (RateLimitError) after 3 attempts"),
    "hang": (3, BackendError, "fake-model: APITimeoutError after 3 attempts"),
    "drop": (3, BackendError, "fake-model: APIConnectionError after 3 attempts"),
    # Content faults: instructor (or _llm for the last two) asks once more, then gives up.
    "malformed": (2, ModelOutputError, "fake-model: the response is not valid JSON"),
    "truncated_tool_call": (2, ModelOutputError,
                            "fake-model: the tool call's arguments are not valid JSON"),
    "schema_violation": (2, ModelOutputError, "fake-model: the tool call does not fit the schema"),
    "empty_choices": (2, ModelOutputError, "fake-model: the response has no choices"),
    "wrong_tool": (2, ModelOutputError,
                   "fake-model: answered with tool 'NotTheRequestedTool', not the requested"),
}  # fmt: skip


@contextmanager
def _extractor(server: FakeOpenAIServer, sleeps: list[float]) -> Iterator[Extractor]:
    settings = BackendSettings(backend="openai", model="fake-model", base_url=server.base_url,
                               api_key="sk-test", timeout=TIMEOUT, max_retries=RETRIES)  # fmt: skip
    with closing(OpenAIBackend(settings, sleep=sleeps.append)) as backend:
        yield Extractor(ExtractionConfig(backend=settings), backend)


@pytest.mark.parametrize("fault", sorted(PERSISTENT))
def test_a_persistent_fault_gives_bounded_retries_and_one_line_error(fault: str) -> None:
    requests, kind, message = PERSISTENT[fault]
    sleeps: list[float] = []
    with FakeOpenAIServer(script=[fault] * 10, hang_seconds=10) as server:
        with _extractor(server, sleeps) as extractor, pytest.raises(kind) as caught:
            extractor.extract(Article(id="a", text=ARTICLE))
        seen = len(server.requests)
    assert seen == requests
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    assert "sk-test" not in str(caught.value)


@pytest.mark.parametrize("fault", sorted(PERSISTENT))
def test_a_transient_fault_then_good_answers_succeeds(fault: str) -> None:
    sleeps: list[float] = []
    with FakeOpenAIServer(script=[fault], responder=records_for, hang_seconds=10) as server:
        with _extractor(server, sleeps) as extractor:
            result = extractor.extract(Article(id="a", text=ARTICLE))
        seen = len(server.requests)
    assert seen == 2
    assert [deal.evidence for deal in result.deals] == [DEAL_SENTENCE]
    assert len(result.plant_facts) == 1 and result.meta is not None and result.meta.dropped == 0


def test_retry_after_is_honoured_and_capped() -> None:
    sleeps: list[float] = []
    script = ["429:2.5", "429:0.25", "429:3600"]
    with FakeOpenAIServer(script=script, responder=records_for) as server:
        settings = BackendSettings(backend="openai", model="fake-model", base_url=server.base_url,
                                   max_retries=3)  # fmt: skip
        with closing(OpenAIBackend(settings, sleep=sleeps.append)) as backend:
            extractor = Extractor(ExtractionConfig(backend=settings), backend)
            result = extractor.extract(Article(id="a", text=ARTICLE))
        seen = len(server.requests)
    assert seen == 4 and sleeps == [2.5, 0.25, MAX_BACKOFF]
    assert len(result.deals) == 1


def _fault_for_b(fault: str) -> Responder:
    def respond(body: dict[str, Any]) -> dict[str, Any] | str | None:
        return fault if "Report B." in article_text(body) else records_for(body)

    return respond


@pytest.mark.parametrize("fault", ["500", "hang", "drop", "malformed", "schema_violation",
                                   "empty_choices", "wrong_tool", "429"])  # fmt: skip
def test_extract_command_reports_the_failed_article_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    monkeypatch.setattr(
        "extract._backends.openai.backoff_seconds", lambda attempt, retry_after: 0.0
    )
    for name in "ABC":
        (tmp_path / f"{name}.txt").write_text(article(name))
    with FakeOpenAIServer(responder=_fault_for_b(fault), hang_seconds=10) as server:
        args = ["extract", str(tmp_path), "--json", *openai_args(server.base_url, timeout=TIMEOUT)]
        result = CliRunner().invoke(assay_cli(), args, catch_exceptions=False)
        seen = len(server.requests)
    requests, _, message = PERSISTENT[fault]
    assert seen == 2 + requests  # A and C once each, B until its retries run out
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: B: {message}")
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["A", "C"]


# -- assay batch: the failure is recorded in the store, the batch goes on -----------------------


def _batch(corpus: Path, store: Path, server: FakeOpenAIServer, *extra: str) -> Any:
    args = ["batch", str(corpus), "--store", str(store), "--json", *extra,
            *openai_args(server.base_url, timeout=TIMEOUT)]  # fmt: skip
    result = CliRunner().invoke(assay_cli(), args, catch_exceptions=False)
    return result, json.loads(result.stdout)


def _tables(store: Path) -> dict[str, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(store)) as db:
        query = {
            "results": "SELECT doc_id, extraction FROM results ORDER BY doc_id",
            "errors": "SELECT doc_id, error, attempts FROM errors",
            "items": "SELECT doc_id, status, error FROM run_items ORDER BY doc_id",
        }
        return {name: db.execute(sql).fetchall() for name, sql in query.items()}


def _corpus(tmp_path: Path, names: str = "ABCDE") -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True)
    for name in names:
        (corpus / f"{name}.txt").write_text(article(name))
    return corpus


@pytest.mark.parametrize("fault", sorted(PERSISTENT))
def test_batch_records_a_one_line_error_and_stores_only_whole_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    monkeypatch.setattr(
        "extract._backends.openai.backoff_seconds", lambda attempt, retry_after: 0.0
    )
    corpus, store = _corpus(tmp_path), tmp_path / "runs.db"
    with FakeOpenAIServer(responder=_fault_for_b(fault), hang_seconds=10) as server:
        result, summary = _batch(corpus, store, server)
        seen = len(server.requests)
    requests, _, message = PERSISTENT[fault]
    assert result.exit_code == 1 and seen == 4 + requests
    assert (summary["extracted"], summary["failed"]) == (4, 1)
    [error] = summary["errors"]
    assert error["doc_id"] == "B" and error["error"].startswith(message)
    tables = _tables(store)
    assert tables["errors"] == [("B", error["error"], 1)] and "\n" not in error["error"]
    assert [row[0] for row in tables["results"]] == ["A", "C", "D", "E"]
    for _, stored in tables["results"]:  # whole records only: every one validates and is grounded
        extraction = ArticleExtraction.model_validate_json(stored)
        assert [d.evidence for d in extraction.deals] == [DEAL_SENTENCE]
        assert len(extraction.plant_facts) == 1
    assert [(doc, status) for doc, status, _ in tables["items"]] == [
        ("A", "extracted"), ("B", "failed"), ("C", "extracted"), ("D", "extracted"),
        ("E", "extracted")]  # fmt: skip


def test_batch_rides_out_transient_faults_then_retries_the_failed_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "extract._backends.openai.backoff_seconds", lambda attempt, retry_after: 0.0
    )
    corpus, store = _corpus(tmp_path), tmp_path / "runs.db"
    faults = iter(["500", "429", "drop", "malformed", "wrong_tool"])
    with FakeOpenAIServer(responder=lambda body: next(faults, None) if len(server.requests) % 2
                          else records_for(body)) as server:  # fmt: skip
        result, summary = _batch(corpus, store, server, "--concurrency", "1")
        assert result.exit_code == 0 and len(server.requests) == 10  # a fault, then good, for each
    assert (summary["extracted"], summary["failed"]) == (5, 0)
    with FakeOpenAIServer(responder=_fault_for_b("500")) as server:
        _batch(_corpus(tmp_path / "again"), store, server)  # same texts: all cached
        assert len(server.requests) == 0
    (corpus / "B.txt").write_text(article("B") + " Updated.")
    with FakeOpenAIServer(responder=_fault_for_b("500")) as server:
        result, summary = _batch(corpus, store, server)
        assert (summary["cached"], summary["failed"], len(server.requests)) == (4, 1, 3)
    with FakeOpenAIServer(responder=records_for) as server:
        result, summary = _batch(corpus, store, server, "--retry-failed")
        assert (summary["cached"], summary["extracted"], len(server.requests)) == (4, 1, 1)
    assert result.exit_code == 0 and _tables(store)["errors"] == []


def test_an_answer_cut_off_at_max_tokens_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Not one of the server's scripted faults: a real server's answer that hit max_tokens.
    complete = fake_openai.completion

    def cut_off(body: dict[str, Any], number: int, *args: Any) -> dict[str, Any]:
        answer = complete(body, number, None, "truncated_tool_call")
        answer["choices"][0]["finish_reason"] = "length"
        return answer

    monkeypatch.setattr(fake_openai, "completion", cut_off)
    with FakeOpenAIServer() as server:
        with _extractor(server, []) as extractor, pytest.raises(ModelOutputError) as caught:
            extractor.extract(Article(id="a", text=ARTICLE))
        seen = len(server.requests)
    assert str(caught.value) == "fake-model: the answer was cut off at the 2048-token limit"
    assert seen == 1


@pytest.mark.parametrize("header", ["-5", "nan", "soon"])
def test_a_nonsense_retry_after_falls_back_to_backoff(header: str) -> None:
    sleeps: list[float] = []
    with FakeOpenAIServer(script=[f"429:{header}"], responder=records_for) as server:
        with _extractor(server, sleeps) as extractor:
            result = extractor.extract(Article(id="a", text=ARTICLE))
        seen = len(server.requests)
    assert seen == 2 and len(result.deals) == 1
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 0.5  # the first step of the jittered backoff
