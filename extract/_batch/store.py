"""The result store: one SQLite file of articles, results, errors and runs.

Results are content-addressed by their cache key (:mod:`extract._batch.keys`), so a
second batch over the same corpus with the same prompts and model reuses every
stored result. The file is in WAL mode with foreign keys on; each article's
outcome (its result or error row plus its run item) is one transaction, so a
process killed at any moment leaves whole results or none. The schema evolves
through the named migrations of :mod:`extract._batch.migrations`; the rows of a run
copied between stores are read and written by :mod:`extract._batch.store_rows`.

Only one thread writes: :class:`ResultStore` is not shared between threads.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from extract._batch.migrations import apply_migrations
from extract._batch.rundiff import RunDiff, diff_predictions
from extract._batch.runinfo import RunInfo, RunItem, new_run_id, now, pick_run, relabel
from extract._batch.store_rows import chunks, export_rows, import_row, marks
from extract._errors import StoreError
from extract._schema import Article, ArticleExtraction

DEFAULT_STORE = "assay.db"
__all__ = [
    "DEFAULT_STORE",
    "ResultStore",
    "RunInfo",
    "RunItem",
    "diff_runs",
    "list_runs",
    "load_run_predictions",
]


class ResultStore:
    """An open result store; use as a context manager or call :meth:`close`.

    Args:
        path: The SQLite file.
        create: Create the file when it is missing (batch); readers pass False
            and get a :class:`StoreError` for a missing store.

    Raises:
        StoreError: The file cannot be opened, is not a store, or cannot be migrated.

    """

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(f"{self.path}: no such result store")
        with self._guard("open"):
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            uri = f"{self.path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}"
            self._db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            # NORMAL in WAL mode: committed transactions survive a killed process.
            self._db.execute("PRAGMA synchronous=NORMAL")
            apply_migrations(self._db, str(self.path))

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing (one thread) ---------------------------------------------------------

    def start_run(self, manifest: dict[str, Any]) -> str:
        """Record a new run with its manifest and return its id."""
        run_id = new_run_id()
        with self._transaction("start a run") as db:
            db.execute("INSERT INTO runs VALUES (?, ?, ?, NULL)",
                       (run_id, json.dumps(manifest, sort_keys=True), now()))  # fmt: skip
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, Any]) -> None:
        """Mark a run finished and add its final counts to its manifest."""
        with self._transaction("finish the run") as db:
            (manifest,) = db.execute(
                "SELECT manifest FROM runs WHERE run_id = ?", (run_id,)
            ).fetchone()
            updated = {**json.loads(manifest), "counts": counts}
            db.execute("UPDATE runs SET manifest = ?, finished_at = ? WHERE run_id = ?",
                       (json.dumps(updated, sort_keys=True), now(), run_id))  # fmt: skip

    def record_result(self, run_id: str, article: Article, content_hash: str, key: str,
                      result: ArticleExtraction, raw_responses: Sequence[str]) -> None:  # fmt: skip
        """Store one article's result and its run item, in one transaction."""
        meta = result.meta
        with self._transaction(f"store the result of {article.id}") as db:
            db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       (content_hash, article.id, article.text, article.title, article.published,
                        now()))  # fmt: skip
            db.execute("INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                       (key, content_hash, article.id, result.model_dump_json(),
                        json.dumps(list(raw_responses)), meta.prompt_tokens if meta else 0,
                        meta.completion_tokens if meta else 0, meta.model_calls if meta else 0,
                        meta.seconds if meta else None, now()))  # fmt: skip
            db.execute("DELETE FROM errors WHERE cache_key = ?", (key,))
            db.execute(
                "INSERT INTO run_items VALUES (?, ?, ?, 'extracted', NULL)",
                (run_id, article.id, key),
            )

    def record_cached(self, run_id: str, items: Iterable[tuple[str, str]]) -> None:
        """Record ``(doc_id, cache key)`` items answered from stored results."""
        rows = [(run_id, doc_id, key) for doc_id, key in items]
        with self._transaction("record cached items") as db:
            db.executemany("INSERT INTO run_items VALUES (?, ?, ?, 'cached', NULL)", rows)

    def record_failure(self, run_id: str, doc_id: str, key: str | None, error: str, *,
                       attempted: bool = True) -> None:  # fmt: skip
        """Record a failed article: an error row (when it was attempted) and its run item.

        Args:
            run_id: The run.
            doc_id: The article's id, or the source of an unreadable input.
            key: Its cache key; None for an input that could not be read.
            error: The one-line error.
            attempted: False for an earlier failure skipped without a new attempt.

        """
        with self._transaction(f"record the failure of {doc_id}") as db:
            if key is not None and attempted:
                db.execute("""INSERT INTO errors VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT(cache_key)
                              DO UPDATE SET error = excluded.error, attempts = attempts + 1,
                              updated_at = excluded.updated_at""",
                           (key, doc_id, error, now(), now()))  # fmt: skip
            db.execute(
                "INSERT INTO run_items VALUES (?, ?, ?, 'failed', ?)", (run_id, doc_id, key, error)
            )

    def import_run(self, info: RunInfo, items: Sequence[dict[str, Any]],
                   rows: Sequence[dict[str, Any]]) -> None:  # fmt: skip
        """Add a run copied from another store, in one transaction (``assay runs export``).

        Args:
            info: The run (its id, manifest and times are kept).
            items: Its ``{doc_id, cache_key, status, error}`` items.
            rows: Result rows (``status`` ``extracted``, with the article's text) and error
                rows (``failed``, with ``attempts``) as :meth:`export_rows` returns them.

        """
        with self._transaction(f"import run {info.run_id}") as db:
            db.execute("INSERT INTO runs VALUES (?, ?, ?, ?)", (info.run_id,
                       json.dumps(info.manifest, sort_keys=True), info.started_at or now(),
                       info.finished_at))  # fmt: skip
            for row in rows:
                import_row(db, row)
            db.executemany("INSERT INTO run_items VALUES (?, ?, ?, ?, ?)",
                           [(info.run_id, i["doc_id"], i["cache_key"], i["status"], i["error"])
                            for i in items])  # fmt: skip

    def export_rows(self, keys: Iterable[str]) -> list[dict[str, Any]]:
        """The result and error rows of ``keys`` (for :meth:`import_run` and the parquet store)."""
        return export_rows(self._db, keys)

    # -- reading ----------------------------------------------------------------------

    def stored_keys(self, keys: Iterable[str]) -> set[str]:
        """Return the subset of ``keys`` that have a stored result."""
        return self._present("SELECT cache_key FROM results WHERE cache_key IN ({})", keys)

    def failed_keys(self, keys: Iterable[str]) -> dict[str, str]:
        """Return the subset of ``keys`` whose last attempt failed, with their errors."""
        found: dict[str, str] = {}
        for chunk in chunks(list(keys)):
            query = f"SELECT cache_key, error FROM errors WHERE cache_key IN ({marks(chunk)})"
            found.update(self._db.execute(query, chunk).fetchall())
        return found

    def error_attempts(self, key: str) -> int:
        """How many times the article with cache key ``key`` failed (0 if never)."""
        row = self._db.execute("SELECT attempts FROM errors WHERE cache_key = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    def runs(self) -> list[RunInfo]:
        """Every run, oldest first, with its counts so far."""
        rows = self._db.execute("""SELECT r.run_id, r.started_at, r.finished_at, r.manifest,
            SUM(i.status = 'extracted'), SUM(i.status = 'cached'), SUM(i.status = 'failed')
            FROM runs r LEFT JOIN run_items i ON i.run_id = r.run_id
            GROUP BY r.run_id ORDER BY r.started_at, r.rowid""").fetchall()
        return [RunInfo(row[0], row[1], row[2], json.loads(row[3]), row[4] or 0, row[5] or 0,
                        row[6] or 0) for row in rows]  # fmt: skip

    def run(self, run_id: str) -> RunInfo:
        """Return the run ``run_id`` (a unique prefix is enough).

        Raises:
            StoreError: No run, or more than one, matches.

        """
        return pick_run(self.runs(), run_id, str(self.path))

    def items(self, run_id: str) -> list[RunItem]:
        """Every item of a run in doc_id order, with the stored extraction of each success."""
        rows = self._db.execute(
            """SELECT i.doc_id, i.status, i.cache_key, i.error, r.extraction
            FROM run_items i
            LEFT JOIN results r ON r.cache_key = i.cache_key AND i.status != 'failed'
            WHERE i.run_id = ? ORDER BY i.doc_id""",
            (self.run(run_id).run_id,),
        ).fetchall()
        return [RunItem(doc_id, status, key, error, relabel(extraction, doc_id))
                for doc_id, status, key, error, extraction in rows]  # fmt: skip

    def predictions(self, run_id: str) -> dict[str, ArticleExtraction]:
        """Return the extractions of a run's successful articles, by doc_id."""
        return {item.doc_id: item.extraction for item in self.items(run_id) if item.extraction}

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (for reports and tests)."""
        if table not in {"articles", "results", "errors", "runs", "run_items"}:
            raise ValueError(f"unknown table {table!r}")
        return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # -- helpers ----------------------------------------------------------------------

    def _present(self, query: str, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(list(keys)):
            found.update(row[0] for row in self._db.execute(query.format(marks(chunk)), chunk))
        return found

    @contextmanager
    def _transaction(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._guard(action):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot {action}: {exc}") from exc


def load_run_predictions(store_path: Path | str, run_id: str) -> dict[str, ArticleExtraction]:
    """Load the predictions of one stored run, by doc_id (what ``assay eval --run`` scores).

    Raises:
        StoreError: The store does not exist or the run is unknown (one line).

    """
    with ResultStore(store_path, create=False) as store:
        return store.predictions(run_id)


def list_runs(store_path: Path | str) -> list[RunInfo]:
    """Every run of a store, oldest first."""
    with ResultStore(store_path, create=False) as store:
        return store.runs()


def diff_runs(store_path: Path | str, run_a: str, run_b: str) -> RunDiff:
    """Compare two runs per article: records added, removed and changed."""
    with ResultStore(store_path, create=False) as store:
        first, second = store.run(run_a), store.run(run_b)
        return diff_predictions(store.predictions(first.run_id), store.predictions(second.run_id),
                                run_a=first.run_id, run_b=second.run_id)  # fmt: skip
