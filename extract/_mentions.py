"""Deals stated without an amount: a named investor with a specific project.

Figure candidates find every deal that has an amount. The contract also counts
"a named investor with a specific project" ("concluded agreements with HMS
Bergbau AG on the joint development of lithium deposits"), so sentences with a
deal cue and a company name become amount-less deal mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract._fields import ArticleIndex
from extract._text import Span

_DEAL_CUE = re.compile(
    r"\b(?:agreements?|memorand\w+|contracts?)\s+(?:with|on)\b|\bsigned\b"
    r"|\bplans? to (?:build|launch|construct|develop|invest)|\bintends? to (?:build|invest)"
    r"|\binvestment project\b|\bjoint (?:development|project)",
    re.IGNORECASE,
)
AGENCY_NAME = re.compile(r"Invest$|Ministry|Government|Fund$|Bank$|Samruk|Baiterek|akimat")
_BACK_REFERENCE = re.compile(r"\bthe (?:company|corporation|group|investor)\b", re.IGNORECASE)
_PROJECT_AFTER = re.compile(r"\s+(?:on|for)\s+(?:the\s+)?([^,;.]+)")


@dataclass(frozen=True)
class DealMention:
    """A deal the text states without an amount."""

    investor: str
    investor_at: int
    sentence: Span
    sentence_no: int
    project: str | None


def deal_mentions(index: ArticleIndex, covered_sentences: set[int]) -> list[DealMention]:
    """Amount-less deals in sentences that no figure-based deal already covers."""
    found: list[DealMention] = []
    for number, sentence in enumerate(index.sentences):
        if number in covered_sentences or not _DEAL_CUE.search(sentence.text):
            continue
        found.extend(_mentions_in(index, number, sentence))
    return found


def _mentions_in(index: ArticleIndex, number: int, sentence: Span) -> list[DealMention]:
    names = [
        c
        for c in index.companies
        if sentence.start <= c.start < sentence.end and not AGENCY_NAME.search(c.text)
    ]
    if not names and _BACK_REFERENCE.search(sentence.text):
        earlier = [c for c in index.companies if c.start < sentence.start]
        names = earlier[-1:]
        return [DealMention(n.text, n.start, sentence, number, _project(index, sentence, None))
                for n in names]  # fmt: skip
    unique = {n.text: n for n in names}.values()
    return [
        DealMention(n.text, n.start, sentence, number, _project(index, sentence, n)) for n in unique
    ]


def _project(index: ArticleIndex, sentence: Span, investor: Span | None) -> str | None:
    """What is financed: 'on the <project>' after the investor, else a facility in the sentence."""
    if investor is not None:
        after = _PROJECT_AFTER.match(index.text, investor.end)
        if after:
            return after.group(1).strip()
    inside = [f for f in index.facilities if sentence.start <= f.start < sentence.end]
    return inside[0].text if inside else None
