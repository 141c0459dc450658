"""The operator of each facility: the company the text says runs it, else a fallback.

GUIDELINES 24: the operator is the facility's, one per facility, whichever of its
figures the company was read near.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from extract._schema import InvestmentDeal, PlantFact
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.company_fields import parent_of
from extract._text.facilities import FACILITY_HEADS
from extract._text.nlp import parse

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Token


_BUYING = re.compile(
    r"\b(?:buy|bought|acquir|purchas|sell|sold|take over|took over)\w*", re.IGNORECASE
)


# "the plant was built by X", "X, the EPC contractor": who builds for the owner does not run
# the plant (GUIDELINES 43).
_CONTRACTING = re.compile(
    r"\b(?:built|constructed|erected) by\b|\bcontractors?\b|\bEPC\b", re.IGNORECASE
)


def with_operators(
    facts: list[PlantFact],
    owners: dict[str, str],
    deals: list[InvestmentDeal],
    stated: str | None = None,
    vehicles: dict[str, str] | None = None,
) -> list[PlantFact]:
    """One operator per facility: the owner, the operator stated, the investor, the nearest.

    In that order: the owner the text names for the facility, the one company the article
    says runs a site, the article's one investor, or the company most of its figures stand
    near.

    An investor is often a buyer or a parent; a company the text says operates a site
    ("the project is operated by X") is the operator even where it invests nothing. A
    parent the text gives a vehicle ("X, an arm of Y": ``vehicles`` maps Y to X) runs
    its plant through the vehicle.
    """
    # A buyer of a plant or of a stake in its owner does not run it yet (GUIDELINES 24).
    investors = {d.investor for d in deals if d.investor and not _BUYING.search(d.evidence)
                 and not _CONTRACTING.search(d.evidence)}  # fmt: skip
    fallback = stated or (investors.pop() if len(investors) == 1 else None)
    # Else the company most of the facility's figures stand nearest to: one per facility.
    nearest: dict[str, Counter[str]] = {}
    for fact in facts:
        if fact.operator:
            nearest.setdefault(fact.facility, Counter())[fact.operator] += 1
    result = []
    for fact in facts:
        near = nearest[fact.facility].most_common(1)[0][0] if fact.facility in nearest else None
        operator = owners.get(fact.facility) or _vehicle(vehicles, fallback or near)
        result.append(fact.model_copy(update={"operator": operator}))
    return result


def _vehicle(vehicles: dict[str, str] | None, company: str | None) -> str | None:
    """The vehicle through which ``company`` runs a plant, else ``company`` itself.

    A parent the text shortens ("Velta" for "Velta Mining") is the same parent: its
    words all open the fuller name the vehicle was read for.
    """
    if not company:
        return None
    vehicles = vehicles or {}
    words = company.split()
    shortened = (v for parent, v in vehicles.items() if parent.split()[: len(words)] == words)
    return vehicles.get(company) or next(shortened, company)


def vehicles_of(index: ArticleIndex) -> dict[str, str]:
    """Each parent the text names a vehicle of ("X, an arm of Y", "Y's unit X"), with it."""
    found: dict[str, str] = {}
    for name in {c.text for c in index.companies}:
        parent = parent_of(index, name) or _unit_owner(index, name)
        if parent is not None and parent != name:
            found.setdefault(parent, name)
    return found


# "Y's local unit X", "Y's subsidiary in Freedonia - X": the group's possessive before X.
_OWNERS_UNIT = re.compile(
    r"^[’']s\s+(?:[\w-]+\s+){0,2}(?:subsidiary|unit|arm|affiliate)"
    r"(?:\s+in\s+(?:[\w-]+\s+){0,2}?[\w-]+)?\s*[,–—-]?\s*$",
    re.IGNORECASE,
)


def _unit_owner(index: ArticleIndex, name: str) -> str | None:
    """The group the text makes ``name`` a unit of: "Y's local unit X", "X, owned by Y" -> Y.

    The local unit runs the group's site there: the group invests, the unit operates.
    """
    for mention in (c for c in index.companies if c.text == name):
        sentence = index.sentence_at(mention.start)
        start, end = (sentence.start, sentence.end) if sentence else (0, 0)
        before = [c for c in index.companies if start <= c.end <= mention.start]
        if before and _OWNERS_UNIT.match(index.text[before[-1].end : mention.start]):
            return before[-1].text
        after = [c for c in index.companies if mention.end <= c.start < end]
        if after and _OWNED_BY.match(index.text[mention.end : after[0].start]):
            return after[0].text
    return None


# "X, owned by Y", "X, itself majority-owned by the Freedonian producer Y": Y is behind X.
_OWNED_BY = re.compile(
    r"^,\s+(?:itself\s+)?(?:(?:wholly|majority|fully|jointly)[- ])?(?:owned|controlled)\s+by"
    r"\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)


# Verbs that say who runs a site, not who builds, buys or funds it.
_RUNNING_VERBS = frozenset({"operate", "run", "manage"})


def stated_operator(index: ArticleIndex) -> str | None:
    """The one company the article says runs a site, if it names exactly one.

    "The project is operated by X", "a mine run by X", "X operates the smelter".
    """
    doc = parse(index.text)
    found = {name for token in doc if (name := _runner(index, token))}
    return found.pop() if len(found) == 1 else None


def _runner(index: ArticleIndex, verb: Token) -> str | None:
    """The company a running verb names as the one who runs a site, if any."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _RUNNING_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            return next((n for c in child.children if (n := index.company_at(c.idx))), None)
    site = any(c.dep_ == "dobj" and c.lower_ in FACILITY_HEADS for c in verb.children)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return index.company_at(subject.idx) if site and subject is not None else None
