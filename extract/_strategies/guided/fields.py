"""Fields that deterministic code reads off the article around a figure.

Names are spans of the article found by :mod:`extract._text.reading`; each helper
returns rule priors (span -> score, nearer is better) for the decider, or a
value read directly (period, as_of, commodity) where the text is explicit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract._strategies.guided.cues import AGENCY_NAME
from extract._strategies.guided.roles import roles_at
from extract._text.facilities import FACILITY_HEADS, facilities, full_facility_names
from extract._text.names import Name, company_mentions, names, of_kind
from extract._text.numbers import Quantity
from extract._text.reading import Span, countries, locations, sentences, years
from extract._vocab import COMMODITY_WORDS, canonical_commodity, canonical_country, country_of

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
        return cls(text, sentences(text), full_facility_names(facilities(text)),
                   company_mentions(text), locations(text),
                   countries(text), published_year, names(text))  # fmt: skip

    def full_name(self, mention: Name) -> str:
        """The fullest name the article gives the company of ``mention``."""
        for span in self.companies:
            if span.start == mention.start:
                return span.text
        return mention.text

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


# Between a nationality and the company it marks: "China's", "the Chinese state-owned company",
# "the Chinese investor, X", "Swiss-based X", "Chinese-owned X".
_MARK_GAP = re.compile(
    r"^(?:[’']s|[-‐–]\s?(?:based|headquartered|owned|controlled))?(?:\s+(?:[a-z][\w-]*|&))*,?\s+$"
)
_APPOSITION = re.compile(r"^,\s+(?:an?|the)\s+(?:[a-z][\w-]*\s+){0,3}$")


def nationality_of(index: ArticleIndex, mention: Span) -> str | None:
    """The country a nationality marks a company mention with ("China's X", "X, a German firm")."""
    for name in index.names:
        if name.kind not in ("country", "nationality"):
            continue
        if name.end <= mention.start and _MARK_GAP.match(index.text[name.end : mention.start]):
            return canonical_country(name.text)
        if name.start >= mention.end and _APPOSITION.match(index.text[mention.end : name.start]):
            return canonical_country(name.text)
    return None


# "Tominsky Processing Plant", "Yanqul Project": a facility's name is not an investor.
_FACILITY_NAMED = re.compile(
    r"\b(?:Plant|Project|Mine|Deposit|Field|Refinery|Smelter|Complex|Factory)s?$"
)


def company_priors(
    index: ArticleIndex, sentence_no: int, at: int, *, investor: bool
) -> dict[str, float]:
    """Companies near a figure, agencies left out; for a deal, foreign-marked names first.

    The investor of a deal in this genre is the party bringing capital into the
    host country, which the text marks as foreign ("China's X", "the German company Y").
    """
    priors = nearby(index.companies, index, sentence_no, at)
    priors = {name: score for name, score in priors.items() if not AGENCY_NAME.search(name)}
    roles = roles_at(index.text, index.names, at)
    for mention, weight in roles.actors.items():
        name = index.full_name(mention)
        priors[name] = priors.get(name, 0.0) + weight
    for mention in [*roles.partners, *roles.sellers]:
        name = index.full_name(mention)
        if name in priors and mention not in roles.actors:
            priors[name] -= 1.0
    if not investor:
        return priors
    priors = {name: score for name, score in priors.items() if not _FACILITY_NAMED.search(name)}
    sentence = index.sentences[sentence_no]
    later = {c.text for c in index.companies if at < c.start < sentence.end}
    earlier = {c.text for c in index.companies if sentence.start <= c.start < at}
    foreign = {c.text for c in index.companies if nationality_of(index, c)}
    for name in priors:
        priors[name] += (0.75 if name in foreign else 0.0) - (
            0.5 if name in later - earlier else 0.0
        )
    main = main_company(index)
    if main and not any(sentence.start <= c.start < sentence.end for c in index.companies):
        # "The investment in the project will amount to $1.2 billion": a sentence that names
        # no company tells of the company the article is about, not the last one named.
        priors[main] = priors.get(main, 0.0) + _MAIN_COMPANY_WEIGHT
    return priors


_MAIN_COMPANY_WEIGHT = 2.0


_BARE_HEAD = re.compile(r"\b(?:the|this|that|its|new)\s+(\w+)\b", re.IGNORECASE)


def facility_priors(index: ArticleIndex, sentence_no: int, at: int) -> dict[str, float]:
    """Facility spans near the figure; plants beat deposits when nothing is in the sentence.

    "The plant will produce ...": a bare head noun in the figure's sentence refers
    to the article's facility with that head, however far back it was named.
    """
    priors = nearby(index.facilities, index, sentence_no, at)
    if not priors:
        priors = _article_facilities(index, at)
    sentence = index.sentences[sentence_no]
    named_here = any(sentence.start <= f.start < sentence.end for f in index.facilities)
    heads = {m.group(1).lower() for m in _BARE_HEAD.finditer(sentence.text)} & FACILITY_HEADS
    if heads and not named_here:
        referred = [f for f in index.facilities if f.start < at and _head_of(f.text) in heads]
        for rank, span in enumerate(reversed(referred)):
            priors[span.text] = priors.get(span.text, 0.0) + 2.0 / (rank + 1)
    for name in priors:
        if re.search(r"\b(?:deposits?|field|project)\b", name, re.I) and len(priors) > 1:
            priors[name] -= 0.3
        if name[:1].isupper():
            priors[name] += 0.5  # a proper name identifies a facility better than a description
    return priors


def names_a_facility(index: ArticleIndex, sentence_no: int) -> bool:
    """Whether a sentence names a facility, or refers back to one by its head ("the plant").

    "The plant has an annual capacity of 1 Mt and can produce 3,300 t a day": after
    "a new cement plant of X" the bare head is that facility, as good as its name.
    """
    sentence = index.sentences[sentence_no]
    if any(sentence.start <= f.start < sentence.end for f in index.facilities):
        return True
    heads = {m.group(1).lower() for m in _BARE_HEAD.finditer(sentence.text)} & FACILITY_HEADS
    return any(f.start < sentence.start and _head_of(f.text) in heads for f in index.facilities)


def _head_of(name: str) -> str:
    heads = [w.lower() for w in re.findall(r"[\w-]+", name) if w.lower() in FACILITY_HEADS]
    return heads[-1] if heads else ""


def _article_facilities(index: ArticleIndex, at: int) -> dict[str, float]:
    """When no facility is named near a figure, the article's own: latest before it first.

    Articles in this genre are often about one plant, named once at the top and
    then called "the plant" or "the facility".
    """
    before = [s for s in index.facilities if s.start < at][::-1]
    after = [s for s in index.facilities if s.start >= at]
    priors: dict[str, float] = {}
    for rank, span in enumerate([*before, *after]):
        priors.setdefault(span.text, 0.5 / (rank + 1))
    return priors


_SPECIFIC = (
    (re.compile(r"\b(?:village|town|city|settlement)\b", re.I), 3.0),
    (re.compile(r"\b(?:district|area|county|zone|park)\b", re.I), 2.5),
    (re.compile(r"\b(?:region|province|oblast|state|territory)\b", re.I), 1.0),
)
_COMPASS_NAME = re.compile(r"^(?:north|south|east|west|central)", re.I)


def place_rank(name: str) -> float:
    """How specific a place is: a town or village beats a district, which beats a region."""
    for pattern, rank in _SPECIFIC:
        if pattern.search(name):
            return rank
    return 0.5 if _COMPASS_NAME.match(name) else 2.0


def location_for(
    index: ArticleIndex, facility: str | None, sentence_no: int, at: int
) -> str | None:
    """The most specific place the text puts a figure's facility in (GUIDELINES 25, 48).

    Places in the facility's own name or in sentences that name the facility come
    first, then places something is said to be in ("in Kokand", "near the village of
    Aktogai") in the figure's sentence and the few before it; a place merely named
    nearby (a governor's region, a deal's topic) places nothing, and a dateline
    ("ASTANA –") places the reporter, not the plant.
    """
    places = [p for p in index.locations if not _dateline(index, p) and not _home_of(index, p)]
    if facility:
        # "the Bakyrchik mine": a place that names the facility is not where it is (S10).
        places = [p for p in places if not _names_facility(p.text, facility)]
        inside = [p for p in places if p.text in facility]
        if inside:
            return max(inside, key=lambda p: place_rank(p.text)).text
    scores: dict[str, float] = {}
    near = nearby(places, index, sentence_no, at)
    # "in Kokand", "near the village of Aktogai": only a place something is said to be in
    # counts, not one named as a party or a topic ("Akmola region's governor", "the Ferghana
    # deal"): those made most of the spurious locations on tune.
    located = {p.text for p in places
               if _LOCATED.search(index.text[max(0, p.start - 12) : p.start])}  # fmt: skip
    for name, score in near.items():
        if name in located:
            scores[name] = score + place_rank(name) + _LOCATED_BONUS
    for sentence in index.sentences:
        if facility and _tells_of(index, sentence, facility):
            for p in places:
                if sentence.start <= p.start < sentence.end:
                    scores[p.text] = max(scores.get(p.text, 0.0), 2.0 + place_rank(p.text))
    # No fallback to "the article's only place": the text must put the plant somewhere.
    return max(scores, key=scores.__getitem__) if scores else None


def _tells_of(index: ArticleIndex, sentence: Span, facility: str) -> bool:
    """Whether a sentence names the facility, or refers back to it by its head noun.

    "The plant is located in the Enbekshikazakh district" after "the Boguta processing
    plant" is said of that plant.
    """
    mentions = [f for f in index.facilities if f.text == facility]
    if any(sentence.start <= f.start < sentence.end for f in mentions):
        return True
    heads = {m.group(1).lower() for m in _BARE_HEAD.finditer(sentence.text)}
    named_before = any(f.start < sentence.start for f in mentions)
    return named_before and _head_of(facility) in heads


# "London-listed Antofagasta", "the Jersey-based firm": the place a company is based or
# listed in, not where its facility is.
_HOME_OF = re.compile(r"[-‐–]\s?(?:based|listed|headquartered|registered|domiciled)\b", re.I)


def _home_of(index: ArticleIndex, place: Span) -> bool:
    return bool(_HOME_OF.match(index.text, place.end))


_LOCATED = re.compile(r"\b(?:in|near|at|outside)\s+(?:the\s+)?$")
_LOCATED_BONUS = 2.0


def _names_facility(place: str, facility: str) -> bool:
    """Whether ``place`` is the facility's own name ("Bakyrchik" in "Bakyrchik gold mine")."""
    at = facility.find(place)
    if at < 0:
        return False
    following = facility[at + len(place) :].split()[:3]
    return any(word.lower().strip(",.") in FACILITY_HEADS for word in following)


def _dateline(index: ArticleIndex, place: Span) -> bool:
    line_start = index.text.rfind("\n", 0, place.start) + 1
    return place.start == line_start and place.text.isupper()


def main_company(index: ArticleIndex) -> str | None:
    """The company the article is about: the most mentioned one, agencies aside."""
    counts: dict[str, int] = {}
    # An agency, a council or a press service is quoted, not the subject of the article.
    agencies = {n.start for n in index.names if n.kind == "agency"}
    for span in index.companies:
        if not AGENCY_NAME.search(span.text) and span.start not in agencies:
            counts[span.text] = counts.get(span.text, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


# Where things happen. "to" and "from" are no such words: a visit to France, exports to
# China, equipment from Germany name other countries than the one the article is about.
_IN_PLACE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)


def main_country(index: ArticleIndex) -> str | None:
    """The country the article is about: where its places are, not its investors' homes.

    "in Kazakhstan" names where things happen and counts most; "Kazakhstan's
    output" names it too; a demonym or a country that marks a company ("China's
    X", "the German firm Y") names a party and counts little; the headline and a
    place's own country ("Abai region, Kazakhstan") count extra.
    """
    marks = {nationality_of_span for nationality_of_span in _marking_spans(index)}
    headline_end = index.sentences[0].end if index.sentences else 0
    counts: dict[str, float] = {}
    for span in index.countries:
        written = index.text[span.start : span.end]
        if (span.start, span.end) in marks or (
            written != span.text
            and not _IN_PLACE.search(index.text[max(0, span.start - 12) : span.start])
        ):
            weight = 0.25  # a nationality, or a country marking a company
        elif _IN_PLACE.search(index.text[max(0, span.start - 12) : span.start]) or _after_place(
            index, span
        ):
            weight = 3.0
        else:
            weight = 1.5
        weight += 1.0 if span.start < headline_end else 0.0
        counts[span.text] = counts.get(span.text, 0.0) + weight
    if not counts:
        counts = _countries_inside_names(index)
    return max(counts, key=counts.__getitem__) if counts else None


def _countries_inside_names(index: ArticleIndex) -> dict[str, float]:
    """Countries only longer names carry, one count per mention.

    "Turkistan Region of Kazakhstan", "by Kazakhstan's Independence Day", "Russian Copper
    Company": an article that names no country on its own is about the one its names
    carry (GUIDELINES 50: the investor's own country for a domestic project).
    """
    counts: dict[str, float] = {}
    for name in index.names:
        if country := _country_in(name.text):
            counts[country] = counts.get(country, 0.0) + 1.0
    return counts


def _country_in(name: str) -> str | None:
    """The first country or demonym among a name's words, the longest reading first."""
    words = re.findall(r"[\w’'-]+", name)
    for i in range(len(words)):
        for size in (3, 2, 1):
            if i + size <= len(words) and (country := country_of(" ".join(words[i : i + size]))):
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
                and (_MARK_GAP.match(index.text[name.end : company.start]))
            ):
                found.add((name.start, name.end))
    return found


# Longest first, so that "copper cathode" wins over "copper" (matched without case: "HBI").
_COMMODITY_WORDS = sorted(COMMODITY_WORDS, key=len, reverse=True)
_COMMODITY = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _COMMODITY_WORDS) + r")\b", re.I)


def commodities_in(text: str) -> list[str]:
    """Canonical commodities named in ``text``, in order of first mention.

    Words inside company names ("Baowu Steel", "Kazakhmys Copper") are not
    commodities of the record.
    """
    for company in of_kind(names(text), "company"):
        text = text.replace(company.text, " ")
    seen: dict[str, None] = {}
    for match in _COMMODITY.finditer(text):
        seen.setdefault(canonical_commodity(match.group(0)), None)
    return list(seen)


def commodity_for(quantity: Quantity, clause: str, facility: str | None) -> str | None:
    """What a tonnage measures: the normaliser's 'of X', else the clause, else the facility."""
    if quantity.commodity:
        return quantity.commodity
    after = commodities_in(clause[clause.find(quantity.text) :]) if quantity.text in clause else []
    found = after or commodities_in(clause) or commodities_in(facility or "")
    return found[0] if found else None


_HALF = re.compile(r"\b(?:H([12])|(first|second) half)(?: of)?\s*((?:19|20)\d\d)?", re.I)
_RELATIVE = {"last year": -1, "this year": 0, "next year": 1, "previous year": -1}


def as_of_for(clause: str, published_year: int | None) -> str | None:
    """When a figure holds: '2016-H1', a year in its clause, or 'last year' resolved."""
    half = _HALF.search(clause)
    if half and half.group(3):
        part = "1" if (half.group(1) == "1" or (half.group(2) or "").lower() == "first") else "2"
        return f"{half.group(3)}-H{part}"
    found = [y.text for y in years(clause) if not _in_range(clause, y) and _dates(clause, y)]
    if found:
        return found[-1]
    for phrase, delta in _RELATIVE.items():
        if phrase in clause.lower() and published_year:
            return str(published_year + delta)
    return None


_YEAR_LEAD = re.compile(
    r"\b(?:in|by|until|till|through|for|of|from|to|during|end of|since)\s+(?:the\s+)?"
    r"(?:(?:first|second|third|fourth)\s+(?:half|quarter)\s+of\s+)?(?:fiscal\s+)?$",
    re.IGNORECASE,
)


def _dates(text: str, year: Span) -> bool:
    """A year that dates a figure: 'in 2023', 'by 2029', '2023 output', not 'a 2019 law'."""
    before = text[max(0, year.start - 40) : year.start]
    after = text[year.end : year.end + 12]
    return bool(_YEAR_LEAD.search(before)) or bool(
        re.match(r"[’']?s? (?:output|production)", after)
    )


def _in_range(text: str, year: Span) -> bool:
    """Years of a span such as '2014-2015' or '2024–2028' date a programme, not a figure."""
    return bool(re.match(r"\s*[-–]\s*(?:19|20)\d\d", text[year.end :])) or bool(
        re.search(r"(?:19|20)\d\d\s*[-–]\s*$", text[: year.start])
    )


_PERIOD_WORDS = (
    (re.compile(r"\bH[12]\b|\bhalf\b", re.I), "half_year"),
    (re.compile(r"\bquarter\b|\bQ[1-4]\b", re.I), "quarter"),
    (re.compile(r"\bmonth(?:ly)?\b", re.I), "month"),
    (re.compile(r"\bper day\b|\ba day\b|\bdaily\b", re.I), "day"),
)


def period_for(quantity: Quantity, metric: str, clause: str) -> str | None:
    """The period of a flow; None for stocks (reserves, cost) and jobs."""
    if metric in ("reserves", "cost", "jobs"):
        return None
    if quantity.period:
        return quantity.period
    for pattern, period in _PERIOD_WORDS:
        if pattern.search(clause):
            return period
    return "year"  # capacities and outputs in this genre are annual unless said otherwise
