"""The real embedded model (Gemma 3 270M through llama-cpp-python): slow, run in CI.

The whole path of an article with this model is tested in ../pipeline/test_pipeline.py.
"""

from pathlib import Path

import pytest
from pydantic import BaseModel

from extract._backends.base import BackendSettings

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def local():  # type: ignore[no-untyped-def]
    from extract._backends.local import LocalBackend

    return LocalBackend(BackendSettings())


def test_scoring_reuses_the_evaluated_prefix(local) -> None:  # type: ignore[no-untyped-def]
    article = (ROOT / "gold/articles/001_47aee89f721ef669.txt").read_text()
    # A context no other test scores: the first call must evaluate it cold, whatever the
    # shared model's prefix cache holds from the tests before.
    context = f"Article (prefix reuse test):\n{article}\n\n"
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
