"""Labelled articles for training: gold JSON beside its article, never the test split.

A labelled directory holds gold files (``<id>.json``, either in the directory or
in its ``gold/`` folder) and the articles they label (``articles/<id>.txt``), as
in ``gold/``, ``devset/`` and ``corpus/tune/``. An article may open with a
front-matter header (``---`` ... ``---``) whose ``published`` line dates it;
evidence offsets count from the first character after the header, so the
header is cut off here.

Training must never see the test split or a reserved article: a path with a
``test`` directory is refused outright, and every article is checked with
``../shared/tools/check-reserved`` before it is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from extract import ArticleExtraction, InvestmentDeal, PlantFact

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_SPLITS = frozenset({"test"})


class DataError(ValueError):
    """A labelled directory that cannot be used for training (one line, naming the file)."""


@dataclass(frozen=True)
class Labelled:
    """One labelled article: its text (header cut off), metadata and gold records."""

    doc_id: str
    text: str
    published: str | None
    gold: ArticleExtraction
    gold_path: Path
    article_path: Path


def split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split a ``---`` header of ``key: value`` lines from the article body."""
    if not raw.startswith("---\n"):
        return {}, raw
    end = raw.find("\n---\n", 3)
    if end < 0:
        return {}, raw
    header: dict[str, str] = {}
    for line in raw[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep:
            header[key.strip()] = value.strip()
    return header, raw[end + len("\n---\n") :]


def _split_parts(path: Path) -> set[str]:
    """Directory names that could name a split: inside the repository, those below its root."""
    resolved = path.resolve()
    inside = resolved.is_relative_to(ROOT)
    parts = resolved.relative_to(ROOT).parts if inside else resolved.parts
    return {part.lower() for part in (*parts, *path.parts)}


def refuse_test_split(path: Path) -> None:
    """Raise when ``path`` lies in (or is) a test split directory, symlinks followed."""
    if _split_parts(path) & FORBIDDEN_SPLITS:
        raise DataError(f"{path}: a test split is never used for training")


def _is_gold(path: Path) -> bool:
    """A gold file is one JSON object with a ``doc_id`` (``gold/schema.json`` is not)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: invalid JSON: {exc.msg}") from exc
    return isinstance(data, dict) and "doc_id" in data


def _gold_files(directory: Path) -> list[Path]:
    inner = directory / "gold"
    folder = inner if inner.is_dir() else directory
    return [path for path in sorted(folder.glob("*.json")) if _is_gold(path)]


def _article_path(directory: Path, doc_id: str) -> Path:
    path = directory / "articles" / f"{doc_id}.txt"
    if not path.is_file():
        raise DataError(f"{path}: no article for gold file {doc_id}.json")
    return path


def _read_gold(path: Path) -> ArticleExtraction:
    try:
        return ArticleExtraction.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DataError(f"{path}: {where}: {first['msg']}") from exc


def check_reserved(paths: list[Path], tool: Path | None = None) -> None:
    """Run ``check-reserved`` on ``paths``; raise when it is missing or flags one."""
    default = ROOT.parent / "shared" / "tools" / "check-reserved"
    tool = tool or Path(os.environ.get("ASSAY_CHECK_RESERVED", default))
    if not tool.is_file():
        raise DataError(f"{tool}: check-reserved not found; training refuses unchecked articles")
    if not paths:
        return
    done = subprocess.run([str(tool), *map(str, paths)], capture_output=True, text=True)
    flagged = [line for line in done.stdout.splitlines() if line.startswith("RESERVED")]
    if flagged or done.returncode != 0:
        first = flagged[0] if flagged else done.stderr.strip() or f"exit {done.returncode}"
        raise DataError(f"check-reserved refused the training data: {first}")


def load_labelled(directories: list[Path], reserved_tool: Path | None = None) -> list[Labelled]:
    """Every labelled article under ``directories``, checked, in a stable order.

    Raises:
        DataError: A test split, a reserved article, a gold file without its
            article, invalid gold, evidence not in its article, or no data at all.

    """
    pairs: list[tuple[Path, Path]] = []
    for directory in directories:
        refuse_test_split(directory)
        if not directory.is_dir():
            raise DataError(f"{directory}: no such directory")
        pairs += [(g, _article_path(directory, g.stem)) for g in _gold_files(directory)]
    if not pairs:
        raise DataError(f"{', '.join(map(str, directories))}: no gold files found")
    for gold_path, article_path in pairs:
        refuse_test_split(gold_path)
        refuse_test_split(article_path)
    check_reserved([article for _, article in pairs], reserved_tool)
    return [_labelled(gold_path, article_path) for gold_path, article_path in pairs]


def _labelled(gold_path: Path, article_path: Path) -> Labelled:
    header, text = split_front_matter(article_path.read_text(encoding="utf-8"))
    gold = _read_gold(gold_path)
    records: list[InvestmentDeal | PlantFact] = [*gold.deals, *gold.plant_facts]
    for record in records:
        if record.evidence not in text:
            raise DataError(f"{gold_path}: evidence {record.evidence[:40]!r}... not in its article")
    return Labelled(gold_path.stem, text, header.get("published"), gold, gold_path, article_path)


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (the model card lists every training file)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
