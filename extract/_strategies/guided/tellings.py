"""How an article tells a deal: its repeats, its year, its commodities.

Rules of assembly that read the deal's sentence against the rest of the article:
one amount is one deal however often it is told (also in another currency, or as
the total of the deals it sums), a deadline is not the deal's year, and a sentence
silent on the commodity takes the headline's, else the one the article names most.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations, pairwise

from extract._schema import InvestmentDeal
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.figure_fields import commodities_in, deal_commodities
from extract._strategies.guided.projects import PROJECT_NOUNS
from extract._strategies.guided.strategy import GuidedRun
from extract._text.reading import years

Amount = tuple[float, str]


def conversions(run: GuidedRun) -> dict[Amount, Amount]:
    """Amounts the article also gives in US dollars: "US$400 million (R5.5 billion)"."""
    found: dict[Amount, Amount] = {}
    for first, second in pairwise(run.candidates):
        for other, usd in ((first, second), (second, first)):
            q = usd.quantity
            same = (other.dropped or "").startswith("same amount") and usd.dropped is None
            if same and q.kind == other.quantity.kind == "money":
                found[(other.quantity.value, other.quantity.unit)] = (q.value, q.unit)
    return found


def without_conversions(
    deals: list[InvestmentDeal], conversions: dict[Amount, Amount]
) -> list[InvestmentDeal]:
    """A deal told again in another currency is the deal of its USD amount (contract).

    "The R5.5 billion investment zinc mine" repeats "US$400 million (over R5.5 billion)":
    the repeat is dropped when the USD telling is a deal of its own.
    """
    told = {(d.amount, d.currency) for d in deals}
    return [d for d in deals if conversions.get((d.amount or 0.0, d.currency or "")) not in told]


_SAME = 0.01  # the scorer's tolerance for one number
_MAX_PARTS = 4  # a total of up to four contracts


def without_totals(deals: list[InvestmentDeal]) -> list[InvestmentDeal]:
    """An amount that is the sum of other deals of the article is their total, not a deal.

    "X signs $900mln deals" over three contracts of $300, $350 and $250 million:
    one amount is one deal (contract), and the total tells those three again.
    """
    return [deal for deal in deals if not _sum_of_others(deal, deals)]


def _sum_of_others(deal: InvestmentDeal, deals: list[InvestmentDeal]) -> bool:
    if deal.amount is None:
        return False
    others = [d.amount for d in deals if d is not deal and d.currency == deal.currency
              and d.amount is not None]  # fmt: skip
    return any(abs(sum(parts) - deal.amount) <= _SAME * deal.amount
               for size in range(2, min(len(others), _MAX_PARTS) + 1)
               for parts in combinations(others, size))  # fmt: skip


# A running total: "till now X has invested", "investments to date".
_TO_DATE = re.compile(r"\b(?:till|until|up to) now\b|\bto date\b", re.IGNORECASE)


def without_running_totals(deals: list[InvestmentDeal]) -> list[InvestmentDeal]:
    """An investor's total to date, told of no project, is no deal (GUIDELINES 5).

    "Till now, the bank has invested around $7bn in Freedonia" sums a lender's or an
    investor's many deals in a country; "invested $256 million at the mine to date" is one.
    """
    return [deal for deal in deals if not _a_running_total(deal)]


def _a_running_total(deal: InvestmentDeal) -> bool:
    words = set(re.findall(r"[a-z]+", deal.evidence.lower()))
    return bool(_TO_DATE.search(deal.evidence)) and not words & PROJECT_NOUNS


def with_headline_commodities(index: ArticleIndex, deal: InvestmentDeal) -> InvestmentDeal:
    """A deal whose own sentence names no commodity concerns the article's.

    "The investment in the project will amount to $1.2 billion" says nothing of what
    the project produces; the headline names the article's subject ("... copper plant"),
    and when it names none either, the commodities the article names most do.
    """
    if deal.commodities or not index.sentences:
        return deal
    found = deal_commodities(index.sentences[0].text) or _most_named_commodities(index)
    return deal.model_copy(update={"commodities": found}) if found else deal


# "a coal-fired power plant", "a coal-powered electricity plant": coal is what it burns.
_FUEL = re.compile(r"\bcoal[- ](?:fired|powered)\b", re.IGNORECASE)


def without_fuel(deal: InvestmentDeal) -> InvestmentDeal:
    """A deal whose coal is only a power plant's fuel concerns no coal (GUIDELINES 17)."""
    told = _FUEL.sub("", deal.evidence)
    if "coal" not in deal.commodities or told == deal.evidence or "coal" in told.lower():
        return deal
    return deal.model_copy(update={"commodities": [c for c in deal.commodities if c != "coal"]})


def _most_named_commodities(index: ArticleIndex) -> list[str]:
    """The commodities the article's sentences name most often (ties all kept).

    The vocabulary's "ore" counts only when no other commodity is named: "copper ore"
    tells of copper.
    """
    counts: Counter[str] = Counter()
    for sentence in index.sentences:
        counts.update(commodities_in(sentence.text))
    if len(counts) > 1:
        counts.pop("ore", None)
    top = max(counts.values(), default=0)
    return [name for name, count in counts.items() if count == top] if top else []


def deal_year(sentence: str, published_year: int | None) -> int | None:
    """The year the sentence dates the deal by, else the publication year (GUIDELINES 21).

    A deadline ("until 2030", "by 2025") or a programme's span ("2021-30 plans") dates
    what the deal aims at, not the deal itself; so does a year after the publication
    ("to be commissioned in 2030"): the news reports an event that has taken place.
    """
    found = [y for y in years(sentence) if not _DEADLINE.search(sentence[: y.start])
             and not (published_year and int(y.text) > published_year)
             and not _SPAN_YEAR.match(sentence[y.end :])
             and not _SPAN_YEAR_BEFORE.search(sentence[: y.start])]  # fmt: skip
    return int(found[0].text) if found else published_year


_DEADLINE = re.compile(r"\b(?:until|by|till|through|to|before)\s+(?:the\s+end\s+of\s+)?$", re.I)
_SPAN_YEAR = re.compile(r"\s*[-–]\s*\d{2,4}\b")
_SPAN_YEAR_BEFORE = re.compile(r"\d{4}\s*[-–]\s*$")


_FIELDS_TO_FILL = ("investor", "investor_country", "counterparty", "host_country", "project",
                   "stage", "jobs", "year")  # fmt: skip


def one_per_amount(deals: list[InvestmentDeal], index: ArticleIndex) -> list[InvestmentDeal]:
    """One amount is one deal, however often the article repeats it (contract).

    The headline, the lead and the body often restate one purchase; the record
    keeps the most specific telling (a body sentence that names the investor),
    and fields it lacks are taken from the other tellings.
    """
    kept: dict[tuple[float, str], list[InvestmentDeal]] = {}
    rest: list[InvestmentDeal] = []
    for deal in deals:
        if deal.amount is None or deal.currency is None:
            rest.append(deal)
        else:
            amount = _told_in_full(deal, deals, index) or deal.amount
            kept.setdefault((round(amount, -3), deal.currency), []).append(deal)
    merged = [_merged(sorted(group, key=lambda d: _specificity(d, index)))
              for group in kept.values()]  # fmt: skip
    return merged + rest


def _told_in_full(
    deal: InvestmentDeal, deals: list[InvestmentDeal], index: ArticleIndex
) -> float | None:
    """The body's amount that a headline amount rounds: "$3bn plant" for "$3.15 billion".

    A headline rounds the figure the body gives in full; rounded to the headline's
    significant digits, the body amount is the headline's.
    """
    if not index.sentences or deal.evidence != index.sentences[0].text or not deal.amount:
        return None
    digits = len(f"{deal.amount:.6e}".split("e")[0].replace(".", "").rstrip("0"))
    body = [d.amount for d in deals if d.evidence != deal.evidence
            and d.currency == deal.currency and d.amount]  # fmt: skip
    return next((a for a in body if float(f"{a:.{max(digits - 1, 0)}e}") == deal.amount), None)


def _specificity(deal: InvestmentDeal, index: ArticleIndex) -> tuple[int, int, int]:
    """Sort key, best first: a named investor, not the headline, more words."""
    headline = bool(index.sentences) and deal.evidence == index.sentences[0].text
    return (deal.investor is None, headline, -len(deal.evidence))


def _merged(tellings: list[InvestmentDeal]) -> InvestmentDeal:
    best = tellings[0]
    update = {}
    for field in _FIELDS_TO_FILL:
        if getattr(best, field) is None:
            update[field] = next((getattr(d, field) for d in tellings[1:]
                                  if getattr(d, field) is not None), None)  # fmt: skip
    if not best.commodities:
        update["commodities"] = next((d.commodities for d in tellings if d.commodities), [])
    return best.model_copy(update=update)
