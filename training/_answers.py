"""The gold answer to a guided question, derived from an article's gold records.

A question names a figure (its text as the article writes it) in a sentence.
The figure is located in the article; the gold record it belongs to is the one
whose evidence covers that spot and one of whose numbers has the figure's
significant digits ("$1.2-billion" and 1200000000 both give "12"). The answer
then follows from the record: a deal's amount is an investment, a cost fact a
cost, a tonnage fact its metric; a figure with no gold record is "other".
The right span is one the eval suite would count as the gold name; when no
offered span is, there is no answer (and no example).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evals import normalise_text, values_agree
from extract import ArticleExtraction, InvestmentDeal, PlantFact

Record = InvestmentDeal | PlantFact
_NUMBER = re.compile(r"\d+(?:[ ,.]\d+)*")
_MONEY = re.compile(
    r"[$€£¥₸]|\b(?:US\$|USD|EUR|KZT|CNY|RUB|GBP|tenge|dollars?|euros?|yuan|rub(?:le|)s?"
    r"|roubles?|soms?|sums?|pounds?)\b",
    re.IGNORECASE,
)
_JOBS = re.compile(r"\b(?:jobs?|workplaces?|employees|workers|people|staff)\b", re.IGNORECASE)
_PHYSICAL_UNITS = ("t", "MW")


def significant_digits(number: str | float) -> str:
    """Digits of a number without leading and trailing zeros: '1,200' and 1200.0 give '12'."""
    if isinstance(number, float | int):
        text = f"{float(number):.12g}"
        text = text.split("e")[0] if "e" in text else text
    else:
        found = _NUMBER.search(number)
        text = found.group(0) if found else ""
    return re.sub(r"\D", "", text).strip("0")


def figure_kind(figure: str) -> str:
    """'money', 'jobs' or 'physical' (tonnes, MW), read from the figure's own words."""
    if _MONEY.search(figure):
        return "money"
    return "jobs" if _JOBS.search(figure) else "physical"


def _numbers(record: Record, kind: str) -> list[float]:
    """The record's numbers that a figure of ``kind`` can be."""
    if isinstance(record, InvestmentDeal):
        number = record.amount if kind == "money" else record.jobs if kind == "jobs" else None
        return [] if number is None else [float(number)]
    unit_kind = (
        "jobs"
        if record.unit == "jobs"
        else "physical"
        if record.unit in _PHYSICAL_UNITS
        else "money"
    )
    if unit_kind != kind:
        return []
    return [record.value] + ([record.value_max] if record.value_max is not None else [])


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(needle)
    while needle and start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def match_record(
    text: str, gold: ArticleExtraction, sentence: str, figure: str, kind: str | None = None
) -> Record | None:
    """The gold record the figure in ``sentence`` belongs to, or None."""
    kind = kind or figure_kind(figure)
    digits = significant_digits(figure)
    offset = sentence.find(figure)
    positions = [start + offset for start, _ in _spans(text, sentence)] if offset >= 0 else []
    records: list[Record] = [*gold.deals, *gold.plant_facts]
    for record in records:
        covered = any(s <= p < e for p in positions for s, e in _spans(text, record.evidence))
        same = any(significant_digits(n) == digits for n in _numbers(record, kind))
        if covered and same and digits:
            return record
    return None


def _overlap(first: str, second: str) -> float:
    """Jaccard overlap of two names' word sets, after the scorer's normalisation."""
    a, b = (
        set(normalise_text(first, legal=True).split()),
        set(normalise_text(second, legal=True).split()),
    )
    return len(a & b) / len(a | b) if a | b else 0.0


def best_span(gold_name: str | None, spans: Sequence[str], kind: str = "name") -> str | None:
    """The offered span the scorer would count as ``gold_name``, or None when none would.

    Agreement is the eval suite's own (``evals.values_agree``: fuzzy token-set
    match after case, punctuation and legal forms); among agreeing spans the
    one closest to the gold name wins.
    """
    if not gold_name:
        return None
    agreeing = [s for s in spans if s.strip() and values_agree(kind, gold_name, s)]  # type: ignore[arg-type]
    return max(agreeing, key=lambda s: _overlap(gold_name, s), default=None)


def _role_answer(name: str, record: Record | None) -> str | None:
    if name == "money_role":
        if isinstance(record, InvestmentDeal):
            return "investment"
        return "cost" if isinstance(record, PlantFact) and record.metric == "cost" else "other"
    if isinstance(record, PlantFact) and record.metric not in ("cost", "jobs"):
        return record.metric
    return "other" if record is None else None


def gold_answer(
    name: str, text: str, gold: ArticleExtraction, sentence: str, figure: str, spans: Sequence[str]
) -> str | None:
    """The label the gold records give question ``name`` about ``figure``, or None.

    Args:
        name: The prompt: money_role, mass_metric, plant_status, deal_stage,
            span_facility or span_company.
        text: The article.
        gold: Its gold records.
        sentence: The sentence the question quotes.
        figure: The figure as the question quotes it.
        spans: The offered spans (span prompts only).

    """
    kind = {"money_role": "money", "deal_stage": "money", "mass_metric": "physical"}.get(name)
    record = match_record(text, gold, sentence, figure, kind)
    if name in ("money_role", "mass_metric"):
        return _role_answer(name, record)
    if name == "plant_status":
        return record.status if isinstance(record, PlantFact) else None
    if name == "deal_stage":
        return record.stage if isinstance(record, InvestmentDeal) else None
    if isinstance(record, InvestmentDeal):
        if name == "span_facility":
            return best_span(record.project, spans, "text")
        return best_span(record.investor, spans)
    if isinstance(record, PlantFact):
        return best_span(record.facility if name == "span_facility" else record.operator, spans)
    return None
