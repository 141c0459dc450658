"""The state of each facility at the time of the article, read from all that it says of it.

A plant's status is one fact about the plant, not about each of its figures: a
plant the article says was inaugurated is operating even where its capacity is
given in the future tense ("will be able to process 13 Mt"). Every sentence that
names a facility, or refers back to it by its head noun ("the plant"), votes;
an event that put it into operation outranks construction, which outranks plans; a
plant the article says is expanded is running.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.facility_owners import facilities_of
from extract._text.nlp import parse

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc, Token

_OPERATING = re.compile(
    r"\b(?:opened|inaugurated|reopened|commissioned|unveiled|came on stream|went into operation"
    r"|put into (?:operation|service)|(?:started|began|commenced) (?:production|operations?"
    r"|producing)|operations have started|has been operating|is operating|operates|operating"
    r"|resumed (?:operations|production|output)|(?:now|currently) (?:processes|refines|treats)"
    r"|currently produces|produced|has reached (?:its )?(?:full |design )?capacity|employs"
    r"|has employed|was launched|were launched|launched (?:in|on|last)"
    r"|(?:has|have) (?:also )?launched(?! construction)"
    r"|(?:is|are|became|become|has become) (?:now )?(?:fully )?operational)\b",
    re.IGNORECASE,
)
_BUILDING = re.compile(
    # "being actively developed": an adverb may stand before the participle.
    r"\b(?:under construction|being (?:\w+ly )?(?:built|constructed|erected|developed)"
    r"|is building|are building|construction site"
    r"|construction (?:is |has |was )?(?:under ?way|started|began|begun|continues|in progress)"
    r"|(?:started|began|begun|commenced|launched) (?:the )?construction|site works"
    r"|groundworks?|broke ground|foundation (?:stone )?(?:was|has been) laid|laid the foundation"
    # a project that starts is its building that starts: "the smelter project commenced"
    r"|project (?:has )?(?:commenced|kicked off|got under ?way)"
    r"|launching (?:of )?(?:the )?construction|almost (?:been )?"
    r"completed|nearing completion|construction works)\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:will be (?:built|constructed|launched|commissioned)|plans? to (?:build|construct"
    r"|launch|set up|establish)|to be (?:built|constructed)|is to be|agreement to (?:build"
    r"|construct)|proposed|planned|future|(?:pre-?)?feasibility|untapped|greenfield|approved"
    r"|scheduled to be"
    # output or work only aimed at: "aims to extract 3 Mt", "is expected to produce"
    r"|(?:aims?|aiming|poised|expected|seeks?) to (?:produce|extract|process|build|construct))\b",
    re.IGNORECASE,
)
# "the expansion of the mine", "plans to expand the smelter": a plant being expanded runs.
# "the modernization of the plant": what is modernised exists.
_EXPANDED = re.compile(
    r"\b(?:expan(?:sions?|ds?|ded|ding)|moderni[sz](?:ation|e|ed|es|ing))\b",
    re.IGNORECASE,
)
# "to expand capacity, it will build a new plant", "a new line as the expansion": what is
# built anew for an expansion does not run yet.
# "expanding its business by developing a pellet plant": what is developed is not yet running.
_ANEW = re.compile(
    r"\b(?:new|build|building|built|construct\w*|develop(?:s|ed|ing)?)\b", re.IGNORECASE
)


def _expanded(sentence: str) -> bool:
    """Whether a sentence tells of expanding what it names, with nothing built anew."""
    return bool(_EXPANDED.search(sentence)) and not _ANEW.search(sentence)


def facility_states(index: ArticleIndex) -> dict[str, str]:
    """Each named facility's status, where the article says it; unsaid facilities are absent."""
    doc = parse(index.text)
    votes: dict[str, set[str]] = {}
    for sentence in index.sentences:
        for name in facilities_of(index, sentence.start, sentence.end):
            found = votes.setdefault(name, set())
            if _operating_now(index, sentence.start, sentence.text) or _expanded(sentence.text):
                found.add("operating")
            if _BUILDING.search(sentence.text) or building_now(doc, sentence.start, sentence.end):
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
        if token is not None and _office_word(token.root):
            continue
        if token is not None and _state_word(token.root):
            return True
        verb = _verb_of(token.root) if token is not None else None
        if verb is None or not (_ahead(verb) or _when_ahead(verb)):
            return True
    return False


def _verb_of(token: Token) -> Token:
    """The verb that tells when a cue holds: its own, or the clause's for a participle.

    "Concentrate produced at the plant will be trucked": a participle describing a
    noun is said at the time of the verb of the noun's clause.
    """
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i != verb.i:
        return _verb_of(verb.head)
    return verb


def _state_word(token: Token) -> bool:
    """A participle before a noun tells its state now: "from the reopened mine".

    The clause's verb dates an event, not the state the participle gives the noun.
    """
    return token.dep_ == "amod" and token.tag_ in ("JJ", "VBN") and token.lower_.endswith("ed")


# The offices an "operating" can title: "chief operating officer", "operating director".
_OFFICES = frozenset({"officer", "director", "manager", "partner"})


def _office_word(token: Token) -> bool:
    """Whether "operating" titles a person's office, not a plant's state."""
    modifier = token.dep_ in ("compound", "amod") and token.lower_ == "operating"
    return modifier and token.head.lemma_.lower() in _OFFICES


def _when_ahead(verb: Token) -> bool:
    """A clause of time under a future verb: "will have 1 Mt once it is commissioned"."""
    # "once it is commissioned" has a marker; spaCy reads "when" as an adverb of the clause.
    marked = any(c.dep_ == "mark" or c.tag_ == "WRB" for c in verb.children)
    timed = marked and verb.dep_ == "advcl"
    return timed and _ahead(verb.head)


# The work of building, as a verb or a noun; the verbs and predicates of aspect that say a
# work has begun or is going on ("construction began", "work is under way").
_BUILD_VERBS = frozenset({"build", "construct", "erect", "develop"})
_BUILD_NOUNS = frozenset({"construction", "work", "works", "groundwork", "groundworks"})
_GOING_ON = frozenset({"begin", "start", "commence", "continue", "progress", "proceed", "resume"})
_IN_PROGRESS = frozenset({"progress", "swing"})


def building_now(doc: Doc, start: int, end: int) -> bool:
    """Whether a sentence says building is going on or has begun, read from the parse.

    A building verb in the progressive ("X is constructing a plant", a headline's "X
    building plant") or after a verb of beginning ("began building"); a building noun
    whose predicate says it began or goes on ("construction started", "work is under
    way", "the progress of construction"). Said of the future ("will start") it is no
    reading.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(_building(token) for token in span)


def _building(token: Token) -> bool:
    """Whether a word of building is said to be going on (see :func:`building_now`)."""
    if token.pos_ == "VERB" and token.lemma_.lower() in _BUILD_VERBS and token.tag_ == "VBG":
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in _GOING_ON:
            return not _ahead(token.head)
        said_as_going = token.dep_ == "ROOT" or any(c.lemma_ == "be" for c in token.children
                                                   if c.dep_ == "aux")  # fmt: skip
        return said_as_going and not _ahead(token)
    if token.lower_ not in _BUILD_NOUNS:
        return False
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in _GOING_ON | {"be"}:
        going = head.lemma_ != "be" or any(_under_way(c) for c in head.children)
        return going and not _ahead(head)
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ == "progress":
        return True
    return any(c.lower_ == "underway" for c in token.children)


def _under_way(token: Token) -> bool:
    """A predicate of going on: "underway", "under way", "in progress", "in full swing"."""
    words = {t.lower_ for t in token.subtree}
    if token.lower_ in ("underway", "under"):
        return token.lower_ == "underway" or "way" in words
    return token.lower_ == "in" and bool(words & _IN_PROGRESS)


def _ahead(verb: Token) -> bool:
    """Whether a verb is said of a time to come ("will start", "is to begin")."""
    return any(c.lower_ in _NOT_YET and c.dep_ in ("aux", "auxpass") for c in verb.children)


def _state(found: set[str]) -> str:
    for state in ("operating", "under_construction", "planned"):
        if state in found:
            return state
    return "planned"
