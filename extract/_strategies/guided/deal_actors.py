"""Who does a deal verb: its subject, a passive's agent, the company a pronoun stands for.

Read from the parse for the deals stated without an amount
(:mod:`extract._strategies.guided.mentions`): "X plans to build" (through verbs that pass
the action on), "is being built by X", "X, which is developing", "the project is being
implemented" (the company named before it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.country_fields import main_country, marked_foreign
from extract._strategies.guided.projects import DEAL_VERBS, names_project
from extract._strategies.guided.roles import RELATIVE_PRONOUNS, referent
from extract._text.name_spans import TITLES
from extract._text.names import Name

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Token

# Verbs that pass the action on to their complement: "plans to build", "intends to invest".
_INTENT_VERBS = frozenset({"plan", "intend", "aim", "want", "seek", "hope", "expect", "decide",
                           "agree", "propose", "consider", "prepare", "continue"})  # fmt: skip
PARTIES = ("company", "agency", "other")


def actors(index: ArticleIndex, verb: Token) -> list[Name]:
    """Who does it: the subject (through "plans to"), a passive's agent, a pronoun's company."""
    governing = verb
    while _passes_on(governing):
        governing = governing.head
    for current in (verb, governing):
        children = list(current.children)
        for agent in (c for c in children if c.dep_ == "agent"):
            return parties_under(index, agent)  # "is being built by X", wherever it stands
        for child in children:
            if child.dep_ == "nsubj" and _relative(child):
                return parties_at(index, current.head)  # "X, which is developing the Y mine"
            if child.dep_ == "nsubj" and (found := _subject_parties(index, child)):
                return found
            if child.dep_ == "nsubjpass" and names_project(child) and not _named(child):
                # "a project ... is being implemented": the company named before it. A
                # facility with a name of its own ("the Minas Gerais plant will be built")
                # does not refer back to the company named last.
                return _named_before(index, child.idx)
    return []


# Verbs of joining forces whose purpose clause is the joint project: "X has partnered
# with Y to establish a plant", "X teamed up with Y to build".
_JOINING = frozenset({"partner", "team", "join", "collaborate", "cooperate", "ally"})


def _passes_on(verb: Token) -> bool:
    """Whether the verb's actor is its head's: "plans to build", "partnered ... to build"."""
    head = verb.head.lemma_.lower()
    if verb.dep_ in ("xcomp", "conj"):
        return head in _INTENT_VERBS | DEAL_VERBS
    purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.dep_ == "advcl" and purpose and head in _JOINING


def _subject_parties(index: ArticleIndex, subject: Token) -> list[Name]:
    """The parties a subject names or refers to; none for a dateline parsed as a subject.

    "MOSCOW, Aug 10 -- X has started ...": the parser may make the dateline a second
    subject of the verb; the subject that names a party is read.
    """
    found = parties_under(index, subject) or referent(subject, index.names)
    # "the Head of State has launched ...": an office's title with a name that is no
    # company's ("State") is a person acting for the state, no investor.
    office = subject.lower_ in TITLES and all(n.kind == "other" for n in found)
    return [] if office else found


def _named(noun: Token) -> bool:
    return any(t.pos_ == "PROPN" for t in noun.subtree)


def _named_before(index: ArticleIndex, at: int) -> list[Name]:
    before = [n for n in index.names if n.end <= at and n.kind == "company"]
    return before[-1:]


def _relative(subject: Token) -> bool:
    return subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl"


def parties_at(index: ArticleIndex, token: Token) -> list[Name]:
    """The party whose name holds ``token``: the noun a relative clause hangs on, a buyer."""
    return [n for n in index.names
            if n.start <= token.idx < n.end and n.kind in PARTIES][:1]  # fmt: skip


def parties_under(index: ArticleIndex, token: Token) -> list[Name]:
    found: list[Name] = []
    for child in token.subtree:
        for name in index.names:
            if name.start <= child.idx < name.end and name.kind in PARTIES and name not in found:
                found.append(name)
    # Of a subject list, the party the text marks as foreign, else the first (GUIDELINES 13).
    if len(found) < 2:
        return found
    home = main_country(index)
    foreign = [name for name in found if marked_foreign(index, name, home)]
    return (foreign or found)[:1]
