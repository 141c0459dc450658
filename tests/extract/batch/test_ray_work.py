"""What the Ray engine ships to its workers, tested without Ray: keys, the plan, the actor."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from batch_helpers import API_KEY, article, openai_extractor, records_for

from extract._batch.parquet_store import KeyState
from extract._batch.ray_work import ExtractActor, plan_block, select_block, triage, worker_config
from extract._batch.work import plan_jobs
from extract._testing import FakeOpenAIServer

IDENTITY = {"strategy": "direct", "backend": {"backend": "openai", "model": "fake"}}


def _block(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows)


def test_plan_block_gives_the_local_engines_cache_keys() -> None:
    articles = [article(n) for n in range(3)]
    rows = [{"id": a.id, "text": a.text, "title": None} for a in articles]
    planned = plan_block(_block(rows), IDENTITY, "id", "corpus.parquet").to_pylist()
    jobs, _ = plan_jobs(articles, IDENTITY)
    assert [(r["doc_id"], r["key"], r["content_hash"]) for r in planned] == [
        (job.doc_id, job.key, job.content_hash) for job in jobs]  # fmt: skip
    assert all(r["error"] is None and r["text"] for r in planned)


def test_plan_block_reports_a_bad_row_with_one_line() -> None:
    rows = [{"id": "ok", "text": "Some text."}, {"id": "blank", "text": "  "}, {"id": None,
            "text": "x"}]  # fmt: skip
    planned = plan_block(_block(rows), IDENTITY, "id", "c.parquet").to_pylist()
    assert [r["key"] is None for r in planned] == [False, True, True]
    assert planned[1]["error"] == "c.parquet (blank): text is empty or not a string"
    assert planned[2]["error"] == "c.parquet: empty id"


def test_select_block_keeps_the_planned_leader_of_each_key() -> None:
    block = _block([{"doc_id": "a", "key": "k1"}, {"doc_id": "b", "key": "k1"},
                    {"doc_id": "c", "key": "k2"}])  # fmt: skip
    assert select_block(block, {"a": "k1", "c": "k2"}).column("doc_id").to_pylist() == ["a", "c"]


def test_triage_skips_stored_keys_reports_earlier_failures_and_repeats() -> None:
    rows = [("bad.txt", None, None, "bad.txt: empty article"), ("a", "k1", "h1", None),
            ("b", "k2", "h2", None), ("c", "k3", "h3", None), ("d", "k3", "h3", None),
            ("a", "k9", "h9", None)]  # fmt: skip
    states = {"k1": KeyState("extracted", None, 0), "k2": KeyState("failed", "boom", 1)}
    plan = triage(rows, states, retry_failed=False)
    assert plan.todo == {"c": "k3"} and plan.followers == [("d", "k3")]
    assert (plan.articles, plan.unreadable, plan.cached, plan.failed_earlier) == (6, 2, 1, 1)
    assert [(i["doc_id"], i["status"], i["error"]) for i in plan.items] == [
        ("bad.txt", "failed", "bad.txt: empty article"), ("a", "cached", None),
        ("b", "failed", "failed earlier: boom"),
        ("a (duplicate)", "failed", "a: duplicate article id in the corpus")]  # fmt: skip
    again = triage(rows, states, retry_failed=True)
    assert again.todo == {"b": "k2", "c": "k3"}


def test_the_key_never_travels_to_the_workers() -> None:
    config = openai_extractor("http://127.0.0.1:9/v1").config
    assert config.backend.api_key == API_KEY
    sent = worker_config(config, threads=1)
    assert sent.backend.api_key is None and sent.backend.n_threads == 1
    assert "sk-" not in repr(sent)


@pytest.mark.server
def test_the_actor_turns_a_block_into_result_rows_and_errors() -> None:
    def answer(body: dict[str, Any]) -> dict[str, Any] | str:
        return "500" if "Company 2 plans" in str(body) else records_for(body)

    articles = [article(n) for n in range(4)]
    jobs, _ = plan_jobs(articles, IDENTITY)
    block = _block([{"doc_id": j.doc_id, "key": j.key, "content_hash": j.content_hash,
                     "text": j.article.text, "title": None, "published": None, "source": None}
                    for j in jobs])  # fmt: skip
    with FakeOpenAIServer(responder=answer) as server:
        config = openai_extractor(server.base_url, max_retries=0).config
        actor = ExtractActor(worker_config(config, 1), concurrency=2)
        rows = actor(block).to_pylist()
        actor.extractor.close()
    statuses = [(r["doc_id"], r["status"]) for r in rows]
    assert statuses == [("a000", "extracted"), ("a001", "extracted"), ("a002", "failed"),
                        ("a003", "extracted")]  # fmt: skip
    assert "500" in rows[2]["error"] and rows[2]["extraction"] is None
    assert rows[1]["model_calls"] == 1 and rows[1]["cache_key"] == jobs[1].key
    assert all(r["worker_peak_rss_mb"] > 0 for r in rows)
