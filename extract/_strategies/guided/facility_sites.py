"""Sites a plant is put in (a named industrial zone or park), and places it is not in.

"The plant will be located in the industrial zone of X", "in the Y industrial
zone", "in the "Z" technopark": such a site is the most specific place the text puts
a plant in (GUIDELINES 25), more so than the town it lies in. The entity reader does
not take it for a place, so it is read from the parse: a zone noun governed by "in"
or "at", named by a proper noun (a modifier, or "of" and a place after it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._text.facilities import FACILITY_HEADS
from extract._text.nlp import parse
from extract._text.reading import Span

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Token

_ZONE_NOUNS = frozenset({"zone", "technopark", "technopolis", "estate", "park"})
_SITE_PREPOSITIONS = frozenset({"in", "at", "within"})


def zone_sites(text: str) -> list[Span]:
    """Every named industrial zone, park or technopark something is said to be in."""
    found = []
    for token in parse(text):
        if token.lower_ not in _ZONE_NOUNS or token.dep_ != "pobj":
            continue
        if token.head.lower_ not in _SITE_PREPOSITIONS:
            continue
        start, end = _left_of(token), _right_of(token)
        if any(t.pos_ == "PROPN" for t in token.doc[start:end]):
            span = token.doc[start:end]
            found.append(Span(span.start_char, span.end_char, span.text))
    return found


def _left_of(zone: Token) -> int:
    """The first word of the zone's name: its modifiers, less a determiner."""
    lefts = [c for c in zone.lefts if c.dep_ != "det"]
    return min([zone.i] + [c.left_edge.i for c in lefts if c.dep_ != "punct"])


def _right_of(zone: Token) -> int:
    """The end of the zone's name: "the industrial zone of X" runs to X's last word."""
    for child in zone.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == zone.i + 1:
            names = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if names:
                return names[0].right_edge.i + 1
    return zone.i + 1


def site_told(index: ArticleIndex, told: Callable[[Span], bool]) -> str | None:
    """The first named zone or park in a sentence ``told`` says speaks of the facility."""
    for site in zone_sites(index.text):
        sentence = index.sentence_at(site.start)
        if sentence is not None and told(sentence):
            return site.text
    return None


# What happens at a venue, not where a plant is: "a forum in X", "signed in X".
_EVENTS = frozenset({"forum", "meeting", "conference", "summit", "visit", "talk", "ceremony",
                     "exhibition", "expo", "session", "congress", "fair", "event", "briefing",
                     "sign", "meet", "hold", "attend", "present", "say", "tell"})  # fmt: skip


def places_nothing(text: str, place: Span) -> bool:
    """Whether a place the reader found puts no facility anywhere: a venue or an adjective.

    "in the European battery market": a place word that only qualifies another noun
    (an adjective in the parse) says nothing of where a plant is.
    """
    span = parse(text).char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and (_is_venue(span.root) or span.root.pos_ == "ADJ")


def _is_venue(place: Token) -> bool:
    """Whether a place is only where an event was held: "the Cooperation Forum in X".

    A meeting, a signing or a visit happens somewhere; it does not put a facility
    there (GUIDELINES 25: an official's trip does not count).
    """
    if place.dep_ != "pobj" or place.head.lower_ not in ("in", "at"):
        return False
    return place.head.head.lemma_.lower() in _EVENTS


# "a power plant at the X deposit", "a mill on the Y field": a named deposit anchoring a plant.
_AT_DEPOSIT = re.compile(r"\s(?:at|on)\s+(?:the\s+)?((?:[A-Z][\w-]*\s+)+(?:deposit|field))$")


def deposit_site(facility: str | None) -> str | None:
    """The named deposit or field a facility's own name puts it at, if any."""
    found = _AT_DEPOSIT.search(facility or "")
    return found.group(1) if found else None


_ANCHOR_WORDS = frozenset({"in", "at", "near", "of", "on", "outside"})


def names_facility(place: str, facility: str) -> bool:
    """Whether ``place`` is the facility's own name ("Northvale" in "Northvale gold mine")."""
    at = facility.find(place)
    if at < 0:
        return False
    # "Mynkuduk and Zhalpak uranium deposits": a head after the place, with no "in"/"at"
    # between, says the place is (part of) the facility's name.
    for word in facility[at + len(place) :].split():
        if word.lower() in _ANCHOR_WORDS:
            return False
        if word.lower().strip(",.") in FACILITY_HEADS:
            return True
    return False


# "Velta province in central Freedonia", "Ostra in Norvik": the first place lies in the
# second, a few lower-case words ("the northern port city of") between them at most.
_IN_WIDER = re.compile(r"^,?\s+in\s+(?:the\s+)?(?:[a-z-]+\s+){0,4}(?:of\s+)?$")


def wider_places(text: str, places: list[Span]) -> list[Span]:
    """The places the text names only as what holds another place ("X in Y": Y).

    The facility is in the first, more specific place (GUIDELINES 25: city > region).
    """
    return [
        p
        for p in places
        if any(q.end < p.start and _IN_WIDER.match(text[q.end : p.start]) for q in places)
    ]
