"""Score one article: align its records, then turn every field into TP/FP/FN units."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from evals._align import Record, align
from evals._compare import (
    FIELD_KINDS,
    KEY_FIELDS,
    FieldKind,
    compare_field,
    is_null,
    values_agree,
)
from evals._grounding import check_grounding
from evals._metrics import Counts
from evals._models import FieldOutcome, FieldValue, Outcome, RecordOutcome
from extract._schema import ArticleExtraction, PlantFact, RecordType

RECORD_LISTS: dict[RecordType, str] = {"deal": "deals", "plant_fact": "plant_facts"}


def score_article(
    gold: ArticleExtraction, pred: ArticleExtraction | None, text: str | None
) -> list[RecordOutcome]:
    """Return the outcome of every gold and predicted record of one article.

    Args:
        gold: The gold extraction.
        pred: The predicted extraction, or None when the article has no prediction
            (every gold field is then a false negative).
        text: The article text for grounding, or None when it is not available.

    """
    outcomes: list[RecordOutcome] = []
    for record_type, attribute in RECORD_LISTS.items():
        gold_records = getattr(gold, attribute)
        pred_records = getattr(pred, attribute) if pred is not None else []
        outcomes += _score_type(record_type, gold_records, pred_records, text)
    return outcomes


def _score_type(
    record_type: RecordType,
    gold: Sequence[Record],
    pred: Sequence[Record],
    text: str | None,
) -> list[RecordOutcome]:
    alignment = align(record_type, gold, pred)
    outcomes = [
        _outcome(record_type, gold[g], pred[p], g, p, round(similarity, 4), text)
        for g, p, similarity in alignment.pairs
    ]
    outcomes += [
        _outcome(record_type, gold[g], None, g, None, None, text) for g in alignment.unmatched_gold
    ]
    outcomes += [
        _outcome(record_type, None, pred[p], None, p, None, text) for p in alignment.unmatched_pred
    ]
    return _unique_keys(outcomes)


def _outcome(
    record_type: RecordType,
    gold: Record | None,
    pred: Record | None,
    gold_index: int | None,
    pred_index: int | None,
    similarity: float | None,
    text: str | None,
) -> RecordOutcome:
    fields = [
        _field_outcome(name, kind, _value(gold, name), _value(pred, name))
        for name, kind in FIELD_KINDS[record_type].items()
    ]
    correct = (
        gold is not None
        and pred is not None
        and all(
            _key_agrees(record_type, name, _value(gold, name), _value(pred, name))
            for name in KEY_FIELDS[record_type]
        )
    )
    if gold is not None:
        key = record_key(gold)
    else:
        assert pred is not None  # an outcome has a gold record, a predicted one, or both
        key = "pred: " + record_key(pred)
    return RecordOutcome(
        record_type=record_type,
        key=key,
        gold_index=gold_index,
        pred_index=pred_index,
        similarity=similarity,
        correct=correct,
        fields=[field for field in fields if field is not None],
        evidence=pred.evidence if pred is not None else None,
        grounding=check_grounding(pred, text) if pred is not None and text is not None else None,
    )


def _field_outcome(
    name: str, kind: FieldKind, gold: FieldValue, pred: FieldValue
) -> FieldOutcome | None:
    counts = compare_field(kind, gold, pred)
    if counts.empty:
        return None
    return FieldOutcome(
        field=name,
        outcome=outcome_of(counts),
        tp=counts.tp,
        fp=counts.fp,
        fn=counts.fn,
        gold=gold,
        pred=pred,
    )


def outcome_of(counts: Counts) -> Outcome:
    """Name the outcome of one field's counts (see :data:`evals._models.Outcome`)."""
    if counts.tp and (counts.fp or counts.fn):
        return "partial"
    if counts.tp:
        return "right"
    if counts.fp and counts.fn:
        return "wrong"
    return "spurious" if counts.fp else "missing"


def _key_agrees(record_type: RecordType, name: str, gold: FieldValue, pred: FieldValue) -> bool:
    if is_null(gold) or is_null(pred):
        return is_null(gold) and is_null(pred)
    return values_agree(FIELD_KINDS[record_type][name], gold, pred)


def _value(record: Record | None, name: str) -> FieldValue:
    if record is None:
        return None
    value: FieldValue = getattr(record, name)
    return value


def record_key(record: Record) -> str:
    """Return a short human label of a record from its key fields.

    PlantFact: ``facility / metric / value unit``; InvestmentDeal: ``investor (or
    project) / amount currency``.
    """
    if isinstance(record, PlantFact):
        return f"{record.facility} / {record.metric} / {_number(record.value)} {record.unit}"
    name = record.investor or record.project or "?"
    return f"{name} / {_number(record.amount)} {record.currency or ''}".rstrip()


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _unique_keys(outcomes: list[RecordOutcome]) -> list[RecordOutcome]:
    # Duplicate records share a key; number the repeats so every key is unique
    # within an article, which the baseline diff relies on.
    seen: Counter[str] = Counter()
    result = []
    for outcome in outcomes:
        seen[outcome.key] += 1
        count = seen[outcome.key]
        result.append(
            outcome if count == 1 else outcome.model_copy(update={"key": f"{outcome.key} #{count}"})
        )
    return result
