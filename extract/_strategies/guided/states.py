"""The state of each facility at the time of the article, read from all that it says of it.

A plant's status is one fact about the plant, not about each of its figures: a
plant the article says was inaugurated is operating even where its capacity is
given in the future tense ("will be able to process 13 Mt"). Every sentence that
names a facility, or refers back to it by its head noun ("the plant"), votes;
an event that put it into operation outranks construction, which outranks plans.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._text.facilities import FACILITY_HEADS
from extract._text.nlp import parse

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token

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
            if _operating_now(index, sentence.start, sentence.text):
                found.add("operating")
            if _BUILDING.search(sentence.text):
                found.add("under_construction")
            if _PLANNED.search(sentence.text):
                found.add("planned")
    return {name: _state(found) for name, found in votes.items() if found}


# "will be put into operation", "is expected to start production": not yet operating.
_NOT_YET = frozenset({"will", "would", "shall", "to", "may", "could", "should"})


def _operating_now(index: ArticleIndex, start: int, sentence: str) -> bool:
    """An operating cue said of the present or past, not of a future or hoped-for event."""
    doc = parse(index.text)
    for match in _OPERATING.finditer(sentence):
        token = doc.char_span(start + match.start(), start + match.end(), alignment_mode="expand")
        verb = token.root if token is not None else None
        while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb is None or not any(c.lower_ in _NOT_YET and c.dep_ in ("aux", "auxpass")
                                   for c in verb.children):  # fmt: skip
            return True
    return False


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


def facility_owners(index: ArticleIndex) -> dict[str, str]:
    """The company the text says owns, runs or builds each facility.

    "X's plant", "the plant of X", "the mine, owned by X", "X operates the mine",
    "X, which owns the plant": read from the parse at every mention of the facility
    (or of its head noun after it is named).
    """
    doc = parse(index.text)
    owners: dict[str, str] = {}
    for sentence in index.sentences:
        for facility in _facilities_of(index, sentence.start, sentence.end):
            if facility in owners:
                continue
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None and (owner := _owner_in(index, span, facility)):
                owners[facility] = owner
    return owners


_OWNING_VERBS = frozenset({"own", "operate", "run", "build", "construct", "develop", "control",
                           "manage", "open", "launch", "acquire", "buy", "commission"})  # fmt: skip


def _owner_in(index: ArticleIndex, span: TokenSpan, facility: str) -> str | None:
    head_word = _head(facility)
    for token in span:
        if token.lower_ not in (head_word, head_word + "s"):
            continue
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "of"):
                target = (
                    child
                    if child.dep_ == "poss"
                    else next((c for c in child.children if c.dep_ == "pobj"), None)
                )
                if target is not None and (name := _company_at(index, target)):
                    return name
        verb = token.head
        if token.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in _OWNING_VERBS:
            for child in verb.children:
                if child.dep_ in ("nsubj", "agent"):
                    for part in child.subtree:
                        if name := _company_at(index, part):
                            return name
    return None


def _company_at(index: ArticleIndex, token: Token) -> str | None:
    for name in index.names:
        if name.start <= token.idx < name.end and name.kind == "company":
            return index.full_name(name)
    return None
