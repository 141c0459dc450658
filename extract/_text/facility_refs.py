"""Which facility a mention is: the fullest name the article gives it, or the one it refers to.

:mod:`.facilities` reads each mention from the parse; a mention often shortens a
name given before ("the Temirtau plant" after "the Temirtau metallurgical plant")
or describes the plant by what it does ("the smelting plant" after "a ferronickel
smelter in Kendari"). Records of one facility should carry one name (GUIDELINES 23),
so each mention takes the name it stands for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract._text.facilities import FACILITY_HEADS, PROCESS_WORDS
from extract._text.nlp import parse
from extract._text.spans import Span
from extract._vocab import known_commodity

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc

_WORD = re.compile(r"[\w‘’'“”\"\-]+")


def full_facility_names(spans: list[Span]) -> list[Span]:
    """Each facility mention with the fullest name the article gives the same facility.

    Articles name a plant in full once and shorten it later ("the Temirtau
    metallurgical plant" ... "the Temirtau plant"); records of one facility
    should carry one name. A mention of two or more words whose words all occur
    in a longer name with the same head noun (a trailing place aside) given before
    it takes it: a longer name told later ("a cement plant ... the Dushanbe cement
    plant, the country's largest") is often another plant of the kind.
    """
    result = []
    for span in spans:
        words = content_words(span.text)
        fuller = [other.text for other in spans if other.start < span.start
                  and len(words) >= 2 and words < content_words(_core(other.text))
                  and _head(other.text) == _head(span.text)]  # fmt: skip
        result.append(Span(span.start, span.end, max(fuller, key=len)) if fuller else span)
    return result


def _core(name: str) -> str:
    """The name without a trailing place ("Khurmen Tolgoi mine in the South Gobi")."""
    return re.split(r"\s(?:in|at|near|of)\s", name, maxsplit=1)[0]


def content_words(name: str) -> set[str]:
    """The words of a name that say what it is: lower-cased, articles and prepositions aside."""
    return {w.lower() for w in _WORD.findall(name)} - {"the", "of", "at", "in", "a", "an", "and"}


def _head(name: str) -> str:
    heads = [w.lower() for w in _WORD.findall(name) if w.lower() in FACILITY_HEADS]
    return heads[0] if heads else ""


# Heads of a whole plant (not of a mine, a project or a plant's part such as a line).
PLANT_HEADS = frozenset({"plant", "smelter", "refinery", "factory", "mill", "facility",
                          "enterprise", "complex", "combine", "concentrator"})  # fmt: skip
_INDEFINITE = frozenset({"a", "an", "another", "one", "any", "each", "every"})


def referred_facility_names(text: str, spans: list[Span]) -> list[Span]:
    """Each definite description of a plant by its process with the plant's earlier name.

    "a ferronickel smelter in Kendari ... The smelting plant will produce": a mention
    that only says what the plant does ("the processing plant", "the new steel
    production facility") is the plant the article named before, and takes that name
    (GUIDELINES 23: one string for one facility). The earlier name must hold all the
    mention's other words and add a name, a place or a product.
    """
    doc = parse(text)
    result: list[Span] = []
    for span in spans:
        words = content_words(span.text) - FACILITY_HEADS
        plants = [o for o in result if o.end <= span.start and _head(o.text) in PLANT_HEADS]
        # "a metallurgical plant and a gold refinery ... the metallurgical enterprise": a
        # plant told by the same process is the one meant; unnamed, the mention stays.
        alike = [o for o in plants if words & content_words(o.text) & PROCESS_WORDS]
        earlier = [other for other in alike or plants
                   if words - PROCESS_WORDS <= content_words(other.text)
                   and _identifies(other.text, words)]  # fmt: skip
        if earlier and words & PROCESS_WORDS and _describes_only(doc, span):
            name = max(earlier, key=lambda o: (len(words & content_words(o.text)), o.start))
            span = Span(span.start, span.end, name.text)
        result.append(span)
    return result


def _identifies(name: str, words: set[str]) -> bool:
    """Whether ``name`` has a proper name, a place or a product beyond ``words``."""
    extra = [w for w in _WORD.findall(name) if w.lower() not in words]
    return any(w[:1].isupper() or known_commodity(w) for w in extra)


def _describes_only(doc: Doc, span: Span) -> bool:
    """Whether a mention is a definite description of a plant, with no name or place."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or span.text != tokens.text:
        return False  # a mention already given a fuller name
    head = tokens[-1]
    if head.lower_ not in PLANT_HEADS or any(t.pos_ == "PROPN" for t in tokens):
        return False
    return not any(c.lower_ in _INDEFINITE or c.dep_ == "nummod" for c in head.children)


_DEFINITE = frozenset({"the", "this", "that"})


def definite_facility_names(text: str, spans: list[Span]) -> list[Span]:
    """Each definite description with the one earlier name of a facility of its kind.

    "the Velta coal mine ... The open-cut coal mine will have an output of 5 Mt": a
    definite mention with no name of its own whose head noun only one named facility
    before it has refers back to that facility (GUIDELINES 23: one string for one
    facility). With two such names, or none, the mention stays.
    """
    doc = parse(text)
    result: list[Span] = []
    for span in spans:
        head = _head(span.text)
        named = {o.text for o in result if o.end <= span.start and _head(o.text) == head
                 and any(w[:1].isupper() for w in _WORD.findall(o.text))}  # fmt: skip
        if head and len(named) == 1 and _definite_description(doc, span):
            span = Span(span.start, span.end, named.pop())
        result.append(span)
    return result


def _definite_description(doc: Doc, span: Span) -> bool:
    """Whether a mention is "the <words> <head>" with no proper noun among its words."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or span.text != tokens.text or any(t.pos_ == "PROPN" for t in tokens):
        return False
    if any(w[:1].isupper() for w in _WORD.findall(span.text)):
        return False
    before = doc[tokens.start - 1] if tokens.start > 0 else None
    return before is not None and before.lower_ in _DEFINITE
