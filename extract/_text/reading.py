"""Deterministic reading of an article: sentences, places, countries and dates.

Sentences come from spaCy's parse, places and countries from the names of
:mod:`extract._text.names`. These spans are what the guided strategy lets the
model choose among, so a name in a record is always a span of the article,
never a free generation. Facility names are read by :mod:`extract._text.facilities`.
"""

from __future__ import annotations

import re

from extract._text.names import names, of_kind
from extract._text.nlp import parse
from extract._text.spans import Span, sentence_index
from extract._vocab import canonical_country

__all__ = ["Span", "countries", "locations", "publication_year", "sentence_index", "sentences",
           "years"]  # fmt: skip


def sentences(text: str) -> list[Span]:
    """The article's sentences as spaCy reads them (a line break also ends one)."""
    found: list[Span] = []
    for sentence in parse(text).sents:
        start, end = sentence.start_char, sentence.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Span(start, end, text[start:end]))
    return found


def locations(text: str) -> list[Span]:
    """Regions, districts, towns and deposits the text names as places."""
    return [Span(n.start, n.end, n.text) for n in of_kind(names(text), "place")]


def countries(text: str) -> list[Span]:
    """Countries named or implied by a demonym; ``Span.text`` is the country's short name."""
    return [Span(n.start, n.end, canonical_country(n.text))
            for n in of_kind(names(text), "country", "nationality")]  # fmt: skip


_HEADER_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def publication_year(text: str, published: str | None = None) -> int | None:
    """The year the article was published: metadata, else a leading ``date YYYY-MM-DD``."""
    if published and _YEAR.match(published):
        return int(published[:4])
    header = _HEADER_DATE.match(text)
    return int(header.group(1)) if header else None


def years(text: str) -> list[Span]:
    """Four-digit years 1950-2099 in ``text``."""
    return [Span(m.start(), m.end(), m.group(0)) for m in _YEAR.finditer(text)]
