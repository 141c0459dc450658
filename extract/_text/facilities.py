"""Facility names, read from spaCy's parse: a head noun and what the text says of it.

A facility is a noun phrase whose head is a facility noun (plant, smelter,
mine, deposit ...). Its name is the head with the modifiers spaCy attaches to
it (compounds, adjectives, proper names: "Los Pelambres copper mine", "lithium
processing plant") and a place the text anchors it to ("in Goromonzi", "at the
Almaly deposit", "near the village of Aktogai"). Words that judge rather than
name ("new", "large", "modern") and figures are left out. Which facility a
shortened or descriptive mention stands for is :mod:`.facility_refs`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from extract._text.nlp import parse
from extract._text.spans import Span
from extract._vocab import country_of, is_demonym

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc, Token

FACILITY_HEADS = frozenset({
    "plant", "plants", "smelter", "smelters", "refinery", "factory", "mine", "mines", "mill",
    "deposit", "deposits", "field", "facility", "complex", "works", "combine", "concentrator",
    "park", "project", "furnace", "shop", "enterprise", "quarry", "pit", "station", "potline",
    "unit", "line", "workshop", "refineries", "factories",
})  # fmt: skip
# Heads that name a facility only with a modifier of their own ("the Kyzyl project").
_WEAK_HEADS = frozenset({"project", "works", "unit", "line", "park", "enterprise", "facility",
                         "station", "pit", "shop", "complex"})  # fmt: skip
# Words that praise or date a facility rather than name it.
_NOT_NAMING = frozenset({
    "new", "large", "largest", "modern", "big", "biggest", "huge", "giant", "major", "first",
    "second", "third", "future", "planned", "proposed", "existing", "high-tech", "innovative",
    "state-of-the-art", "its", "their", "our", "this", "that", "these", "those", "such", "same",
    "own", "only", "main", "key", "several", "two", "three", "four", "another", "other", "whole",
    "construction", "executed", "general", "additional", "single", "backed", "entire", "current",
    "total", "investment", "joint", "local", "foreign", "domestic", "national", "global",
    "world-class", "optimized", "optimised", "operational", "modernized", "modernised",
    "upgraded", "brand-new", "cutting-edge", "advanced", "fully",
})  # fmt: skip
_ANCHORS = frozenset({"in", "at", "near", "of", "on"})
_PLACE_NOUNS = frozenset({"village", "town", "city", "region", "district", "province", "area",
                          "deposit", "field", "site", "settlement", "county", "state"})  # fmt: skip
# "northwest Russia", "eastern Bolivia": a compass word written small before a country; a
# capital makes it a name of its own ("Western Australia", "South Africa").
_COMPASS = re.compile(r"^(?:the\s+)?(?:north|south|east|west|central)[a-z-]*\s+")
_MAX_WORDS = 12


def facilities(text: str) -> list[Span]:
    """Every facility mention of ``text`` that names or describes its facility."""
    doc = parse(text)
    found: list[Span] = []
    for token in doc:
        if token.lower_ not in FACILITY_HEADS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.dep_ == "appos" and token.head.lower_ in FACILITY_HEADS and not _proper(token):
            continue  # "a mine at X – the world's largest gold deposit": the mine, described
        start = _left_edge(token)
        end = _anchored_end(doc, token)
        if start == token.i and end == token.i + 1:
            continue  # a bare "the plant" names nothing
        if token.lower_ == "facility" and _of_money(doc[start : token.i]):
            continue  # "a debt financing facility", "a credit facility": money, not a plant
        if token.lower_ in _WEAK_HEADS and not _specific(doc[start : token.i]):
            continue  # "the investment project", "construction works": no facility named
        if _headline(token) and end == token.i + 1 and _process_only(doc[start : token.i]):
            continue  # a headline's "Manufacturing Plant" says what is built, not which
        if end - start > _MAX_WORDS:
            end = token.i + 1
        span = doc[start:end]
        found.append(Span(span.start_char, span.end_char, span.text))
    return found


def _proper(head: Token) -> bool:
    """Whether a facility noun has a proper name of its own ("three mines: the X mine, ...").

    A named facility in apposition is a member of a list, not a description.
    """
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.lefts)


# Words that make a "facility" one of money: "a $200m debt facility", "a revolving credit
# facility".
_MONEY_WORDS = frozenset({"debt", "financing", "finance", "credit", "loan", "lending",
                          "borrowing", "revolving", "bridge", "liquidity"})  # fmt: skip


def _of_money(modifiers: Iterable[Token]) -> bool:
    """Whether a facility's modifiers make it one of money ("debt financing facility")."""
    return any(t.lower_ in _MONEY_WORDS for t in modifiers)


def _process_only(modifiers: Iterable[Token]) -> bool:
    """Whether a facility's modifiers only say what it does ("Manufacturing Plant")."""
    return all(t.lower_ in PROCESS_WORDS for t in modifiers)


def _headline(token: Token) -> bool:
    """Whether a word stands in the article's headline: a first line with no full stop."""
    return token.sent.start == 0 and not token.sent.text.rstrip().endswith((".", "!", "?"))


# Modifiers that say what kind of undertaking, not which facility.
_GENERIC_MODIFIERS = frozenset({
    "investment", "construction", "general", "joint", "industrial", "production", "business",
    "social", "infrastructure", "large-scale", "state", "national", "government", "priority",
    "strategic", "innovative", "export", "import", "development", "pilot", "scale", "full",
})  # fmt: skip


def _specific(modifiers: Iterable[Token]) -> bool:
    """Whether a weak head's modifiers name something ("heap-leach", "Kyzyl", "copper")."""
    return any(t.pos_ == "PROPN" or (t.is_alpha and t.lower_ not in _GENERIC_MODIFIERS)
               for t in modifiers)  # fmt: skip


def _left_edge(head: Token) -> int:
    """The first modifier that names: compounds, adjectives and names left of the head."""
    start = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        # "the A and B uranium deposits", "a mining and processing plant": a modifier with
        # its conjuncts is one modifier, read whole.
        joined = any(c.dep_ in ("cc", "conj") for c in child.children) and _all_name(child)
        last = child.right_edge.i if joined else child.i
        if last != start - 1 and head.doc[last + 1 : start].text.strip(" -") != "":
            break
        if child.dep_ not in ("compound", "amod", "nmod", "npadvmod") or not _names(child):
            break
        if _nationality(child):
            break  # "the Russian project": a nationality says where, not which facility
        if (_figure_unit(child) or child.lower_ in _FIGURE_WORDS) and start != head.i:
            break  # "a $600m ferronickel smelter"; a unit alone before the head stays
        if _money_or_rate(child):
            break  # "the 2 billion JPY plant", "a 0.4 MTPA potline": a figure's, even alone
        start = child.left_edge.i if _all_name(child) else child.i
    return start


def _nationality(token: Token) -> bool:
    """A demonym that opens no longer name: "the Russian project", not "Russian Copper Co"."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    opens_name = following is not None and following.text[:1].isupper()
    return is_demonym(token.text) and not opens_name


def _figure_unit(token: Token) -> bool:
    """A unit of a figure before the head: "a $600m smelter", "a 200-MW plant", "per annum".

    A word counts after "per", or after digits (a hyphen may stand between) when it is
    short or capitalised inside ("m", "MW", "Mtpa"): "43,000 lithium hydroxide plant"
    keeps its product word.
    """
    doc, at = token.doc, token.i - 1
    if at >= 0 and doc[at].text == "-":
        at -= 1
    if at < 0:
        return False
    if doc[at].lower_ == "per":
        return True
    unit_like = len(token.text) <= 4 or not token.text.islower()
    return unit_like and any(ch.isdigit() for ch in doc[at].text)


# Words of money written after an amount: "a Rs 2,150-crore project".
_AMOUNT_WORDS = frozenset({"crore", "crores", "lakh", "lakhs"})


def _money_or_rate(token: Token) -> bool:
    """A currency code, a rate ("USD", "MTPA") or an amount word after a number."""
    doc, at = token.doc, token.i - 1
    if at >= 1 and doc[at].text == "-":
        at -= 1
    after_number = at >= 0 and (doc[at].like_num or any(ch.isdigit() for ch in doc[at].text))
    coded = token.text.isupper() and token.is_alpha and len(token.text) >= 2
    return after_number and (coded or token.lower_ in _AMOUNT_WORDS)


def _names(token: Token) -> bool:
    word = _hyphenated(token)
    # "the world's second-largest mine", "its newest plant": a superlative ranks, not names.
    judging = word in _NOT_NAMING or word.rsplit("-", 1)[-1] in _NOT_NAMING
    if judging or token.tag_ in ("JJS", "RBS") or token.like_num or token.is_punct:
        return False
    return not any(ch.isdigit() for ch in token.text) and token.ent_type_ not in (
        "MONEY",
        "QUANTITY",
    )


def _hyphenated(token: Token) -> str:
    """The whole hyphenated word a token is part of ("state-of-the-art"), lower-cased.

    spaCy splits such a word at its hyphens, so a judging word of several parts is
    matched whole, not part by part ("state" alone names something).
    """
    doc, first, last = token.doc, token.i, token.i
    while first >= 2 and _joins(doc[first - 2], doc[first - 1]):
        first -= 2
    while last + 2 < len(doc) and _joins(doc[last], doc[last + 1]):
        last += 2
    return doc[first : last + 1].text.lower()


def _joins(before: Token, hyphen: Token) -> bool:
    """Whether ``hyphen`` is a hyphen joining ``before`` to the next word with no space."""
    return hyphen.text == "-" and not before.whitespace_ and not hyphen.whitespace_


def _all_name(token: Token) -> bool:
    # "2 mtpa beneficiation project": a figure's word inside a modifier is no part of the name.
    return all((_names(t) and t.lower_ not in _FIGURE_WORDS) or t.text == "-"
               for t in token.subtree)  # fmt: skip


# Words of a figure written before a facility's head: "a 3 Mt capacity steel plant".
_FIGURE_WORDS = frozenset({"capacity", "tpa", "tpy", "ktpa", "mtpa", "mtpy"})


def _anchored_end(doc: Doc, head: Token) -> int:
    """After the head: "in X", "at the X deposit", "near the village of X" (a place)."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ != "prep" or child.lower_ not in _ANCHORS or child.i != end:
            break
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if not objects or not _is_place(objects[0]):
            break
        place = _COMPASS.sub("", doc[objects[0].left_edge.i : objects[0].right_edge.i + 1].text)
        if country_of(place):
            # "a lithium plant in (northern) Zimbabwe": a country places it too vaguely
            break
        end = _before_comma(doc, objects[0].i, objects[0].right_edge.i + 1)
        if end <= objects[0].right_edge.i:
            break  # "in Dhenkanal, Odisha": what follows the comma tells more of the place
    return end


def _before_comma(doc: Doc, start: int, end: int) -> int:
    """``end``, or the first comma from ``start`` on before it."""
    return next((t.i for t in doc[start:end] if t.text == ","), end)


def _is_place(token: Token) -> bool:
    if token.ent_type_ in ("ORG", "PERSON"):
        return False  # "the plant of LLP X" names an owner, not a place
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if token.pos_ == "PROPN":
        # "of X" names a place only as X's region or deposit ("of the Almaly deposit");
        # "the Aksu Works of Eurasian Alloys" names the owner.
        return token.head.lower_ != "of"
    return token.lower_ in _PLACE_NOUNS and any(t.pos_ == "PROPN" for t in token.subtree)


# Words that say what a plant does, not which plant it is; "annum" of "per annum".
PROCESS_WORDS = frozenset({
    "processing", "production", "producing", "smelting", "manufacturing", "metallurgical",
    "refining", "enrichment", "beneficiation", "concentrating", "dressing", "annum",
})  # fmt: skip
