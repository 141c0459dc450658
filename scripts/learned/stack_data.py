"""Shared pieces of the stacking experiment: paths, halves, articles, parse cache, labels.

The experiment asks whether a learned decision stacked on the rules (it sees the
rules' own choice and scores) beats the rules on a figure's role. Tune only:
corpus/test is never read here.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this worktree's extract/ and evals/, not an installed copy

from evals import load_extractions, load_texts  # noqa: E402
from evals._loaders import load_headers  # noqa: E402
from extract._schema import Article, ArticleExtraction  # noqa: E402

TUNE = ROOT / "corpus/tune"
OUT = ROOT / "out/learned"
DOCS = OUT / "docs.spacy"


def half(doc_id: str) -> str:
    """Half A (sha256 of the id even) or B (odd), as /work/notes/proto/q2half.py splits tune."""
    return "A" if int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 2 == 0 else "B"


def articles() -> list[Article]:
    """The tune articles with their published dates, sorted by id."""
    texts, headers = load_texts(TUNE / "articles"), load_headers(TUNE / "articles")
    result = []
    for doc_id in sorted(texts):
        head = headers.get(doc_id) or {}
        result.append(
            Article(
                id=doc_id,
                text=texts[doc_id],
                title=head.get("title"),
                published=head.get("published"),
                source=head.get("source"),
            )
        )
    return result


def gold() -> dict[str, ArticleExtraction]:
    """The tune gold, keyed by article id."""
    return load_extractions(TUNE / "gold")


def _close(a: float, b: float | None) -> bool:
    return b is not None and abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


def label(kind: str, value: float, unit: str, truth: ArticleExtraction) -> str:
    """What gold makes of a figure: deal, plant_fact or skip.

    Money is a deal when a gold deal has its amount (within 1 %) in its currency, a
    plant_fact when a gold PlantFact (a cost) has its value and unit. A tonnage is a
    plant_fact when a gold PlantFact has its value (or upper bound) and unit.
    """
    if kind == "money" and any(_close(value, d.amount) and d.currency == unit
                               for d in truth.deals):  # fmt: skip
        return "deal"
    for fact in truth.plant_facts:
        if fact.unit == unit and (_close(value, fact.value) or _close(value, fact.value_max)):
            return "plant_fact"
    return "skip"


@contextmanager
def cached_parses() -> Iterator[dict[str, Any]]:
    """Parse each text with spaCy once, ever: parses are kept in out/learned/docs.spacy.

    The library's ``parse`` calls ``pipeline()(text)``; the pipeline is swapped for a
    lookup in the disk cache that parses (and remembers) only a text it has not seen.
    """
    from spacy.tokens import DocBin

    import extract._text.nlp as nlp

    real = nlp.pipeline()
    cache: dict[str, Any] = {}
    if DOCS.exists():
        cache = {d.text: d for d in DocBin().from_disk(DOCS).get_docs(real.vocab)}
    seen = len(cache)

    def lookup(text: str) -> Any:
        if text not in cache:
            cache[text] = real(text)
        return cache[text]

    original: Callable[[], Any] = nlp.pipeline
    nlp.pipeline = lambda: lookup  # type: ignore[assignment]
    nlp.parse.cache_clear()
    try:
        yield cache
    finally:
        nlp.pipeline = original  # type: ignore[assignment]
        if len(cache) > seen:
            OUT.mkdir(parents=True, exist_ok=True)
            bin_ = DocBin(store_user_data=True)
            for doc in cache.values():
                bin_.add(doc)
            bin_.to_disk(DOCS)
