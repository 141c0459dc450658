"""Money that is no one deal's, by whose it is: many parties', a sector's, a state's.

"Chinese companies have invested $5bn", "investment in the gold mining sector is $6bn",
"184 projects worth 2.2 trillion tenge" sum many investments (GUIDELINES 6); "the
government allocated $1bn to support farmers" is a state's money for no project
(GUIDELINES 5). Read from the subject of the verb the amount hangs from, and the
nouns around it (:mod:`.money_context` asks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract._vocab import country_of

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Token


def subject_noun(verb: Token) -> Token | None:
    """The subject of a verb, active or passive, if it has one."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def aggregate_reason(tokens: list[Token]) -> str | None:
    """Why the amount of ``tokens`` is the money of many deals, or a state's for none, or None."""
    if _many_parties(tokens):
        return "aggregate of many investments (many parties)"
    if _a_whole_sector(tokens):
        return "aggregate of many investments (a whole sector)"
    if _counted_projects(tokens):
        return "aggregate of many investments (a count of projects)"
    if _a_state_s_grant(tokens):
        return "a state's money for no project (GUIDELINES 5)"
    return None


# Parties that, named in the plural with no article or count, are many investors at once.
_PARTY_NOUNS = frozenset({"company", "investor", "firm", "enterprise", "business", "producer"})


def _amount_subject(tokens: list[Token]) -> Token | None:
    """The subject of the verb the amount hangs from, if any."""
    verb = next((t for t in tokens[-1].ancestors if t.pos_ in ("VERB", "AUX")), None)
    return subject_noun(verb) if verb is not None else None


def _many_parties(tokens: list[Token]) -> bool:
    """Whether the amount is many parties' money: "Chinese companies have invested $5bn".

    The subject of the verb the amount hangs from is a bare plural party noun. A counted or
    definite pair ("the two companies will invest $1bn") is one deal's partners, and
    investors in another role ("with foreign investors to build a plant worth $1bn") own
    no part of the amount.
    """
    subject = _amount_subject(tokens)
    if subject is None or subject.lemma_.lower() not in _PARTY_NOUNS or subject.tag_ != "NNS":
        return False
    return not any(c.dep_ in ("det", "nummod", "poss", "predet") for c in subject.children)


# What a sector-wide total is the money of: "investment in the gold mining sector is $6bn".
_SECTOR_NOUNS = frozenset({"sector", "industry", "industries", "economy"})


def _a_whole_sector(tokens: list[Token]) -> bool:
    """Whether the subject of the verb the amount hangs from names a sector or an industry.

    "Total investment in the country's gold mining sector is around $6 billion",
    "Investments to develop the coal industry will make up $3.4 million": many
    investors' money at once, no one deal.
    """
    subject = _amount_subject(tokens)
    # A common noun only: "Dangote Industries" names a company, not a sector.
    return subject is not None and any(
        t.lemma_.lower() in _SECTOR_NOUNS and t.pos_ == "NOUN" for t in subject.subtree
    )


# A count of projects from which an amount is their sum, not one investment.
_MANY = 3


def _counted_projects(tokens: list[Token]) -> bool:
    """Whether the amount is the worth of a count of projects: "12 projects worth $1bn".

    A region's or a programme's "184 projects worth 2.2 trillion tenge" sums many
    investments; two projects, or projects of a named company ("19 projects worth $3.8bn at
    X Combine", "in X"), are one investor's undivided list (GUIDELINES 6).
    """
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    near = [root.head, root.head.head]
    near += [c for t in tokens for c in t.children if c.i not in inside]
    counted = [n for n in near if n.lemma_.lower() == "project" and n.tag_ == "NNS"]
    return any(_count(noun) >= _MANY and not _names_a_party(noun) for noun in counted)


def _names_a_party(noun: Token) -> bool:
    """Whether the noun's phrase names a party or a facility: one owner's projects.

    A proper name other than a country's ("in X"), or one facility ("at the combine").
    """
    return any((t.pos_ == "PROPN" and country_of(t.text) is None)
               or (t.dep_ == "pobj" and t.tag_ == "NN" and t.lemma_.lower() in PROJECT_WORDS)
               for t in noun.subtree)  # fmt: skip


def _count(noun: Token) -> int:
    """The number a noun is counted by ("12 projects"), else 0."""
    numbers = (c.text.replace(",", "") for c in noun.children if c.dep_ == "nummod")
    return max((int(n) for n in numbers if n.isdigit()), default=0)


# Subjects that are the state itself: "the government has allocated $1bn".
_STATE_NOUNS = frozenset({"government", "state", "cabinet"})


def _a_state_s_grant(tokens: list[Token]) -> bool:
    """Whether a state gives the amount for no project (GUIDELINES 5).

    "The government allocated $1bn to support farmers", "Freedonia will allocate $1bn in
    grants and credits"; a state that builds ("Freedonia plans to build a $1bn plant")
    names what it builds.
    """
    subject = _amount_subject(tokens)
    if subject is None:
        return False
    state = subject.lemma_.lower() in _STATE_NOUNS or (
        subject.ent_type_ == "GPE" and country_of(subject.text) is not None
    )
    sentence = tokens[0].sent
    return state and not any(t.lemma_.lower() in PROJECT_WORDS for t in sentence)


# What an investment is worth as much as: a project, a facility, a deal or a programme.
PROJECT_WORDS = frozenset({
    "project", "plant", "mine", "smelter", "refinery", "factory", "complex", "facility", "mill",
    "furnace", "line", "deposit", "field", "cluster", "park", "enterprise", "construction",
    "development", "expansion", "modernization", "modernisation", "stake", "asset", "operation",
    "works", "site", "unit", "workshop", "quarry", "concentrator", "combine", "shop", "deal",
    "agreement", "contract", "investment", "venture", "programme", "program", "package",
    "portfolio", "memorandum", "transaction", "acquisition", "purchase", "order", "phase",
    "stage", "capacity", "upgrade", "reconstruction", "infrastructure",
})  # fmt: skip
