"""Append-only, named schema migrations of the result store (after simonw/sqlite-migrate).

Each migration is a function registered with :func:`migration`; its name is
recorded in the ``_migrations`` table when applied, in the same transaction as
its DDL. Never edit or reorder an applied migration: add a new one at the end.
``tests/extract/test_store.py`` pins the names and source hashes of released ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from extract._errors import StoreError

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(function: Migration) -> Migration:
    """Register ``function`` as the next migration, named after itself."""
    MIGRATIONS.append(function)
    return function


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    """Articles, results, errors, runs and run items."""
    db.execute("""CREATE TABLE articles (
        hash TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        text TEXT NOT NULL,
        title TEXT,
        published TEXT,
        created_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE results (
        cache_key TEXT PRIMARY KEY,
        article_hash TEXT NOT NULL REFERENCES articles(hash),
        doc_id TEXT NOT NULL,
        extraction TEXT NOT NULL,
        raw_responses TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        model_calls INTEGER NOT NULL,
        seconds REAL,
        created_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE errors (
        cache_key TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        error TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        manifest TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT)""")
    db.execute("""CREATE TABLE run_items (
        run_id TEXT NOT NULL REFERENCES runs(run_id),
        doc_id TEXT NOT NULL,
        cache_key TEXT,
        status TEXT NOT NULL CHECK (status IN ('extracted', 'cached', 'failed')),
        error TEXT,
        PRIMARY KEY (run_id, doc_id))""")


@migration
def m002_lookup_indexes(db: sqlite3.Connection) -> None:
    """Indexes for the cache lookups and the per-article views."""
    db.execute("CREATE INDEX results_article ON results(article_hash)")
    db.execute("CREATE INDEX run_items_cache_key ON run_items(cache_key)")


def apply_migrations(db: sqlite3.Connection, where: str) -> list[str]:
    """Apply every migration not yet recorded, each in its own transaction.

    Args:
        db: A connection in autocommit mode (``isolation_level=None``).
        where: The store's path, for error messages.

    Returns:
        The names of the migrations applied now.

    Raises:
        StoreError: The store records a migration this version does not know.

    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    known = {function.__name__ for function in MIGRATIONS}
    unknown = sorted(_applied(db) - known)
    if unknown:
        raise StoreError(
            f"{where}: written by a newer assay (unknown migration {unknown[0]}); upgrade"
        )
    applied_now = []
    done = _applied(db)
    for function in [f for f in MIGRATIONS if f.__name__ not in done]:
        db.execute("BEGIN IMMEDIATE")  # re-check under the write lock: another process may migrate
        try:
            if function.__name__ not in _applied(db):
                function(db)
                db.execute("INSERT INTO _migrations VALUES (?, ?)", (function.__name__, _now()))
                applied_now.append(function.__name__)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return applied_now


def applied_migrations(db: sqlite3.Connection) -> list[str]:
    """Names of the applied migrations, in the order they were applied."""
    return [row[0] for row in db.execute("SELECT name FROM _migrations ORDER BY rowid")]


def _applied(db: sqlite3.Connection) -> set[str]:
    return set(applied_migrations(db))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
