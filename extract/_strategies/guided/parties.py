"""The parties of a deal besides its investor: the counterparty, and the countries.

The counterparty is the other side of the deal as the text names it: the
partner the investor signed with, or the seller of what it bought (read from
the parse by :mod:`extract._strategies.guided.roles`); most deals in news have
none, so none is given without one of those. Countries come from the names
layer: a nationality right before a company ("China's X", "the German company
Y") or after it ("X, a Russian miner") is the investor's country; the host
country is the one the deal's sentence puts the project in, else the country
the article is about.
"""

from __future__ import annotations

import re

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.country_fields import main_country, nationality_of
from extract._strategies.guided.roles import figure_owner, roles_at
from extract._vocab import canonical_country, is_demonym


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
    owner = figure_owner(index.text, index.names, at)
    if owner is not None and owner.kind == "country" and _signs(index, at):
        return f"Government of {canonical_country(owner.text)}"
    return _partner_elsewhere(index, investor)


def _partner_elsewhere(index: ArticleIndex, investor: str | None) -> str | None:
    """The partner or seller the article names where the investor acts in another sentence.

    "It is planning to buy the Bakyrchik deposit from Altynalmas Gold" (the investor as
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
    return None


_SIGNING = re.compile(r"\b(?:signed|concluded|agreed|agreements?|memorandum)\b", re.IGNORECASE)


def _signs(index: ArticleIndex, at: int) -> bool:
    sentence = next((s for s in index.sentences if s.start <= at < s.end), None)
    return sentence is not None and bool(_SIGNING.search(sentence.text))


def investor_country(index: ArticleIndex, investor: str | None) -> str | None:
    """The investor's country as the text marks it, at any of its mentions."""
    if investor is None:
        return None
    mentions = [n for n in index.names if n.kind in ("company", "agency", "other")
                and index.full_name(n) == investor]  # fmt: skip
    for mention in mentions:
        if country := nationality_of(index, mention):
            return country
    first_word = investor.split()[0] if investor.split() else ""
    if is_demonym(first_word):  # "Freedonian Steel Company": the name states its nationality
        return canonical_country(first_word)
    named = [
        n for n in index.names if n.kind in ("country", "nationality") and n.text == first_word
    ]
    return canonical_country(named[0].text) if named else None


def host_country(index: ArticleIndex, sentence_no: int) -> str | None:
    """A country the deal's sentence puts the project in ("in Mongolia"), else the article's."""
    sentence = index.sentences[sentence_no]
    for name in index.names:
        if name.kind == "country" and sentence.start <= name.start < sentence.end:
            before = index.text[max(sentence.start, name.start - 4) : name.start]
            if before.endswith("in ") and not index.text[name.end :].startswith(("’s", "'s")):
                return canonical_country(name.text)
    return main_country(index)
