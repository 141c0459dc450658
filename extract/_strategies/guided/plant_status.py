"""Plant status and metric made consistent across an article's plant facts.

A plant's status is one fact about the plant (GUIDELINES 28-30), so the facts of one
facility are brought to one status once every figure is read: a plant that reported
output is operating, one the article says is being built is under construction, a
"new ..." plant is planned; the annual output of a plant not yet built is its
capacity; and one figure told twice (headline and body) is one fact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from extract._schema import PlantFact
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.cues import BUILDING
from extract._text.facility_refs import content_words

_NEW_FACILITY = re.compile(r"^(?:new|second|third|future|planned|proposed)\b", re.IGNORECASE)


def consistent_status(facts: list[PlantFact], building: set[str]) -> list[PlantFact]:
    """One status per facility: the state of the plant, not of each figure.

    A plant that reported output is operating, even when a figure is its target;
    one the article says is being built is under construction; a "new ..." plant
    is planned. Under construction, when read, is kept.
    """
    producing = {f.facility for f in facts if f.metric == "production"}
    result = []
    for fact in facts:
        status = fact.status
        if status != "under_construction":
            if fact.facility in producing:
                status = "operating"
            elif fact.facility in building:
                status = "under_construction"
            elif _NEW_FACILITY.match(fact.facility):
                status = "planned"
        result.append(fact.model_copy(update={"status": status}))
    return _one_status_per_plant(_stocks_take_plant_status(result))


_PRIORITY = ("operating", "under_construction", "planned")


def _one_status_per_plant(facts: list[PlantFact]) -> list[PlantFact]:
    """All figures of one facility share its status: the one most of them read.

    A plant's status is one fact about the plant (GUIDELINES 30); a tie goes to the
    state that needs the most said of it (operating, then under construction).
    """
    votes = _status_votes(facts, lambda fact: True)
    chosen = {name: max(_PRIORITY, key=lambda s: (count[s], -_PRIORITY.index(s)))
              for name, count in votes.items()}  # fmt: skip
    return [fact.model_copy(update={"status": chosen[fact.facility]})
            if fact.facility in chosen else fact for fact in facts]  # fmt: skip


_STOCKS = ("reserves", "cost")


def _status_votes(
    facts: list[PlantFact], voting: Callable[[PlantFact], bool]
) -> dict[str, Counter[str]]:
    """How many of each facility's voting figures read each status."""
    votes: dict[str, Counter[str]] = {}
    for fact in facts:
        if fact.status and voting(fact):
            votes.setdefault(fact.facility, Counter())[fact.status] += 1
    return votes


def _stocks_take_plant_status(facts: list[PlantFact]) -> list[PlantFact]:
    """Reserves and cost take the status the facility's other figures give it (GUIDELINES 30).

    "The mine will produce 2 Mt a year; its reserves are 40 Mt": the reserves sentence
    says nothing of the mine's state, its output figure does.
    """
    flows = _status_votes(facts, lambda fact: fact.metric not in _STOCKS)
    return [fact.model_copy(update={"status": flows[fact.facility].most_common(1)[0][0]})
            if fact.metric in _STOCKS and fact.facility in flows else fact
            for fact in facts]  # fmt: skip


_BEING_BUILT = re.compile(
    rf"\b(?:{BUILDING}|(?:is|are) being (?:built|constructed)"
    r"|under construction)\b",
    re.IGNORECASE,
)


def being_built(index: ArticleIndex) -> set[str]:
    """Facilities a sentence says are being built (their figures may stand elsewhere)."""
    return {facility.text for sentence in index.sentences if _BEING_BUILT.search(sentence.text)
            for facility in index.facilities
            if sentence.start <= facility.start < sentence.end}  # fmt: skip


def capacity_if_unbuilt(fact: PlantFact) -> PlantFact:
    """The annual output of a facility not yet built is its capacity (contract)."""
    unbuilt = fact.status in ("planned", "under_construction")
    # Output in a stated period stays production (GUIDELINES 28): "to produce 5 Mt in 2027".
    if unbuilt and fact.metric == "production" and fact.period == "year" and not fact.as_of:
        return fact.model_copy(update={"metric": "capacity"})
    return fact


def one_per_figure(facts: list[PlantFact], headline: str) -> list[PlantFact]:
    """One figure of one facility is one PlantFact however often the article tells it.

    A figure told again of the same facility, or told in the headline of a facility the
    body names in full ("X opens 2 Mtpa steel plant", "X started its 2 Mtpa steel plant
    at Y"), is one fact: the telling with the fullest facility name is kept.
    Two bodies' sentences with a figure of "cement plant" and of "Y cement plant" may tell
    two plants; facilities named apart ("blast furnace C", "blast furnace D") keep a figure
    each.
    """
    kept: list[PlantFact] = []
    for fact in sorted(facts, key=lambda f: -len(f.facility)):
        if not any(_same_figure(fact, other, headline) for other in kept):
            kept.append(fact)
    return [fact for fact in facts if fact in kept]


def _same_figure(fact: PlantFact, other: PlantFact, headline: str) -> bool:
    figure = ("metric", "value", "value_max", "unit", "period", "as_of", "commodity")
    if any(getattr(fact, name) != getattr(other, name) for name in figure):
        return False
    told_again = fact.facility == other.facility or headline in (fact.evidence, other.evidence)
    return told_again and content_words(fact.facility) <= content_words(other.facility)
