"""The SQLite result store's rows as a copied run carries them, and its IN-list queries.

Owns reading the result and error rows of cache keys out of the store's tables
(:func:`export_rows`) and writing one such row back in (:func:`import_row`), the
two ends of ``assay runs export`` between stores, and the chunks of keys and
parameter marks of an ``IN (...)`` query (:func:`chunks`, :func:`marks`).
:class:`extract._batch.store.ResultStore` runs them in its transactions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any


def export_rows(db: sqlite3.Connection, keys: Iterable[str]) -> list[dict[str, Any]]:
    """The result and error rows of ``keys``, as :func:`import_row` writes them.

    Args:
        db: The store's connection.
        keys: Cache keys; a key with no stored row is left out.

    Returns:
        One dict per row: a result row (``status`` ``extracted``, with the article's
        text, title and date) or an error row (``failed``, with ``attempts``).

    """
    rows: list[dict[str, Any]] = []
    for chunk in chunks(sorted(set(keys))):
        params = marks(chunk)
        results = db.execute(f"""SELECT r.cache_key, r.doc_id, r.article_hash, a.text,
            a.title, a.published, r.extraction, r.raw_responses, r.model_calls,
            r.prompt_tokens, r.completion_tokens, r.seconds, r.created_at
            FROM results r JOIN articles a ON a.hash = r.article_hash
            WHERE r.cache_key IN ({params})""", chunk)  # fmt: skip
        names = [column[0] for column in results.description]
        rows += [{**dict(zip(names, row, strict=True)), "status": "extracted"}
                 for row in results]  # fmt: skip
        errors = db.execute(f"""SELECT cache_key, doc_id, error, attempts, updated_at
            FROM errors WHERE cache_key IN ({params})""", chunk)  # fmt: skip
        rows += [{"cache_key": key, "doc_id": doc_id, "error": error, "attempts": attempts,
                  "created_at": updated, "status": "failed"}
                 for key, doc_id, error, attempts, updated in errors]  # fmt: skip
    return rows


def import_row(db: sqlite3.Connection, row: dict[str, Any]) -> None:
    """Write one row copied from another store (see :func:`export_rows`) into the tables.

    Args:
        db: The store's connection, in the caller's transaction.
        row: A ``failed`` row becomes an error row; any other a result row with its
            article, which clears the key's error. A key already stored is kept.

    """
    if row["status"] == "failed":
        db.execute("""INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                   (row["cache_key"], row["doc_id"], row["error"] or "unknown error",
                    row.get("attempts") or 1, row["created_at"], row["created_at"]))  # fmt: skip
        return
    db.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (row["article_hash"], row["doc_id"], row.get("text") or "", row.get("title"),
         row.get("published"), row["created_at"]),
    )  # fmt: skip
    db.execute("INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
               (row["cache_key"], row["article_hash"], row["doc_id"], row["extraction"],
                row["raw_responses"] or "[]", row["prompt_tokens"] or 0,
                row["completion_tokens"] or 0, row["model_calls"] or 0, row["seconds"],
                row["created_at"]))  # fmt: skip
    db.execute("DELETE FROM errors WHERE cache_key = ?", (row["cache_key"],))


def chunks(keys: list[str], size: int = 500) -> Iterator[list[str]]:
    """``keys`` in slices of at most ``size``, under SQLite's limit on query parameters."""
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


def marks(chunk: Sequence[str]) -> str:
    """The ``?`` parameter marks of an ``IN (...)`` list of ``chunk``."""
    return ",".join("?" * len(chunk))
