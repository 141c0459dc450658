"""What a deal is about: the project a deal verb or an amount names.

"plans to build a copper plant in Y", "signed an agreement for the development of
Z", "invest $800mn in an expansion of its capacity": the object of a deal verb (or
what its agreement is for) when it names a facility, a project or an asset.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.roles import token_at
from extract._text.nlp import parse
from extract._text.quantity_lexicon import is_scale_word
from extract._vocab import canonical_currency, currency_country, is_currency_code

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

# What a deal is about: a facility, a project, an asset or its capacity.
PROJECT_NOUNS = frozenset({
    "plant", "plants", "mine", "mines", "smelter", "refinery", "factory", "project", "projects",
    "deposit", "deposits", "complex", "facility", "facilities", "mill", "furnace", "line",
    "capacity", "capacities", "production", "output", "field", "cluster", "park", "enterprise",
    "construction", "development", "expansion", "modernization", "modernisation", "stake",
    "asset", "assets", "operation", "operations", "works", "site", "unit", "workshop", "quarry",
    "concentrator", "combine", "shop", "base",
})  # fmt: skip
_MAX_PROJECT_WORDS = 14


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
    project = project_of(verb)
    if project is None or project.start <= token.i < project.end:
        return None
    phrase = project_phrase(project)
    return phrase if phrase and len(phrase.split()) > 1 else None


def project_of(verb: Token) -> TokenSpan | None:
    """The object of a deal verb when it names a project ("a copper plant in X")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and names_project(child):
            return _built(child)
        if child.dep_ == "dobj" and child.lemma_.lower() in _PACTS:
            objects = objects_of(child, ("on", "for"))  # what an agreement is for
        elif child.dep_ == "prep" and child.lower_ in ("on", "for", "in", "of"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
        else:
            continue
        named = next((pobj for pobj in objects if names_project(pobj)), None)
        if named is not None:
            return _built(named)
    return None


# What one signs: "signed an agreement for the development of X" is a deal on X.
_PACTS = frozenset({"agreement", "contract", "memorandum", "deal", "protocol"})


def objects_of(noun: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of ``noun``'s prepositions among ``preps`` ("an agreement *on* X")."""
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


def names_project(token: Token) -> bool:
    """Whether ``token`` is a word for a project, a facility or an asset."""
    return token.lemma_.lower() in PROJECT_NOUNS or token.lower_ in PROJECT_NOUNS


def project_phrase(span: TokenSpan) -> str | None:
    """The project's words without a leading article, or None when the span is too long."""
    words = span.text.split()
    if len(words) > _MAX_PROJECT_WORDS:
        return None
    text = span.text.strip(" ,.;")
    for article in ("the ", "a ", "an "):
        if text.lower().startswith(article):
            text = text[len(article) :]
    return plain_project(text)


# Words that open a phrase without naming the project: whose ("its expansion", "China-backed"),
# which one ("these plants", "newly built", "the aforementioned project", "the original
# project": a pointer to one named elsewhere), or praise ("a state-of-the-art plant").
# GUIDELINES 16 keeps the text's own words for what is built and where, not the writer's
# pointers and praise.
_NOT_NAMING = re.compile(
    r"^(?:(?:its|their|this|these|those|aforementioned|above-?mentioned|original|same"
    r"|state-of-the-art|newly\s+\w+|\w+-(?:backed|owned|funded))"
    r"\s+)+",
    re.I,
)


def plain_project(text: str | None) -> str | None:
    """A deal's project phrase without the pointers and praise that open it.

    A bare "project" names no project (GUIDELINES 16): None.
    """
    if not text:
        return None
    plain = _NOT_NAMING.sub("", _without_money(text)) or text
    return None if set(plain.lower().split()) <= _GENERIC else plain


# Words that say something is done, not what: "project", "trial production", "operations",
# "redevelopment project" name no project on their own (GUIDELINES 16).
_GENERIC = frozenset({"project", "projects", "trial", "production", "operations",
                      "redevelopment"})  # fmt: skip


# "2 billion", "Rs 400 crore", "$300-million": how much, not what is built.
_NUMBER = re.compile(r"^[$€£¥₹]?\d[\d.,]*$")


def _without_money(text: str) -> str:
    """The phrase without the amount's words that open it: "JPY plant" -> "plant".

    The currency or the sum before a facility's noun tells what it costs; GUIDELINES 16
    wants the words for what is financed.
    """
    words = text.split()
    start = 0
    while start < len(words) - 1:
        word, after = words[start], words[start + 1]
        if not (_money_word(word) or (_NUMBER.match(word) and _money_word(after))):
            break
        start += 1
    return " ".join(words[start:])


def _money_word(word: str) -> bool:
    """A currency's word or code, or a magnitude: "dollar", "U.S.-dollar", "JPY", "crore"."""
    last = word.rsplit("-", 1)[-1].strip(".,")
    if is_scale_word(last):
        return True
    try:
        code = canonical_currency(last)
    except ValueError:
        return False
    if code == last.upper() and not is_currency_code(last):
        return False  # "new", "tin": any three lower-case letters read as a code otherwise
    # A known currency only ("JPY", "dollar"), not any three capitals ("LFP").
    return code in ("USD", "EUR") or bool(currency_country(code))
