"""Deterministic normaliser of quantities and money in news text, with character spans.

:func:`find_quantities` reads every figure of an article the way the contract
stores it: an absolute value in base units (tonnes, MW, currency units), the high
end of a range, the period of a flow, the commodity it measures and a qualifier
("up to") written before it. A quantity's span covers its currency, number, scale
word and unit ("US$318 million", "80 000 t/y", "21,000 – 22,500 tons"); the
qualifier, period words ("per year") and commodity ("of ore") are read around it
but left outside. Values go through :class:`~decimal.Decimal`, so "1.2 billion"
is exactly 1200000000.0.

Single figures are read by :mod:`extract._text.quantity_scan` (tables in
:mod:`extract._text.quantity_lexicon`); this module joins neighbouring figures into
ranges ("70-75 tonnes") and before/after pairs ("from 450,000 to 1 million tons").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from extract._text.quantity_lexicon import Kind, Period
from extract._text.quantity_scan import Atom, read_atoms

__all__ = ["Quantity", "figures_in", "find_quantities", "parse_quantity"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure of a text, normalised to base units, with its span."""

    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str
    kind: Kind
    period: Period | None
    commodity: str | None
    qualifier: str | None


_DASH = re.compile(r"[^\S\r\n]*[-–—‒−][^\S\r\n]*|[^\S\r\n]+to[^\S\r\n]+|-to-")
_TO = re.compile(r"[^\S\r\n]+to[^\S\r\n]+")
_AND = re.compile(r"[^\S\r\n]+and[^\S\r\n]+")
_BETWEEN = re.compile(r"(?i)\bbetween[^\S\r\n]+\Z")
_FROM = re.compile(r"(?i)\bfrom[^\S\r\n]+\Z")
# "raise output by 514,000 tonnes to 1.45 million tonnes": a change and the level it reaches.
_BY = re.compile(r"(?i)\bby[^\S\r\n]+\Z")
# "ranging from X to Y", "varies from X to Y": the ends of one range, not a change.
_RANGING_FROM = re.compile(
    r"(?i)\b(?:rang|var)(?:e|es|ed|ing|y|ies|ied|ying)[^\S\r\n]+from[^\S\r\n]+\Z"
)


def _compatible(low: Atom, high: Atom) -> bool:
    """Whether two neighbouring figures can be the ends of one range or change."""
    if high.yearish:
        return False
    if low.yearish:  # "2000-3000 tonnes", but not "in 2023 – 720,000 tons"
        return high.scale is None and high.unit != "" and low.raw < high.raw < 10 * low.raw
    return low.unit in ("", high.unit) or (low.kind == "money" and high.unit == "")


def _link(text: str, low: Atom, high: Atom) -> Literal["range", "pair"] | None:
    """Tell a range ("X-Y", "X to Y", "between X and Y") from a change ("from X to Y").

    "By X to Y" is a change too: the step and the level it reaches.
    """
    if not _compatible(low, high):
        return None
    gap, before = text[low.end : high.lead], max(0, low.lead - 12)
    if _TO.fullmatch(gap) and _FROM.search(text, before, low.lead):
        return "range" if _RANGING_FROM.search(text, max(0, low.lead - 24), low.lead) else "pair"
    if _TO.fullmatch(gap) and _BY.search(text, before, low.lead):
        return "pair"
    if _AND.fullmatch(gap):
        return "range" if _BETWEEN.search(text, before, low.lead) else None
    return "range" if _DASH.fullmatch(gap) else None


def _inherit(low: Atom, high: Atom) -> Atom:
    """Give the first figure the second's unit and, in "1.2 to 1.5 billion", its scale."""
    scale = low.scale
    if scale is None and high.scale is not None and low.raw < high.raw:
        scale = high.scale
    if low.unit:
        return replace(low, scale=scale, yearish=False)
    return replace(low, scale=scale, unit=high.unit, kind=high.kind, factor=high.factor,
                   period=low.period or high.period, commodity=low.commodity or high.commodity,
                   yearish=False)  # fmt: skip


def _quantity(text: str, atom: Atom, high: Atom | None = None) -> Quantity:
    last = high or atom
    return Quantity(
        start=atom.start,
        end=last.end,
        text=text[atom.start : last.end],
        value=float(atom.value),
        value_max=float(high.value) if high else None,
        unit=atom.unit,
        kind=atom.kind,
        period=last.period or atom.period,
        commodity=last.commodity or atom.commodity,
        qualifier=atom.qualifier,
    )


def _combine(text: str, low: Atom, high: Atom) -> list[Quantity] | None:
    link = _link(text, low, high)
    if link is None:
        return None
    first = _inherit(low, high)
    if not high.unit:  # "$1.2-1.5 billion": the currency is written once
        high = replace(high, unit=first.unit, kind=first.kind)
    if link == "pair":
        return [_quantity(text, first), _quantity(text, high)]
    if first.value > high.value:
        return None
    return [_quantity(text, first, high)]


def _assemble(text: str, atoms: list[Atom]) -> list[Quantity]:
    found: list[Quantity] = []
    index = 0
    while index < len(atoms):
        atom = atoms[index]
        pair = _combine(text, atom, atoms[index + 1]) if index + 1 < len(atoms) else None
        if pair is not None:
            found.extend(pair)
            index += 2
            continue
        if not atom.yearish:
            found.append(_quantity(text, atom))
        index += 1
    return found


def find_quantities(text: str) -> list[Quantity]:
    """Return every quantity in ``text``, sorted by start, spans never overlapping.

    Years, dates, times, rankings ("Top 10"), ordinals and spelled-out numbers
    without a scale or unit ("two plants") are not quantities; bare numbers
    with digits are, with kind "number".

    Args:
        text: Any text; an article or a sentence.

    Returns:
        The quantities; "from X to Y" gives two, "X-Y" gives one range.

    """
    result: list[Quantity] = []
    for quantity in sorted(_assemble(text, read_atoms(text)), key=lambda q: q.start):
        if not result or quantity.start >= result[-1].end:
            result.append(quantity)
    return result


def parse_quantity(phrase: str) -> Quantity | None:
    """Return the best quantity of a short phrase: the first with a unit, else the first.

    Args:
        phrase: A short phrase such as "up to 2 million tons of alumina per year".

    """
    found = find_quantities(phrase)
    with_unit = [quantity for quantity in found if quantity.kind != "number"]
    best = with_unit or found
    return best[0] if best else None


def figures_in(text: str) -> list[float]:
    """Return every value and range end of :func:`find_quantities`, bare numbers included.

    Used to check a record's value against its evidence sentence.
    """
    figures: list[float] = []
    for quantity in find_quantities(text):
        figures.append(quantity.value)
        if quantity.value_max is not None:
            figures.append(quantity.value_max)
    return figures
