"""The facilities a sentence names, and the company the text says owns each of them.

A sentence names a facility, or refers back to one by its head noun ("the plant")
after the article has named it; the owner, operator or builder is read from the
parse at every such mention: "X's plant", "the plant of X", "the mine, owned by X",
"X operates the mine".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._text.facilities import FACILITY_HEADS
from extract._text.nlp import parse

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token

_BARE = re.compile(r"\b(?:the|this|that|its|new)\s+(\w+)\b", re.IGNORECASE)


def facilities_of(index: ArticleIndex, start: int, end: int) -> set[str]:
    """The facilities a sentence names, or refers back to by their head noun."""
    named = {f.text for f in index.facilities if start <= f.start < end}
    heads = {m.group(1).lower() for m in _BARE.finditer(index.text[start:end])} & FACILITY_HEADS
    for head in heads:
        before = [f for f in index.facilities if f.start < start and _head(f.text) == head]
        if before:
            named.add(before[-1].text)
    return named


def _head(name: str) -> str:
    heads = [w.lower() for w in re.findall(r"[\w-]+", name) if w.lower() in FACILITY_HEADS]
    return heads[-1] if heads else ""


def facility_owners(index: ArticleIndex) -> dict[str, str]:
    """The company the text says owns, runs or builds each facility.

    "X's plant", "the plant of X", "the mine, owned by X", "X operates the mine",
    "X, which owns the plant": read from the parse at every mention of the facility
    (or of its head noun after it is named).
    """
    doc = parse(index.text)
    owners: dict[str, str] = {}
    for sentence in index.sentences:
        for facility in facilities_of(index, sentence.start, sentence.end):
            if facility in owners:
                continue
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None and (owner := _owner_in(index, span, facility)):
                owners[facility] = owner
    return owners


_OWNING_VERBS = frozenset({"own", "operate", "run", "build", "construct", "develop", "control",
                           "manage", "open", "launch", "acquire", "buy", "commission"})  # fmt: skip


def _owner_in(index: ArticleIndex, span: TokenSpan, facility: str) -> str | None:
    head_word = _head(facility)
    for token in span:
        if token.lower_ not in (head_word, head_word + "s"):
            continue
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "of"):
                target = (
                    child
                    if child.dep_ == "poss"
                    else next((c for c in child.children if c.dep_ == "pobj"), None)
                )
                if target is not None and (name := index.company_at(target.idx)):
                    return name
        if name := _owner_after(index, token):
            return name
        verb = token.head
        if token.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in _OWNING_VERBS:
            for child in verb.children:
                if child.dep_ in ("nsubj", "agent"):
                    for part in child.subtree:
                        if name := index.company_at(part.idx):
                            return name
    return None


# Participles after a facility's noun that say whose it is ("the mine, owned by X").
_WHOSE = frozenset({"own", "operate", "run", "manage", "control", "belong"})


def _owner_after(index: ArticleIndex, head: Token) -> str | None:
    """The owner a participle right after the facility's noun names.

    "The mine, owned by X, ...", "the complex, belonging to X": read word by word,
    as the parse often hangs such a participle on the comma.
    """
    doc = head.doc
    at = head.i + 1
    if at < len(doc) and doc[at].text == ",":
        at += 1
    if at >= len(doc) or doc[at].lemma_.lower() not in _WHOSE or doc[at].tag_ not in ("VBN", "VBG"):
        return None
    for token in doc[at + 1 : head.sent.end]:
        if token.text in (",", ";", "."):
            break
        if name := index.company_at(token.idx):
            return name
    return None
