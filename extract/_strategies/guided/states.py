"""The state of each facility at the time of the article, read from all that it says of it.

A plant's status is one fact about the plant, not about each of its figures: a
plant the article says was inaugurated is operating even where its capacity is
given in the future tense ("will be able to process 13 Mt"). Every sentence that
names a facility, or refers back to it by its head noun ("the plant"), votes;
an event that put it into operation outranks construction, which outranks plans.
"""

from __future__ import annotations

import re

from extract._strategies.guided.fields import ArticleIndex
from extract._text.facilities import FACILITY_HEADS

_OPERATING = re.compile(
    r"\b(?:opened|inaugurated|reopened|commissioned|unveiled|came on stream|went into operation"
    r"|put into (?:operation|service)|(?:started|began|commenced) (?:production|operations?"
    r"|producing)|operations have started|has been operating|is operating|operates|operating"
    r"|currently produces|produced|has reached (?:its )?(?:full |design )?capacity|employs"
    r"|has employed|was launched|were launched|launched (?:in|on|last))\b",
    re.IGNORECASE,
)
_BUILDING = re.compile(
    r"\b(?:under construction|being (?:built|constructed|erected)|is building|are building"
    r"|construction (?:is |has |was )?(?:under ?way|started|began|begun|continues|in progress)"
    r"|(?:started|began|begun|commenced|launched) (?:the )?construction|site works"
    r"|groundworks?|broke ground|foundation (?:stone )?(?:was|has been) laid|almost (?:been )?"
    r"completed|nearing completion|construction works)\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:will be (?:built|constructed|launched|commissioned)|plans? to (?:build|construct"
    r"|launch|set up|establish)|to be (?:built|constructed)|is to be|agreement to (?:build"
    r"|construct)|proposed|planned|future|feasibility|approved|scheduled to be)\b",
    re.IGNORECASE,
)
_BARE = re.compile(r"\b(?:the|this|that|its|new)\s+(\w+)\b", re.IGNORECASE)


def facility_states(index: ArticleIndex) -> dict[str, str]:
    """Each named facility's status, where the article says it; unsaid facilities are absent."""
    votes: dict[str, set[str]] = {}
    for sentence in index.sentences:
        for name in _facilities_of(index, sentence.start, sentence.end):
            found = votes.setdefault(name, set())
            if _OPERATING.search(sentence.text):
                found.add("operating")
            if _BUILDING.search(sentence.text):
                found.add("under_construction")
            if _PLANNED.search(sentence.text):
                found.add("planned")
    return {name: _state(found) for name, found in votes.items() if found}


def _state(found: set[str]) -> str:
    for state in ("operating", "under_construction", "planned"):
        if state in found:
            return state
    return "planned"


def _facilities_of(index: ArticleIndex, start: int, end: int) -> set[str]:
    """The facilities a sentence names, or refers back to by their head noun."""
    named = {f.text for f in index.facilities if start <= f.start < end}
    heads = {m.group(1).lower() for m in _BARE.finditer(index.text[start:end])} & FACILITY_HEADS
    for head in heads:
        before = [f for f in index.facilities if f.start < start and _head(f.text) == head]
        if before:
            named.add(before[-1].text)
    return named


def _head(name: str) -> str:
    heads = [w.lower() for w in re.findall(r"[\w-]+", name) if w.lower() in FACILITY_HEADS]
    return heads[-1] if heads else ""
