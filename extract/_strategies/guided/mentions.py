"""Deals stated without an amount: a named investor doing something to a specific project.

Figure candidates find every deal that has an amount. The contract also counts
"a named investor with a specific project", so the parse is read for a company
that builds, develops, expands, buys or plans a facility: the subject (or the
agent of a passive, or the company a pronoun stands for) of a deal verb whose
object names a facility or project ("X plans to build a copper plant in Y",
"the mine was acquired by X", "X signed an agreement on the construction of Z"), a deal
a company reports as a noun ("X announced an expansion of its plant") and an acquisition
told in a participle ("the smelter, acquired by X in 2010"). Who does the verb is read
by :mod:`extract._strategies.guided.deal_actors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.company_fields import parent_of
from extract._strategies.guided.deal_actors import PARTIES, actors, parties_at, parties_under
from extract._strategies.guided.projects import (
    DEAL_VERBS,
    names_project,
    objects_of,
    project_of,
    project_phrase,
)
from extract._text.nlp import parse
from extract._text.reading import Span

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token


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
    """Amount-less deals: one per investor and project the article's sentences state."""
    doc = parse(index.text)
    found: list[DealMention] = []
    for number, sentence in enumerate(index.sentences):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        found += _agreement_partners(index, span, sentence, number)
        if number not in covered_sentences:
            found += _mentions_in(index, span, sentence, number)
    return _one_per_investor_and_project(found)


_AGREEMENTS_WITH = re.compile(r"\b(?:agreements|memorand\w+|contracts|deals) with\b", re.I)
_ON_WHAT = re.compile(r"\s+(?:on|for)\s+(?:the\s+)?([^,;.]+?)(?=,|;|\.|\s+and\s+the\s|$)")


def partner_at(index: ArticleIndex, at: int) -> str | None:
    """In a list of agreements, the partner whose part of the sentence holds offset ``at``.

    "agreements with A on X worth $500 million, B on Y": the $500 million is A's.
    """
    for number, sentence in enumerate(index.sentences):
        if sentence.start <= at < sentence.end:
            doc = parse(index.text)
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            partners = _agreement_partners(index, span, sentence, number) if span else []
            before = [p for p in partners if p.investor_at <= at]
            return before[-1].investor if before else None
    return None


def _agreement_partners(
    index: ArticleIndex, span: TokenSpan, sentence: Span, number: int
) -> list[DealMention]:
    """Reading "concluded agreements with A on X, B on Y and C on Z": a deal per partner named.

    The state or company that concludes a list of agreements hosts the projects; each
    company named after "agreements with" is the investor of its own (GUIDELINES 6).
    """
    listed = _AGREEMENTS_WITH.search(sentence.text)
    if listed is None or _a_company_signs(index, span, sentence.start + listed.start()):
        return []
    after = sentence.start + listed.end()
    until = _end_of_with(span, after)
    partners = [n for n in index.names
                if after <= n.start < until and n.kind in PARTIES]  # fmt: skip
    found: list[DealMention] = []
    for name in partners:
        what = _ON_WHAT.match(index.text, name.end)
        found.append(DealMention(index.full_name(name), name.start, sentence, number,
                                 what.group(1).strip() if what else None, None))  # fmt: skip
    return found


def _end_of_with(span: TokenSpan, after: int) -> int:
    """Where the agreements' phrase ends that "... agreements with" (ending at ``after``) opens.

    Signed ("X concluded agreements with A on P, B on Q"), the agreements are the clause's
    object and the list runs to its end; named in an adjunct ("according to agreements with
    our partners, a station in X will be completed"), they end with it: X is a place the
    clause speaks of, no party to them.
    """
    current = next((t for t in span if t.idx + len(t.text) >= after), None)
    while current is not None and current.head.i != current.i:
        if current.head.pos_ in ("VERB", "AUX"):
            if current.dep_ in ("dobj", "nsubj", "nsubjpass"):
                return span.end_char
            return current.right_edge.idx + len(current.right_edge.text)
        current = current.head
    return span.end_char


def _a_company_signs(index: ArticleIndex, span: TokenSpan, at: int) -> bool:
    """Whether a company is the subject that concludes the agreements at ``at``.

    "X signed agreements with Y for the construction": a company's contracts for its own
    project; Y is its contractor or partner, not an investor (GUIDELINES 43).
    """
    agreements = next((t for t in span if t.idx >= at), None)
    verb = agreements.head if agreements is not None else None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    return any(n.kind == "company" for s in subjects for n in parties_under(index, s))


def _mentions_in(
    index: ArticleIndex, span: TokenSpan, sentence: Span, number: int
) -> list[DealMention]:
    found: list[DealMention] = _sales_in(index, span, sentence, number)
    for verb in (t for t in span if t.pos_ == "VERB" and t.lemma_.lower() in DEAL_VERBS):
        project = project_of(verb)
        if project is None:
            continue
        found += _by_actors(index, verb, sentence, number, project_phrase(project))
    return (
        found
        + _announced_in(index, span, sentence, number)
        + _bought_in(index, span, sentence, number)
    )


# "The Kuma mine, bought by X in 2008, ...": an acquisition told in a participle.
_BOUGHT = frozenset({"acquire", "buy", "purchase"})


def _bought_in(
    index: ArticleIndex, span: TokenSpan, sentence: Span, number: int
) -> list[DealMention]:
    """The buyer of what a participle clause says was bought: "the mine, bought by X"."""
    found: list[DealMention] = []
    for verb in (t for t in span if t.dep_ == "acl" and t.lemma_.lower() in _BOUGHT):
        head = verb.head
        if not names_project(head):
            continue  # the buyer is the clause's agent ("by X"): actors reads it
        bought = project_phrase(span.doc[head.left_edge.i : head.i + 1])
        found += _by_actors(index, verb, sentence, number, bought)
    return found


# Verbs that report a deal told as a noun: "X announced an expansion of its plant",
# "X received approval for the construction of", "X unveiled plans for a smelter".
_REPORTING = frozenset({"announce", "unveil", "receive", "obtain", "win", "get", "propose",
                        "confirm", "approve"})  # fmt: skip
_DEAL_NOUNS = frozenset({"expansion", "construction", "development", "acquisition",
                         "modernization", "modernisation", "reconstruction", "plan"})  # fmt: skip


def _announced_in(
    index: ArticleIndex, span: TokenSpan, sentence: Span, number: int
) -> list[DealMention]:
    """A deal a company reports as a noun: its subject invests in what the noun is of."""
    found: list[DealMention] = []
    for verb in (t for t in span if t.pos_ == "VERB" and t.lemma_.lower() in _REPORTING):
        nouns = [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree
                 if t.lemma_.lower() in _DEAL_NOUNS]  # fmt: skip
        projects = [p for n in nouns[:1] for p in objects_of(n, ("of", "for", "at"))
                    if names_project(p)]  # fmt: skip
        if not projects:
            continue
        built = project_phrase(span.doc[projects[0].left_edge.i : projects[0].right_edge.i + 1])
        found += _by_actors(index, verb, sentence, number, built)
    return found


def _by_actors(
    index: ArticleIndex, verb: Token, sentence: Span, number: int, project: str | None
) -> list[DealMention]:
    """A deal on ``project`` for each party that does ``verb``."""
    found = []
    for actor in actors(index, verb):
        # "built by X, a joint venture between A and China's B": the capital is B's.
        investor = parent_of(index, index.full_name(actor)) or index.full_name(actor)
        found.append(DealMention(investor, actor.start, sentence, number, project, None))
    return found


def _sales_in(
    index: ArticleIndex, span: TokenSpan, sentence: Span, number: int
) -> list[DealMention]:
    """A sale names its buyer after "to": "X sold 49% of its shares in the venture to Y".

    The buyer puts in the capital (the investor), the seller is the counterparty; what
    is sold is the project.
    """
    found: list[DealMention] = []
    for verb in (t for t in span if t.pos_ == "VERB" and t.lemma_.lower() == "sell"):
        sold = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if not any(_a_holding(t) for t in (sold.subtree if sold else verb.subtree)):
            continue  # "sells its copper to China": trade, not an investment
        project = (
            project_phrase(verb.doc[sold.left_edge.i : sold.right_edge.i + 1]) if sold else None
        )
        sellers = actors(index, verb)  # who sells is the deal's counterparty
        seller = index.full_name(sellers[0]) if sellers else None
        for buyer in (b for pobj in objects_of(verb, ("to",)) for b in parties_at(index, pobj)):
            found.append(DealMention(index.full_name(buyer), buyer.start, sentence, number,
                                     project, seller))  # fmt: skip
    return found


# What a sale of a holding sells: a stake, shares, an interest, an asset.
_HOLDINGS = frozenset({"stake", "share", "interest", "%", "percent", "asset", "holding"})


def _a_holding(token: Token) -> bool:
    return token.lemma_.lower() in _HOLDINGS or names_project(token)


# A project the text marks as one more of the investor's: "another plant", "a second mine".
_ANOTHER = re.compile(r"^(?:another|a second|one more)\b", re.IGNORECASE)


def _one_per_investor_and_project(found: list[DealMention]) -> list[DealMention]:
    """A project told twice ("plans to build ... The plant will be built by ...") is one deal.

    An investor's project the text marks as another one ("also started construction of
    another cement plant") is a deal of its own (GUIDELINES 6).
    """
    kept: dict[tuple[str, str], DealMention] = {}
    body = [m for m in found if m.sentence_no > 0]
    # The headline tells again what the body tells (with a short name, a possessive):
    # with a body telling of a deal, the headline's is no deal of its own.
    for mention in body or found:
        project = mention.project or ""
        kept.setdefault((mention.investor, project if _ANOTHER.match(project) else ""), mention)
    return list(kept.values())
