"""Proper names of an article and what each names: a company, an agency, a person, a place.

spaCy's entity recogniser finds most names; the small English model often gives
a company the wrong label (PERSON, GPE, WORK_OF_ART) or misses one written in
capitals, so its entities are merged with the runs of proper nouns its tagger
finds (:mod:`extract._text.name_spans`). What a name denotes is then voted on
over all its mentions, by what the text itself says
(:mod:`extract._text.name_kinds`): a corporate word in the name ("Mining",
"LLP"), a title before it ("Minister"), a place word after it ("region"), its
entity label, and the verb it is the subject of. No list of known names is
consulted. This module puts the two together (:func:`names`), widens a place to
its place word and compass, and gives each company mention the fullest name the
article gives it (:func:`company_mentions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from extract._text.aliases import defined_aliases
from extract._text.name_kinds import CORPORATE, PLACE_WORDS, Kind, country_kind, kinds_by_vote
from extract._text.name_spans import headline_end, is_legal_form, name_mentions
from extract._text.nlp import parse
from extract._text.spans import Span

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc

__all__ = ["Kind", "Name", "company_mentions", "names", "of_kind"]

_PLACE_AFTER = re.compile(rf"\s+{PLACE_WORDS}\b")
_COMPASS_BEFORE = re.compile(
    r"\b(?:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)"
    r"\s+$", re.IGNORECASE)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Name(Span):
    """A mention of a proper name: its span and what it denotes."""

    kind: Kind = "other"


@lru_cache(maxsize=16)
def names(text: str) -> tuple[Name, ...]:
    """Every proper-name mention of ``text``, with what its name denotes (cached per text)."""
    doc = parse(text)
    mentions = name_mentions(doc)
    kinds = kinds_by_vote(doc, mentions)
    headline = headline_end(doc)
    body = text[headline:]
    found: list[Name] = []
    for span, label in mentions:
        country = country_kind(span, label)
        if span.start_char < headline and span.text not in body and country is None:
            # A headline capitalises every word: a name there must recur, but a country's
            # name is read from the vocabulary, not from its capitals.
            continue
        kind = country or kinds[span.text]
        found.append(_widened(doc, Name(span.start_char, span.end_char, span.text, kind)))
    return _with_alias_kinds(text, _with_surname_kinds(_with_prefix_kinds(text, found)))


def _with_surname_kinds(found: list[Name]) -> list[Name]:
    """A one-word mention that ends a person's name given before it is that person.

    "Chairman Ivan Oleg Petrov said ... Petrov said": alone, the surname's mentions may
    vote for a company (it opens clauses as companies do).
    """
    kept: list[Name] = []
    for n in found:
        people = (p.text for p in kept if p.kind == "person" and " " in p.text)
        alone = " " not in n.text and n.kind != "person"
        named = alone and any(p.endswith(" " + n.text) for p in people)
        kept.append(Name(n.start, n.end, n.text, "person") if named else n)
    return kept


# "the Freedonia government": a place that governs is no company's short name.
_GOVERNMENT_AFTER = re.compile(r"\s+[Gg]overnment\b")
# Kinds a short form of a company's name is mistaken for ("Tavrida" as a place).
_MISTAKEN = ("place", "person", "other")


def _with_prefix_kinds(text: str, found: list[Name]) -> list[Name]:
    """A mention whose words open or end a company's longer name in the article is that company.

    Articles shorten a name to its first words after the full mention ("Tavrida Holding
    Group ... according to Tavrida") or drop a leading form ("UC Vardal ... Vardal"); alone,
    the short form's few mentions may vote for a place or a person. A company's name followed
    by its unit's is the company's too (:func:`_extends`). A place whose government the text
    names ("the Freedonia government") stays a place: its agencies open with its name.
    """
    full = {n.text for n in found if n.kind == "company"}
    governed = {n.text for n in found if _GOVERNMENT_AFTER.match(text, n.end)}
    return [
        Name(n.start, n.end, n.text, "company")
        if n.kind in _MISTAKEN
        and any(_shortens(n.text, f) or (n.kind != "place" and _extends(n.text, f)) for f in full)
        and not (n.kind == "place" and n.text in governed)
        else n
        for n in found
    ]


def _extends(name: str, company: str) -> bool:
    """Whether ``name`` is a company's name with capitalised words after it: its unit.

    The small model reads a unit's name ("Acme Kryvyi Rih") as a person's; a place keeps its
    kind ("Acme region"), and a corporate word alone (the "Mining" of a mistaken span) opens
    no company.
    """
    rest = name[len(company) + 1 :].split()
    return (
        name.startswith(company + " ")
        and not CORPORATE.fullmatch(company)
        and all(word[:1].isupper() for word in rest)
    )


def _shortens(short: str, name: str) -> bool:
    """Whether ``short`` is the opening or the closing words of ``name``.

    A corporate word alone ("Mining" of "Vardal Mining") names no company.
    """
    return name.startswith(short + " ") or (
        name.endswith(" " + short) and not CORPORATE.fullmatch(short)
    )


def _with_alias_kinds(text: str, found: list[Name]) -> tuple[Name, ...]:
    """A short form defined for a company ("Eurasian Resources Group (ERG)") is a company."""
    aliases = defined_aliases(text, found)
    return tuple(
        Name(n.start, n.end, n.text, aliases[n.text].kind) if n.text in aliases else n
        for n in found
    )


def of_kind(found: Iterable[Name], *kinds: Kind) -> list[Name]:
    """The mentions of the given kinds."""
    return [name for name in found if name.kind in kinds]


def _widened(doc: Doc, name: Name) -> Name:
    """A place keeps the word that says what it is ("Abai Region") and a compass ("northern")."""
    start, end, kind = name.start, name.end, name.kind
    if tail := _PLACE_AFTER.match(doc.text, end):
        end, kind = tail.end(), "place"
    if kind in ("country", "place") and (compass := _COMPASS_BEFORE.search(doc.text[:start])):
        start, kind = compass.start(), "place"
    if (start, end) == (name.start, name.end) and kind == name.kind:
        return name
    return Name(start, end, doc.text[start:end], kind)


def company_mentions(text: str) -> list[Span]:
    """Every mention of a company or agency, each carrying the fullest name the text gives it.

    Articles shorten names after the first mention ("Daewon will invest"); a
    mention whose words all stand in one longer company name takes that name, and so
    does one that opens with the initials of its words ("NZ Steel", :func:`_expanded`).
    """
    every = names(text)
    found = of_kind(every, "company", "agency")
    full = sorted({name.text for name in found}, key=len, reverse=True)
    aliases = {short: name.text for short, name in defined_aliases(text, every).items()}
    return [Span(name.start, name.end,
                 _fullest(aliases.get(name.text) or _expanded(name.text, full), full))
            for name in found]  # fmt: skip


def _expanded(name: str, full: list[str]) -> str:
    """The one longer name whose opening words ``name``'s first word abbreviates.

    "NZ Steel" for "New Zealand Steel", "FMC" for "Freedonia Mining Corporation SA": the
    initials of the capitalised words, legal forms aside, with the words after them alike.
    """
    first, *rest = name.split() or [""]
    if not re.fullmatch(r"[A-Z]{2,5}", first):
        return name
    found = [other for other in full if _initials(other, len(first), rest) == first]
    return found[0] if len(found) == 1 else name


def _initials(name: str, count: int, rest: list[str]) -> str:
    """The initials of ``name``'s first ``count`` words when ``rest`` is all that follows."""
    words = [w for w in name.split() if w[:1].isupper() and not is_legal_form(w)]
    return "".join(w[0] for w in words[:count]) if words[count:] == rest else ""


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w’'&-]+", name)} - {"the", "of", "and"}


def _fullest(name: str, full: list[str]) -> str:
    words = _words(name)
    longer = [other for other in full if len(other) > len(name) and words < _words(other)]
    return (
        longer[0]
        if len(longer) == 1
        or (longer and all(_words(other) <= _words(longer[0]) for other in longer))
        else name
    )
