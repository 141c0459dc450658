"""Reading articles: .txt files, directories of them, .jsonl with {"id","text"}.

A .txt file may open with a front-matter header (``---``, ``key: value`` lines,
``---``; :mod:`extract._text.front_matter`): its ``title``, ``source`` and
``published`` become the Article's fields, the other provenance keys are
accepted and left in the file, and the article's text starts after the header.

Every problem becomes a one-line :class:`InputError` naming the file (and line)
and the problem; a reader yields the good articles and reports the bad ones,
so one broken input never costs the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from extract._errors import InputError
from extract._schema import Article
from extract._text.front_matter import ARTICLE_KEYS, split_front_matter

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
# A document that opens like a web page (after any comments): a doctype or an html/head/body tag.
_HTML = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


@dataclass(frozen=True)
class BadInput:
    """An input that could not be read, with its one-line error."""

    source: str
    error: str


def decode_text(data: bytes, source: str) -> str:
    """Decode an article's bytes as UTF-8, refusing binary data, empty text and HTML."""
    return _check_article_text(_decode(data, source), source)


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary data, not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: invalid UTF-8 at {_position(data, exc.start)}") from None


def _check_article_text(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(f"{source}: empty article")
    if _HTML.match(text[:4096]):
        # Tag stripping would make up article text (menus, scripts, teasers) that evidence
        # could then quote; the caller extracts the article body with a tool made for it.
        raise InputError(f"{source}: an HTML page, not article text; extract the article's "
                         "text first (assay does not strip tags)")  # fmt: skip
    return text


def _position(data: bytes, offset: int) -> str:
    """Where a byte offset is: its line too when the data has several lines."""
    if b"\n" not in data.rstrip(b"\r\n"):
        return f"byte {offset}"
    line = data.count(b"\n", 0, offset) + 1
    return f"line {line}, byte {offset}"


def read_txt(path: Path) -> Article:
    """One article from a text file; its id is the file stem.

    A front-matter header gives the Article its ``title``, ``source`` and
    ``published``; the text is what follows the header.

    Raises:
        InputError: The file is too large, not UTF-8 text, empty, an HTML page, or
            its front-matter header is malformed (one line naming the file).

    """
    if path.stat().st_size > MAX_ARTICLE_BYTES:
        raise InputError(f"{path}: larger than {MAX_ARTICLE_BYTES // 2**20} MB")
    header, body = split_front_matter(_decode(path.read_bytes(), str(path)), str(path))
    where = str(path) if header is None else f"{path} (after its front matter)"
    fields = {key: value for key, value in (header or {}).items() if key in ARTICLE_KEYS}
    return Article(id=path.stem, text=_check_article_text(body, where), **fields)


def read_jsonl(path: Path) -> Iterator[Article | BadInput]:
    """Articles from a .jsonl file, one ``{"id", "text", ...}`` object per line."""
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if raw.strip():
                yield _jsonl_article(raw, f"{path}:{number}")


def _jsonl_article(raw: bytes, where: str) -> Article | BadInput:
    try:
        data = json.loads(decode_text(raw, where))
        if not isinstance(data, dict):
            return BadInput(where, f"{where}: expected a JSON object with 'id' and 'text'")
        article = Article.model_validate({**data, "id": str(data.get("id", ""))})
        decode_text(article.text.encode("utf-8"), f"{where} ({article.id})")
        return article
    except json.JSONDecodeError as exc:
        return BadInput(where, f"{where}: invalid JSON: {exc.msg}")
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        return BadInput(where, f"{where}: {field}: {first['msg']}")
    except InputError as exc:
        return BadInput(where, str(exc))


def iter_articles(paths: Iterable[Path]) -> Iterator[Article | BadInput]:
    """Every article under ``paths`` (files or directories), and every bad input."""
    for path in paths:
        if path.is_dir():
            yield from iter_articles(
                sorted(p for p in path.iterdir() if p.suffix in (".txt", ".jsonl"))
            )
        elif not path.exists():
            yield BadInput(str(path), f"{path}: no such file or directory")
        elif path.suffix == ".jsonl":
            yield from read_jsonl(path)
        else:
            try:
                yield read_txt(path)
            except InputError as exc:
                yield BadInput(str(path), str(exc))
