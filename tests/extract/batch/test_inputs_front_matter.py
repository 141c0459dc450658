"""Article files with a front-matter header: metadata to the Article, the rest is the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract._batch.corpus import load_corpus
from extract._batch.inputs import BadInput, iter_articles, read_txt
from extract._errors import InputError
from extract._schema import Article

ROOT = Path(__file__).resolve().parents[3]
HEADER = (
    "---\n"
    "title: ERG to build a ferroalloy plant\n"
    "source: https://example.com/erg-aksu\n"
    "outlet: Example News\n"
    "published: 2024-06\n"
    "region: central_asia\n"
    "kind: genre\n"
    "group: aksu\n"
    "---\n"
)
BODY = "ERG to build a ferroalloy plant\n\nERG plans to spend $320 million on the Aksu plant.\n"


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_the_header_fills_the_article_fields_and_the_text_follows_it(tmp_path: Path) -> None:
    article = read_txt(_write(tmp_path, "aksu.txt", HEADER + BODY))
    assert article == Article(
        id="aksu",
        text=BODY,
        title="ERG to build a ferroalloy plant",
        source="https://example.com/erg-aksu",
        published="2024-06",
    )


def test_an_article_without_a_header_is_read_as_before(tmp_path: Path) -> None:
    article = read_txt(_write(tmp_path, "plain.txt", BODY))
    assert article == Article(id="plain", text=BODY)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (HEADER.replace("kind: genre", "author: Jane Doe") + BODY, "unknown key 'author'"),
        (HEADER[: -len("---\n")] + BODY, "never closed"),
        (HEADER.replace("kind: genre", "kind genre") + BODY, "expected 'key: value'"),
        (HEADER + "  \n", "empty article"),
        (HEADER + "<!doctype html><html><body>x</body></html>", "an HTML page"),
    ],
)
def test_a_bad_header_or_body_is_one_line_naming_the_file(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = _write(tmp_path, "bad.txt", content)
    with pytest.raises(InputError) as caught:
        read_txt(path)
    assert str(caught.value).startswith(str(path)) and problem in str(caught.value)
    [item] = list(iter_articles([path]))  # a batch reports it and goes on
    assert isinstance(item, BadInput) and problem in item.error


def test_a_batch_corpus_reads_headers_too(tmp_path: Path) -> None:
    _write(tmp_path, "aksu.txt", HEADER + BODY)
    [article] = list(load_corpus(tmp_path))
    assert article == read_txt(tmp_path / "aksu.txt")
    assert isinstance(article, Article) and article.text.startswith("ERG to build")


def test_every_corpus_article_reads_with_its_provenance() -> None:
    paths = sorted((ROOT / "corpus").glob("*/articles/*.txt"))
    assert len(paths) >= 60
    for path in paths:
        article = read_txt(path)
        assert article.source and article.source.startswith("http"), path
        assert article.title and article.published, path
        assert not article.text.startswith("---"), path
