"""Deals stated without an amount: a named investor doing something to a specific project.

Figure candidates find every deal that has an amount. The contract also counts
"a named investor with a specific project", so the parse is read for a company
that builds, develops, expands, buys or plans a facility: the subject (or the
agent of a passive, or the company a pronoun stands for) of a deal verb whose
object names a facility or project ("X plans to build a copper plant in Y",
"the mine was acquired by X", "X signed an agreement on the construction of Z").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.company_fields import parent_of
from extract._strategies.guided.roles import RELATIVE_PRONOUNS, referent, token_at
from extract._text.names import Name
from extract._text.nlp import parse
from extract._text.reading import Span

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token

# Verbs that commit capital to, build, buy or plan a project.
DEAL_VERBS = frozenset({
    "build", "construct", "establish", "set", "develop", "launch", "open", "start", "begin",
    "commission", "expand", "increase", "upgrade", "modernize", "modernise", "acquire", "buy",
    "purchase", "take", "invest", "finance", "fund", "implement", "create", "complete",
    "sign", "conclude", "reconstruct", "explore", "restart", "resume",
})  # fmt: skip
# Verbs that pass the action on to their complement: "plans to build", "intends to invest".
_INTENT_VERBS = frozenset({"plan", "intend", "aim", "want", "seek", "hope", "expect", "decide",
                           "agree", "propose", "consider", "prepare", "continue"})  # fmt: skip
# What a deal is about: a facility, a project, an asset or its capacity.
PROJECT_NOUNS = frozenset({
    "plant", "plants", "mine", "mines", "smelter", "refinery", "factory", "project", "projects",
    "deposit", "deposits", "complex", "facility", "facilities", "mill", "furnace", "line",
    "capacity", "capacities", "production", "output", "field", "cluster", "park", "enterprise",
    "construction", "development", "expansion", "modernization", "modernisation", "stake",
    "asset", "assets", "operation", "operations", "works", "site", "unit", "workshop", "quarry",
    "concentrator", "combine", "shop",
})  # fmt: skip
_PARTIES = ("company", "agency", "other")
_MAX_PROJECT_WORDS = 14


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
    if listed is None:
        return []
    after = sentence.start + listed.end()
    partners = [n for n in index.names
                if after <= n.start < sentence.end and n.kind in _PARTIES]  # fmt: skip
    found: list[DealMention] = []
    for name in partners:
        what = _ON_WHAT.match(index.text, name.end)
        found.append(DealMention(index.full_name(name), name.start, sentence, number,
                                 what.group(1).strip() if what else None, None))  # fmt: skip
    return found


def _mentions_in(
    index: ArticleIndex, span: TokenSpan, sentence: Span, number: int
) -> list[DealMention]:
    found: list[DealMention] = _sales_in(index, span, sentence, number)
    for verb in (t for t in span if t.pos_ == "VERB" and t.lemma_.lower() in DEAL_VERBS):
        project = _project_of(verb)
        if project is None:
            continue
        for actor in _actors(index, verb):
            # "built by X, a joint venture between A and China's B": the capital is B's.
            investor = parent_of(index, index.full_name(actor)) or index.full_name(actor)
            found.append(DealMention(investor, actor.start, sentence, number,
                                     _phrase(project), None))  # fmt: skip
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
        project = _phrase(verb.doc[sold.left_edge.i : sold.right_edge.i + 1]) if sold else None
        sellers = _actors(index, verb)  # who sells is the deal's counterparty
        seller = index.full_name(sellers[0]) if sellers else None
        for buyer in (b for pobj in _objects_of(verb, ("to",)) for b in _parties_at(index, pobj)):
            found.append(DealMention(index.full_name(buyer), buyer.start, sentence, number,
                                     project, seller))  # fmt: skip
    return found


# What a sale of a holding sells: a stake, shares, an interest, an asset.
_HOLDINGS = frozenset({"stake", "share", "interest", "%", "percent", "asset", "holding"})


def _a_holding(token: Token) -> bool:
    return token.lemma_.lower() in _HOLDINGS or _names_project(token)


def amount_project(index: ArticleIndex, at: int) -> str | None:
    """What an amount finances: the other argument of the deal verb the amount hangs from.

    "plans to invest $800mn in an expansion of its capacity", "signed an agreement to
    buy the X copper mine for $390mn": the verb's object or "in X", when it names a
    project (a facility, a project, an asset, its expansion) and is not the amount's
    own phrase ("a $300 million plant" is read by the facility reader).
    """
    token = token_at(parse(index.text), at)
    verb = next((t for t in token.ancestors if t.pos_ == "VERB"), None) if token else None
    if token is None or verb is None or verb.lemma_.lower() not in DEAL_VERBS:
        return None
    project = _project_of(verb)
    if project is None or project.start <= token.i < project.end:
        return None
    phrase = _phrase(project)
    return phrase if phrase and len(phrase.split()) > 1 else None


def _project_of(verb: Token) -> TokenSpan | None:
    """The object of a deal verb when it names a project ("a copper plant in X")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and _names_project(child):
            return _built(child)
        if child.dep_ == "dobj" and child.lemma_.lower() in _PACTS:
            objects = _objects_of(child, ("on", "for"))  # what an agreement is for
        elif child.dep_ == "prep" and child.lower_ in ("on", "for", "in", "of"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
        else:
            continue
        named = next((pobj for pobj in objects if _names_project(pobj)), None)
        if named is not None:
            return _built(named)
    return None


# What one signs: "signed an agreement for the development of X" is a deal on X.
_PACTS = frozenset({"agreement", "contract", "memorandum", "deal", "protocol"})


def _objects_of(noun: Token, preps: tuple[str, ...]) -> list[Token]:
    return [pobj for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in preps
            for pobj in prep.children if pobj.dep_ == "pobj"]  # fmt: skip


# "the construction of a copper wire rod plant": the project is what is built.
_ACTS = frozenset({"construction", "development", "building", "expansion", "modernization",
                   "modernisation", "reconstruction", "creation", "establishment"})  # fmt: skip


def _built(noun: Token) -> TokenSpan:
    if noun.lower_ in _ACTS:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        what = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if what is not None:
            noun = what
    return noun.doc[_first_naming(noun) : noun.right_edge.i + 1]


def _first_naming(noun: Token) -> int:
    """Where the phrase starts, without its article ("a", "the")."""
    start = noun.left_edge.i
    while start < noun.i and noun.doc[start].lower_ in ("a", "an", "the"):
        start += 1
    return start


def _names_project(token: Token) -> bool:
    return token.lemma_.lower() in PROJECT_NOUNS or token.lower_ in PROJECT_NOUNS


def _actors(index: ArticleIndex, verb: Token) -> list[Name]:
    """Who does it: the subject (through "plans to"), a passive's agent, a pronoun's company."""
    governing = verb
    while governing.dep_ in ("xcomp", "conj") and governing.head.lemma_.lower() in (
        _INTENT_VERBS | DEAL_VERBS
    ):
        governing = governing.head
    for current in (verb, governing):
        children = list(current.children)
        for agent in (c for c in children if c.dep_ == "agent"):
            return _parties_under(index, agent)  # "is being built by X", wherever it stands
        for child in children:
            if child.dep_ == "nsubj" and _relative(child):
                return _parties_at(index, current.head)  # "X, which is developing the Y mine"
            if child.dep_ == "nsubj":
                return _parties_under(index, child) or referent(child, index.names)
            if child.dep_ == "nsubjpass" and _names_project(child) and not _named(child):
                # "a project ... is being implemented": the company named before it. A
                # facility with a name of its own ("the Minas Gerais plant will be built")
                # does not refer back to the company named last.
                return _named_before(index, child.idx)
    return []


def _named(noun: Token) -> bool:
    return any(t.pos_ == "PROPN" for t in noun.subtree)


def _named_before(index: ArticleIndex, at: int) -> list[Name]:
    before = [n for n in index.names if n.end <= at and n.kind == "company"]
    return before[-1:]


def _relative(subject: Token) -> bool:
    return subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl"


def _parties_at(index: ArticleIndex, token: Token) -> list[Name]:
    """The party whose name holds ``token``: the noun a relative clause hangs on, a buyer."""
    return [n for n in index.names
            if n.start <= token.idx < n.end and n.kind in _PARTIES][:1]  # fmt: skip


def _parties_under(index: ArticleIndex, token: Token) -> list[Name]:
    found: list[Name] = []
    for child in token.subtree:
        for name in index.names:
            if name.start <= child.idx < name.end and name.kind in _PARTIES and name not in found:
                found.append(name)
    return found[:1]  # the head of a subject list names the investor


def _phrase(span: TokenSpan) -> str | None:
    words = span.text.split()
    if len(words) > _MAX_PROJECT_WORDS:
        return None
    text = span.text.strip(" ,.;")
    for article in ("the ", "a ", "an "):
        if text.lower().startswith(article):
            text = text[len(article) :]
    return text or None


def _one_per_investor_and_project(found: list[DealMention]) -> list[DealMention]:
    """A project told twice ("plans to build ... The plant will be built by ...") is one deal."""
    kept: dict[str, DealMention] = {}
    body = [m for m in found if m.sentence_no > 0]
    # The headline tells again what the body tells (with a short name, a possessive):
    # with a body telling of a deal, the headline's is no deal of its own.
    for mention in body or found:
        kept.setdefault(mention.investor, mention)
    return list(kept.values())
