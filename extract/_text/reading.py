"""Deterministic reading of an article: sentences, places and dates.

These spans are what the guided strategy lets the model choose among, so a
name in a record is always a span of the article, never a free generation.
Facility names are read by :mod:`extract._text.facilities`, company names by
:mod:`extract._text.companies`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract._vocab import canonical_country


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article: ``text == article[start:end]``."""

    start: int
    end: int
    text: str


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z])")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Co|Ltd|Inc|Corp|No|Mr|Mrs|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|U\.S|e\.g|i\.e|vs|approx|mln|bln|bn|mn)|\b[A-Z])\.$"
)


def sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans (offsets into ``text``)."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATIONS.search(text[max(0, match.start() - 8) : match.start()]):
            continue
        _append_trimmed(spans, text, start, match.start())
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))


def sentence_index(spans: list[Span], offset: int) -> int:
    """Index of the sentence that contains character ``offset`` (or the nearest before)."""
    for i, span in enumerate(spans):
        if span.start <= offset < span.end:
            return i
        if span.start > offset:
            return max(0, i - 1)
    return len(spans) - 1


_PLACE_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"  # "Jalal-Abad"
_COMPASS = r"(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower)"
_REGION_WORD = r"(?:[Rr]egion|[Oo]blast|[Dd]istrict|[Pp]rovince)"
_LOCATION = re.compile(
    rf"\b(?:{_PLACE_WORD}(?:\s{_PLACE_WORD})?\s{_REGION_WORD})"
    rf"|\b(?:in|near|at)\s+(?:the\s+)?(?:city of\s+)?"
    rf"((?:{_COMPASS}\s[A-Z][a-z]+|{_PLACE_WORD})(?:\s{_REGION_WORD})?)\b"
)
_NOT_PLACE = {"January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December", "Kazakhstan", "China", "The",
              "Russia", "Germany", "Uzbekistan", "Kyrgyzstan", "Mongolia", "This", "That",
              "General", "Government", "Chinese", "Kazakh", "English"}  # fmt: skip


def locations(text: str) -> list[Span]:
    """Regions, districts and towns named in the text."""
    found: list[Span] = []
    for match in _LOCATION.finditer(text):
        group = 1 if match.group(1) else 0
        name = match.group(group)
        if name.split()[0].split("-")[0] not in _NOT_PLACE:
            found.append(Span(match.start(group), match.end(group), name))
    return found


_COUNTRY_WORDS = re.compile(
    r"\b(?:Kazakhstan|China|Chinese|Russia|Russian|Germany|German|United Kingdom|UK|British|"
    r"United States|U\.S\.|US|American|Uzbekistan|Kyrgyzstan|Turkey|Turkish|South Korea|Korea|"
    r"Korean|Japan|Japanese|India|Indian|France|French|Italy|Italian|UAE|United Arab Emirates|"
    r"Emirati|Mongolia|Canada|Canadian|Australia|Australian|Switzerland|Swiss|Qatar|Saudi Arabia)\b"
)


def countries(text: str) -> list[Span]:
    """Country names and demonyms; ``Span.text`` is the canonical country name."""
    return [Span(m.start(), m.end(), canonical_country(m.group(0)))
            for m in _COUNTRY_WORDS.finditer(text)]  # fmt: skip


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
