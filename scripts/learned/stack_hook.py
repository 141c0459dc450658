"""The experiment's hook: see (and optionally change) each figure's role after the rules.

The library is not changed: the guided strategy's role step is wrapped for the
length of a ``with`` block. After the rules decide, every money and tonnage
figure is passed with its rule decision to ``visit``, which may return a new
role (deal, plant_fact or skip) or None to keep the rules' one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import extract._strategies.guided.strategy as guided
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.decide import Decider, Decision
from extract._strategies.guided.strategy import Figure

Visit = Callable[[Figure, Decision, ArticleIndex], str | None]
_QUESTION = {"money": "money_role", "mass": "mass_metric"}


def _decided(decider: Decider, start: int, figures: list[Figure]) -> list[tuple[Figure, Decision]]:
    """Pair the money and tonnage figures with the role decisions logged for them, in order."""
    pairs = []
    for kind in ("money", "mass"):
        logged = [d for d in decider.log[start:] if d.question == _QUESTION[kind]]
        chosen = [f for f in figures if f.candidate.kind == kind]
        pairs.extend(zip(chosen, logged, strict=True))
    return pairs


def set_role(figure: Figure, decision: Decision, role: str) -> None:
    """Give a figure a role, with the metric the rules would give it in that role."""
    if role == figure.role:
        return
    figure.role = role
    if role == "skip":
        figure.metric = None
    elif figure.candidate.kind == "money":
        figure.role, figure.metric = ("deal", None) if role == "deal" else ("plant_fact", "cost")
    else:  # a tonnage the rules called "other": their best metric among the rest
        scored = [(s, o) for o, s in zip(decision.options, decision.rule_scores, strict=True)
                  if o != "other"]  # fmt: skip
        figure.metric = max(scored, key=lambda pair: pair[0])[1]


@contextmanager
def hooked(visit: Visit) -> Iterator[None]:
    """Within the block, every rule role decision goes through ``visit``."""
    original = guided._decide_roles

    def wrapped(decider: Decider, index: ArticleIndex, figures: list[Figure]) -> None:
        start = len(decider.log)
        original(decider, index, figures)
        for figure, decision in _decided(decider, start, figures):
            role = visit(figure, decision, index)
            if role is not None:
                set_role(figure, decision, role)

    guided._decide_roles = wrapped  # type: ignore[assignment]
    try:
        yield
    finally:
        guided._decide_roles = original  # type: ignore[assignment]


def run_all(arts: list[Any], visit: Visit, current: dict[str, str]) -> dict[str, Any]:
    """Extract ``arts`` rules-only with the hook; ``current['id']`` names the article."""
    from extract import ExtractionConfig, Extractor, GuidedOptions

    out = {}
    with hooked(visit), Extractor(ExtractionConfig(guided=GuidedOptions(use_model=False))) as ex:
        for article in arts:
            current["id"] = article.id
            out[article.id] = ex.extract(article)
    return out
