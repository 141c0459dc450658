"""The article's spans, read once per article, and how near a span is to a figure.

Every field reader of the guided strategy (:mod:`.company_fields`,
:mod:`.facility_fields`, :mod:`.country_fields`) and the assemblers above them
look at the same sentences, names, companies, facilities, places and countries;
:class:`ArticleIndex` reads them once from :mod:`extract._text` so that no
reader parses the article again. Names are spans of the article, never free
text: each reader returns rule priors (span -> score, nearer is better) for the
decider, built on :func:`nearby`.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract._text.facilities import facilities
from extract._text.facility_refs import (
    definite_facility_names,
    full_facility_names,
    referred_facility_names,
)
from extract._text.names import Name, company_mentions, names
from extract._text.reading import Span, countries, locations, sentences

_LOOKBACK = 3  # sentences before a figure in which its facility or company may be named


@dataclass(frozen=True)
class ArticleIndex:
    """The article's spans, computed once per article."""

    text: str
    sentences: list[Span]
    facilities: list[Span]
    companies: list[Span]
    locations: list[Span]
    countries: list[Span]
    published_year: int | None
    names: tuple[Name, ...] = ()

    @classmethod
    def build(cls, text: str, published_year: int | None) -> ArticleIndex:
        """Read every span of ``text``."""
        facility_spans = referred_facility_names(text, full_facility_names(facilities(text)))
        facility_spans = definite_facility_names(text, facility_spans)
        return cls(text, sentences(text), facility_spans,
                   company_mentions(text), locations(text),
                   countries(text), published_year, names(text))  # fmt: skip

    def full_name(self, mention: Name) -> str:
        """The fullest name the article gives the company of ``mention``."""
        for span in self.companies:
            if span.start == mention.start:
                return span.text
        return mention.text

    def company_at(self, at: int) -> str | None:
        """The fullest name of the company whose mention covers character ``at``, if any."""
        for name in self.names:
            if name.start <= at < name.end and name.kind == "company":
                return self.full_name(name)
        return None

    def sentence_at(self, at: int) -> Span | None:
        """The sentence that holds character ``at``, if any."""
        return next((s for s in self.sentences if s.start <= at < s.end), None)

    def window(self, sentence_no: int, back: int = _LOOKBACK) -> tuple[int, int]:
        """Character range from ``back`` sentences before ``sentence_no`` to its end."""
        first = self.sentences[max(0, sentence_no - back)]
        return first.start, self.sentences[sentence_no].end


def nearby(spans: list[Span], index: ArticleIndex, sentence_no: int, at: int) -> dict[str, float]:
    """Spans in the figure's sentence or the few before; nearer ranks higher.

    A span in the figure's own sentence gets 1, and the nearest span a further
    1, the next 0.5, and so on: the text's proximity is strong evidence, which
    the model may overturn only with a clear preference.
    """
    start, end = index.window(sentence_no)
    sentence = index.sentences[sentence_no]
    distance: dict[str, int] = {}
    for span in spans:
        if start <= span.start < end:
            gap = abs(span.start - at) + (
                0 if sentence.start <= span.start < sentence.end else 10_000
            )
            distance[span.text] = min(distance.get(span.text, gap), gap)
    ranked = sorted(distance, key=distance.__getitem__)
    return {name: (1.0 if distance[name] < 10_000 else 0.0) + 1.0 / (rank + 1)
            for rank, name in enumerate(ranked)}  # fmt: skip
