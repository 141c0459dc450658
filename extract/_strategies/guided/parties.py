"""The parties of a deal besides its investor: the counterparty, and the countries.

The counterparty is the other side of the deal as the text names it: the
partner the investor signed with, or the seller of what it bought (read from
the parse by :mod:`extract._strategies.guided.roles`); most deals in news have
none, so none is given without one of those. Countries come from the names
layer: a nationality right before a company ("China's X", "the German company
Y") or after it ("X, a Russian miner") is the investor's country; the host
country is the one the deal's sentence puts the project in, else the country
the article is about. Where states are the parties ("Norway signed an agreement
with Chile"), the investor is "Government of <country>".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.clauses import BUYING
from extract._strategies.guided.company_fields import main_company
from extract._strategies.guided.country_fields import country_in, main_country, nationality_of
from extract._strategies.guided.roles import (
    any_name,
    figure_owner,
    roles_at,
    token_at,
    verbs_above,
)
from extract._strategies.guided.state_parties import government_party, state_parties
from extract._text.name_kinds import CORPORATE
from extract._text.names import Name
from extract._text.nlp import parse
from extract._vocab import canonical_country, is_demonym

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Token


def counterparty(index: ArticleIndex, at: int, investor: str | None) -> str | None:
    """The partner or seller named in the deal's own clause, never the investor itself.

    When a state signs with the investor ("Kazakhstan concluded agreements with X",
    "Kazakhstan and China signed"), the other side is "Government of <country>"
    (GUIDELINES 15).
    """
    roles = roles_at(index.text, index.names, at)
    for group in (roles.partners, roles.sellers):
        ranked = sorted(group, key=lambda name: -group[name])
        for mention in ranked:
            name = index.full_name(mention)
            if name != investor and mention.kind in ("company", "agency"):
                return name
    if (seller := _owner_of_bought(index, at)) and seller != investor:
        return seller
    if (borrower := _lent_to(index, at) or _borrower(index, at, investor)) and borrower != investor:
        return borrower
    if _signs(index, at) and (signer := _co_signer(index, roles.actors, investor)):
        return signer
    owner = figure_owner(index.text, index.names, at)
    if owner is not None and owner.kind == "country" and _signs(index, at):
        return f"Government of {canonical_country(owner.text)}"
    if (state := government_party(index, at)) and not (investor or "").startswith("Government"):
        return state
    return _partner_elsewhere(index, investor)


def _owner_of_bought(index: ArticleIndex, at: int) -> str | None:
    """The company whose holding the deal buys: "to buy X's interests in the Y mine".

    The possessor of what is bought is its seller, the other side of an acquisition
    (GUIDELINES 42: counterparty = the seller).
    """
    token = token_at(parse(index.text), at)
    if token is None:
        return None
    for verb in (t for t in token.sent if t.lemma_.lower() in BUYING):
        for bought in (c for c in verb.children if c.dep_ == "dobj"):
            owner = next((c for c in bought.children if c.dep_ == "poss"), None)
            name = any_name(index.names, owner) if owner is not None else None
            if name is not None and name.kind == "company":
                return index.full_name(name)
    return None


_LENDING = re.compile(r"\b(?:loan|credit|debt|financ\w*)\b", re.IGNORECASE)


def _lent_to(index: ArticleIndex, at: int) -> str | None:
    """The company a loan is given to: "a loan of $350m to X", "$200m in debt finance to X".

    The lender is the investor; the borrower whose project it funds is the other side.
    """
    token = token_at(parse(index.text), at)
    if token is None or not _LENDING.search(token.sent.text):
        return None
    heads = [token.head, token.head.head, *verbs_above(token)[:1]]
    for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "to"):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        for pobj in objects + [a for o in objects for a in o.children if a.dep_ == "appos"]:
            name = next((n for n in index.names if n.start <= pobj.idx < n.end), None)
            if name is not None and name.kind == "company":
                return index.full_name(name)
    return None


# "Export-Import Bank of China", "Fund for Reconstruction and Development": a lender's name.
_LENDER = re.compile(r"\b(?:Bank|Fund)\b")


def _borrower(index: ArticleIndex, at: int, investor: str | None) -> str | None:
    """The article's company as the borrower of a loan a bank or a fund gives.

    "$288 million is a loan from the X Fund": the lender invests; the company the article
    is about, whose project the loan funds, is the other side.
    """
    token = token_at(parse(index.text), at)
    if token is None or investor is None or not _LENDER.search(investor):
        return None
    return main_company(index) if _LENDING.search(token.sent.text) else None


def _co_signer(index: ArticleIndex, actors: dict[Name, float], investor: str | None) -> str | None:
    """The other party that signs with the investor: "A and B signed an agreement" (GUIDELINES 13).

    Both are subjects of the signing; the one that is not the investor is the other side.
    """
    named = [index.full_name(m) for m in actors if m.kind in ("company", "agency")]
    if investor not in named:
        return None
    return next((name for name in named if name != investor), None)


def _partner_elsewhere(index: ArticleIndex, investor: str | None) -> str | None:
    """The partner or seller the article names where the investor acts in another sentence.

    "It is planning to buy the Northvale deposit from Acme Gold" (the investor as
    "it"), far from the amount's sentence: the seller is the deal's counterparty.
    """
    if investor is None:
        return None
    for mention in index.names:
        if mention.kind not in ("company", "agency") or index.full_name(mention) == investor:
            continue
        roles = roles_at(index.text, index.names, mention.start)
        acting = any(index.full_name(actor) == investor for actor in roles.actors)
        if acting and (mention in roles.partners or mention in roles.sellers):
            return index.full_name(mention)
    return _signed_between(index, investor)


def _signed_between(index: ArticleIndex, investor: str) -> str | None:
    """The other side of an agreement "signed between" the investor and it.

    "An agreement was signed between the Freedonian Ministry of Industry and Borlen
    Cement": neither acts, both are parties; the first other company or agency is the
    counterparty.
    """
    for token in parse(index.text):
        if token.lower_ != "between" or token.dep_ != "prep":
            continue
        parties = [n for n in _names_between(index, token) if n.kind in ("company", "agency")]
        named = [index.full_name(n) for n in parties]
        if investor in named:
            return next((name for name in named if name != investor), None)
    return None


def _names_between(index: ArticleIndex, prep: Token) -> list[Name]:
    found: list[Name] = []
    for child in prep.subtree:
        name = any_name(index.names, child)
        if name is not None and name not in found:
            found.append(name)
    return found


_SIGNING = re.compile(r"\b(?:signed|concluded|agreed|agreements?|memorandum)\b", re.IGNORECASE)


def _signs(index: ArticleIndex, at: int) -> bool:
    sentence = index.sentence_at(at)
    return sentence is not None and bool(_SIGNING.search(sentence.text))


def investor_country(index: ArticleIndex, investor: str | None) -> str | None:
    """The investor's country as the text marks it, at any of its mentions."""
    if investor is None:
        return None
    # "Acme" stands for "Acme Mining" named in full elsewhere: the longer name's marks count.
    mentions = [n for n in index.names if n.kind in ("company", "agency", "other")
                and _names_investor(index.full_name(n), investor)]  # fmt: skip
    for mention in mentions:
        if country := nationality_of(index, mention):
            return country
    if any(_HOME_OWNED.search(index.text[max(0, m.start - 40) : m.start]) for m in mentions):
        return main_country(index)  # "the state-owned X", "local producer X": the host's own
    first_word = investor.split()[0] if investor.split() else ""
    if is_demonym(first_word):  # "Freedonian Steel Company": the name states its nationality
        return canonical_country(first_word)
    named = [
        n for n in index.names if n.kind in ("country", "nationality") and n.text == first_word
    ]
    if named:
        return canonical_country(named[0].text)
    country = country_in(investor, demonyms=False)
    return None if country and _group_unit(index, investor, country) else country


def _names_investor(name: str, investor: str) -> bool:
    """Whether a name is the investor's or its fuller form ("Acme Mining" for "Acme").

    Only corporate words may follow: "Acme Westport" is the group's unit in a place.
    """
    rest = name.removeprefix(investor + " ") if name.startswith(investor + " ") else None
    if rest is None:
        return name == investor
    return all(CORPORATE.fullmatch(word.strip(".,")) for word in rest.split())


def _group_unit(index: ArticleIndex, investor: str, country: str) -> bool:
    """Whether ``investor`` is a group's unit named for where it works: "Acme Gold Peru".

    The group ("Acme Gold") is named on its own elsewhere in the article; the country after
    its name is where the unit operates, not the investor's home (GUIDELINES 14).
    """
    head = investor.split(country)[0].split()
    if not head or head[-1].lower() in ("of", "for", "in"):
        return False  # "Bank of Freedonia", "Peru Copper": the country is the name's own
    return any(n.kind == "company" and country not in n.text and n.text.split()[0] == head[0]
               for n in index.names)  # fmt: skip


# "state-owned Shalateen Mining Company", "the national company X", "state enterprise X",
# "local producer, X", "the domestic miner X": the text presents X as the host country's own
# (GUIDELINES 14: a domestic company presented as a producer of the host country).
_HOME_OWNED = re.compile(
    r"\b(?:state-owned|state-run|state|national|local|domestic)\s+(?:[a-z][\w-]*,?\s+){0,3}$",
    re.IGNORECASE,
)


def host_country(index: ArticleIndex, sentence_no: int) -> str | None:
    """A country the deal's sentence puts the project in ("in Mongolia"), else the article's."""
    sentence = index.sentences[sentence_no]
    for name in index.names:
        if name.kind == "country" and sentence.start <= name.start < sentence.end:
            before = index.text[max(sentence.start, name.start - 4) : name.start]
            if before.endswith("in "):  # "in Freedonia's Tarvik mine" is in Freedonia too
                return canonical_country(name.text)
    return main_country(index)


def state_investor(index: ArticleIndex, at: int) -> str | None:
    """The investor "Government of <country>" when a state signs with a state at ``at``.

    The state a host signs with brings the capital in: "Norway signed an agreement with
    Chile on a $2 billion smelter in Norway" -> "Government of Chile" (GUIDELINES 13, 15),
    when no company is a party of the clause.
    """
    roles = roles_at(index.text, index.names, at)
    if any(m.kind == "company" for m in [*roles.actors, *roles.partners, *roles.sellers]):
        return None
    states, partners = state_parties(index.text, index.names, at)
    home = main_country(index)
    foreign = [canonical_country(p) for p in partners if p and canonical_country(p) != home]
    return f"Government of {foreign[0]}" if states and foreign else None
