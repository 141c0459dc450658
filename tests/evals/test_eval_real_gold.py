"""The repository's own gold set, scored against itself, is perfect and fully grounded."""

from __future__ import annotations

from pathlib import Path

from evals import evaluate, load_extractions, load_texts

GOLD = Path(__file__).resolve().parents[2] / "gold"


def test_real_gold_scores_one_against_itself() -> None:
    assert any(path.name != "schema.json" for path in GOLD.glob("*.json")), "gold/ is empty"
    gold = load_extractions(GOLD)
    texts = load_texts(GOLD / "articles")
    report = evaluate(gold, gold, texts)
    for scores in [report.overall, *report.by_field.values(), *report.by_article.values()]:
        assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert report.overall.records.f1 == 1.0
    assert report.grounding.articles_without_text == []
    # The gold evidence passes the scorer's own grounding check: a check on the checker.
    assert report.grounding.grounded == report.grounding.records > 0
