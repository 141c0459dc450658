"""Align predicted records to gold records of one type within one article.

Alignment is a maximum-weight bipartite matching
(:func:`scipy.optimize.linear_sum_assignment`) on :func:`record_similarity`:

    similarity = 0.35 * key1 + 0.35 * key2 + 0.30 * mean(other fields)

with key fields PlantFact ``metric`` + ``value`` and InvestmentDeal ``investor`` +
``amount`` (a key null on both sides counts as agreeing). The mean runs over the
other fields that are set on either side. Pairs below :data:`MIN_SIMILARITY` stay
unmatched: with 0.5, a pair needs both keys, or one key and at least half of the
context, so a record that shares neither key nor much context is never forced
onto a gold record.

Records are sorted by their canonical JSON before matching, which makes the
result independent of the order records come in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from evals._compare import FIELD_KINDS, KEY_FIELDS, value_similarity
from extract._schema import InvestmentDeal, PlantFact, RecordType

Record = InvestmentDeal | PlantFact

KEY_WEIGHT = 0.35
CONTEXT_WEIGHT = 0.30
MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class Alignment:
    """Matched ``(gold_index, pred_index, similarity)`` pairs and the unmatched indices.

    Pairs and unmatched lists follow the canonical order of the records, not the
    input order.
    """

    pairs: list[tuple[int, int, float]]
    unmatched_gold: list[int]
    unmatched_pred: list[int]


def record_similarity(record_type: RecordType, gold: Record, pred: Record) -> float:
    """Return the 0-1 alignment similarity of a gold and a predicted record.

    Args:
        record_type: ``"deal"`` or ``"plant_fact"``.
        gold: The gold record.
        pred: The predicted record of the same type.

    """
    kinds = FIELD_KINDS[record_type]
    keys = KEY_FIELDS[record_type]
    result = 0.0
    for name in keys:
        similarity = value_similarity(kinds[name], getattr(gold, name), getattr(pred, name))
        result += KEY_WEIGHT * (1.0 if similarity is None else similarity)
    context = [
        similarity
        for name, kind in kinds.items()
        if name not in keys
        and (similarity := value_similarity(kind, getattr(gold, name), getattr(pred, name)))
        is not None
    ]
    if context:
        result += CONTEXT_WEIGHT * sum(context) / len(context)
    return result


def canonical_order(records: Sequence[Record]) -> list[int]:
    """Return the indices of ``records`` sorted by their canonical JSON."""
    keys = [json.dumps(record.model_dump(mode="json"), sort_keys=True) for record in records]
    return sorted(range(len(records)), key=lambda index: (keys[index], index))


def align(record_type: RecordType, gold: Sequence[Record], pred: Sequence[Record]) -> Alignment:
    """Match predicted to gold records by maximum total similarity.

    Args:
        record_type: ``"deal"`` or ``"plant_fact"``.
        gold: The gold records of one article.
        pred: The predicted records of the same article.

    Returns:
        The matched pairs (similarity >= :data:`MIN_SIMILARITY`) and the rest.

    """
    gold_order, pred_order = canonical_order(gold), canonical_order(pred)
    if not gold or not pred:
        return Alignment([], gold_order, pred_order)
    similarity = np.array(
        [[record_similarity(record_type, gold[g], pred[p]) for p in pred_order] for g in gold_order]
    )
    # Zero the pairs below threshold before matching, so the matching never spends
    # a record on a pair that will be dropped when a valid pair was available.
    weights = np.where(similarity >= MIN_SIMILARITY, similarity, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    pairs = [
        (gold_order[row], pred_order[col], float(similarity[row, col]))
        for row, col in zip(rows.tolist(), cols.tolist(), strict=True)
        if similarity[row, col] >= MIN_SIMILARITY
    ]
    matched_gold = {pair[0] for pair in pairs}
    matched_pred = {pair[1] for pair in pairs}
    return Alignment(
        pairs,
        [index for index in gold_order if index not in matched_gold],
        [index for index in pred_order if index not in matched_pred],
    )
