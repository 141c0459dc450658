"""The parties of a deal besides its investor: the counterparty, and the countries.

The counterparty is the other side of the deal as the text names it: the
partner the investor signed with ("China's X and the Rudny-based Y signed an
agreement"), a ministry, agency or akimat the deal's sentence names, else the
host-side agency the article names, else the state when its officials are party.
"""

from __future__ import annotations

import re

from extract._strategies.guided.fields import ArticleIndex, main_country
from extract._vocab import canonical_country

# Ministries are named in full: "Ministry of Investment, Industry and Trade".
_AGENCY = re.compile(
    r"\b(?:Kazakh Invest|Samruk-Kazyna|Baiterek|KazakhExport"
    r"|Ministry of [A-Z][\w-]*(?:(?:,\s|\sand\s)[A-Z][\w-]*)*"
    r"|Government of [A-Z]\w+|[A-Z][\w-]+ (?:region )?akimat)"
)
_SIGNING = re.compile(r"\b(?:signed|agreement|memorandum|contract)\b", re.IGNORECASE)
_OFFICIALS = re.compile(
    r"\b(?:Minist(?:er|ry)|Prime Minister|Government|Akim|President|officials)\b"
)
_DEMONYM_BEFORE = re.compile(
    r"(?:(China|Chinese|German|Germany|British|UK|U\.S\.|US|American|Russian|Turkish|Korean|"
    r"South Korea|Japanese|Indian|French|Italian|Emirati|Swiss|Canadian|Australian|Kazakh|Uzbek|"
    r"Kyrgyz|Mongolian|Turkey|Russia|Japan|UAE)(?:’s|'s)?\s+"
    r"(?:(?:state-owned |private |mining |steel )?"
    r"(?:company|group|firm|producer|miner|holding)\s+)?)$"
)


def counterparty(index: ArticleIndex, sentence_no: int, investor: str | None) -> str | None:
    """The other side of the deal stated in sentence ``sentence_no`` (see the module)."""
    sentence = index.sentences[sentence_no].text
    if agency := _AGENCY.search(sentence):
        return agency.group(0)
    if partner := _signing_partner(index, investor):
        return partner
    agency = _AGENCY.search(index.text)
    if agency:
        return agency.group(0)
    start, end = index.window(sentence_no, back=1)
    near = index.text[start:end]
    country = main_country(index)
    state_party = _OFFICIALS.search(near) or re.search(rf"\b{country} (?:signed|concluded)", near)
    return f"Government of {country}" if country and state_party else None


def _signing_partner(index: ArticleIndex, investor: str | None) -> str | None:
    """The company that signed with ``investor``: the first other name of a signing sentence."""
    if investor is None:
        return None
    for sentence in index.sentences:
        if not _SIGNING.search(sentence.text):
            continue
        names = [c.text for c in index.companies if sentence.start <= c.start < sentence.end]
        others = [name for name in names if name != investor]
        if investor in names and others:
            return others[0]
    return None


def investor_country(index: ArticleIndex, investor: str | None, sentence: str) -> str | None:
    """The investor's country as the text marks it ("China's X", "the German company X")."""
    if investor and (at := index.text.find(investor)) >= 0:
        match = _DEMONYM_BEFORE.search(index.text[max(0, at - 60) : at])
        if match:
            return canonical_country(match.group(1))
    side = re.search(r"\b(Chinese|German|Russian|Turkish|Korean|Japanese|British|American) "
                     r"(?:side|investors?|company|partners?)\b", sentence)  # fmt: skip
    return canonical_country(side.group(1)) if side else None


def host_country(index: ArticleIndex, sentence: str) -> str | None:
    """Where the money goes: a country the sentence puts the project in, else the article's."""
    inside = re.search(r"\bin ([A-Z][a-z]+stan|Mongolia)\b(?!’s|'s)", sentence)
    return canonical_country(inside.group(1)) if inside else main_country(index)
