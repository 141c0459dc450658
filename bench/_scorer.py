"""Benchmark 3: the scorer over 1,000 synthetic articles of 10 records each."""

from __future__ import annotations

import time
from typing import Any

from bench._synthetic import article_text, gold_extraction, perturbed

ARTICLES = 1000
RECORDS = 10


def run(quick: bool = False) -> dict[str, Any]:
    """Time ``evaluate(gold, pred, texts)``; inputs are built before the clock starts.

    The full size runs in quick mode too: it takes seconds and is the target's size.
    """
    from evals import evaluate

    gold = {g.doc_id: g for g in (gold_extraction(i, RECORDS) for i in range(ARTICLES))}
    pred = {doc_id: perturbed(g, i) for i, (doc_id, g) in enumerate(gold.items())}
    texts = {doc_id: article_text(g) for doc_id, g in gold.items()}
    started = time.perf_counter()
    report = evaluate(gold, pred, texts)
    seconds = time.perf_counter() - started
    return {"eval_seconds_1000": round(seconds, 3),
            "scorer": {"articles": ARTICLES, "records_per_article": RECORDS,
                       "f1": round(report.overall.f1, 4)}}  # fmt: skip
