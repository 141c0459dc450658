"""Agreement of two annotators: the scorer applied both ways over the articles both labelled.

Inter-annotator agreement is the ceiling an extractor is read against. Each
annotator's labels are scored as predictions against the other's as gold; F1
is symmetric under that swap (precision and recall trade places), so the two
directions agree up to ties in the record alignment, and both are reported.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from evals._evaluate import evaluate
from evals._models import EvalReport, Scores
from extract._schema import ArticleExtraction


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TwoWay(_Model):
    """One score read both ways: A's labels as gold, then B's."""

    a_as_gold: Scores
    b_as_gold: Scores

    @property
    def f1(self) -> float:
        """The mean of the two directions' F1."""
        return (self.a_as_gold.f1 + self.b_as_gold.f1) / 2


class AgreementReport(_Model):
    """How far two annotators agree, per field, per record type and overall."""

    articles: list[str]
    only_in_a: list[str]
    only_in_b: list[str]
    overall: TwoWay
    records: TwoWay
    by_type: dict[str, TwoWay]
    by_field: dict[str, TwoWay]
    disagreements: int


def agreement(
    labels_a: Mapping[str, ArticleExtraction],
    labels_b: Mapping[str, ArticleExtraction],
    texts: Mapping[str, str],
) -> AgreementReport:
    """Score two annotators' labels against each other over the articles both labelled."""
    shared = sorted(set(labels_a) & set(labels_b))
    a = {doc_id: labels_a[doc_id] for doc_id in shared}
    b = {doc_id: labels_b[doc_id] for doc_id in shared}
    forward, backward = evaluate(a, b, texts), evaluate(b, a, texts)
    return AgreementReport(
        articles=shared,
        only_in_a=sorted(set(labels_a) - set(labels_b)),
        only_in_b=sorted(set(labels_b) - set(labels_a)),
        overall=_two_way(forward.overall, backward.overall),
        records=_two_way(forward.overall.records, backward.overall.records),
        by_type={t: _two_way(forward.by_type[t], backward.by_type[t]) for t in forward.by_type},
        by_field={f: _two_way(forward.by_field[f], backward.by_field[f]) for f in forward.by_field},
        disagreements=_disagreements(forward),
    )


def _two_way(a_as_gold: Scores, b_as_gold: Scores) -> TwoWay:
    # Group scores carry extra fields (macro, record counts): keep the plain P/R/F1 part.
    return TwoWay(
        a_as_gold=Scores.model_validate(a_as_gold.model_dump(include=set(Scores.model_fields))),
        b_as_gold=Scores.model_validate(b_as_gold.model_dump(include=set(Scores.model_fields))),
    )


def _disagreements(report: EvalReport) -> int:
    """Field units where the two annotators differ (wrong, missing or spurious)."""
    return sum(
        1
        for records in report.fields.values()
        for record in records
        for outcome in record.fields
        if outcome.outcome != "right"
    )


def format_agreement(report: AgreementReport, name_a: str = "A", name_b: str = "B") -> str:
    """A plain-text table of the agreement, per field then per type and overall."""
    lines = [
        f"Agreement of {name_a} and {name_b} over {len(report.articles)} articles "
        f"({report.disagreements} field units differ)",
        f"{'':32} {'F1':>6} {name_a + ' as gold':>12} {name_b + ' as gold':>12}",
    ]
    rows = [
        *report.by_field.items(),
        *((f"{t} (all fields)", s) for t, s in report.by_type.items()),
        ("records", report.records),
        ("overall", report.overall),
    ]
    for name, two_way in rows:
        lines.append(f"{name:32} {two_way.f1:6.3f} {two_way.a_as_gold.f1:12.3f} "
                     f"{two_way.b_as_gold.f1:12.3f}")  # fmt: skip
    for label, ids in ((name_a, report.only_in_a), (name_b, report.only_in_b)):
        if ids:
            lines.append(f"labelled by {label} only (not scored): {', '.join(ids)}")
    return "\n".join(lines)
