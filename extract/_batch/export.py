"""A stored run (of either store) as a Hugging Face ``datasets.Dataset`` (and so as parquet).

One row per article of the run. ``deals`` and ``plant_facts`` are JSON strings
of the contract's record lists (a fixed schema whatever the records hold, and
an exact round trip: ``ArticleExtraction.model_validate_json`` reads them
back); run metadata gets plain columns. A failed article has ``status`` =
``failed``, its ``error`` and null records.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract._batch.runinfo import RunItem
from extract._batch.stores import run_items
from extract._errors import StoreError

if TYPE_CHECKING:
    import datasets

_COLUMNS = {"doc_id": "string", "status": "string", "cache_key": "string", "error": "string",
            "deals": "string", "plant_facts": "string", "n_deals": "int32",
            "n_plant_facts": "int32", "model": "string", "backend": "string",
            "strategy": "string", "prompt_ids": "string", "model_calls": "int32",
            "prompt_tokens": "int64", "completion_tokens": "int64", "seconds": "float64",
            "dropped": "int32"}  # fmt: skip


def export_run_dataset(store_path: Path | str, run_id: str) -> datasets.Dataset:
    """Export a run of either store (SQLite file or parquet directory) as a ``datasets.Dataset``."""
    return items_to_dataset(run_items(store_path, run_id))


def export_run_parquet(store_path: Path | str, run_id: str, path: Path | str) -> int:
    """Write a run to a parquet file, one row per article; return the number of rows."""
    dataset = export_run_dataset(store_path, run_id)
    try:
        dataset.to_parquet(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot write parquet: {exc.strerror or exc}") from exc
    return len(dataset)


def items_to_dataset(items: Sequence[RunItem]) -> datasets.Dataset:
    """Build the dataset of a run's items (one row each)."""
    import datasets

    features = datasets.Features({name: datasets.Value(kind) for name, kind in _COLUMNS.items()})
    return datasets.Dataset.from_list([item_row(item) for item in items], features=features)


def item_row(item: RunItem) -> dict[str, Any]:
    """Build the row of one run item."""
    row: dict[str, Any] = dict.fromkeys(_COLUMNS)
    row.update(doc_id=item.doc_id, status=item.status, cache_key=item.cache_key, error=item.error)
    result = item.extraction
    if result is None:
        return row
    row.update(deals=json.dumps([d.model_dump(mode="json") for d in result.deals]),
               plant_facts=json.dumps([f.model_dump(mode="json") for f in result.plant_facts]),
               n_deals=len(result.deals), n_plant_facts=len(result.plant_facts))  # fmt: skip
    meta = result.meta
    if meta is not None:
        row.update(model=meta.model, backend=meta.backend, strategy=meta.strategy,
                   prompt_ids=json.dumps(meta.prompt_ids, sort_keys=True),
                   model_calls=meta.model_calls, prompt_tokens=meta.prompt_tokens,
                   completion_tokens=meta.completion_tokens, seconds=meta.seconds,
                   dropped=meta.dropped)  # fmt: skip
    return row
