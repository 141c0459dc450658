"""TP/FP/FN counts and the precision, recall and F1 computed from them.

Conventions for empty denominators: when there is nothing to find and nothing
was claimed (TP = FP = FN = 0) every score is 1.0, so gold scored against itself
is 1.0 everywhere, even for a field that is always null. Otherwise an empty
denominator gives 0.0 (no predictions: precision 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from evals._models import MacroScores, Scores


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of some scored units."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def empty(self) -> bool:
        """True when no unit was scored."""
        return self.tp == self.fp == self.fn == 0


def total(counts: Iterable[Counts]) -> Counts:
    """Return the sum of ``counts``."""
    result = Counts()
    for item in counts:
        result = result + item
    return result


def score(counts: Counts) -> Scores:
    """Return micro precision, recall and F1 of ``counts``."""
    if counts.empty:
        return Scores()
    tp, fp, fn = counts.tp, counts.fp, counts.fn
    return Scores(
        tp=tp,
        fp=fp,
        fn=fn,
        precision=tp / (tp + fp) if tp + fp else 0.0,
        recall=tp / (tp + fn) if tp + fn else 0.0,
        f1=2 * tp / (2 * tp + fp + fn),
    )


def macro(per_article: Iterable[Counts]) -> MacroScores:
    """Average per-article scores over the articles that have any scored unit.

    Articles where the group has neither gold nor predicted units are left out,
    so a record type absent from an article neither helps nor hurts its macro.
    """
    scored = [score(counts) for counts in per_article if not counts.empty]
    if not scored:
        return MacroScores()
    size = len(scored)
    return MacroScores(
        precision=sum(item.precision for item in scored) / size,
        recall=sum(item.recall for item in scored) / size,
        f1=sum(item.f1 for item in scored) / size,
        articles=size,
    )
