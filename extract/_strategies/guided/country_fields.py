"""Which country a company is marked with, and which country the article is about.

"China's X", "X, a German firm": a nationality or a country right before a
company, or in apposition after it, marks the company's home
(:func:`nationality_of`), which makes it a foreign investor. The country the
article is about (:func:`main_country`) is where its places are, not its
investors' homes: mentions are weighed by how the text uses them. Both read the
names of :class:`~.article_index.ArticleIndex`; :mod:`.parties` builds the
host and investor countries of a deal on them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._text.names import Name
from extract._text.nlp import parse
from extract._text.numbers import find_quantities
from extract._text.reading import Span
from extract._vocab import canonical_country, country_of, currency_country, is_demonym

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Token

# Between a nationality and the company it marks: "China's", "the Chinese state-owned company",
# "the Chinese investor, X", "Swiss-based X", "Chinese-owned X".
_MARK_GAP = re.compile(
    r"^(?:[’']s|[-‐–]\s?(?:based|headquartered|owned|controlled))?(?:\s+(?:[a-z][\w-]*|&))*,?\s+$"
)
# "X, a German firm": the nationality describes X. After a preposition it describes another
# party: "X, a unit of the Russian group Y", "X, a supplier to Indian steelmakers".
_APPOSITION = re.compile(
    r"^,\s+(?:an?|the)\s+(?:(?!(?:of|to|for|in|with|from|by|at|on)\s)[a-z][\w-]*\s+){0,3}$"
)
# "X of China was investing": the country the company is of.
_OF_COUNTRY = re.compile(r"^\s+of\s+(?:the\s+)?$")
# "X, Freedonia's largest miner", "X, based in Freedonia": a country's own company.
_HOME_AFTER = re.compile(r"^,\s+(?:which\s+is\s+)?(?:(?:based|headquartered)\s+in\s+)?$")
# Where things happen. "to" and "from" are no such words: a visit to France, exports to
# China, equipment from Germany name other countries than the one the article is about.
_IN_PLACE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
_TRADE_PLACE = re.compile(r"\b(?:from|to|into)\s+(?:the\s+)?$", re.IGNORECASE)
# "the first project outside China": a country the project is not in.
_OUTSIDE = re.compile(r"\b(?:outside|beyond)\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)


def nationality_of(index: ArticleIndex, mention: Span) -> str | None:
    """The country a nationality marks a company mention with ("China's X", "X, a German firm")."""
    for name in index.names:
        if name.kind not in ("country", "nationality"):
            continue
        if name.end <= mention.start and _marks(index, name, mention):
            return canonical_country(name.text)
        after = index.text[mention.end : name.start] if name.start >= mention.end else None
        of_country = name.kind == "country" and _OF_COUNTRY.match(after or "")
        if after is not None and (_APPOSITION.match(after) or of_country
                                  or _home_after(index, name, after)):  # fmt: skip
            return canonical_country(name.text)
    return None


def _home_after(index: ArticleIndex, country: Name, after: str) -> bool:
    """Whether the country after a comma is X's home: "X, Freedonia's largest miner"."""
    if country.kind != "country" or not _HOME_AFTER.match(after):
        return False
    possessive = index.text[country.end : country.end + 2] in ("'s", "’s")
    return possessive or "based" in after or "headquartered" in after


def marked_foreign(index: ArticleIndex, company: Span, home: str | None) -> bool:
    """Whether the text marks a company as foreign to ``home``, the article's country.

    "China's X", "X, a German firm", or a name carrying another country than the one the
    article is about ("the Steel Corporation of Japan" in an article about Chile).
    """
    if nationality_of(index, company):
        return True
    return country_in(company.text, demonyms=False) not in (None, home)


def _marks(index: ArticleIndex, country: Span, company: Span) -> bool:
    """Whether the words between a country and a company are a noun phrase that marks it.

    "Borland will cooperate with X": a country that is the subject of a verb is no
    nationality of the verb's object: a verb or an auxiliary parts them.
    """
    gap_text = index.text[country.end : company.start]
    if "\n" in gap_text or not _MARK_GAP.match(gap_text):
        return False  # a headline's last word marks no company opening the next paragraph
    gap = parse(index.text).char_span(country.end, company.start, alignment_mode="contract")
    return gap is None or not any(_clausal(token) for token in gap)


def _clausal(token: Token) -> bool:
    """A word that makes a clause of a gap: "will", "cooperates" (not "state-owned")."""
    return token.pos_ == "AUX" or (token.pos_ == "VERB" and token.tag_ != "VBN")


def main_country(index: ArticleIndex) -> str | None:
    """The country the article is about: where its places are, not its investors' homes.

    "in Kazakhstan" names where things happen and counts most; "Kazakhstan's
    output" names it too, and so does a state body ("the Ministry of Geology of
    Uzbekistan"); a demonym or a country that marks a company ("China's
    X", "the German firm Y") names a party and counts little; the headline and a
    place's own country ("Abai region, Kazakhstan") count extra.
    """
    marks = _marking_spans(index)
    headline_end = index.sentences[0].end if index.sentences else 0
    counts: dict[str, float] = {}
    for span in index.countries:
        weight = _mention_weight(index, span, marks)
        if not weight:
            continue  # a country the text says things are not in
        weight += 1.0 if span.start < headline_end else 0.0
        counts[span.text] = counts.get(span.text, 0.0) + weight
    for agency in (n for n in index.names if n.kind == "agency"):
        # "the Ministry of Mining of the Republic of Uzbekistan": a state's own body speaks
        # for the country where things happen, as "in Uzbekistan" does.
        if country := country_in(agency.text):
            counts[country] = counts.get(country, 0.0) + 1.5
    for country, weight in _countries_inside_names(index).items():
        counts[country] = counts.get(country, 0.0) + weight
    for country in _countries_inside_places(index):
        counts[country] = counts.get(country, 0.0) + _PLACE_WEIGHT
    for country in _countries_of_money(index.text):
        counts[country] = counts.get(country, 0.0) + _MONEY_WEIGHT
    counts = _short_names_merged(counts)
    return max(counts, key=counts.__getitem__) if counts else None


def _short_names_merged(counts: dict[str, float]) -> dict[str, float]:
    """A country's short name counts for the longer one the article names ("Congo", "DRC").

    "the Democratic Republic of Congo ... the Congo smelter": the article means one
    country, which its fullest name says.
    """
    merged = dict(counts)
    for short in counts:
        longer = [c for c in counts if c != short and re.search(rf"\b{re.escape(short)}$", c)]
        if len(longer) == 1:
            merged[longer[0]] += merged.pop(short)
    return merged


_MARK_WEIGHT = 0.25


def _mention_weight(index: ArticleIndex, span: Span, marks: set[tuple[int, int]]) -> float:
    """How strongly one mention of a country says the article is about it."""
    written = index.text[span.start : span.end]
    if _OUTSIDE.search(index.text[max(0, span.start - 16) : span.start]):
        return 0.0  # "the first plant outside China" is not in China
    in_place = bool(_IN_PLACE.search(index.text[max(0, span.start - 12) : span.start]))
    if (span.start, span.end) in marks or (written != span.text and not in_place):
        return _MARK_WEIGHT  # a nationality, or a country marking a company
    if in_place or _after_place(index, span):
        return 3.0
    if _TRADE_PLACE.search(index.text[max(0, span.start - 12) : span.start]):
        return _MARK_WEIGHT  # "imported from China", "exports to India": a partner's country
    return 1.5


# Kinds whose names main_country counts by their own readings.
_COUNTED_ELSEWHERE = ("country", "nationality", "agency")


def _countries_inside_names(index: ArticleIndex) -> dict[str, float]:
    """Countries only longer names carry, counted little per mention, as a nationality is.

    "Turkistan Region of Kazakhstan", "by Kazakhstan's Independence Day", "Russian Copper
    Company": names carry the country of a domestic party (GUIDELINES 50: the investor's
    own country for a domestic project), which outweighs a foreign party's nationality
    ("a Chinese firm") but not a country named on its own. A state body's name counts
    in :func:`main_country` itself.
    """
    counts: dict[str, float] = {}
    for name in index.names:
        if name.kind not in _COUNTED_ELSEWHERE and (country := country_in(name.text)):
            counts[country] = counts.get(country, 0.0) + _MARK_WEIGHT
    return counts


# A place's own country says where things happen, as "in Kazakhstan" does.
_PLACE_WEIGHT = 3.0


def _countries_inside_places(index: ArticleIndex) -> list[str]:
    """Countries that places carry but no country mention covers: "in northwest Freedonia".

    The country reader misses a country inside a longer place name; the place still
    says where the plant stands, not whose the investor is.
    """
    found = []
    for place in index.locations:
        covered = any(c.start < place.end and place.start < c.end for c in index.countries)
        if not covered and (country := country_in(place.text, demonyms=False)):
            found.append(country)
    return found


# A sum in a country's own currency: spent in its economy more often than not.
_MONEY_WEIGHT = 1.5


@lru_cache(maxsize=8)
def _countries_of_money(text: str) -> tuple[str, ...]:
    """The countries whose own currencies the text's sums are in, once per currency.

    "an outlay of 3.2 billion birr": a project paid in a national currency is most often
    in that country; the dollar and the euro name none.
    """
    codes = {q.unit for q in find_quantities(text) if q.kind == "money"}
    return tuple(sorted(c for code in codes if (c := currency_country(code))))


def country_in(name: str, *, demonyms: bool = True) -> str | None:
    """The first country among a name's words, the longest reading first.

    Args:
        name: A company's, agency's or place's name.
        demonyms: Whether an adjective of nationality counts ("Russian Copper Company").
            An investor's name states its home by a country's name only ("Bank of
            Freedonia"): "Anglo American" names no home.

    """
    words = re.findall(r"[\w’'-]+", name)
    for i in range(len(words)):
        for size in (3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if i + size > len(words) or (not demonyms and is_demonym(phrase)):
                continue
            if country := country_of(phrase):
                return country
    return None


def _after_place(index: ArticleIndex, span: Span) -> bool:
    """Whether the country follows a place it contains: "in Zhambyl region, Kazakhstan"."""
    before = index.text[max(0, span.start - 2) : span.start]
    return before == ", " and any(p.end == span.start - 2 for p in index.locations)


def _marking_spans(index: ArticleIndex) -> set[tuple[int, int]]:
    """Country mentions that mark a company's nationality ("China's X")."""
    found: set[tuple[int, int]] = set()
    for company in index.companies:
        for name in index.names:
            if (
                name.kind in ("country", "nationality")
                and name.end <= company.start
                and _marks(index, name, company)
            ):
                found.add((name.start, name.end))
    return found
