"""Deals stated without an amount: a named investor with a specific project.

Figure candidates find every deal that has an amount. The contract also counts
"a named investor with a specific project" ("concluded agreements with HMS
Bergbau AG on the joint development of lithium deposits"), so sentences with a
deal cue and a company name become amount-less deal mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract._strategies.guided.cues import AGENCY_NAME, BUILDING
from extract._strategies.guided.fields import FOREIGN_MARK, ArticleIndex
from extract._text.reading import Span

_DEAL_CUE = re.compile(
    r"\b(?:agreements?|memorand\w+|contracts?)\s+(?:with|on)\b|\bsigned\b"
    r"|\bplans? to (?:build|launch|construct|develop|invest)|\bintends? to (?:build|invest)"
    r"|\binvestment project\b|\bjoint (?:development|project)"
    r"|\bis working on (?:expanding|developing)"
    rf"|\b{BUILDING}\b|\bheld talks with\b"
    r"|\bdiscussed the (?:possible )?(?:construction|development|creation)\b"
    r"|\bis carrying out\b[^.]{0,40}\b(?:moderni[sz]ation|reconstruction|expansion)"
    r"|\bproject\b[^.]*\bis being (?:implemented|built|carried out)\b",
    re.IGNORECASE,
)
# Whose project a sentence without a name is about: the company named before it.
_BACK_REFERENCE = re.compile(
    r"\bthe (?:company|corporation|group|investor)\b|\bproject\b[^.]*\bis being implemented\b",
    re.IGNORECASE,
)
_LIST_OF_AGREEMENTS = re.compile(r"\bagreements with\b", re.IGNORECASE)
# "the construction of a copper wire rod plant in Balkhash", "is building a pilot plant at ...".
_BUILT = re.compile(
    r"\b(?:(?:construction|development|modernis|moderniz|reconstruction|expansion)\w* of"
    rf"|to (?:build|construct|develop)|{BUILDING})"
    r"\s+(?:the |a |an )?(?P<what>[^,;.]+?)"
    r"(?=,|;|\.|\s(?:by|which|that|where|with|for|worth|valued)\s|$)"
)
_PROJECT_AFTER = re.compile(r"\s+(?:on|for)\s+(?:the\s+)?([^,;.]+)")


@dataclass(frozen=True)
class DealMention:
    """A deal the text states without an amount."""

    investor: str
    investor_at: int
    sentence: Span
    sentence_no: int
    project: str | None
    partner: str | None


def deal_mentions(index: ArticleIndex, covered_sentences: set[int]) -> list[DealMention]:
    """Amount-less deals: one per partner of a list of agreements, else one per sentence.

    A sentence that already holds a figure-based deal still yields the other
    partners of an agreement list ("agreements with A on X worth $N, B on Y and C on Z").
    """
    found: list[DealMention] = []
    for number, sentence in enumerate(index.sentences):
        if not _DEAL_CUE.search(sentence.text):
            continue
        if _LIST_OF_AGREEMENTS.search(sentence.text):
            found.extend(_one_per_partner(index, number, sentence))
        elif number not in covered_sentences:
            found.extend(_one_for_sentence(index, number, sentence))
    return found


def _names_in(index: ArticleIndex, sentence: Span) -> list[Span]:
    names = [c for c in index.companies if sentence.start <= c.start < sentence.end]
    return [c for c in names if not AGENCY_NAME.search(c.text)]


def _one_per_partner(index: ArticleIndex, number: int, sentence: Span) -> list[DealMention]:
    unique = {n.text: n for n in _names_in(index, sentence)}.values()
    return [DealMention(n.text, n.start, sentence, number, _project(index, sentence, n), None)
            for n in unique]  # fmt: skip


def _one_for_sentence(index: ArticleIndex, number: int, sentence: Span) -> list[DealMention]:
    """The sentence's investor (a foreign-marked name first), the other company its partner."""
    names = list({n.text: n for n in _names_in(index, sentence)}.values())
    if not names and _BACK_REFERENCE.search(sentence.text):
        names = [c for c in index.companies if c.start < sentence.start][-1:]
    if not names:
        return []
    names.sort(key=lambda n: not _foreign_marked(index, n))
    investor, others = names[0], [n.text for n in names[1:] if n.text not in names[0].text]
    partner = others[0] if others else None
    project = _project(index, sentence, investor if investor.start >= sentence.start else None)
    return [DealMention(investor.text, investor.start, sentence, number, project, partner)]


def _foreign_marked(index: ArticleIndex, name: Span) -> bool:
    return bool(FOREIGN_MARK.search(index.text[max(0, name.start - 30) : name.start]))


def _project(index: ArticleIndex, sentence: Span, investor: Span | None) -> str | None:
    """What is financed, in the text's words.

    The object of the investor's 'on the ...' phrase, narrowed to what is built
    when it says so ('on a project to build a fertilizer complex'); else what the
    sentence says is built or developed; else a facility named in the sentence.
    """
    after = _PROJECT_AFTER.match(index.text, investor.end) if investor is not None else None
    where = after.group(1) if after else sentence.text
    built = _BUILT.search(where)
    if built and " " in built.group("what").strip():  # "the plant" alone names nothing
        return built.group("what").strip()
    if after:
        return after.group(1).strip()
    inside = [f for f in index.facilities if sentence.start <= f.start < sentence.end]
    return inside[0].text if inside else None
