"""Grounding: is a predicted record's evidence in the article, and does it carry the figure.

Evidence is scored against the article text, never against the gold evidence. A
record is *grounded* when its evidence is a verbatim substring of the text (runs
of whitespace are folded, since line wrapping is not a change of wording) and
contains the record's value: PlantFact ``value`` (and ``value_max`` when set),
InvestmentDeal ``amount`` when set.

The figure check is deliberately simple and self-contained: every number written
in the evidence ("9,000", "1,2", "1 200 000", "2.5") is read in each plausible
way, and the value matches when one reading times 1, 10^3, 10^6, 10^9 or 10^12
is within 1 % of it. So 223000 is found in "223 thousand tonnes" and 1.2e9 in
"$1.2 bn", without parsing the scale words themselves. The scales that are not
powers of 1000, South Asian lakh (10^5) and crore (10^7), are read from the
word after the number: 7.3e9 is in "₹730 crore", 2.5e6 in "Rs 25 lakh".
"""

from __future__ import annotations

import re

from evals._compare import numbers_agree
from evals._models import Grounding
from extract._schema import InvestmentDeal, PlantFact
from extract._text.numbers import figures_in

_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)*")
_SPACE_SEPARATORS = str.maketrans("", "", " \u00a0\u202f")
_SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)
_WORD_SCALES = {"lakh": 1e5, "lac": 1e5, "crore": 1e7, "cr": 1e7}
_SCALED_NUMBER = re.compile(rf"({_NUMBER.pattern})\s*(lakh|lac|crore|cr)s?\b", re.IGNORECASE)


def evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Return the ``(start, end)`` of ``evidence`` in ``text``, folding whitespace runs.

    Returns:
        The span of the first occurrence, or None when the evidence is not in the text.

    """
    words = evidence.split()
    if not words:
        return None
    start = text.find(evidence)
    if start >= 0:
        return start, start + len(evidence)
    found = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (found.start(), found.end()) if found else None


def figures(text: str) -> set[float]:
    """Return every plausible reading of every number written in ``text``."""
    readings: set[float] = set()
    for token in _NUMBER.findall(text):
        readings |= _readings(token.translate(_SPACE_SEPARATORS))
    return readings


def _readings(token: str) -> set[float]:
    separators = [char for char in token if char in ".,"]
    if not separators:
        return {float(token)}
    if len(set(separators)) == 2:
        # "1,234.5" or "1.234,5": the last separator is the decimal point.
        decimal = separators[-1]
        whole, _, fraction = token.rpartition(decimal)
        return {float(re.sub(r"[.,]", "", whole) + "." + fraction)}
    grouped = token.replace(separators[0], "")
    if len(separators) > 1:
        return {float(grouped)}
    # One separator: "1,2" is a decimal comma, "9,000" a thousands group, "1.200"
    # either; take every reading, a false match needs the same digits anyway.
    return {float(grouped), float(token.replace(",", "."))}


def word_scaled_figures(text: str) -> set[float]:
    """Return the readings of numbers followed by a lakh or crore word, times its scale."""
    readings: set[float] = set()
    for number, word in _SCALED_NUMBER.findall(text):
        scale = _WORD_SCALES[word.lower()]
        readings |= {r * scale for r in _readings(number.translate(_SPACE_SEPARATORS))}
    return readings


def figure_in(value: float, evidence: str) -> bool:
    """Return True when ``value`` is written in ``evidence`` (at some power-of-1000 scale).

    Figures written in words ("one thousand tonnes") are read by the extraction's
    own number normaliser, which is deterministic and model-free; lakh and crore
    by :func:`word_scaled_figures`.
    """
    if any(numbers_agree(value, reading * s) for reading in figures(evidence) for s in _SCALES):
        return True
    if any(numbers_agree(value, reading) for reading in word_scaled_figures(evidence)):
        return True
    return any(numbers_agree(value, reading) for reading in figures_in(evidence))


def check_grounding(record: InvestmentDeal | PlantFact, text: str) -> Grounding:
    """Check one predicted record's evidence against its article text.

    Args:
        record: A predicted deal or plant fact.
        text: The full article text.

    """
    span = evidence_span(text, record.evidence)
    if isinstance(record, PlantFact):
        values = [record.value] + ([record.value_max] if record.value_max is not None else [])
    else:
        values = [record.amount] if record.amount is not None else []
    has_value = all(figure_in(value, record.evidence) for value in values)
    return Grounding(
        verbatim=span is not None,
        value_in_evidence=has_value,
        grounded=span is not None and has_value,
        start=span[0] if span else None,
        end=span[1] if span else None,
    )
