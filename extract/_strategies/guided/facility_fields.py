"""Which facility a figure is of, and where that facility is: the fields of a plant fact.

A facility near the figure scores by :func:`~.article_index.nearby`; when none
is, the article's own facility (named once at the top, then "the plant") is
taken, and a bare head noun in the figure's sentence ("The plant will produce")
refers back to the facility with that head. Its location is the most specific
place the text puts it in (GUIDELINES 25, 48): places in the facility's name or
in sentences that tell of it, then places near the figure; a dateline or a
company's home ("London-listed") places nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract._strategies.guided.article_index import ArticleIndex, nearby
from extract._strategies.guided.facility_sites import (
    deposit_site,
    names_facility,
    places_nothing,
    site_told,
    wider_places,
)
from extract._text.facilities import FACILITY_HEADS
from extract._text.facility_refs import PLANT_HEADS
from extract._text.nlp import parse
from extract._text.reading import Span
from extract._vocab import is_world_region

if TYPE_CHECKING:
    from spacy.tokens import Token

_BARE_HEAD = re.compile(r"\b(?:the|this|that|its|new)\s+(\w+)\b", re.IGNORECASE)


def facility_priors(index: ArticleIndex, sentence_no: int, at: int) -> dict[str, float]:
    """Facility spans near the figure; plants beat deposits when nothing is in the sentence.

    "The plant will produce ...": a bare head noun in the figure's sentence refers
    to the article's facility with that head, however far back it was named.
    """
    priors = nearby(index.facilities, index, sentence_no, at)
    if not priors:
        priors = _article_facilities(index, at)
    sentence = index.sentences[sentence_no]
    named_here = any(sentence.start <= f.start < sentence.end for f in index.facilities)
    heads = {m.group(1).lower() for m in _BARE_HEAD.finditer(sentence.text)} & FACILITY_HEADS
    if heads and not named_here:
        referred = [f for f in index.facilities if f.start < at and _head_of(f.text) in heads]
        for rank, span in enumerate(reversed(referred)):
            priors[span.text] = priors.get(span.text, 0.0) + 2.0 / (rank + 1)
    for name in priors:
        if re.search(r"\b(?:deposits?|field|project)\b", name, re.I) and len(priors) > 1:
            priors[name] -= 0.3
        if name[:1].isupper():
            priors[name] += 0.5  # a proper name identifies a facility better than a description
    return priors


def names_a_facility(index: ArticleIndex, sentence_no: int) -> bool:
    """Whether a sentence names a facility, or speaks of one by its head noun ("the plant").

    "The plant has an annual capacity of 1 Mt and can produce 3,300 t a day": after
    "a new cement plant of X" the bare head is that facility, as good as its name. The
    head need not repeat the name's own head ("the plant" after "the X concentrator"),
    nor follow a name at all ("The complex will make 2 Mt a year"): a definite facility
    noun says the figure is a facility's, not a company's or a country's.
    """
    sentence = index.sentences[sentence_no]
    if any(sentence.start <= f.start < sentence.end for f in index.facilities):
        return True
    return bool({m.group(1).lower() for m in _BARE_HEAD.finditer(sentence.text)} & FACILITY_HEADS)


def _head_of(name: str) -> str:
    heads = [w.lower() for w in re.findall(r"[\w-]+", name) if w.lower() in FACILITY_HEADS]
    return heads[-1] if heads else ""


def _article_facilities(index: ArticleIndex, at: int) -> dict[str, float]:
    """When no facility is named near a figure, the article's own: latest before it first.

    Articles in this genre are often about one plant, named once at the top and
    then called "the plant" or "the facility".
    """
    before = [s for s in index.facilities if s.start < at][::-1]
    after = [s for s in index.facilities if s.start >= at]
    priors: dict[str, float] = {}
    for rank, span in enumerate([*before, *after]):
        priors.setdefault(span.text, 0.5 / (rank + 1))
    return priors


_SPECIFIC = (
    (re.compile(r"\b(?:village|town|city|settlement)\b", re.I), 3.0),
    (re.compile(r"\b(?:district|area|county|zone|park)\b", re.I), 2.5),
    (re.compile(r"\b(?:region|province|oblast|state|territory)\b", re.I), 1.0),
)
_COMPASS_NAME = re.compile(r"^(?:north|south|east|west|central)", re.I)
# "London-listed Antofagasta", "the Jersey-based firm": the place a company is based or
# listed in, not where its facility is.
_HOME_OF = re.compile(r"[-‐–]\s?(?:based|listed|headquartered|registered|domiciled)\b", re.I)
# "in Kokand", "near the village of Aktogai", "north of X", "20 km from X" (GUIDELINES 48).
_LOCATED = re.compile(
    r"\b(?:in|near|at|outside|(?:north|south|east|west)[a-z-]*\s+of|(?:km|miles)\s+from)"
    r"\s+(?:the\s+)?(?:(?:village|town|city|settlement)\s+of\s+)?$"
)
_LOCATED_REACH = 32  # characters before a place in which _LOCATED is read
_LOCATED_BONUS = 2.0


def place_rank(name: str) -> float:
    """How specific a place is: a town or village beats a district, which beats a region."""
    for pattern, rank in _SPECIFIC:
        if pattern.search(name):
            return rank
    return 0.5 if _COMPASS_NAME.match(name) else 2.0


def location_for(
    index: ArticleIndex, facility: str | None, sentence_no: int, at: int
) -> str | None:
    """The most specific place the text puts a figure's facility in (GUIDELINES 25, 48).

    Places in the facility's own name or in sentences that name the facility come
    first, then places something is said to be in ("in Kokand", "near the village of
    Aktogai") in the figure's sentence and the few before it; a place merely named
    nearby (a governor's region, a deal's topic) places nothing, and a dateline
    ("ASTANA –") places the reporter, not the plant. When none of these places it, a
    place the article says something is located in ("a deposit located in the X
    district") is where the article's facility is.
    """
    if site := site_told(
        index, lambda s: _tells_of(index, s, facility or "") or s.start <= at < s.end
    ):
        return site  # "located in the industrial zone of X": more specific than X itself
    places = _candidate_places(index, facility)
    if facility and (inside := [p for p in places if p.text in facility]):
        # "a smelter in Dhenkanal, Odisha": of two places as specific, the first is inside
        # the second.
        return max(inside, key=lambda p: (place_rank(p.text), -facility.find(p.text))).text
    scores = _near_scores(index, places, sentence_no, at)
    if facility:
        _add_telling_scores(index, places, facility, scores)
    if not scores:
        # No fallback to "the article's only place": the text must put a plant somewhere,
        # but "the deposit, located in the X district" puts the article's facility there.
        scores = {p.text: place_rank(p.text) for p in places if _sited(index, p)}
    # "a plant at the X deposit" and no town or region: the deposit places it (GUIDELINES 25)
    return max(scores, key=scores.__getitem__) if scores else deposit_site(facility)


# "located in", "situated about 160 km south-east of": the text says where something is.
_SITED = re.compile(r"\b(?:located|situated|lies|lying)\b[^.\n]{0,40}?\b(?:in|near|at|of)\s+"
                    r"(?:the\s+)?$")  # fmt: skip


def _fold(name: str) -> str:
    """A name with its typographic apostrophes made plain: "Ma’aden" -> "Ma'aden"."""
    return name.replace("’", "'").replace("‘", "'")


def _sited(index: ArticleIndex, place: Span) -> bool:
    """Whether the text says something is located at ``place``."""
    return bool(_SITED.search(index.text[max(0, place.start - 60) : place.start]))


def _candidate_places(index: ArticleIndex, facility: str | None) -> list[Span]:
    """The article's places, less datelines, homes, ranking scopes, actors and own names."""
    places = [p for p in index.locations if not _dateline(index, p) and not _home_of(index, p)]
    places = [p for p in places if not _ranking_scope(index, p) and not _acts(index, p)]
    places = [p for p in places if not places_nothing(index.text, p)]
    # A name the text also gives a company ("X's complex" beside "Y Company (X)") is an
    # owner, not a place, however its apostrophe is typed.
    companies = {_fold(n.text) for n in index.names if n.kind == "company"}
    places = [p for p in places if _fold(p.text) not in companies]
    sites = {p.text for p in places if _is_a_facility(index, p)}
    places = [p for p in places if p.text not in sites]
    # "the largest of its kind in the Middle East": a continent places nothing (GUIDELINES 25).
    places = [p for p in places if not is_world_region(p.text)]
    # "the Northvale mine": a place that names the facility is not where it is (S10), nor
    # where another is: "ore mined in Muruntau" after "the Muruntau quarry" names the quarry.
    named = [facility] if facility else []
    named += [f.text for f in index.facilities]
    places = [p for p in places if not any(names_facility(p.text, name) for name in named)]
    wider = wider_places(index.text, places)
    return [p for p in places if p not in wider]


def _near_scores(
    index: ArticleIndex, places: list[Span], sentence_no: int, at: int
) -> dict[str, float]:
    """Places near the figure that something is said to be in, by nearness and specificity."""
    near = nearby(places, index, sentence_no, at)
    # "in Kokand", "near the village of Aktogai": only a place something is said to be in
    # counts, not one named as a party or a topic ("Akmola region's governor", "the Ferghana
    # deal"): those made most of the spurious locations on tune.
    reach = _LOCATED_REACH
    located = {p.text for p in places
               if _LOCATED.search(index.text[max(0, p.start - reach) : p.start])}  # fmt: skip
    return {
        name: score + place_rank(name) + _LOCATED_BONUS
        for name, score in near.items()
        if name in located
    }


def _add_telling_scores(
    index: ArticleIndex, places: list[Span], facility: str, scores: dict[str, float]
) -> None:
    """Raise in ``scores`` the places of every sentence that tells of the facility."""
    for sentence in index.sentences:
        if _tells_of(index, sentence, facility):
            for p in places:
                if sentence.start <= p.start < sentence.end:
                    scores[p.text] = max(scores.get(p.text, 0.0), 2.0 + place_rank(p.text))


def _tells_of(index: ArticleIndex, sentence: Span, facility: str) -> bool:
    """Whether a sentence names the facility, or refers back to it by its head noun.

    "The plant is located in the Enbekshikazakh district" after "the Boguta processing
    plant" is said of that plant.
    """
    mentions = [f for f in index.facilities if f.text == facility]
    if any(sentence.start <= f.start < sentence.end for f in mentions):
        return True
    heads = {m.group(1).lower() for m in _BARE_HEAD.finditer(sentence.text)}
    named_before = any(f.start < sentence.start for f in mentions)
    # "The facility, located in X" after "a fertiliser plant": a word for any plant.
    plant = _head_of(facility) in PLANT_HEADS and bool(heads & {"plant", "facility", "factory"})
    return named_before and (_head_of(facility) in heads or plant)


def _acts(index: ArticleIndex, place: Span) -> bool:
    """Whether a place is the subject of a verb: an actor, not where a facility is.

    "Zenda will supply Kuma with ore", "Zenda said": a name the reader took for a place
    but that acts is a company's or an authority's; the text puts a facility in a place
    with a preposition (GUIDELINES 25).
    """
    span = parse(index.text).char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "nsubj" and span.root.head.pos_ == "VERB"


def _is_a_facility(index: ArticleIndex, place: Span) -> bool:
    """Whether the text says a place is a facility: "X is a greenfield project".

    A deposit or mine named after its site is the facility itself, not where it is
    (GUIDELINES 48).
    """
    span = parse(index.text).char_span(place.start, place.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "nsubj" or span.root.head.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and c.lower_ in FACILITY_HEADS for c in span.root.head.children)


def _ranking_scope(index: ArticleIndex, place: Span) -> bool:
    """Whether a place is only the scope of a ranking, not where anything is.

    "the largest smelter in Freedonia", "Freedonia's first refinery": the place bounds
    a superlative or an ordinal (read from the parse), it does not put the facility
    in it (GUIDELINES 25).
    """
    span = parse(index.text).char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "poss":
        ranked = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "in":
        ranked = root.head.head
    else:
        return False
    return _ranks(ranked) or any(c.dep_ == "amod" and _ranks(c) for c in ranked.children)


def _ranks(token: Token) -> bool:
    return token.tag_ in ("JJS", "RBS") or token.ent_type_ == "ORDINAL"


def _home_of(index: ArticleIndex, place: Span) -> bool:
    return bool(_HOME_OF.match(index.text, place.end))


def _dateline(index: ArticleIndex, place: Span) -> bool:
    line_start = index.text.rfind("\n", 0, place.start) + 1
    return place.start == line_start and place.text.isupper()
