"""The investor experiment's hook: see (and optionally change) each deal figure's investor.

The library is not changed: the guided strategy's span step (``_decide_spans``) is
wrapped for the length of a ``with`` block. After the rules choose every figure's
company, each deal figure whose investor the rules take from ``figure.company`` (no
agreement partner or state party overrides it in ``assemble``) is passed to ``visit``
with its candidates: the spans the rules weighed (``company_priors``, with their
scores) and the article's other company, agency and unclassified names. ``visit``
returns a candidate's text to make it the investor, or None to keep the rules' one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import stack_data  # noqa: F401  (first: this worktree's extract/ on sys.path)

import extract._strategies.guided.strategy as guided
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.company_fields import company_priors
from extract._strategies.guided.decide import Decider
from extract._strategies.guided.mentions import partner_at
from extract._strategies.guided.parties import state_investor
from extract._strategies.guided.strategy import Figure


@dataclass
class Candidates:
    """One deal figure's investor candidates: the rules' priors and the wider set."""

    priors: dict[str, float]  # the spans the rules weighed, with their scores
    companies: list[str]  # every company or agency of the article (full names)
    others: list[str]  # names of no decided kind (spaCy ORG without a vote), not in companies
    rules: str | None  # the rules' choice (figure.company)

    def all(self, tier: str) -> list[str]:
        """A tier's candidates: "priors", "companies" (+ companies) or "names" (+ others)."""
        found = list(self.priors)
        if tier in ("companies", "names"):
            found += [c for c in self.companies if c not in found]
        if tier == "names":
            found += [c for c in self.others if c not in found]
        return found


Visit = Callable[[Figure, ArticleIndex, Candidates], str | None]


def candidates_of(index: ArticleIndex, figure: Figure) -> Candidates:
    """The investor candidates of one deal figure."""
    c = figure.candidate
    priors = company_priors(index, c.sentence_no, c.quantity.start, investor=True)
    companies = list(dict.fromkeys(s.text for s in index.companies))
    full = set(companies)
    others = list(
        dict.fromkeys(
            n.text for n in index.names if n.kind == "other" and index.full_name(n) not in full
        )
    )
    return Candidates(priors, companies, others, figure.company)


def overridden(index: ArticleIndex, figure: Figure) -> bool:
    """Whether assemble replaces the figure's company (an agreements' partner, a state)."""
    at = figure.candidate.quantity.start
    return partner_at(index, at) is not None or state_investor(index, at) is not None


@contextmanager
def hooked(visit: Visit) -> Iterator[None]:
    """Within the block, every deal figure's investor goes through ``visit``."""
    original = guided._decide_spans

    def wrapped(decider: Decider, index: ArticleIndex, figures: list[Figure]) -> None:
        original(decider, index, figures)
        for figure in (f for f in figures if f.role == "deal"):
            if overridden(index, figure):
                continue
            chosen = visit(figure, index, candidates_of(index, figure))
            if chosen is not None:
                figure.company = chosen

    guided._decide_spans = wrapped  # type: ignore[assignment]
    try:
        yield
    finally:
        guided._decide_spans = original  # type: ignore[assignment]


def run_all(arts: list[Any], visit: Visit, current: dict[str, str]) -> dict[str, Any]:
    """Extract ``arts`` rules-only with the hook; ``current['id']`` names the article."""
    from extract import ExtractionConfig, Extractor, GuidedOptions

    out = {}
    with hooked(visit), Extractor(ExtractionConfig(guided=GuidedOptions(use_model=False))) as ex:
        for article in arts:
            current["id"] = article.id
            out[article.id] = ex.extract(article)
    return out
