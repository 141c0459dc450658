"""The result store: migrations, cache keys, one-transaction writes, runs, diff and export."""

from __future__ import annotations

import hashlib
import inspect
import json
import sqlite3
from pathlib import Path

import pytest
from batch_helpers import API_KEY, article, openai_extractor, prompts_dir

from extract._batch.export import export_run_dataset, export_run_parquet
from extract._batch.keys import article_hash, cache_key, canonical_json
from extract._batch.migrations import MIGRATIONS, applied_migrations, apply_migrations
from extract._batch.store import ResultStore, diff_runs, list_runs, load_run_predictions
from extract._errors import StoreError
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article, ArticleExtraction, ExtractionMeta, InvestmentDeal, PlantFact

# Released migrations, frozen: name -> SHA-256 prefix of the function's source. A migration
# that has been applied somewhere must never change; add a new one instead.
RELEASED_MIGRATIONS = {
    "m001_initial": "0e5b7db5fe210a8f",
    "m002_lookup_indexes": "94e4a98eef38193b",
}


def _source_hash(function: object) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]  # type: ignore[arg-type]


# -- migrations -------------------------------------------------------------------------


def test_migrations_are_append_only() -> None:
    names = [m.__name__ for m in MIGRATIONS]
    assert names[: len(RELEASED_MIGRATIONS)] == list(RELEASED_MIGRATIONS), "never reorder or remove"
    for function in MIGRATIONS[: len(RELEASED_MIGRATIONS)]:
        assert _source_hash(function) == RELEASED_MIGRATIONS[function.__name__], (
            f"{function.__name__} was edited after release: add a new migration instead"
        )
    assert len(set(names)) == len(names)


def test_migrations_apply_once_and_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    ResultStore(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    assert applied_migrations(db) == [m.__name__ for m in MIGRATIONS]
    assert apply_migrations(db, str(path)) == []
    ResultStore(path).close()
    assert applied_migrations(db) == [m.__name__ for m in MIGRATIONS]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "results", "errors", "runs", "run_items", "_migrations"} <= tables
    db.close()


def test_store_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "s.db") as store:
        assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_unknown_migration_means_a_newer_store(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    ResultStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO _migrations VALUES ('m999_future', 'x')")
    db.close()
    with pytest.raises(StoreError, match="newer assay"):
        ResultStore(path)


def test_missing_or_foreign_store_is_a_one_line_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such result store") as missing:
        load_run_predictions(tmp_path / "nope.db", "run")
    assert "\n" not in str(missing.value)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db") as foreign:
        list_runs(junk)
    assert "\n" not in str(foreign.value)


# -- cache keys -------------------------------------------------------------------------


def test_cache_key_is_pinned_canonical_sha256() -> None:
    key = cache_key("abc", {"strategy": "direct", "n": 1})
    assert key == "3b5afe42e1cac75c03369e1b0df77e70b6cbb1ba150474e74a03188513bf0b12"
    assert key == cache_key("abc", {"n": 1, "strategy": "direct"}), "key order does not matter"
    expected = hashlib.sha256(
        canonical_json({"article": "abc", "extractor": {"n": 1, "strategy": "direct"}}).encode()
    ).hexdigest()
    assert key == expected


def _key(item: Article, extractor: Extractor) -> str:
    return cache_key(article_hash(item), extractor.identity())


def test_cache_key_changes_with_what_changes_the_output() -> None:
    item = article(1)
    base = _key(item, openai_extractor("http://127.0.0.1:1/v1"))
    variants = {
        "model": openai_extractor("http://127.0.0.1:1/v1", model="other"),
        "temperature": openai_extractor("http://127.0.0.1:1/v1", temperature=0.7),
        "seed": openai_extractor("http://127.0.0.1:1/v1", seed=7),
        "max_tokens": openai_extractor("http://127.0.0.1:1/v1", max_tokens=100),
        "strategy": openai_extractor("http://127.0.0.1:1/v1", strategy="guided"),
    }
    for name, extractor in variants.items():
        assert _key(item, extractor) != base, name
    extractor = openai_extractor("http://127.0.0.1:1/v1")
    assert _key(item.model_copy(update={"text": item.text + " More."}), extractor) != base
    assert _key(item.model_copy(update={"published": "2024-05-01"}), extractor) != base


def test_cache_key_ignores_how_results_are_fetched() -> None:
    item = article(1)
    base = _key(item, openai_extractor("http://127.0.0.1:1/v1"))
    same = [
        openai_extractor("http://10.0.0.9:8000/v1"),
        openai_extractor("http://127.0.0.1:1/v1", timeout=999.0, max_retries=9),
        openai_extractor("http://127.0.0.1:1/v1", api_key="sk-another-key"),
    ]
    for extractor in same:
        assert _key(item, extractor) == base
    relabelled = item.model_copy(update={"id": "other-id", "source": "https://example.com"})
    assert _key(relabelled, openai_extractor("http://127.0.0.1:1/v1")) == base
    assert API_KEY not in canonical_json(openai_extractor("http://x/v1").identity())


def test_cache_key_changes_with_the_prompt_files(tmp_path: Path) -> None:
    import shutil

    from extract._strategies.prompts import prompt_dir

    copy = tmp_path / "prompts"
    shutil.copytree(prompt_dir(), copy)
    item = article(1)
    with prompts_dir(copy):
        direct, guided = _key(item, _direct()), _key(item, _guided())
        _edit(copy / "mass_metric.json", "instructions")
    with prompts_dir(copy):
        assert _key(item, _direct()) == direct, "a guided prompt does not touch direct results"
        assert _key(item, _guided()) != guided
        _edit(copy / "direct.json", "system")
    with prompts_dir(copy):
        assert _key(item, _direct()) != direct


def _direct() -> Extractor:
    return openai_extractor("http://127.0.0.1:1/v1")


def _guided() -> Extractor:
    return openai_extractor("http://127.0.0.1:1/v1", strategy="guided")


def _edit(path: Path, field: str) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data[field] += " Be careful."
    path.write_text(json.dumps(data), encoding="utf-8")


# -- writes -----------------------------------------------------------------------------


def _result(doc_id: str, amount: float = 1e8, *, stage: str = "planned") -> ArticleExtraction:
    deal = InvestmentDeal(investor="X", amount=amount, currency="USD", stage=stage, evidence="e")
    fact = PlantFact(facility="Plant", metric="capacity", value=5000.0, unit="t", evidence="f")
    meta = ExtractionMeta(
        model="fake",
        backend="openai",
        strategy="direct",
        model_calls=1,
        prompt_tokens=10,
        completion_tokens=5,
        seconds=0.5,
    )
    return ArticleExtraction(doc_id=doc_id, deals=[deal], plant_facts=[fact], meta=meta)


def _store_result(
    store: ResultStore,
    run_id: str,
    item: Article,
    result: ArticleExtraction,
    identity: str = "id-1",
) -> str:
    key = cache_key(article_hash(item), {"x": identity})
    store.record_result(run_id, item, article_hash(item), key, result, ["raw"])
    return key


def test_a_result_and_its_run_item_are_one_transaction(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "s.db") as store:
        run_id = store.start_run({"model": "fake"})
        item = article(1)
        _store_result(store, run_id, item, _result(item.id))
        with pytest.raises(StoreError, match="store the result of a001"):
            # Same run and doc_id again: the run item collides, so nothing of it may stay.
            _store_result(store, run_id, item, _result(item.id), identity="id-2")
        assert store.count("results") == 1 and store.count("run_items") == 1
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_failures_count_attempts_and_a_later_success_clears_them(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "s.db") as store:
        item = article(2)
        key = cache_key(article_hash(item), {"x": "id-1"})
        for attempt in (1, 2):
            run_id = store.start_run({})
            store.record_failure(run_id, item.id, key, f"boom {attempt}")
            assert store.error_attempts(key) == attempt
        assert store.failed_keys([key]) == {key: "boom 2"}
        assert store.count("results") == 0
        store.record_result(
            store.start_run({}), item, article_hash(item), key, _result(item.id), []
        )
        assert store.failed_keys([key]) == {} and store.stored_keys([key]) == {key}


# -- runs, diff, export -----------------------------------------------------------------


def _two_runs(path: Path) -> tuple[str, str]:
    with ResultStore(path) as store:
        first = store.start_run({"strategy": "direct", "model": "fake"})
        for number in (1, 2, 3):
            _store_result(store, first, article(number), _result(article(number).id))
        store.record_failure(first, "a004", "k4", "a004: boom")
        store.finish_run(first, {"extracted": 3})
        second = store.start_run({"strategy": "direct", "model": "fake"})
        changed = _result("a001").model_copy(update={"plant_facts": []})
        _store_result(store, second, article(1), changed, identity="id-2")
        restaged = _result("a002", stage="agreed")
        restaged.deals.append(InvestmentDeal(amount=5.0, currency="EUR", evidence="g"))
        _store_result(store, second, article(2), restaged, identity="id-2")
        store.record_cached(second, [("a003", cache_key(article_hash(article(3)), {"x": "id-1"}))])
    return first, second


def test_list_runs_and_load_predictions(tmp_path: Path) -> None:
    first, second = _two_runs(tmp_path / "s.db")
    runs = list_runs(tmp_path / "s.db")
    assert [r.run_id for r in runs] == [first, second]
    assert (runs[0].status, runs[0].extracted, runs[0].failed) == ("finished", 3, 1)
    assert (runs[1].status, runs[1].extracted, runs[1].cached) == ("unfinished", 2, 1)
    predictions = load_run_predictions(tmp_path / "s.db", second[:-2])  # a unique prefix will do
    assert sorted(predictions) == ["a001", "a002", "a003"]
    assert predictions["a003"].deals[0].amount == 1e8
    with pytest.raises(StoreError, match="no run 'nope'"):
        load_run_predictions(tmp_path / "s.db", "nope")


def test_diff_runs_reports_added_removed_and_changed_fields(tmp_path: Path) -> None:
    first, second = _two_runs(tmp_path / "s.db")
    diff = diff_runs(tmp_path / "s.db", first, second)
    by_doc = {article.doc_id: article for article in diff.articles}
    assert sorted(by_doc) == ["a001", "a002"] and diff.unchanged == 1
    assert [r["key"] for r in by_doc["a001"].removed] == ["plant_fact capacity 5000"]
    assert [r["key"] for r in by_doc["a002"].added] == ["deal 5 EUR"]
    (change,) = by_doc["a002"].changed
    assert change.key == "deal 100000000 USD"
    assert [(c.field, c.a, c.b) for c in change.changes] == [("stage", "planned", "agreed")]
    assert diff.totals() == {
        "articles_changed": 2,
        "articles_unchanged": 1,
        "added": 1,
        "removed": 1,
        "changed": 1,
    }


def test_export_to_dataset_and_parquet_round_trip(tmp_path: Path) -> None:
    import datasets

    first, _ = _two_runs(tmp_path / "s.db")
    dataset = export_run_dataset(tmp_path / "s.db", first)
    assert len(dataset) == 4 and dataset["doc_id"] == ["a001", "a002", "a003", "a004"]
    assert dataset["status"] == ["extracted"] * 3 + ["failed"]
    row = dataset[0]
    assert (row["model"], row["n_deals"], row["model_calls"]) == ("fake", 1, 1)
    assert json.loads(row["deals"])[0]["amount"] == 1e8
    assert dataset[3]["deals"] is None and dataset[3]["error"] == "a004: boom"
    out = tmp_path / "run.parquet"
    assert export_run_parquet(tmp_path / "s.db", first, out) == 4
    loaded = datasets.Dataset.from_parquet(str(out))
    assert loaded.to_list() == dataset.to_list()
    rebuilt = ArticleExtraction.model_validate(
        {
            "doc_id": row["doc_id"],
            "deals": json.loads(row["deals"]),
            "plant_facts": json.loads(row["plant_facts"]),
        }
    )
    original = load_run_predictions(tmp_path / "s.db", first)["a001"]
    assert rebuilt == original.model_copy(update={"meta": None})


def test_default_extractor_identity_is_json_serialisable() -> None:
    from extract._backends.fake import FakeBackend

    identity = Extractor(ExtractionConfig(), backend=FakeBackend()).identity()
    assert json.loads(canonical_json(identity)) == json.loads(json.dumps(identity))
