"""The real embedded model (Gemma 3 270M through llama-cpp-python): slow, run in CI."""

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from extract._backends.base import BackendSettings
from extract._pipeline.pipeline import extract_article
from extract._schema import ArticleExtraction

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def local():  # type: ignore[no-untyped-def]
    from extract._backends.local import LocalBackend

    return LocalBackend(BackendSettings())


def test_scoring_reuses_the_evaluated_prefix(local) -> None:  # type: ignore[no-untyped-def]
    article = (ROOT / "gold/articles/001_47aee89f721ef669.txt").read_text()
    context = f"Article:\n{article}\n\n"
    local.usage.take()
    first = local.score_options(context, "The plant's output is", [" high", " low"])
    cold = local.usage.take().prompt_tokens
    second = local.score_options(context, "The plant's output was", [" high", " low"])
    warm = local.usage.take().prompt_tokens
    assert len(first) == len(second) == 2
    assert all(score < 0 for score in first + second)
    assert cold > 500 and warm < 20, (cold, warm)


def test_multi_token_options_are_scored_token_by_token(local) -> None:  # type: ignore[no-untyped-def]
    scores = local.score_options("", "The capital of France is", [" Paris", " Paris Paris Paris"])
    assert scores[0] > scores[1]


class _Tiny(BaseModel):
    city: str
    year: int


def test_structured_output_is_enforced_by_a_grammar(local) -> None:  # type: ignore[no-untyped-def]
    result = local.structured("Answer in JSON.", "The Olympics of 2024 were in Paris.", _Tiny)
    assert isinstance(result, _Tiny)
    assert isinstance(result.year, int)


def _gold(doc_id: str) -> ArticleExtraction:
    return ArticleExtraction.model_validate_json((ROOT / f"gold/{doc_id}.json").read_text())


@pytest.mark.parametrize("doc_id", ["000_e602eb67b651133f", "001_47aee89f721ef669"])
def test_guided_extraction_of_a_seed_article(doc_id: str) -> None:
    text = (ROOT / f"gold/articles/{doc_id}.txt").read_text()
    result = extract_article(text, doc_id=doc_id)
    ArticleExtraction.model_validate_json(result.model_dump_json())  # contract-valid
    assert result.meta is not None and result.meta.model_calls > 0
    kept = [g for g in result.meta.grounding if g.grounded]
    assert len(kept) == len(result.deals) + len(result.plant_facts)
    for record in [*result.deals, *result.plant_facts]:
        assert record.evidence in text
    gold = {(f.metric, f.value) for f in _gold(doc_id).plant_facts}
    found = {(f.metric, f.value) for f in result.plant_facts}
    assert gold & found, json.dumps(sorted(found))
