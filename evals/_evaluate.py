"""The core of the eval suite: score predictions against gold into an :class:`EvalReport`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from evals._compare import FIELD_KINDS
from evals._manifest import build_manifest
from evals._metrics import Counts, macro, score, total
from evals._models import (
    ArticleScores,
    EvalReport,
    GroundingCounts,
    GroundingSummary,
    GroupScores,
    OverallScores,
    RecordOutcome,
    Scores,
)
from evals._score import RECORD_LISTS, score_article
from extract._schema import ArticleExtraction, RecordType

Outcomes = Mapping[str, list[RecordOutcome]]


def evaluate(
    gold: Mapping[str, ArticleExtraction],
    pred: Mapping[str, ArticleExtraction],
    texts: Mapping[str, str],
) -> EvalReport:
    """Score predicted extractions against gold ones.

    Every gold article is scored; a gold article without a prediction scores as
    an empty prediction (recall 0) and is listed in ``missing_predictions``.
    Predictions for articles not in gold are listed in ``unexpected_predictions``
    and not scored.

    Args:
        gold: Gold extractions by doc_id.
        pred: Predicted extractions by doc_id.
        texts: Article texts by doc_id, for grounding; articles without a text
            are listed in ``grounding.articles_without_text``.

    Returns:
        The full report; ``report.model_dump_json()`` is the JSON report.

    """
    outcomes = {
        doc_id: score_article(gold[doc_id], pred.get(doc_id), texts.get(doc_id))
        for doc_id in sorted(gold)
    }
    missing = sorted(set(gold) - set(pred))
    return EvalReport(
        overall=OverallScores(**_group(outcomes, None).model_dump(), articles=len(gold)),
        by_type={record_type: _group(outcomes, record_type) for record_type in RECORD_LISTS},
        by_field=_by_field(outcomes),
        by_article={
            doc_id: _article(records, doc_id in missing) for doc_id, records in outcomes.items()
        },
        manifest=build_manifest(gold, pred),
        missing_predictions=missing,
        unexpected_predictions=sorted(set(pred) - set(gold)),
        grounding=_grounding(outcomes, texts),
        fields=outcomes,
    )


def _of_type(
    records: Iterable[RecordOutcome], record_type: RecordType | None
) -> list[RecordOutcome]:
    return [record for record in records if record_type in (None, record.record_type)]


def field_counts(
    records: Iterable[RecordOutcome],
    record_type: RecordType | None = None,
    field: str | None = None,
) -> Counts:
    """Sum the field units of ``records``, optionally of one record type and one field."""
    return total(
        Counts(outcome.tp, outcome.fp, outcome.fn)
        for record in _of_type(records, record_type)
        for outcome in record.fields
        if field in (None, outcome.field)
    )


def record_counts(
    records: Iterable[RecordOutcome], record_type: RecordType | None = None
) -> Counts:
    """Count records: TP = correct pairs, FP = other predicted, FN = other gold records."""
    chosen = _of_type(records, record_type)
    correct = sum(record.correct for record in chosen)
    predicted = sum(record.pred_index is not None for record in chosen)
    gold = sum(record.gold_index is not None for record in chosen)
    return Counts(correct, predicted - correct, gold - correct)


def _record_fields(records: list[RecordOutcome], record_type: RecordType | None) -> dict[str, Any]:
    chosen = _of_type(records, record_type)
    return {
        "records": score(record_counts(chosen)),
        "gold_records": sum(record.gold_index is not None for record in chosen),
        "predicted_records": sum(record.pred_index is not None for record in chosen),
    }


def _group(outcomes: Outcomes, record_type: RecordType | None) -> GroupScores:
    per_article = [field_counts(records, record_type) for records in outcomes.values()]
    everything = [record for records in outcomes.values() for record in records]
    return GroupScores(
        **score(total(per_article)).model_dump(),
        **_record_fields(everything, record_type),
        macro=macro(per_article),
    )


def _by_field(outcomes: Outcomes) -> dict[str, Scores]:
    everything = [record for records in outcomes.values() for record in records]
    return {
        f"{record_type}.{field}": score(field_counts(everything, record_type, field))
        for record_type, kinds in FIELD_KINDS.items()
        for field in kinds
    }


def _article(records: list[RecordOutcome], missing: bool) -> ArticleScores:
    return ArticleScores(
        **score(field_counts(records)).model_dump(),
        **_record_fields(records, None),
        by_type={
            record_type: score(field_counts(records, record_type)) for record_type in RECORD_LISTS
        },
        missing_prediction=missing,
    )


def _grounding(outcomes: Outcomes, texts: Mapping[str, str]) -> GroundingSummary:
    predicted = [
        record
        for records in outcomes.values()
        for record in records
        if record.pred_index is not None
    ]
    checked = [record for record in predicted if record.grounding is not None]
    return GroundingSummary(
        **_grounding_counts(checked).model_dump(),
        by_type={
            record_type: _grounding_counts(_of_type(checked, record_type))
            for record_type in RECORD_LISTS
        },
        unchecked=len(predicted) - len(checked),
        articles_without_text=sorted(doc_id for doc_id in outcomes if doc_id not in texts),
    )


def _grounding_counts(records: list[RecordOutcome]) -> GroundingCounts:
    checks = [record.grounding for record in records if record.grounding is not None]
    grounded = sum(check.grounded for check in checks)
    return GroundingCounts(
        records=len(checks),
        verbatim=sum(check.verbatim for check in checks),
        value_in_evidence=sum(check.value_in_evidence for check in checks),
        grounded=grounded,
        rate=grounded / len(checks) if checks else None,
    )
