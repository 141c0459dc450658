"""What a figure measures and when: its commodity, its as-of date and its period.

These fields are read directly off the figure's clause where the text is
explicit, not chosen among spans by the decider: the normaliser's "of X" or a
commodity word after the figure, a year that dates it ("in 2023", "2016-H1",
"last year" against the publication year), and a period word ("per day",
"quarter"), else a year, since capacities and outputs in this genre are annual.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from extract._schema import PlantFact
from extract._strategies.guided.cues import PLANT_STATUS, score
from extract._text.names import names, of_kind
from extract._text.nlp import pipeline
from extract._text.numbers import Quantity
from extract._text.quantity_lexicon import MONTHS
from extract._text.reading import Span, years
from extract._vocab import COMMODITY_WORDS, canonical_commodity

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc, Token

# Longest first, so that "copper cathode" wins over "copper" (matched without case: "HBI").
_COMMODITY_WORDS = sorted(COMMODITY_WORDS, key=len, reverse=True)
_COMMODITY = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _COMMODITY_WORDS) + r")\b", re.I)


def commodities_in(text: str) -> list[str]:
    """Canonical commodities named in ``text``, in order of first mention.

    Words inside company names ("Baowu Steel", "Kazakhmys Copper") are not
    commodities of the record.
    """
    for company in of_kind(names(text), "company"):
        text = text.replace(company.text, " ")
    seen: dict[str, None] = {}
    for match in _COMMODITY.finditer(text):
        seen.setdefault(canonical_commodity(match.group(0)), None)
    return list(seen)


def deal_commodities(text: str) -> list[str]:
    """What a deal is about: the commodities of ``text``, without the bare "ore".

    A deal is in a metal or a product; "ore" alone is the raw form of any of them
    (the gold labels it on one deal in 237), so it names no commodity of a deal.
    """
    return [commodity for commodity in commodities_in(text) if commodity != "ore"]


def commodity_for(quantity: Quantity, clause: str, facility: str | None) -> str | None:
    """What a tonnage measures: the normaliser's 'of X', else the clause, else the facility.

    A power figure measures electricity, no commodity of the vocabulary: the coal of
    "a 360 MW coal-fired plant" is its fuel.
    """
    if quantity.kind == "power" or quantity.unit in ("MW", "MWh"):
        return None
    if quantity.commodity:
        return _as_ore(quantity.commodity, clause)
    at = clause.find(quantity.text)
    before, after = _own_item(clause, at) if at >= 0 else ("", "")
    found = commodities_in(after) or commodities_in(before) or commodities_in(clause)
    found = found or commodities_in(facility or "")
    if not found and quantity.unit == "oz":
        return "gold"  # ounces of nothing named: the genre weighs gold in troy ounces
    return _as_ore(found[0], clause) if found else None


# Commodities whose ore is a vocabulary commodity of its own.
_OWN_ORE = frozenset({"iron ore", "polymetallic", "ore", "bauxite", "phosphate"})


def _as_ore(commodity: str, clause: str) -> str:
    """'1 Mt of gold ore' measures ore, not gold (GUIDELINES 27: never infer the metal)."""
    if commodity in _OWN_ORE:
        return commodity
    ore = re.search(rf"\b{re.escape(commodity)}(?:-bearing)?\s+ores?\b", clause, re.IGNORECASE)
    return "ore" if ore else commodity


_ITEM_BREAK = re.compile(r"[,;]\s")


def _own_item(clause: str, at: int) -> tuple[str, str]:
    """The list item a figure at ``at`` is in, before it and from it on.

    "zinc reserves of 45 Mt, silver reserves - 300 t": a comma starts the next item,
    so the first figure's commodity is not the one named after it.
    """
    starts = [m.end() for m in _ITEM_BREAK.finditer(clause, 0, at)]
    stop = _ITEM_BREAK.search(clause, at)
    return clause[starts[-1] if starts else 0 : at], clause[at : stop.start() if stop else None]


_HALF = re.compile(r"\b(?:H([12])|(first|second) half)(?: of)?\s*((?:19|20)\d\d)?", re.I)
_RELATIVE = {"last year": -1, "this year": 0, "next year": 1, "previous year": -1}


def as_of_for(clause: str, published_year: int | None, figure: str = "") -> str | None:
    """When a figure holds: '2016-H1', a year in its clause, or 'last year' resolved.

    Of several dates, the one nearest the figure (its text ``figure`` in the clause):
    "300,000 t this year, rising to 500,000 t in 2013" dates each figure by its own.
    """
    half = _HALF.search(clause)
    if half and half.group(3):
        part = "1" if (half.group(1) == "1" or (half.group(2) or "").lower() == "first") else "2"
        return f"{half.group(3)}-H{part}"
    dates = [(y.start, _dated(clause, y)) for y in years(clause)
             if not _in_range(clause, y) and _dates(clause, y)]  # fmt: skip
    at = clause.find(figure) if figure else -1
    if dates and at >= 0:
        dates = _not_aside(clause, dates, at)
    relative = [(m.start(), str(published_year + delta)) for phrase, delta in _RELATIVE.items()
                for m in re.finditer(phrase, clause.lower())] if published_year else []  # fmt: skip
    if at >= 0 and dates + relative:
        dated = _not_of_a_plan(clause, dates + relative, at)
        dated = [d for d in dated if not _COMPARED.search(clause, at + len(figure), d[0])]
        return (
            min(dated, key=lambda date: _gap(clause, date[0], at, len(figure)))[1]
            if dated
            else None
        )
    if dates:
        return dates[-1][1]
    return relative[0][1] if relative else None


# "to 450,000 t compared to 300,000 t last year": a date after a compared figure is its own.
_COMPARED = re.compile(r"\b(?:compared (?:to|with)|against|versus)\b[^,;]*\d", re.I)


def _gap(clause: str, start: int, at: int, length: int) -> int:
    """Characters between a date at ``start`` and the figure at ``at``, edge to edge.

    "500,000 t in 2013 and 650,000 t in 2014": the second figure's own date is the
    one right after it, four characters off, not the one five characters before it.
    """
    if start >= at + length:
        return start - (at + length)
    phrases = [len(p) for p in _RELATIVE if clause.lower().startswith(p, start)]
    size = phrases[0] if phrases else 4  # "last year", else a four-digit year
    return at - (start + size)


def _not_aside(clause: str, dates: list[tuple[int, str]], at: int) -> list[tuple[int, str]]:
    """The dates not told in a past aside on a noun before the figure.

    "The plant, launched in 2008, employs 200 people"; "X, which bought Y in 2007, will
    raise output to 1 Mt": the year dates the aside's own event, not the figure after it.
    An aside of the future ("which will start in 2025", "expected to start in 2025") may
    date the figure (GUIDELINES 40: a first-production year in its sentence does).
    """
    doc = _parsed(clause)
    kept = []
    for start, text in dates:
        token = next((t for t in doc if t.idx == start), None)
        aside = next((a for a in ([token, *token.ancestors] if token else [])
                      if a.dep_ in ("relcl", "acl")), None)  # fmt: skip
        if aside is None or not _past_aside(aside, at):
            kept.append((start, text))
    return kept


@lru_cache(maxsize=64)
def _parsed(clause: str) -> Doc:
    """The clause parsed on its own (not the article's cached parse, which it would evict)."""
    return pipeline()(clause)


_BUILD = frozenset({"build", "construct", "erect", "establish"})


def _not_of_a_plan(clause: str, dates: list[tuple[int, str]], at: int) -> list[tuple[int, str]]:
    """The dates not of a decision to build what has the figure.

    "Last year, X decided to build a plant with a capacity of 35,000 t": the year dates
    the decision; the figure hangs under "build", below the verb the year is on.
    """
    doc = _parsed(clause)
    figure = next((t for t in doc if t.idx >= at), None)
    kept = []
    for start, text in dates:
        token = next((t for t in doc if t.idx == start), None)
        verb = next(
            (a for a in ([token, *token.ancestors] if token else []) if a.pos_ == "VERB"), None
        )
        between = []
        for up in figure.ancestors if figure is not None else []:
            if up == verb:
                break
            between.append(up)
        else:
            between = []  # the date's verb does not govern the figure
        if not any(t.pos_ == "VERB" and t.lemma_ in _BUILD for t in between):
            kept.append((start, text))
    return kept


def _past_aside(aside: Token, at: int) -> bool:
    """A clause set off by a comma before the figure (at ``at``) that tells of the past."""
    words = list(aside.subtree)
    before = words[0].nbor(-1) if words[0].i > 0 else None
    ends_before = words[-1].idx + len(words[-1]) <= at
    future = any(t.tag_ == "MD" or t.dep_ == "xcomp" for t in words)
    return bool(before is not None and before.text in (",", "(") and ends_before and not future)


_YEAR_LEAD = re.compile(
    r"\b(?:in|by|until|till|through|for|of|from|to|during|end of|since)\s+(?:the\s+)?"
    r"(?:(?:first|second|third|fourth)\s+(?:half|quarter)\s+of\s+|(?:"
    + "|".join(MONTHS)
    + r")\s+)?(?:fiscal\s+)?$",
    re.IGNORECASE,
)
_PART = re.compile(r"(?:(first|second|third|fourth)\s+quarter\s+of|(\w+))\s+$", re.IGNORECASE)
_QUARTERS = ("first", "second", "third", "fourth")


def _dated(text: str, year: Span) -> str:
    """A date as GUIDELINES 35 writes it: "2017-12" after a month, "2022-Q2" after a quarter."""
    part = _PART.search(text, max(0, year.start - 30), year.start)
    quarter, word = (part.group(1), part.group(2)) if part else (None, None)
    if quarter:
        return f"{year.text}-Q{_QUARTERS.index(quarter.lower()) + 1}"
    month = word.lower() if word else ""
    return f"{year.text}-{MONTHS.index(month) + 1:02d}" if month in MONTHS else year.text


def _dates(text: str, year: Span) -> bool:
    """A year that dates a figure: 'in 2023', 'by 2029', '2023 output', not 'a 2019 law'."""
    before = text[max(0, year.start - 40) : year.start]
    after = text[year.end : year.end + 12]
    return bool(_YEAR_LEAD.search(before)) or bool(
        re.match(r"[’']?s? (?:output|production)", after)
    )


def _in_range(text: str, year: Span) -> bool:
    """Years of a span such as '2014-2015' or '2024–2028' date a programme, not a figure."""
    return bool(re.match(r"\s*[-–]\s*(?:19|20)\d\d", text[year.end :])) or bool(
        re.search(r"(?:19|20)\d\d\s*[-–]\s*$", text[: year.start])
    )


_PERIOD_WORDS = (
    (re.compile(r"\bH[12]\b|\bhalf\b", re.I), "half_year"),
    (re.compile(r"\bquarter\b|\bQ[1-4]\b", re.I), "quarter"),
    (re.compile(r"\bmonth(?:ly)?\b", re.I), "month"),
    (re.compile(r"\bper day\b|\ba day\b|\bdaily\b", re.I), "day"),
)


def period_for(quantity: Quantity, metric: str, clause: str) -> str | None:
    """The period of a flow; None for stocks (reserves, cost) and jobs."""
    if metric in ("reserves", "cost", "jobs"):
        return None
    if quantity.period:
        return quantity.period
    for pattern, period in _PERIOD_WORDS:
        if pattern.search(clause):
            return period
    return "year"  # capacities and outputs in this genre are annual unless said otherwise


# Words that make an output figure a capacity whatever the facility's state (GUIDELINES 28).
_CAPACITY_WORDS = re.compile(
    r"\bcapacit|\bup to\b|\bdesign|\brated\b|\bnameplate\b|\bable to\b|\bcan (?:produce|make)",
    re.IGNORECASE,
)


def production_if_operating(fact: PlantFact) -> PlantFact:
    """A forecast output of a facility its sentence says operates is production.

    "The mine, operated by X, is expected to produce 2 t of gold a year":
    the contract makes the annual output of an unbuilt facility its capacity, and a
    forecast of an operating one its production (GUIDELINES 28).
    """
    forecast = fact.status == "operating" and fact.metric == "capacity" and fact.unit != "MW"
    said_to_run = score(PLANT_STATUS, fact.evidence)["operating"] > 0
    if forecast and said_to_run and not _CAPACITY_WORDS.search(fact.evidence):
        return fact.model_copy(update={"metric": "production"})
    return fact
