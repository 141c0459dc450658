"""Reading a corpus for a batch: text files, .jsonl, or anything ``datasets`` loads.

* a directory of ``.txt`` / ``.jsonl`` files, or one such file: :mod:`extract._batch.inputs`;
* ``.parquet``, ``.csv``, ``.json``, ``.arrow`` files and ``save_to_disk`` directories:
  :mod:`datasets`, with an ``id`` (or ``doc_id``) and a ``text`` column, and
  optional ``title``, ``published`` and ``source`` columns.

A corpus that cannot be read at all raises :class:`InputError` (one line); a
bad row is yielded as :class:`BadInput` and costs only itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from extract._batch.inputs import BadInput, iter_articles
from extract._errors import InputError
from extract._schema import Article

if TYPE_CHECKING:
    import datasets

DATASET_FORMATS = {".parquet": "parquet", ".csv": "csv", ".json": "json", ".arrow": "arrow"}
ID_COLUMNS = ("id", "doc_id")
OPTIONAL_COLUMNS = ("title", "published", "source")


def load_corpus(path: Path) -> Iterator[Article | BadInput]:
    """Every article of the corpus at ``path``, and every row that could not be read.

    Raises:
        InputError: The path is missing, of an unknown format, or lacks an id or text column.

    """
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_dir() and (path / "dataset_info.json").is_file():
        return _dataset_articles(_load_saved(path), path)
    if path.is_dir() or path.suffix in (".txt", ".jsonl"):
        return iter_articles([path])
    if path.suffix in DATASET_FORMATS:
        return _dataset_articles(_load_file(path), path)
    formats = ", ".join([".txt", ".jsonl", *DATASET_FORMATS])
    raise InputError(
        f"{path}: unknown corpus format {path.suffix!r} (use a directory or {formats})"
    )


def _load_file(path: Path) -> datasets.Dataset:
    import datasets

    kind = DATASET_FORMATS[path.suffix]
    with _quiet(), _readable(path):
        if kind == "arrow":
            return datasets.Dataset.from_file(str(path))
        loaded = datasets.load_dataset(kind, data_files=str(path), split="train")
    assert isinstance(loaded, datasets.Dataset)
    return loaded


def _load_saved(path: Path) -> datasets.Dataset:
    import datasets

    with _quiet(), _readable(path):
        loaded = datasets.load_from_disk(str(path))
    if not isinstance(loaded, datasets.Dataset):
        splits = ", ".join(loaded)
        raise InputError(f"{path}: a dataset with splits ({splits}); give one split's directory")
    return loaded


def _dataset_articles(dataset: datasets.Dataset, path: Path) -> Iterator[Article | BadInput]:
    id_column, wanted = article_columns(list(dataset.column_names), path)
    return _rows(dataset.select_columns(wanted), id_column, path)


def article_columns(columns: list[str], path: Path | str) -> tuple[str, list[str]]:
    """The id column of a dataset corpus and the columns to read (id, text, metadata).

    Raises:
        InputError: There is no text column, or no id (or doc_id) column.

    """
    id_column = next((name for name in ID_COLUMNS if name in columns), None)
    if "text" not in columns or id_column is None:
        missing = "'text'" if "text" not in columns else "'id' or 'doc_id'"
        raise InputError(f"{path}: no {missing} column (columns: {', '.join(columns) or 'none'})")
    return id_column, [id_column, "text", *(name for name in OPTIONAL_COLUMNS if name in columns)]


def _rows(dataset: datasets.Dataset, id_column: str, path: Path) -> Iterator[Article | BadInput]:
    for number, row in enumerate(dataset, start=1):
        yield row_article(row, id_column, f"{path}:row {number}")


def row_article(row: dict[str, Any], id_column: str, where: str) -> Article | BadInput:
    """The article of one dataset row, or the row as a :class:`BadInput` with its error."""
    if row[id_column] is None or str(row[id_column]).strip() == "":
        return BadInput(where, f"{where}: empty {id_column}")
    doc_id = str(row[id_column])
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        return BadInput(where, f"{where} ({doc_id}): text is empty or not a string")
    extra = {name: _text(row[name]) for name in OPTIONAL_COLUMNS if row.get(name) is not None}
    try:
        return Article(id=doc_id, text=text, **extra)
    except ValidationError as exc:
        return BadInput(where, f"{where} ({doc_id}): {exc.errors()[0]['msg']}")


def _text(value: Any) -> str:
    """Render a metadata cell as text; dates (parquet date columns) as ISO dates."""
    return str(value.isoformat()) if hasattr(value, "isoformat") else str(value)


@contextmanager
def _quiet() -> Iterator[None]:
    """Hide ``datasets`` progress bars while loading (they would garble batch progress)."""
    import datasets

    was_enabled = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    try:
        yield
    finally:
        if was_enabled:
            datasets.enable_progress_bars()


@contextmanager
def _readable(path: Path) -> Iterator[None]:
    """Turn a loader's exception into a one-line InputError naming the file."""
    try:
        yield
    except InputError:
        raise
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: cannot load: {first}") from exc
