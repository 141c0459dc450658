"""Jobs figures: a project's new jobs go on its deal, a plant's workforce is a PlantFact.

"The plant will create 500 jobs" is the deal's (contract: then no PlantFact), on the deal
within two sentences of it, else on the nearest deal without jobs; "the mine employs
1,200" is the plant's figure; a company's or a country's workforce is neither.
"""

from __future__ import annotations

import re

from extract._schema import InvestmentDeal
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.roles import figure_owner
from extract._strategies.guided.strategy import Figure, facility_word

# Jobs a project creates belong to its deal; a plant's workforce ("employs") does not.
CREATED = re.compile(  # "will employ", "aims to employ", "... and employ" (after "is to")
    r"\b(?:creat|generat|provid|add|new (?:jobs|workplaces))\w*"
    # a workforce still ahead: "would employ", "to directly employ", "will require N workers"
    r"|\b(?:will|would|to|and) (?:\w+ly )?(?:employ|hire|recruit|require)\b|\bemployment for\b",
    re.IGNORECASE,
)


def workforce_of_a_party(index: ArticleIndex, jobs: Figure) -> bool:
    """Whether a jobs figure is a company's or a country's workforce, not a facility's.

    "KAZ Minerals is a copper company with 16,000 employees" (GUIDELINES 9).
    """
    owner = figure_owner(index.text, index.names, jobs.candidate.quantity.start)
    facility_named = facility_word(jobs.candidate.sentence.text)
    return owner is not None and owner.kind in _PARTY_KINDS and not facility_named


_PARTY_KINDS = ("company", "country", "nationality")


def jobs_to_deals(
    index: ArticleIndex, deals: list[InvestmentDeal], created: list[Figure]
) -> tuple[list[InvestmentDeal], list[Figure]]:
    """Jobs a project will create go on the article's deal (contract: then not a PlantFact).

    The jobs sentence often stands paragraphs away from the amount ("The plant will
    create 500 jobs"): each goes to the nearest deal that has none yet. Without a
    deal they are the facility's jobs figure.
    """
    open_deals = [i for i, deal in enumerate(deals) if deal.jobs is None]
    spare: list[Figure] = []
    for figure in created:
        at = figure.candidate.quantity.start
        if not open_deals:
            spare.append(figure)
            continue
        nearest = min(open_deals, key=lambda i: abs(index.text.find(deals[i].evidence) - at))
        jobs = int(figure.candidate.quantity.value)
        deals[nearest] = deals[nearest].model_copy(update={"jobs": jobs})
        open_deals.remove(nearest)
    return deals, spare


def nearest_deal(index: ArticleIndex, figures: list[Figure], jobs: Figure) -> int | None:
    """The deal whose figure stands within two sentences of the jobs figure, same paragraph."""
    deal_figures = [f for f in figures if f.role == "deal"]
    best: tuple[int, int] | None = None
    for i, figure in enumerate(deal_figures):
        distance = abs(figure.candidate.sentence_no - jobs.candidate.sentence_no)
        start, end = _covering(figure, jobs)
        nearer = best is None or distance < best[0]
        if distance <= 2 and "\n" not in index.text[start:end] and nearer:
            best = (distance, i)
    return best[1] if best else None


def _covering(first: Figure, second: Figure) -> tuple[int, int]:
    """Character range of the sentences of two figures and all between them."""
    a, b = first.candidate.sentence, second.candidate.sentence
    return min(a.start, b.start), max(a.end, b.end)


def with_jobs(
    index: ArticleIndex, deal: InvestmentDeal, deal_figure: Figure, jobs: Figure
) -> InvestmentDeal:
    """The deal with its jobs, its evidence widened to cover both sentences."""
    start, end = _covering(deal_figure, jobs)
    jobs_count = int(jobs.candidate.quantity.value)
    return deal.model_copy(update={"jobs": jobs_count, "evidence": index.text[start:end]})
