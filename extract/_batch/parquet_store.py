"""The parquet result store: a directory of append-only parquet files, for batches at scale.

Layout of a store directory ``DIR`` (``--engine ray --out DIR``)::

    DIR/assay-store.json                           marks the directory as a store
    DIR/results/identity=<hash>/<run>-<n>.parquet  result and error rows, one file per flush
    DIR/runs/<run_id>/manifest.json                the run's manifest; counts once finished
    DIR/runs/<run_id>/items-<n>.parquet            the run's articles: doc_id, key, status

``results`` is a hive-partitioned dataset (one partition per extractor
identity, :func:`identity_hash`) with one row per article and cache key: the
cache key, doc id, article hash and text (title, date), the identity's fields, ``status``
(``extracted`` or ``failed``), the ArticleExtraction as JSON, the error, the
raw responses and the usage counts. Files are only ever added, each written to
a temporary name and renamed (:mod:`extract._batch.parquet_files`), so a process
killed at any moment leaves whole files or none. Reading deduplicates by cache
key: a key's first ``extracted`` row wins, otherwise its latest ``failed`` row
(a retried failure appends a row), so a reader never sees two rows for one key
whatever crashed when.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract._batch.keys import canonical_json, sha256_hex
from extract._batch.parquet_files import arrow_schema, atomic_bytes, remove_stale_temps, write_table
from extract._batch.rundiff import RunDiff, diff_predictions
from extract._batch.runinfo import RunInfo, RunItem, new_run_id, now, pick_run, relabel
from extract._errors import StoreError
from extract._schema import ArticleExtraction

MARKER = "assay-store.json"
FORMAT = {"format": "assay-parquet-store", "version": 1}
RESULT_COLUMNS = {"cache_key": "string", "doc_id": "string", "article_hash": "string",
                  "text": "string", "title": "string", "published": "string", "status": "string",
                  "extraction": "string", "error": "string",
                  "raw_responses": "string", "model_calls": "int32", "prompt_tokens": "int64",
                  "completion_tokens": "int64", "seconds": "float64", "strategy": "string",
                  "backend": "string", "model": "string", "prompt_ids": "string",
                  "schema_hash": "string", "identity": "string", "run_id": "string",
                  "created_at": "string"}  # fmt: skip
ITEM_COLUMNS = {"doc_id": "string", "cache_key": "string", "status": "string", "error": "string"}


def identity_hash(identity: dict[str, Any]) -> str:
    """The partition value of an extractor identity: a 16-hex-digit hash of its canonical JSON."""
    return sha256_hex(canonical_json(identity))[:16]


def identity_columns(identity: dict[str, Any]) -> dict[str, Any]:
    """The identity fields every result row carries (what produced it)."""
    backend = identity.get("backend") or {}
    return {"strategy": identity.get("strategy"), "backend": backend.get("backend"),
            "model": backend.get("model"), "schema_hash": identity.get("schema"),
            "prompt_ids": canonical_json(identity.get("prompt_ids") or {}),
            "identity": canonical_json(identity)}  # fmt: skip


def is_parquet_store(path: Path | str) -> bool:
    """True when ``path`` is a parquet store directory (it holds the marker file)."""
    return (Path(path) / MARKER).is_file()


@dataclass(frozen=True)
class KeyState:
    """The deduplicated state of one cache key: its winning row's status and error."""

    status: str
    error: str | None
    attempts: int


class ParquetStore:
    """A parquet store directory, opened for reading or (``create=True``) for writing.

    Raises:
        StoreError: The directory is missing (readers), or is not a store.

    """

    def __init__(self, path: Path | str, *, create: bool = False) -> None:
        self.path = Path(path)
        if create:
            self._create()
        elif not self.path.is_dir():
            raise StoreError(f"{self.path}: no such result store")
        if not is_parquet_store(self.path):
            raise StoreError(f"{self.path}: not a parquet result store (no {MARKER})")
        self._seq = 0

    def _create(self) -> None:
        marker = self.path / MARKER
        try:
            if self.path.exists() and not marker.is_file() and any(self.path.iterdir()):
                raise StoreError(f"{self.path}: not empty and not a parquet result store")
            (self.path / "results").mkdir(parents=True, exist_ok=True)
            (self.path / "runs").mkdir(exist_ok=True)
            if not marker.is_file():
                atomic_bytes(marker, json.dumps(FORMAT).encode())
            remove_stale_temps(self.path)
        except OSError as exc:
            problem = exc.strerror or exc
            raise StoreError(f"{self.path}: cannot create the store: {problem}") from exc

    # -- writing (one process) ----------------------------------------------------------

    def start_run(self, manifest: dict[str, Any]) -> str:
        """Record a new run with its manifest and return its id."""
        run_id = new_run_id()
        self._write_manifest(run_id, {**manifest, "started_at": now()})
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, Any]) -> None:
        """Mark a run finished and add its final counts to its manifest."""
        manifest = self._manifest(run_id)
        self._write_manifest(run_id, {**manifest, "counts": counts, "finished_at": now()})

    def write_results(self, run_id: str, identity: dict[str, Any],
                      rows: Sequence[dict[str, Any]]) -> None:  # fmt: skip
        """Append result and error rows of one identity as one file (whole or not at all)."""
        if rows:
            fixed = identity_columns(identity)
            full = [{**dict.fromkeys(RESULT_COLUMNS), **row, **fixed, "run_id": run_id,
                     "created_at": row.get("created_at") or now()} for row in rows]  # fmt: skip
            folder = self.path / "results" / f"identity={identity_hash(identity)}"
            self._write_table(folder, run_id, full, RESULT_COLUMNS)

    def write_items(self, run_id: str, items: Sequence[dict[str, Any]]) -> None:
        """Append ``{doc_id, cache_key, status, error}`` items to the run (one file)."""
        if items:
            rows = [{**dict.fromkeys(ITEM_COLUMNS), **item} for item in items]
            self._write_table(self.path / "runs" / run_id, "items", rows, ITEM_COLUMNS)

    def import_run(self, info: RunInfo, items: Sequence[dict[str, Any]],
                   rows: Sequence[dict[str, Any]], identity: dict[str, Any]) -> None:  # fmt: skip
        """Add a run copied from another store: its manifest and times, rows and items.

        A result row already stored under its key is not written again; the
        manifest is written last, so a copy killed half-way lists no run.
        """
        states = self.key_states(identity)
        stored = {key for key, state in states.items() if state.status == "extracted"}
        fresh = [_known(row) for row in rows if row["cache_key"] not in stored]
        self.write_results(info.run_id, identity, fresh)
        self.write_items(info.run_id, items)
        self._write_manifest(info.run_id, {**info.manifest, "started_at": info.started_at,
                                           "finished_at": info.finished_at})  # fmt: skip

    # -- reading ------------------------------------------------------------------------

    def key_states(self, identity: dict[str, Any] | None = None) -> dict[str, KeyState]:
        """Every stored cache key's deduplicated state (of one identity's partition, if given)."""
        table = self._results(identity, ["cache_key", "status", "error", "created_at"])
        states: dict[str, KeyState] = {}
        rows = zip(*(table.column(name).to_pylist() for name in table.column_names), strict=True)
        for key, status, error, _created in sorted(rows, key=lambda row: row[3] or ""):
            known = states.get(key)
            if known is not None and known.status == "extracted":
                continue
            attempts = (known.attempts if known else 0) + (status == "failed")
            states[key] = KeyState(status, error, attempts)
        return states

    def results(self, keys: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """The winning row of each stored key (of ``keys`` only, if given), all columns."""
        table = self._results(None, None, None if keys is None else sorted(set(keys)))
        best: dict[str, dict[str, Any]] = {}
        for row in sorted(table.to_pylist(), key=lambda row: row["created_at"] or ""):
            key = row["cache_key"]
            if key not in best or best[key]["status"] != "extracted":
                best[key] = row
        return best

    def runs(self) -> list[RunInfo]:
        """Every run, oldest first, with its counts so far."""
        infos = []
        for folder in sorted((self.path / "runs").iterdir()):
            if (folder / "manifest.json").is_file():
                manifest = self._manifest(folder.name)
                counts = {"extracted": 0, "cached": 0, "failed": 0}
                for item in self._items(folder.name):
                    counts[item["status"]] = counts.get(item["status"], 0) + 1
                infos.append(RunInfo(folder.name, manifest.get("started_at", ""),
                                     manifest.get("finished_at"), manifest, counts["extracted"],
                                     counts["cached"], counts["failed"]))  # fmt: skip
        return sorted(infos, key=lambda info: (info.started_at, info.run_id))

    def run(self, run_id: str) -> RunInfo:
        """Return the run ``run_id`` (a unique prefix is enough).

        Raises:
            StoreError: No run, or more than one, matches.

        """
        return pick_run(self.runs(), run_id, str(self.path))

    def items(self, run_id: str) -> list[RunItem]:
        """Every item of a run in doc_id order, with the stored extraction of each success."""
        raw = self._items(self.run(run_id).run_id)
        results = self.results(item["cache_key"] for item in raw if item["cache_key"])
        items = []
        for item in sorted(raw, key=lambda item: item["doc_id"]):
            row = results.get(item["cache_key"]) if item["status"] != "failed" else None
            found = row["extraction"] if row and row["status"] == "extracted" else None
            extraction = relabel(found, item["doc_id"])
            items.append(RunItem(item["doc_id"], item["status"], item["cache_key"],
                                 item["error"], extraction))  # fmt: skip
        return items

    def predictions(self, run_id: str | None = None) -> dict[str, ArticleExtraction]:
        """A run's successful extractions by doc_id (default: the latest finished run)."""
        if run_id is None:
            runs = self.runs()
            if not runs:
                raise StoreError(f"{self.path}: no runs in this store")
            finished = [run for run in runs if run.finished_at]
            run_id = (finished or runs)[-1].run_id
        return {item.doc_id: item.extraction for item in self.items(run_id) if item.extraction}

    # -- files --------------------------------------------------------------------------

    def _results(self, identity: dict[str, Any] | None, columns: list[str] | None,
                 keys: list[str] | None = None) -> Any:  # fmt: skip
        import pyarrow as pa
        import pyarrow.dataset as pads

        folder = self.path / "results"
        if identity is not None:
            folder = folder / f"identity={identity_hash(identity)}"
        schema = arrow_schema(RESULT_COLUMNS)
        if not folder.is_dir():
            return schema.empty_table().select(columns or schema.names)
        try:
            dataset = pads.dataset(str(folder), format="parquet", schema=schema)
            wanted = None if keys is None else pads.field("cache_key").isin(keys)
            return dataset.to_table(columns=columns, filter=wanted)
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"{folder}: cannot read the results: {exc}") from exc

    def _items(self, run_id: str) -> list[dict[str, Any]]:
        import pyarrow.parquet as pq

        items: list[dict[str, Any]] = []
        for path in sorted((self.path / "runs" / run_id).glob("items-*.parquet")):
            items.extend(pq.read_table(path, schema=arrow_schema(ITEM_COLUMNS)).to_pylist())
        return items

    def _manifest(self, run_id: str) -> dict[str, Any]:
        path = self.path / "runs" / run_id / "manifest.json"
        try:
            manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: cannot read the run's manifest: {exc}") from exc
        return manifest

    def _write_manifest(self, run_id: str, manifest: dict[str, Any]) -> None:
        folder = self.path / "runs" / run_id
        folder.mkdir(parents=True, exist_ok=True)
        atomic_bytes(folder / "manifest.json", json.dumps(manifest, sort_keys=True).encode())

    def _write_table(self, folder: Path, prefix: str, rows: list[dict[str, Any]],
                     columns: dict[str, str]) -> None:  # fmt: skip
        self._seq += 1
        name = f"{prefix}-{self._seq:06d}-{uuid.uuid4().hex[:8]}.parquet"
        write_table(folder, name, rows, columns)


def _known(row: dict[str, Any]) -> dict[str, Any]:
    """The columns of ``row`` a result file has (another store's rows carry more)."""
    return {name: value for name, value in row.items() if name in RESULT_COLUMNS}


def load_predictions(path: Path | str, run_id: str | None = None) -> dict[str, ArticleExtraction]:
    """Load one run's predictions by doc_id (default: the latest run); ``assay eval`` reads this."""
    return ParquetStore(path).predictions(run_id)


def diff_store_runs(path: Path | str, run_a: str, run_b: str) -> RunDiff:
    """Compare two runs of a parquet store per article."""
    store = ParquetStore(path)
    first, second = store.run(run_a), store.run(run_b)
    return diff_predictions(store.predictions(first.run_id), store.predictions(second.run_id),
                            run_a=first.run_id, run_b=second.run_id)  # fmt: skip
