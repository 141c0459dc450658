"""Facility names: a head noun (plant, smelter, mine...) and its name-like modifiers.

Every name is a :class:`~extract._text.reading.Span` of the article, and a
shortened mention takes the fullest name the article gives the same facility.
"""

from __future__ import annotations

import re

from extract._text.reading import Span

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
