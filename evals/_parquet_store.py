"""Predictions from a parquet result store (``assay batch --engine ray --out DIR``).

``assay eval --pred DIR`` scores the latest finished run of such a directory
(``DIR/assay-store.json`` marks it). The store's own reader,
:mod:`extract._batch.parquet_store`, is imported by name when one is given:
it reads parquet files with pyarrow and imports no model, backend or Ray; and
scoring JSON files must not load it at ``import evals``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import cast

from extract._schema import ArticleExtraction

MARKER = "assay-store.json"

Loader = Callable[[Path, "str | None"], dict[str, ArticleExtraction]]


def is_parquet_store(path: Path) -> bool:
    """True when ``path`` is a parquet result store directory."""
    return (path / MARKER).is_file()


def load_store_predictions(path: Path, run_id: str | None = None) -> dict[str, ArticleExtraction]:
    """The predictions of one run of the store at ``path`` (default: its latest finished run).

    Raises:
        StoreError: The store or the run cannot be read (one line).

    """
    module = importlib.import_module("extract._batch.parquet_store")
    loader = cast(Loader, module.load_predictions)
    return loader(path, run_id)
