"""Batch re-extraction against the real OpenAI backend and a real-HTTP fake server."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import (
    API_KEY,
    article,
    fake_args,
    openai_extractor,
    prompts_dir,
    records_for,
    write_corpus,
)
from click.testing import CliRunner

from extract._backends.base import BackendSettings
from extract._backends.fake import FakeBackend
from extract._batch.inputs import BadInput
from extract._batch.progress import Progress
from extract._batch.runner import run_batch
from extract._batch.store import ResultStore, list_runs, load_run_predictions
from extract._cli.batch import batch_command
from extract._cli.runs import runs_group
from extract._errors import InputError
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._testing import FakeOpenAIServer

pytestmark = pytest.mark.server


def _batch(corpus: Any, server: FakeOpenAIServer, store_path: Path, **options: Any) -> Any:
    settings = options.pop("settings", {})
    with ResultStore(store_path) as store:
        return run_batch(corpus, openai_extractor(server.base_url, **settings), store, **options)


def test_second_batch_makes_no_model_calls(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 8)
    with FakeOpenAIServer(responder=records_for) as server:
        first = _batch(corpus, server, tmp_path / "s.db")
        calls = len(server.requests)
        started = time.perf_counter()
        second = _batch(corpus, server, tmp_path / "s.db")
        cached_seconds = time.perf_counter() - started
    assert (first.extracted, first.cached, first.failed, first.model_calls) == (8, 0, 0, 8)
    assert calls == 8 and len(server.requests) == 8, "the second batch asked nothing"
    assert (second.extracted, second.cached, second.model_calls) == (0, 8, 0)
    assert cached_seconds < 2.0
    predictions = load_run_predictions(tmp_path / "s.db", second.run_id)
    assert predictions["a003"].deals[0].amount == 400_000_000
    assert predictions["a003"].deals[0].evidence in article(3).text


def test_results_keep_their_raw_responses_and_usage(tmp_path: Path) -> None:
    with FakeOpenAIServer(responder=records_for) as server:
        summary = _batch([article(1), article(2)], server, tmp_path / "s.db", concurrency=2)
    db = sqlite3.connect(tmp_path / "s.db")
    rows = db.execute(
        "SELECT doc_id, raw_responses, model_calls, prompt_tokens FROM results"
    ).fetchall()
    db.close()
    assert len(rows) == 2 and summary.prompt_tokens > 0
    for doc_id, raw, calls, tokens in rows:
        (response,) = json.loads(raw)
        arguments = json.loads(response)["choices"][0]["message"]["tool_calls"][0]["function"][
            "arguments"
        ]
        assert f"Company {int(doc_id[1:])}" in arguments, "each article keeps its own response"
        assert calls == 1 and tokens > 0


def test_fetch_settings_do_not_invalidate_the_cache(tmp_path: Path) -> None:
    corpus = [article(n) for n in range(4)]
    with FakeOpenAIServer(responder=records_for) as server:
        _batch(corpus, server, tmp_path / "s.db", concurrency=2)
    with FakeOpenAIServer(responder=records_for) as other:  # another port: another base URL
        again = _batch(
            corpus,
            other,
            tmp_path / "s.db",
            concurrency=4,
            settings={"timeout": 33.0, "max_retries": 0, "api_key": "sk-other"},
        )
    assert (again.cached, again.extracted, len(other.requests)) == (4, 0, 0)


def test_prompt_edit_re_extracts_only_what_it_affects(tmp_path: Path) -> None:
    from extract._strategies.prompts import prompt_dir

    prompts = tmp_path / "prompts"
    shutil.copytree(prompt_dir(), prompts)
    corpus = [article(n) for n in range(5)]
    with FakeOpenAIServer(responder=records_for) as server:
        with prompts_dir(prompts):
            assert _batch(corpus, server, tmp_path / "s.db").extracted == 5
        _edit(prompts / "mass_metric.json", "instructions")  # a guided prompt: direct unaffected
        with prompts_dir(prompts):
            unrelated = _batch(corpus, server, tmp_path / "s.db")
        _edit(prompts / "direct.json", "system")
        with prompts_dir(prompts):
            edited = _batch(corpus, server, tmp_path / "s.db")
    assert (unrelated.extracted, unrelated.cached) == (0, 5)
    assert (edited.extracted, edited.cached) == (5, 0)
    assert len(server.requests) == 10
    assert "Be careful." in server.requests[-1]["messages"][0]["content"]
    runs = list_runs(tmp_path / "s.db")
    assert runs[0].manifest["prompt_ids"] != runs[2].manifest["prompt_ids"]


def _edit(path: Path, field: str) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data[field] += " Be careful."
    path.write_text(json.dumps(data), encoding="utf-8")


def test_concurrency_is_bounded(tmp_path: Path) -> None:
    corpus = [article(n) for n in range(12)]
    with FakeOpenAIServer(latency=0.15, responder=records_for) as server:
        started = time.perf_counter()
        summary = _batch(corpus, server, tmp_path / "s.db", concurrency=3)
        elapsed = time.perf_counter() - started
    assert summary.extracted == 12
    assert server.max_in_flight == 3
    assert elapsed < 12 * 0.15, "requests overlapped"


def test_store_writes_stay_on_the_calling_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers: set[str] = set()
    original = ResultStore.record_result

    def spy(self: ResultStore, *args: Any, **kwargs: Any) -> None:
        writers.add(threading.current_thread().name)
        original(self, *args, **kwargs)

    monkeypatch.setattr(ResultStore, "record_result", spy)
    with FakeOpenAIServer(latency=0.05, responder=records_for) as server:
        _batch([article(n) for n in range(6)], server, tmp_path / "s.db", concurrency=3)
    assert writers == {threading.current_thread().name}


def test_local_backend_runs_sequentially_in_process(tmp_path: Path) -> None:
    threads: set[str] = set()

    class Recording(FakeBackend):
        def structured(self, system: str, user: str, response_model: Any) -> Any:
            threads.add(threading.current_thread().name)
            return super().structured(system, user, response_model)

    backend = Recording(objects=[{"deals": [], "plant_facts": []}] * 3)
    extractor = Extractor(ExtractionConfig(strategy="direct"), backend=backend)
    with ResultStore(tmp_path / "s.db") as store:
        summary = run_batch([article(n) for n in range(3)], extractor, store, concurrency=8)
    assert summary.extracted == 3 and threads == {threading.current_thread().name}


def test_retry_after_is_honoured_and_the_result_stored(tmp_path: Path) -> None:
    with FakeOpenAIServer(script=["429:0.3", "429:0.3"], responder=records_for) as server:
        started = time.perf_counter()
        summary = _batch([article(1)], server, tmp_path / "s.db", concurrency=1)
        elapsed = time.perf_counter() - started
    assert summary.extracted == 1 and summary.failed == 0
    assert len(server.requests) == 3 and [f for _, f in server.faults] == ["429:0.3"] * 2
    assert elapsed >= 0.6, "waited Retry-After twice"
    assert load_run_predictions(tmp_path / "s.db", summary.run_id)["a001"].deals


def _failing_for(doc_number: int) -> Any:
    def responder(body: dict[str, Any]) -> Any:
        return "500" if f"Company {doc_number} plans" in json.dumps(body) else records_for(body)

    return responder


def test_a_failing_article_is_recorded_and_the_others_succeed(tmp_path: Path) -> None:
    corpus = [article(n) for n in range(5)]
    with FakeOpenAIServer(responder=_failing_for(2)) as server:
        summary = _batch(corpus, server, tmp_path / "s.db", settings={"max_retries": 1})
    assert (summary.extracted, summary.failed) == (4, 1)
    assert summary.errors[0]["doc_id"] == "a002" and "HTTP 500" in summary.errors[0]["error"]
    with ResultStore(tmp_path / "s.db") as store:
        assert store.count("results") == 4 and store.count("errors") == 1
        items = {item.doc_id: item for item in store.items(summary.run_id)}
    assert items["a002"].status == "failed" and items["a002"].extraction is None


def test_earlier_failures_are_skipped_unless_retry_failed(tmp_path: Path) -> None:
    corpus = [article(n) for n in range(3)]
    with FakeOpenAIServer(responder=_failing_for(1)) as server:
        _batch(corpus, server, tmp_path / "s.db", settings={"max_retries": 0})
        asked = len(server.requests)
        skipped = _batch(corpus, server, tmp_path / "s.db")
        assert len(server.requests) == asked, "an earlier failure is not paid for again"
        server.responder = records_for
        retried = _batch(corpus, server, tmp_path / "s.db", retry_failed=True)
    assert (skipped.cached, skipped.failed, skipped.failed_earlier) == (2, 1, 1)
    assert skipped.errors[0]["error"].startswith("failed earlier: ")
    assert (retried.cached, retried.extracted, retried.failed) == (2, 1, 0)
    with ResultStore(tmp_path / "s.db") as store:
        assert store.count("errors") == 0 and store.count("results") == 3


def test_bad_inputs_and_duplicate_ids_cost_only_themselves(tmp_path: Path) -> None:
    items: list[Any] = [
        article(1),
        BadInput("x.jsonl:3", "x.jsonl:3: invalid JSON"),
        article(1),
        article(2),
    ]
    with FakeOpenAIServer(responder=records_for) as server:
        summary = _batch(items, server, tmp_path / "s.db")
    assert (summary.articles, summary.extracted, summary.failed) == (4, 2, 2)
    assert {e["doc_id"] for e in summary.errors} == {"x.jsonl:3", "a001 (duplicate)"}


def test_same_text_under_two_ids_is_extracted_once(tmp_path: Path) -> None:
    twin = article(1).model_copy(update={"id": "twin"})
    with FakeOpenAIServer(responder=records_for) as server:
        summary = _batch([article(1), twin], server, tmp_path / "s.db", concurrency=2)
    assert (summary.extracted, summary.cached, len(server.requests)) == (1, 1, 1)
    predictions = load_run_predictions(tmp_path / "s.db", summary.run_id)
    assert predictions["twin"].doc_id == "twin" and predictions["twin"].deals


# -- corpus formats ---------------------------------------------------------------------


def _rows(count: int) -> list[dict[str, str]]:
    return [
        {"doc_id": article(n).id, "text": article(n).text, "title": f"T{n}"} for n in range(count)
    ]


def test_corpus_formats(tmp_path: Path) -> None:
    import datasets

    dataset = datasets.Dataset.from_list(_rows(3))
    dataset.to_parquet(str(tmp_path / "c.parquet"))
    dataset.to_csv(str(tmp_path / "c.csv"), index=False)
    dataset.save_to_disk(str(tmp_path / "saved"))
    (tmp_path / "c.jsonl").write_text(
        "\n".join(json.dumps({"id": r["doc_id"], "text": r["text"]}) for r in _rows(3))
    )
    with FakeOpenAIServer(responder=records_for) as server:
        for corpus in ("c.parquet", "c.csv", "saved", "c.jsonl"):
            summary = _batch(tmp_path / corpus, server, tmp_path / "s.db")
            assert summary.articles == 3 and summary.failed == 0, corpus
    # parquet, csv and the saved dataset hold the same rows (cached after the first); the .jsonl
    # has no titles, and the title is part of an article's content hash.
    assert len(server.requests) == 6


def test_corpus_without_a_text_column_is_a_one_line_error(tmp_path: Path) -> None:
    import datasets

    datasets.Dataset.from_list([{"id": "a", "body": "x"}]).to_parquet(str(tmp_path / "c.parquet"))
    with (
        FakeOpenAIServer() as server,
        pytest.raises(InputError, match=r"c.parquet: no 'text' column \(columns: id, body\)"),
    ):
        _batch(tmp_path / "c.parquet", server, tmp_path / "s.db")
    assert not server.requests


# -- progress ---------------------------------------------------------------------------


def test_progress_in_logs_prints_about_every_five_percent(tmp_path: Path) -> None:
    stream = io.StringIO()
    with FakeOpenAIServer(responder=records_for) as server:
        _batch(
            [article(n) for n in range(40)],
            server,
            tmp_path / "s.db",
            progress=Progress(stream, tty=False),
        )
    lines = stream.getvalue().splitlines()
    assert 15 <= len(lines) <= 22
    assert lines[-1].startswith("[40/40] extracted 40 cached 0 failed 0  ETA")


def test_progress_on_a_terminal_rewrites_one_line(tmp_path: Path) -> None:
    stream = io.StringIO()
    with FakeOpenAIServer(responder=records_for) as server:
        _batch(
            [article(n) for n in range(3)],
            server,
            tmp_path / "s.db",
            progress=Progress(stream, tty=True),
        )
    text = stream.getvalue()
    assert text.count("\r") == 5 and text.endswith("\n") and text.count("\n") == 1
    assert "[3/3] extracted 3 cached 0 failed 0  ETA 0:00:00" in text


# -- command line -----------------------------------------------------------------------


def test_batch_command_json_and_exit_codes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 4)
    (corpus / "empty.txt").write_text("   ", encoding="utf-8")
    runner = CliRunner()
    store = tmp_path / "s.db"
    with FakeOpenAIServer(responder=records_for) as server:
        args = [str(corpus), "--store", str(store), "--json", *fake_args(server.base_url)]
        first = runner.invoke(batch_command, args, env={"ASSAY_API_KEY": API_KEY})
        second = runner.invoke(batch_command, args)
    summary = json.loads(first.stdout)
    assert first.exit_code == 1, "one unreadable article"
    assert {
        k: summary[k] for k in ("articles", "extracted", "cached", "failed", "model_calls")
    } == {"articles": 5, "extracted": 4, "cached": 0, "failed": 1, "model_calls": 4}
    assert summary["run_id"] and summary["seconds"] >= 0
    again = json.loads(second.stdout)
    assert (again["extracted"], again["cached"], again["model_calls"]) == (0, 4, 0)
    assert API_KEY not in first.output + second.output


def test_batch_command_usage_and_store_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    corpus = write_corpus(tmp_path / "corpus", 1)
    missing = runner.invoke(
        batch_command, [str(tmp_path / "nope"), "--store", str(tmp_path / "s.db")]
    )
    assert missing.exit_code == 2 and "no such file or directory" in missing.output
    (tmp_path / "junk.db").write_bytes(b"not a database" * 200)
    junk = runner.invoke(
        batch_command,
        [
            str(corpus),
            "--store",
            str(tmp_path / "junk.db"),
            "--backend",
            "openai",
            "--model",
            "fake",
        ],
    )
    assert junk.exit_code == 2 and "junk.db" in junk.output
    assert runner.invoke(batch_command, [str(corpus), "--concurrency", "0"]).exit_code == 2


def test_store_defaults_to_the_assay_store_variable(tmp_path: Path) -> None:
    runner = CliRunner()
    corpus = write_corpus(tmp_path / "corpus", 2)
    with FakeOpenAIServer(responder=records_for) as server:
        result = runner.invoke(
            batch_command,
            [str(corpus), *fake_args(server.base_url)],
            env={"ASSAY_STORE": str(tmp_path / "env.db")},
        )
    assert result.exit_code == 0, result.output
    assert "2 extracted" in result.stdout and (tmp_path / "env.db").is_file()


def test_runs_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "s.db"
    corpus = [article(n) for n in range(3)]
    with FakeOpenAIServer(responder=records_for) as server:
        first = _batch(corpus, server, store)
        server.responder = lambda body: records_for(body, stage="agreed")
        second = _batch(corpus, server, store, settings={"temperature": 0.5})
    listing = runner.invoke(runs_group, ["list", "--store", str(store)])
    assert (
        listing.exit_code == 0 and first.run_id in listing.output and "finished" in listing.output
    )
    diff = runner.invoke(runs_group, ["diff", first.run_id, second.run_id, "--store", str(store)])
    assert diff.exit_code == 0 and "stage: planned -> agreed" in diff.output
    as_json = json.loads(
        runner.invoke(
            runs_group, ["diff", first.run_id, second.run_id, "--store", str(store), "--json"]
        ).output
    )
    assert len(as_json["articles"]) == 3
    out = tmp_path / "run.parquet"
    exported = runner.invoke(
        runs_group, ["export", second.run_id, "--parquet", str(out), "--store", str(store)]
    )
    assert exported.exit_code == 0 and out.is_file()
    unknown = runner.invoke(runs_group, ["diff", "nope", second.run_id, "--store", str(store)])
    assert unknown.exit_code == 2 and "no run 'nope'" in unknown.output
    assert runner.invoke(runs_group, ["list", "--store", str(tmp_path / "none.db")]).exit_code == 2


class _ExplodingBackend(FakeBackend):
    """A bug in the pipeline that only one article triggers."""

    def score_options(self, context: str, prompt: str, options: list[str]) -> list[float]:  # type: ignore[override]
        if "EXPLODE" in context:
            raise ZeroDivisionError("division by zero")
        return super().score_options(context, prompt, options)


def test_an_unexpected_exception_costs_only_its_article(tmp_path: Path) -> None:
    corpus = [article(n) for n in range(3)]
    corpus[1] = corpus[1].model_copy(update={"text": corpus[1].text + " EXPLODE 5,000 tonnes."})
    extractor = Extractor(ExtractionConfig(strategy="guided"), backend=_ExplodingBackend())
    with ResultStore(tmp_path / "s.db") as store:
        summary = run_batch(corpus, extractor, store, concurrency=1)
        assert store.count("results") == 2 and store.count("errors") == 1
    assert (summary.extracted, summary.failed) == (2, 1)
    assert "internal error (ZeroDivisionError)" in summary.errors[0]["error"]


def test_workers_share_one_http_client_and_count_usage_apart(tmp_path: Path) -> None:
    from extract._backends.openai import OpenAIBackend
    from extract._batch.work import make_workers

    with FakeOpenAIServer(responder=records_for) as server:
        settings = BackendSettings(backend="openai", model="fake", base_url=server.base_url,
                                   api_key=API_KEY, max_retries=0)  # fmt: skip
        workers = make_workers(Extractor(ExtractionConfig(backend=settings)), 3)
        backends = [worker.extractor.backend for worker in workers]
        outcomes = [worker.extract(article(n)) for n, worker in enumerate(workers[:2])]
    assert all(isinstance(backend, OpenAIBackend) for backend in backends)
    assert len({id(backend._raw) for backend in backends}) == 1  # type: ignore[union-attr]
    assert len({id(backend.usage) for backend in backends}) == 3
    assert [len(outcome.raw_responses) for outcome in outcomes] == [1, 1]
    assert all(outcome.result is not None and outcome.result.meta is not None
               and outcome.result.meta.model_calls == 1 for outcome in outcomes)  # fmt: skip
