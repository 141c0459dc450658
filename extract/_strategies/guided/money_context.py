"""Money that is context, read from the parse: trade, budgets, parts and statistics.

Window cue words mislead on money ("a $100 million plant producing for export"
is an investment); the parse says what the amount is the object or measure of.
Sales, exports and payments to a budget are the verb the amount hangs from;
revenue, profit and prices are the noun it measures; a part of an amount given
just before ("$500 million, including $300 million in shares") is no second
investment; a figure that a change reached ("rose 58 per cent to $8 billion")
is a statistic (:mod:`.money_changes`); many parties' or a sector's money, or a
state's grant for no project, is no one deal (:mod:`.money_aggregates`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract._strategies.guided.clauses import BUYING, sells_a_holding
from extract._strategies.guided.money_aggregates import (
    PROJECT_WORDS,
    aggregate_reason,
    subject_noun,
)
from extract._strategies.guided.money_changes import change_reason
from extract._text.nlp import parse
from extract._text.numbers import Quantity

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Token

# Verbs whose money is trade or a transfer, not capital put into a project.
_TRADE_VERBS = frozenset({"export", "import", "sell", "supply", "earn", "ship", "trade",
                          "transfer", "contribute", "pay", "repay", "deduct"})  # fmt: skip
# Nouns that an amount measures when it is not an investment.
_CONTEXT_NOUNS = frozenset({
    "export", "exports", "import", "imports", "sale", "sales", "revenue", "revenues", "profit",
    "income", "turnover", "dividend", "tax", "taxes", "salary", "salaries", "wage", "payroll",
    "price", "capitalization", "capitalisation", "valuation", "supplies", "earnings", "bailout",
    "royalty", "royalties", "fine", "debt", "loss", "losses", "ebitda", "output", "production",
    "impairment", "group", "conglomerate",  # a company's size: "part of the $40 billion X group"
})  # fmt: skip
_PART_OF = re.compile(r"^\s+of\s+(?:the|its|a|an)\s+(?:\S+\s+){0,2}\S*\d")
# A decimal point goes on ("including $318.5 million in cash and $300 million in shares").
# "which includes $300 million" as much as "including $300 million".
_INCLUDING = re.compile(
    r"\b(?:includ(?:ing|es?)|inclusive of|of which|incl\.|compris(?:ing|es?))\b(?:[^.;]|\.\d)*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;!?]\s")
# "paid $5 million to the state budget"; "allocated from the state budget" is a source of funds.
_STATE_BUDGET = re.compile(
    r"\b(?<!from )(?<!from the )(?:state|local|national|federal|republican)\s+budget\b", re.I
)


def context_reason(text: str, quantity: Quantity, earlier_money: bool) -> str | None:
    """Why a money figure is context by the sentence's structure, or None.

    Args:
        text: The article.
        quantity: A money figure of the article.
        earlier_money: Whether another money figure stands before it in its sentence.

    """
    tokens = _tokens(text, quantity)
    if not tokens:
        return None
    if reason := _governed_by(tokens):
        return reason
    if reason := aggregate_reason(tokens):
        return reason
    if (valued := _worth_of(tokens)) is not None:
        return f"the value of a thing, not of a project ({valued})"
    before = _SENTENCE_END.split(text[max(0, quantity.start - 120) : quantity.start])[-1]
    after = text[quantity.end :]
    if earlier_money and _INCLUDING.search(before):
        return "part of an amount given before it"
    if _PART_OF.match(after[:60]):
        return "part of a larger amount that follows"
    if reason := change_reason(before, after, earlier_money):
        return reason
    if _STATE_BUDGET.search(text[quantity.end : quantity.end + 80]):
        return "a payment to a state budget"
    return None


def _tokens(text: str, quantity: Quantity) -> list[Token]:
    span = parse(text).char_span(quantity.start, quantity.end, alignment_mode="expand")
    return list(span) if span is not None else []


_COPULAS = frozenset({"be", "amount", "total", "reach", "stand", "exceed", "make", "account",
                      "hit", "top", "come"})  # fmt: skip


def _governed_by(tokens: list[Token]) -> str | None:
    """The verb or noun the amount hangs from, when it makes the amount trade or a measure."""
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    head = root.head
    for _ in range(4):
        lemma = head.lemma_.lower()
        if head.pos_ in ("VERB", "AUX") and lemma in _TRADE_VERBS and not _buys(head):
            return f"trade or a payment ({lemma})"
        if head.pos_ in ("NOUN", "PROPN") and _context_noun(head):
            return f"context money ({head.lower_})"
        if head.pos_ in ("VERB", "AUX") and lemma in _COPULAS:
            subject = subject_noun(head)  # "gold supplies abroad amounted to $758 million"
            if subject is not None and subject.lower_ in _CONTEXT_NOUNS:
                return f"context money ({subject.lower_})"
        elif head.pos_ in ("VERB", "AUX"):
            return None  # another verb governs it ("invest", "cost"): not context
        if head.head.i == head.i:
            return None
        head = head.head
    return None


# What a price buys in an acquisition (GUIDELINES 42): a stake, shares, an interest.
_BOUGHT = frozenset({"stake", "share", "interest", "holding", "asset", "acquisition"})


def _buys(verb: Token) -> bool:
    """Whether a trade verb's money buys a holding: an acquisition, not trade (GUIDELINES 42).

    "sold a 50% stake in X to Y", "will pay $107 million to buy X's interests in the mine",
    "is paying $80 million to increase its stake", "paid $50 million for a 30% stake".
    """
    if sells_a_holding(verb):
        return True
    if verb.lemma_.lower() != "pay":
        return False
    for child in verb.children:
        purpose = child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in BUYING
        if purpose or (child.dep_ in ("advcl", "xcomp", "prep") and _a_holding_of(child)):
            return True
    return False


def _a_holding_of(token: Token) -> bool:
    """Whether a purpose clause's object or a "for" phrase's object is a holding."""
    if token.dep_ == "prep" and token.lower_ != "for":
        return False
    return any(c.dep_ in ("dobj", "pobj") and c.lemma_.lower() in _BOUGHT for c in token.children)


# Nouns of measure that a context noun makes context: "the production volume of $3 million".
_MEASURES = frozenset({"volume", "value"})
# A company's own capital is its size, no project's money: "a registered capital of $10m".
_EQUITY = frozenset({"registered", "authorized", "authorised", "charter", "share"})


def _context_noun(noun: Token) -> bool:
    """A noun of context money: "revenue", or a measure a context noun qualifies.

    "The plant achieved the production volume of 3 billion tenge" measures output in money
    (GUIDELINES 51); a "production facility" worth as much is a project.
    """
    if noun.lower_ in _CONTEXT_NOUNS:
        return True
    if noun.lemma_.lower() == "capital":
        return any(c.lower_ in _EQUITY for c in noun.children if c.dep_ in ("amod", "compound"))
    qualifiers = (c.lower_ for c in noun.children if c.dep_ == "compound")
    return noun.lemma_.lower() in _MEASURES and any(q in _CONTEXT_NOUNS for q in qualifiers)


def _worth_of(tokens: list[Token]) -> str | None:
    """What "worth $X" values when it is no project: "a gold bar is worth $500,000".

    "A plant worth $1 billion" and "the deal is worth $1 billion" tell an investment; a
    thing valued ("a fund worth $1 billion", "the bar is worth ...") does not. Said of a
    verb ("received 19bn roubles worth of investments") it is read as before.
    """
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    worth = root.head if root.head.lower_ == "worth" else root.head.head
    if worth.lower_ != "worth":
        return None
    valued = worth.head
    if valued.pos_ == "AUX" or valued.lemma_ == "be":
        valued = subject_noun(valued) or valued  # "the deal is worth", "... and is worth"
    if valued.pos_ == "VERB" or valued.lemma_.lower() in PROJECT_WORDS:
        return None
    return valued.lower_
