"""Candidate figures: every quantity worth a record, and the context that is not.

Recall comes first: every quantity the normaliser finds becomes a candidate,
unless it is plainly context (a percentage, a bare count, a share price, a
market value, an exchange rate, the same amount repeated in a second currency).
Each dropped figure keeps its reason so the choice can be inspected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract._strategies.guided.money_context import context_reason
from extract._text.numbers import Quantity, find_quantities
from extract._text.reading import Span, sentence_index, sentences
from extract._vocab import country_of

_CONTEXT_MONEY = re.compile(
    r"market (?:value|capitali[sz]ation)|capitali[sz]ation|share price|per share|stock price"
    r"|revenue|net (?:profit|income)|profit|dividend|exchange rate|turnover|GDP|tax(?:es)?\b"
    r"|salar(?:y|ies)|wages?|budget revenue|loan portfolio",
    re.IGNORECASE,
)
_EXCHANGE_RATE = re.compile(r"per (?:US )?dollar|to the dollar|per euro|exchange", re.IGNORECASE)
# "$3.8bn at Navoi" is no "a t(onne)": the article needs its space, "/" and "per" do not.
_PRICE_PER_UNIT = re.compile(
    r"^\s*(?:an?\s+|per\s*|/\s*)(?:metric\s+)?(?:tonne|ton|t|ounce|oz|pound|lb|share|barrel|kg|gram|"
    r"kilogram|MWh|kWh|unit)\b",
    re.IGNORECASE,
)
_TRADED_AT = re.compile(r"\b(?:traded|trading|shares?|stock|quoted)\b[^.]{0,40}$", re.IGNORECASE)
# "trade" in lower case only: a capital is a name's ("X Trade", "Ministry of Trade").
_AGGREGATE = re.compile(
    r"\b(?:assets worth|in total|a total of|total value"
    r"|combined|(?-i:trade)|turnover|sector attracted|fixed assets|since (?:19|20)\d\d"
    r"|foreign direct investments?|FDI|total investments? in (?:the )?country)\b",
    re.IGNORECASE,
)
# "Of mining companies' estimated $50bn capex, $5bn will go to ...": the money of many parties
# (a plural possessive, no article or count: "the two companies' plant" is one deal's).
_PARTIES_OWN = re.compile(
    r"(?<!\bthe)(?<!\btwo)(?<!\bboth)(?<!\bthree)(?<!\btheir)(?<!\bits)\s(?-i:[a-z]+\s)?"
    r"(?-i:companies|firms|investors|miners|producers)['’]\s",
    re.IGNORECASE,
)
# "The company's total investments in Egypt stood at ...": a total over a country's projects.
_IN_COUNTRY = re.compile(
    r"\b[Tt]otal investments? in (?:the )?([A-Z][\w ]+?)\b(?: stood| amount| was| is|,)"
)
# "200,000 tons of steel a year ... worth $260 million": the value of a quantity of goods
# (output, trade, a find), not capital put into a project (GUIDELINES 51).
_GOODS_WORTH = re.compile(
    r"\b(?:tons|tonnes|ounces|oz)\b[^.;$]{0,80}\bworth\s+"
    r"(?:(?:about|around|some|over|nearly|almost|more than|an estimated)\s+)?$",
    re.IGNORECASE,
)
# "obliged to allocate at least $323 million a year for the modernization": capital put in
# every year is still capital, unlike revenue or output per year.
_PUT_IN = re.compile(
    r"\b(?:allocat|invest|spend|spent)\w*\s+(?:(?:at least|about|around|some|over|nearly"
    r"|up to|more than|almost)\s+)?$",
    re.IGNORECASE,
)
# "its previous R85bn investment commitment", "up from the original $235 million": an amount
# the article says was replaced; the deal is the amount that replaced it.
_REPLACED = re.compile(r"\b(?:previous|original)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
# Investments and plant costs in this genre run to millions; a smaller sum is a price.
MIN_DEAL_AMOUNT = 100_000
_KEPT_KINDS = frozenset({"money", "mass", "jobs", "power"})
# "2,000 jobs during the construction phase", "employed 3,000 people at the height of
# construction": said of the figure itself, before the next figure or the sentence's end.
_CONSTRUCTION_JOBS = re.compile(
    r"[^\d.;]{0,40}?\b(?:during|in|throughout|at the (?:height|peak) of)\s+(?:the\s+)?"
    r"(?:construction|building)\b",
    re.IGNORECASE,
)
# "at the peak of construction, the project employed 3,400 workers", "the 900 workers building
# the mine": a workforce told of the construction, not of the running facility.
_BUILDERS_BEFORE = re.compile(
    r"\b(?:at the (?:height|peak) of|during|throughout) (?:the )?construction\b[^.;]*$", re.I
)
_BUILDERS_AFTER = re.compile(r"\s+(?:who are |now )?(?:building|constructing)\s+the\b", re.I)
# "5,000 indirect jobs", "50 construction jobs": the jobs are not the project's own.
_NOT_OWN_JOBS = re.compile(r"\b(?:indirect|construction)\b", re.IGNORECASE)
# "bars weighing 1 kg", "trucks that weigh 200 tonnes": the weight of one object, not output.
_WEIGHT_OF_THING = re.compile(
    r"\bweigh(?:s|ed|ing)?\s+(?:up to\s+|about\s+|some\s+|from\s+(?:[\d.,]+\s*[a-z]*\s+to\s+)?)?$",
    re.IGNORECASE,
)
# "382 t of gold has been produced since then", "5 Mt in 2021-2023": a total over several
# years, which fits no period of the contract.
_MULTI_YEAR = re.compile(
    r"\bsince (?:then|(?:19|20)\d\d|its (?:launch|start|opening|founding))\b"
    r"|\b(?:in|during|over) (?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b"
    r"|\bover the (?:past|last) (?:\w+ )?(?:years|decades)\b",
    re.IGNORECASE,
)
# Reserves are a stock: "reserves of 260 Mt, mined since 1990" is no total over years.
_STOCK = re.compile(r"\b(?:reserves?|resources?)\b", re.IGNORECASE)


def _multi_year(sentence: str) -> bool:
    """Whether a sentence tells an output summed over several years (GUIDELINES 41)."""
    return bool(_MULTI_YEAR.search(sentence)) and not _STOCK.search(sentence)


# "12 deposits with estimated reserves of 151 t", "licences to explore four sites ... reserves
# of 180,000 t": a stock summed over many deposits, no one facility's (GUIDELINES 9). Two
# named deposits ("the two deposit sites") are still one project's.
_MANY_DEPOSITS = re.compile(
    r"\b(?:[3-9]|\d\d+|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens of)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:deposits|sites|fields)\b[^.;:]{0,80}?\breserves?\b[^.;:]*$",
    re.IGNORECASE,
)


# How far (in characters) around a figure its context words are looked for.
_WINDOW = 60


@dataclass(frozen=True, slots=True)
class Candidate:
    """A figure that may become a record, with the sentence it stands in."""

    quantity: Quantity
    sentence: Span
    sentence_no: int
    dropped: str | None = None

    @property
    def kind(self) -> str:
        """The quantity's kind: money, mass, jobs or power."""
        return self.quantity.kind


def _near(text: str, quantity: Quantity) -> str:
    """The window around a figure, within its sentence: the last one's "taxes" are not its."""
    start, end = _bounds(text, quantity)
    return text[max(start, quantity.start - _WINDOW) : min(end, quantity.end + _WINDOW)]


def _bounds(text: str, quantity: Quantity) -> tuple[int, int]:
    """Start and end of the figure's sentence, cut at ". " and line breaks."""
    dot = text.rfind(". ", 0, quantity.start)
    start = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, quantity.start) + 1)
    ends = [i for i in (text.find(". ", quantity.end), text.find("\n", quantity.end)) if i >= 0]
    return start, min(ends) if ends else len(text)


def _sentence_around(text: str, quantity: Quantity) -> str:
    start = max(text.rfind(". ", 0, quantity.start), text.rfind("\n", 0, quantity.start)) + 1
    ends = [i for i in (text.find(". ", quantity.end), text.find("\n", quantity.end)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def drop_reason(text: str, quantity: Quantity, previous: Quantity | None) -> str | None:
    """Why ``quantity`` is only context, or None when it is a candidate."""
    if quantity.kind == "percent":
        return "percentage"
    if quantity.kind not in _KEPT_KINDS:
        return "bare number without a unit"
    if quantity.kind == "jobs" and _CONSTRUCTION_JOBS.match(text, quantity.end):
        return "jobs during construction only (GUIDELINES 45: the permanent figure counts)"
    if quantity.kind == "jobs" and (
        _BUILDERS_AFTER.match(text, quantity.end)
        or _BUILDERS_BEFORE.search(text, _bounds(text, quantity)[0], quantity.start)
    ):
        return "the workforce of the construction, not of the facility (GUIDELINES 45)"
    if quantity.kind == "jobs" and _NOT_OWN_JOBS.search(quantity.text):
        return "indirect or construction jobs, not the facility's own workforce (GUIDELINES 45)"
    if quantity.kind == "mass" and _WEIGHT_OF_THING.search(
        text, max(0, quantity.start - 50), quantity.start
    ):
        return "the weight of an object, not a plant's figure"
    if quantity.kind == "mass" and _multi_year(_sentence_around(text, quantity)):
        return "a total over several years (GUIDELINES 41)"
    if quantity.kind == "mass" and _MANY_DEPOSITS.search(
        text, _bounds(text, quantity)[0], quantity.start
    ):
        return "reserves of many deposits or sites (GUIDELINES 9)"
    if quantity.kind != "money":
        return _restated(text, quantity, previous)
    near = _near(text, quantity)
    if _EXCHANGE_RATE.search(text[quantity.end : quantity.end + 20]):
        return "exchange rate"
    if _PRICE_PER_UNIT.match(text[quantity.end : quantity.end + 25]):
        return "price per unit"
    if _TRADED_AT.search(text[max(0, quantity.start - 60) : quantity.start]):
        return "share price or exchange rate"
    if quantity.value < MIN_DEAL_AMOUNT:
        return "amount too small for an investment or a plant's cost"
    sentence = _sentence_around(text, quantity)
    if (national := _IN_COUNTRY.search(sentence)) and country_of(national.group(1)):
        return f"aggregate of many investments (total investment in {national.group(1)})"
    if _PARTIES_OWN.search(sentence):
        return "aggregate of many investments (many parties' money)"
    if aggregate := _AGGREGATE.search(sentence):
        return f"aggregate of many investments ({aggregate.group(0).lower()})"
    if _REPLACED.search(text[max(0, quantity.start - 30) : quantity.start]):
        return "an amount since replaced (previous, original)"
    if _GOODS_WORTH.search(text[_bounds(text, quantity)[0] : quantity.start]):
        return "the value of goods, not of a project (GUIDELINES 51)"
    if context := _CONTEXT_MONEY.search(near):
        return f"context money ({context.group(0).lower()})"
    if previous is not None and _same_amount_in_two_currencies(text, previous, quantity):
        return f"same amount as {previous.text!r} in another currency"
    if quantity.period is not None and not _PUT_IN.search(
        text[max(0, quantity.start - _WINDOW) : quantity.start]
    ):
        return "money per period: revenue or output, not capital"
    earlier_money = (previous is not None and previous.kind == "money"
                     and ". " not in text[previous.end : quantity.start])  # fmt: skip
    return context_reason(text, quantity, earlier_money)


# "65 thousand tons a year (200 tons per day)": the same figure in brackets, another unit.
_BRACKET_GAP = re.compile(r"[^()]{0,40}\(\s*(?:or|about|around|approximately|some|nearly)?\s*")


def _restated(text: str, quantity: Quantity, previous: Quantity | None) -> str | None:
    """A figure in brackets right after one of its kind restates it (one figure, one record)."""
    if previous is None or previous.kind != quantity.kind:
        return None
    if _BRACKET_GAP.fullmatch(text[previous.end : quantity.start]) is None:
        return None
    return f"{previous.text!r} restated in brackets"


def _same_amount_in_two_currencies(text: str, first: Quantity, second: Quantity) -> bool:
    """'160.2 billion tenge ($318 million)': two currencies, one amount, side by side."""
    if first.kind != "money" or first.unit == second.unit:
        return False
    between = text[first.end : second.start]
    return len(between) <= 24 and bool(_CONVERSION_GAP.fullmatch(between))


# What may stand between an amount and its conversion: "($318 million)", ", (over R5.5bn)",
# "or about 1.2 trillion".
_CONVERSION_GAP = re.compile(
    r"[\s(,/\-–]*(?:(?:or|i\.e\.|over|about|around|approximately|approx\.|nearly|almost"
    r"|roughly|some|equivalent to|equal to)[\s(,/\-–]*){0,2}",
    re.IGNORECASE,
)


def find_candidates(text: str) -> list[Candidate]:
    """Every quantity in ``text`` as a candidate, dropped ones with their reason.

    When one amount is given in two currencies, the USD one is kept (contract).
    """
    spans = sentences(text)
    result: list[Candidate] = []
    previous: Quantity | None = None
    for quantity in find_quantities(text):
        reason = drop_reason(text, quantity, previous)
        if reason and reason.startswith("same amount") and quantity.unit == "USD":
            # The USD telling stands for the amount, context as its first telling is.
            reason = result[-1].dropped
            result[-1] = _dropped(result[-1], f"same amount as {quantity.text!r} in USD")
        number = sentence_index(spans, quantity.start)
        result.append(Candidate(quantity, spans[number], number, reason))
        previous = quantity
    return result


def _dropped(candidate: Candidate, reason: str) -> Candidate:
    return Candidate(candidate.quantity, candidate.sentence, candidate.sentence_no, reason)
