"""Either result store by its path: the SQLite file or the parquet directory.

``assay runs list``, ``runs diff`` and ``runs export`` and ``assay eval --run``
take a store path; a directory holding the parquet store's marker is a
:class:`ParquetStore`, anything else the SQLite :class:`ResultStore`. Both give
the same :class:`RunInfo` and :class:`RunItem`, so everything after opening is
the same. :func:`copy_run` converts a run from one kind of store to the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from extract._batch.parquet_store import ParquetStore, is_parquet_store
from extract._batch.rundiff import RunDiff, diff_predictions
from extract._batch.runinfo import RunInfo, RunItem
from extract._batch.store import ResultStore
from extract._errors import StoreError
from extract._schema import ArticleExtraction

SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")

Store = ResultStore | ParquetStore


@contextmanager
def open_store(path: Path | str) -> Iterator[Store]:
    """Open an existing store of either kind for reading.

    Raises:
        StoreError: There is no store at ``path``.

    """
    if is_parquet_store(path):
        yield ParquetStore(path)
        return
    with ResultStore(path, create=False) as store:
        yield store


def list_runs(path: Path | str) -> list[RunInfo]:
    """Every run of the store at ``path``, oldest first."""
    with open_store(path) as store:
        return store.runs()


def run_items(path: Path | str, run_id: str) -> list[RunItem]:
    """Every item of one run of the store at ``path``, in doc_id order."""
    with open_store(path) as store:
        return store.items(run_id)


def load_run_predictions(path: Path | str, run_id: str) -> dict[str, ArticleExtraction]:
    """One run's predictions by doc_id (what ``assay eval --run RUN --store PATH`` scores)."""
    with open_store(path) as store:
        return store.predictions(run_id)


def diff_runs(path: Path | str, run_a: str, run_b: str) -> RunDiff:
    """Compare two runs of the store at ``path`` per article."""
    with open_store(path) as store:
        first, second = store.run(run_a), store.run(run_b)
        return diff_predictions(store.predictions(first.run_id), store.predictions(second.run_id),
                                run_a=first.run_id, run_b=second.run_id)  # fmt: skip


def copy_run(source: Path | str, run_id: str, target: Path | str) -> int:
    """Copy one run, with its results and errors, into a store of the other kind.

    ``target`` is a SQLite file when it ends in .db, .sqlite or .sqlite3, else a
    parquet store directory; either is created when missing. The run keeps its
    id, manifest and times, so runs can be compared across stores.

    Returns:
        The number of the run's items copied.

    Raises:
        StoreError: Either store is unusable, the run is unknown, or the target
            already holds a run with this id.

    """
    to_sqlite = Path(target).suffix in SQLITE_SUFFIXES
    with open_store(source) as store:
        info = store.run(run_id)
        items = [_item(item) for item in store.items(info.run_id)]
        rows = _rows(store, {i["cache_key"] for i in items if i["cache_key"]})
    if to_sqlite:
        with ResultStore(target) as sqlite:
            _check_new(sqlite.runs(), info, target)
            sqlite.import_run(info, items, rows)
    else:
        parquet = ParquetStore(target, create=True)
        _check_new(parquet.runs(), info, target)
        identity = info.manifest.get("identity") or {}
        parquet.import_run(info, items, rows, identity)
    return len(items)


def _item(item: RunItem) -> dict[str, Any]:
    return {"doc_id": item.doc_id, "cache_key": item.cache_key, "status": item.status,
            "error": item.error}  # fmt: skip


def _rows(store: Store, keys: set[str]) -> list[dict[str, Any]]:
    if isinstance(store, ResultStore):
        return store.export_rows(keys)
    return list(store.results(keys).values())


def _check_new(runs: list[RunInfo], info: RunInfo, target: Path | str) -> None:
    if any(run.run_id == info.run_id for run in runs):
        raise StoreError(f"{target}: already holds run {info.run_id}")
