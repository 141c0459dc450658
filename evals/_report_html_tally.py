"""Tallies of the eval report's field rows and flips, and its filter bar.

A flip is a field whose outcome differs from the baseline report's (see
:func:`evals._baseline.field_flips`); it is *better* when it moved up the order
missing/wrong/spurious < partial or gone < right, *worse* when it moved down.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from evals._baseline import ABSENT, FieldFlip, field_flips
from evals._html_filter import Choice, checkbox, filter_bar, radio_group
from evals._html_filter import select as select_control
from evals._models import EvalReport

FieldKey = tuple[str, str, str, str]
OUTCOME_WORDS = {
    "right": ("✓", "right"),
    "wrong": ("✗", "wrong"),
    "partial": ("◐", "partly right"),
    "missing": ("○", "missing"),
    "spurious": ("+", "unexpected"),
}
_RANK = {"right": 2, "partial": 1, ABSENT: 1}  # others 0: a flip up this rank is better


@dataclass(frozen=True)
class FlipIndex:
    """Fields that flipped since the baseline: by field key, and those now gone per article."""

    by_key: dict[FieldKey, FieldFlip]
    gone: dict[str, list[FieldFlip]]


@dataclass(frozen=True)
class FieldCounts:
    """How many field rows of the report have each outcome, and how many flipped which way."""

    outcomes: Counter[str]
    flips: Counter[str] | None
    gone: int = 0

    def sentence(self) -> str:
        """Return the tallies as one line of markup."""
        o = self.outcomes
        parts = [
            f"<span><b>{o['right']}</b> right</span>",
            f"<span><b>{o['wrong'] + o['partial']}</b> wrong</span>",
            f"<span><b>{o['missing']}</b> missing</span>",
            f"<span><b>{o['spurious']}</b> unexpected</span>",
        ]
        if self.flips is not None:
            f = self.flips
            parts.append(
                f"<span><b>{sum(f.values())}</b> flipped since the baseline: "
                f'<span class="flip better">▲ {f["better"]} better</span>, '
                f'<span class="flip worse">▼ {f["worse"]} worse</span>, {f["changed"]} changed'
                "</span>"
            )
        return f'<p class="counts">Fields: {"".join(parts)}</p>'


def flip_index(baseline: EvalReport, report: EvalReport) -> FlipIndex:
    """Index the field flips from ``baseline`` to ``report``."""
    flips = field_flips(baseline, report)
    gone: dict[str, list[FieldFlip]] = {}
    for flip in flips:
        if flip.new == ABSENT:
            gone.setdefault(flip.doc_id, []).append(flip)
    return FlipIndex(
        by_key={(f.doc_id, f.record_type, f.record_key, f.field): f for f in flips}, gone=gone
    )


def direction(flip: FieldFlip) -> str:
    """Return ``better``, ``worse`` or ``changed`` (e.g. missing -> wrong)."""
    old, new = _RANK.get(flip.old, 0), _RANK.get(flip.new, 0)
    return "better" if new > old else ("worse" if new < old else "changed")


def field_counts(report: EvalReport, flips: FlipIndex | None) -> FieldCounts:
    """Count the report's field rows by outcome, and the flips by direction."""
    outcomes: Counter[str] = Counter(
        field.outcome
        for records in report.fields.values()
        for record in records
        for field in record.fields
    )
    if flips is None:
        return FieldCounts(outcomes, None)
    directions = Counter(direction(flip) for flip in flips.by_key.values())
    return FieldCounts(outcomes, directions, sum(len(gone) for gone in flips.gone.values()))


def filters(report: EvalReport, counts: FieldCounts, with_flips: bool) -> str:
    """Return the filter bar: outcome, field, article and (with a baseline) flipped only."""
    o = counts.outcomes
    outcome = radio_group(
        "outcome",
        "show",
        [
            Choice("", "all", sum(o.values()) + counts.gone),
            Choice("wrong partial missing spurious", "errors", sum(o.values()) - o["right"]),
            Choice("wrong partial", "wrong", o["wrong"] + o["partial"]),
            Choice("missing", "missing", o["missing"]),
            Choice("spurious", "unexpected", o["spurious"]),
        ],
    )
    fields = Counter(
        f"{record.record_type}.{field.field}"
        for records in report.fields.values()
        for record in records
        for field in record.fields
    )
    field = select_control(
        "field", "field", [Choice(name, name, fields[name]) for name in report.by_field]
    )
    article = select_control(
        "article",
        "article",
        [
            Choice(doc_id, f"{doc_id} · F1 {scores.f1:.2f}")
            for doc_id, scores in report.by_article.items()
        ],
    )
    controls = [outcome, field, article]
    if with_flips:
        controls.append(checkbox("flipped", "flipped only"))
    return filter_bar(controls, noun="fields", count_group="article", results="articles")
