"""The files of the parquet result store: each written whole or not at all.

Owns the Arrow schema of a table of columns (:func:`arrow_schema`), writing a
parquet file (:func:`write_table`) or a small file of bytes
(:func:`atomic_bytes`) to a temporary name, synced and then renamed, so a
process killed at any moment leaves whole files or none, and removing the
temporaries a killed writer left (:func:`remove_stale_temps`).
:mod:`extract._batch.parquet_store` lays the files out and reads them.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import Any

from extract._errors import StoreError

STALE_TEMP_SECONDS = 3600  # a temporary file this old belongs to no live writer


def arrow_schema(columns: dict[str, str]) -> Any:
    """The ``pyarrow`` schema of ``columns`` (name to type alias, e.g. ``"string"``)."""
    import pyarrow as pa

    return pa.schema([(name, pa.type_for_alias(kind)) for name, kind in columns.items()])


def write_table(folder: Path, name: str, rows: list[dict[str, Any]],
                columns: dict[str, str]) -> None:  # fmt: skip
    """Write ``rows`` as the zstd parquet file ``folder/name``, whole or not at all.

    Args:
        folder: The directory (created when missing).
        name: The file's name.
        rows: The rows, one dict of column values each.
        columns: The table's columns (see :func:`arrow_schema`).

    Raises:
        StoreError: The file cannot be written.

    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pylist(rows, schema=arrow_schema(columns))
        temp = folder / f".tmp-{name}"
        with temp.open("wb") as out:
            pq.write_table(table, out, compression="zstd")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, folder / name)
    except (OSError, pa.ArrowException) as exc:
        raise StoreError(f"{folder}: cannot write {name}: {exc}") from exc


def atomic_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a synced temporary file and a rename."""
    temp = path.with_name(f".tmp-{uuid.uuid4().hex[:8]}-{path.name}")
    with temp.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, path)


def remove_stale_temps(root: Path) -> None:
    """Delete temporary files a killed writer left (old enough to belong to no live one)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for temp in root.rglob(".tmp-*"):
        if temp.stat().st_mtime < cutoff:
            temp.unlink(missing_ok=True)
