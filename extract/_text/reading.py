"""Deterministic reading of an article: sentences, names, places and dates.

These spans are what the guided strategy lets the model choose among, so a
name in a record is always a span of the article, never a free generation.
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


_FACILITY_HEADS = frozenset(
    [
        "plant",
        "plants",
        "smelter",
        "refinery",
        "factory",
        "mine",
        "mines",
        "mill",
        "deposit",
        "deposits",
        "field",
        "facility",
        "complex",
        "works",
        "combine",
        "concentrator",
        "park",
        "project",
        "furnace",
        "shop",
        "enterprise",
        "quarry",
        "pit",
        "station",
        "potline",
        "unit",
        "line",
        "workshop",
    ]
)
# Lower-case words that may stand in a facility's name before its head noun.
_FACILITY_MODIFIERS = (
    frozenset(
        [
            "copper",
            "cathode",
            "cathodes",
            "manufacturing",
            "smelting",
            "metallurgical",
            "enrichment",
            "ore",
            "dressing",
            "processing",
            "electrolysis",
            "hydrometallurgical",
            "steel",
            "ferroalloy",
            "ferroalloys",
            "ferrochrome",
            "mining",
            "concentrating",
            "cement",
            "coal",
            "gold",
            "silver",
            "zinc",
            "lead",
            "uranium",
            "lithium",
            "aluminium",
            "aluminum",
            "alumina",
            "iron",
            "pellet",
            "coke",
            "chemical",
            "fertilizer",
            "fertiliser",
            "tungsten",
            "new",
            "integrated",
            "industrial",
            "vertically",
            "rolling",
            "pipe",
            "sulphuric",
            "sulfuric",
            "acid",
            "refining",
            "beneficiation",
            "flotation",
            "leaching",
            "heap",
            "open",
            "pit",
            "underground",
            "power",
            "thermal",
            "solar",
            "mineral",
            "briquetting",
            "briquetted",
            "hot",
            "rare",
            "earth",
            "metals",
            "metal",
            "polymetallic",
            "nickel",
            "cobalt",
            "manganese",
            "titanium",
            "magnesium",
            "silicon",
            "cast",
            "pig",
            "production",
            "battery",
            "tailings",
            "extraction",
            "concentrate",
            "concentrates",
            "molybdenum",
            "bauxite",
            "phosphate",
            "potash",
            "glass",
            "and-processing",
            "gas",
            "chemicals",
            "casting",
            "foundry",
            "wire",
            "cable",
            "tube",
            "pipes",
            "special-purpose",
            # Products and processes of the genre, so that a described plant is read whole.
            "silicomanganese", "ferrosilicon", "ferrosilicomanganese", "rod", "washing", "leach",
            "fired", "coking", "crushing", "grinding", "pelletizing", "pelletising", "sinter",
            "sintering", "galvanising", "galvanizing", "cold", "sulphate", "sulfate", "ammonia",
            "urea", "carbide", "graphite", "anode", "hydroxide", "carbonate", "oxide",
            "refractory", "clinker", "lime", "ammophos", "fertilizers", "fertilisers", "pilot",
            "reduction", "energy", "wind", "hydro", "hydroelectric", "fuel", "pellets",
            "petrochemical", "polymer", "gasification", "copper-smelting", "electric", "arc",
        ]
    )
    | _FACILITY_HEADS
)
_WORD = re.compile(r"[\w‘’'“”\"\-]+")
_TAIL = re.compile(
    r"\s+(?:in|at|on|near)\s+(?:the\s+)?[‘'“\"]?[A-Z][\w’'”\"\-]*(?:\s+[A-Z][\w\-]*)?"
    r"(?:\s+(?:[Rr]egion|deposit|[Oo]blast|[Dd]istrict|field))?"
)
_SENTENCE_WORDS = frozenset({"The", "A", "An", "This", "That", "Its", "It", "In", "At", "On"})


def _modifier(word: str, following: str) -> bool:
    bare = word.strip("‘’'“”\"")
    if bare[:1].isupper():
        return bare not in _SENTENCE_WORDS
    if bare == "and":  # "Tobol Mining and Processing Combine"
        return following[:1].isupper()
    return all(part in _FACILITY_MODIFIERS for part in bare.lower().split("-") if part)


def full_facility_names(spans: list[Span]) -> list[Span]:
    """Each facility mention with the fullest name the article gives the same facility.

    Articles name a plant in full once and shorten it later ("the Temirtau
    metallurgical plant" ... "the Temirtau plant"); records of one facility
    should carry one name. A mention of two or more words whose words all occur
    in a longer name with the same head noun (a trailing place aside) takes it.
    """
    result = []
    for span in spans:
        words = _content_words(span.text)
        fuller = [other.text for other in spans
                  if len(words) >= 2 and words < _content_words(_core(other.text))
                  and _head(other.text) == _head(span.text)]  # fmt: skip
        result.append(Span(span.start, span.end, max(fuller, key=len)) if fuller else span)
    return result


def _core(name: str) -> str:
    """The name without a trailing place ("Khurmen Tolgoi mine in the South Gobi")."""
    return re.split(r"\s(?:in|at|near|of)\s", name, maxsplit=1)[0]


def _content_words(name: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(name)} - {"the", "of", "at", "in", "a", "an", "and"}


def _head(name: str) -> str:
    heads = [w.lower() for w in _WORD.findall(name) if w.lower() in _FACILITY_HEADS]
    return heads[0] if heads else ""


def facilities(text: str) -> list[Span]:
    """Facility mentions: a head noun (plant, smelter, mine...) and its name-like modifiers."""
    words = list(_WORD.finditer(text))
    found: list[Span] = []
    for i, word in enumerate(words):
        if word.group(0).lower() not in _FACILITY_HEADS:
            continue
        first = i
        while (
            first > 0
            and i - first < 6
            and _modifier(words[first - 1].group(0), words[first].group(0))
        ):
            if text[words[first - 1].end() : words[first].start()] not in (" ", "-"):
                break
            first -= 1
        if first == i and not word.group(0)[:1].isupper():
            continue  # a bare "plant" names nothing
        end = word.end()
        tail = _TAIL.match(text, end)
        if tail:
            end = tail.end()
        start = words[first].start()
        found.append(Span(start, end, text[start:end]))
    return found


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
