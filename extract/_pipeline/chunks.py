"""Long articles: sentence-aligned windows that overlap, and merging across them."""

from __future__ import annotations

import re

from extract._schema import ArticleExtraction
from extract._text.spans import Span

DEFAULT_CHUNK_CHARS = 6000
OVERLAP_SENTENCES = 2


def chunk_text(text: str, max_chars: int = DEFAULT_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split ``text`` into windows of whole sentences, each with its start offset.

    Consecutive windows share ``OVERLAP_SENTENCES`` sentences so that a figure
    whose facility is named in the previous sentence keeps its context.
    """
    if len(text) <= max_chars:
        return [(0, text)]
    spans = _bounded(text, _pieces(text), max_chars)
    chunks: list[tuple[int, str]] = []
    first = 0
    while first < len(spans):
        last = first
        while last + 1 < len(spans) and spans[last + 1].end - spans[first].start <= max_chars:
            last += 1
        start, end = spans[first].start, spans[last].end
        chunks.append((start, text[start:end]))
        if last + 1 >= len(spans):
            break
        first = max(first + 1, last + 1 - OVERLAP_SENTENCES)
    return chunks


# Chunk windows only need cut points near sentence ends, not a linguistic reading: a
# text long enough to chunk may exceed what spaCy parses at once, and the strategy
# reads each window with spaCy afterwards.
_CUT = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")


def _pieces(text: str) -> list[Span]:
    """Sentence-like pieces of ``text`` (at full stops before a capital, and blank lines)."""
    pieces: list[Span] = []
    start = 0
    for cut in [*(m.end() for m in _CUT.finditer(text)), len(text)]:
        if text[start:cut].strip():
            pieces.append(Span(start, cut, text[start:cut]))
        start = cut
    return pieces


def _bounded(text: str, spans: list[Span], max_chars: int) -> list[Span]:
    """Cut every sentence longer than ``max_chars`` at whitespace, so that each window fits.

    A page without sentence ends (a table, a run-on dump) would otherwise be one window
    of any size, sent whole to a model with a bounded context.
    """
    pieces: list[Span] = []
    for span in spans:
        start = span.start
        while span.end - start > max_chars:
            cut = max(text.rfind(space, start + 1, start + max_chars) for space in " \n\t")
            cut = cut if cut > start else start + max_chars
            pieces.append(Span(start, cut, text[start:cut]))
            start = cut + (text[cut].isspace())
        pieces.append(Span(start, span.end, text[start : span.end]))
    return pieces


def merge_chunks(doc_id: str, parts: list[ArticleExtraction]) -> ArticleExtraction:
    """One extraction from the chunks' ones; a record found in two windows is kept once."""
    deals: dict[tuple[object, ...], object] = {}
    facts: dict[tuple[object, ...], object] = {}
    for part in parts:
        for deal in part.deals:
            deals.setdefault((deal.amount, deal.currency, deal.evidence), deal)
        for fact in part.plant_facts:
            facts.setdefault((fact.metric, fact.value, fact.unit, fact.evidence), fact)
    return ArticleExtraction.model_validate(
        {"doc_id": doc_id, "deals": list(deals.values()), "plant_facts": list(facts.values())}
    )
