"""Load gold and predicted extractions, article texts and earlier reports.

Extractions (gold or predicted) come in three shapes, picked by what the path is:

- a directory of ``<doc_id>.json`` files, one :class:`ArticleExtraction` each (the
  file stem must equal the ``doc_id``; ``schema.json``, other files and
  subdirectories such as ``articles/`` are ignored);
- a ``.jsonl`` file, one ArticleExtraction per non-blank line;
- a Hugging Face ``datasets`` dataset saved with ``save_to_disk`` (a directory
  with ``state.json`` or ``dataset_dict.json``; a DatasetDict must have exactly
  one split). One row per article, in either of two layouts:

  * ``extraction``: a string column holding the ArticleExtraction as JSON. This
    is what a run export should write: it is lossless (``meta`` included) and
    needs no Arrow schema for nested, optional fields. Other columns (``doc_id``,
    ``text``, run ids...) may sit beside it; a ``doc_id`` column must agree.
  * structured: columns ``doc_id``, ``deals``, ``plant_facts`` and optionally
    ``meta``, as ``Dataset.from_list([e.model_dump() for e in ...])`` writes them.
    Any other column is an error, as an unknown field is in a JSON file.

Every record is validated against the contract. Problems are collected over the
whole input and raised as one :class:`~extract._errors.ValidationFailed` whose
one-line message names the first problem's file, line or row, and field, e.g.
``gold/002.json: plant_facts[1].metric: Input should be 'capacity', ...``,
with a count of further problems. Nothing is returned from an invalid input.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from evals._models import EvalReport
from extract._errors import InputError, ValidationFailed
from extract._schema import ArticleExtraction
from extract._text.front_matter import split_front_matter

PathLike = str | os.PathLike[str]

ModelT = TypeVar("ModelT", bound=BaseModel)

# JSON files that may sit beside gold files without being records: the JSON Schema
# that gold/make_schema.py writes for editors.
_NOT_RECORDS = frozenset({"schema.json"})

_STRUCTURED_COLUMNS = frozenset({"doc_id", "deals", "plant_facts", "meta"})


class _Problems:
    """Problems found while loading one input; raised together at the end."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def raise_if_any(self) -> None:
        if not self.lines:
            return
        more = len(self.lines) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise ValidationFailed(self.lines[0] + suffix)


def load_extractions(path: PathLike) -> dict[str, ArticleExtraction]:
    """Load extractions by doc_id from a directory, a ``.jsonl`` file or a saved dataset.

    Args:
        path: See the module docstring for the accepted shapes.

    Returns:
        Validated extractions keyed and sorted by ``doc_id``.

    Raises:
        InputError: The path does not exist or is of no accepted shape.
        ValidationFailed: Some file, line or row is not a valid ArticleExtraction.

    """
    source = Path(path)
    if not source.exists():
        raise InputError(f"{source}: no such file or directory")
    if source.is_dir():
        if (source / "state.json").is_file() or (source / "dataset_dict.json").is_file():
            return _load_dataset(source)
        return _load_directory(source)
    if source.suffix == ".jsonl":
        return _load_jsonl(source)
    if source.suffix == ".json":
        return _collect([(str(source), _read(source), source.stem)])
    raise InputError(
        f"{source}: expected a directory of <doc_id>.json files, a .jsonl file "
        "or a dataset saved with save_to_disk"
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc


def _load_directory(directory: Path) -> dict[str, ArticleExtraction]:
    files = sorted(path for path in directory.glob("*.json") if path.name not in _NOT_RECORDS)
    if not files:
        raise InputError(f"{directory}: no <doc_id>.json files in this directory")
    return _collect([(str(path), _read(path), path.stem) for path in files])


def _load_jsonl(path: Path) -> dict[str, ArticleExtraction]:
    lines = _read(path).splitlines()
    entries = [(f"{path}:{number}", line, None) for number, line in enumerate(lines, 1)]
    return _collect([entry for entry in entries if entry[1].strip()])


def _collect(entries: list[tuple[str, Any, str | None]]) -> dict[str, ArticleExtraction]:
    """Validate ``(label, raw JSON text or dict, expected doc_id)`` entries into a mapping."""
    problems = _Problems()
    result: dict[str, ArticleExtraction] = {}
    first_label: dict[str, str] = {}
    for label, raw, expected in entries:
        try:
            extraction = _validate(label, raw, ArticleExtraction)
        except ValidationFailed as exc:
            problems.lines.append(str(exc))
            continue
        doc_id = extraction.doc_id
        if expected is not None and doc_id != expected:
            problems.lines.append(f"{label}: doc_id: {doc_id!r} does not match {expected!r}")
        elif doc_id in result:
            problems.lines.append(f"{label}: doc_id: {doc_id!r} repeats {first_label[doc_id]}")
        else:
            result[doc_id], first_label[doc_id] = extraction, label
    problems.raise_if_any()
    return dict(sorted(result.items()))


def _validate(label: str, raw: Any, model: type[ModelT]) -> ModelT:
    if isinstance(raw, str):
        raw = _parse_json(label, raw)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ValidationFailed(f"{label}: {describe_error(exc)}") from exc


def _parse_json(label: str, text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_not_json)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise ValidationFailed(f"{label}: invalid JSON at {where}: {exc.msg}") from exc
    except RecursionError:
        raise ValidationFailed(f"{label}: invalid JSON: nested too deeply") from None
    except ValueError as exc:  # _not_json, or an integer too long to convert
        raise ValidationFailed(f"{label}: invalid JSON: {' '.join(str(exc).split())}") from None


def _not_json(name: str) -> Any:
    # Python's json reads NaN and Infinity, which JSON does not allow and no score can use.
    raise ValueError(f"{name} is not a JSON number")


def describe_error(exc: ValidationError) -> str:
    """Return ``field.path: message (got value)`` for the first error of ``exc``, one line."""
    error = exc.errors()[0]
    loc = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"])
    message = " ".join(str(error["msg"]).split())
    if error["type"] not in ("missing", "model_type", "dict_type"):
        message += f" (got {_short(error.get('input'))})"
    more = exc.error_count() - 1
    suffix = f" (+{more} more error{'s' if more > 1 else ''})" if more else ""
    return f"{loc.lstrip('.') or '(top level)'}: {message}{suffix}"


def _short(value: object) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _load_dataset(directory: Path) -> dict[str, ArticleExtraction]:
    rows, columns = _dataset_rows(directory)
    if "extraction" in columns:
        entries = [
            (f"{directory}: row {index}", row["extraction"], row.get("doc_id"))
            for index, row in enumerate(rows)
        ]
        return _collect(entries)
    unknown = sorted(columns - _STRUCTURED_COLUMNS)
    if unknown or "doc_id" not in columns:
        problem = f"unknown column {unknown[0]!r}" if unknown else "no doc_id column"
        raise ValidationFailed(
            f"{directory}: {problem}: expected an 'extraction' JSON column "
            "or the columns doc_id, deals, plant_facts[, meta]"
        )
    return _collect(
        [(f"{directory}: row {index}", _structured(row), None) for index, row in enumerate(rows)]
    )


def _dataset_rows(directory: Path) -> tuple[list[dict[str, Any]], set[str]]:
    import datasets  # imported here: it is slow to import and only this shape needs it

    try:
        loaded = datasets.load_from_disk(str(directory))
    except Exception as exc:  # datasets raises many types for a broken directory
        raise InputError(f"{directory}: cannot load the saved dataset: {exc}") from exc
    if isinstance(loaded, datasets.DatasetDict):
        if len(loaded) != 1:
            splits = ", ".join(sorted(loaded))
            raise InputError(f"{directory}: a DatasetDict with splits {splits}; save one split")
        loaded = next(iter(loaded.values()))
    return list(loaded), set(loaded.column_names)


def _structured(row: dict[str, Any]) -> dict[str, Any]:
    data = {key: value for key, value in row.items() if not (key == "meta" and value is None)}
    meta = data.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("prompt_ids"), dict):
        # Arrow stores a dict column as a struct with every key seen in any row,
        # filling the others with null: drop those, they were never there.
        prompt_ids = {k: v for k, v in meta["prompt_ids"].items() if v is not None}
        data["meta"] = {**meta, "prompt_ids": prompt_ids}
    return data


def load_texts(directory: PathLike) -> dict[str, str]:
    """Load article texts ``<doc_id>.txt`` from ``directory``, keyed by doc_id.

    A file that opens with a front-matter header (``---`` ... ``---``) gives the
    text after the header, the text its evidence offsets count from; the header
    itself is read by :func:`load_headers`.

    Raises:
        InputError: The directory does not exist, a file is not readable UTF-8, or
            its front-matter header is malformed.

    """
    return {doc_id: body for doc_id, (_, body) in _load_articles(directory).items()}


def load_headers(directory: PathLike) -> dict[str, dict[str, str] | None]:
    """Load each article's front-matter header (its provenance), keyed by doc_id.

    Returns:
        The header's ``key: value`` pairs per article; None for an article without one.

    Raises:
        InputError: As :func:`load_texts`.

    """
    return {doc_id: header for doc_id, (header, _) in _load_articles(directory).items()}


def _load_articles(directory: PathLike) -> dict[str, tuple[dict[str, str] | None, str]]:
    source = Path(directory)
    if not source.is_dir():
        raise InputError(f"{source}: not a directory of <doc_id>.txt article texts")
    return {
        path.stem: split_front_matter(_read(path), str(path))
        for path in sorted(source.glob("*.txt"))
    }


def load_report(path: PathLike) -> EvalReport:
    """Load a JSON report written earlier (``--json``), e.g. as a baseline.

    Raises:
        InputError: The file cannot be read.
        ValidationFailed: The file is not an eval report of this version.

    """
    source = Path(path)
    if not source.is_file():
        raise InputError(f"{source}: no such report file")
    return _validate(str(source), _read(source), EvalReport)
