"""One article's whole path with the real embedded model: slow, run in CI."""

import json
from pathlib import Path

import pytest

from extract._pipeline.pipeline import extract_article
from extract._schema import ArticleExtraction

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[3]


def _gold(doc_id: str) -> ArticleExtraction:
    return ArticleExtraction.model_validate_json((ROOT / f"gold/{doc_id}.json").read_text())


@pytest.mark.parametrize("doc_id", ["000_e602eb67b651133f", "001_47aee89f721ef669"])
def test_guided_extraction_of_a_seed_article(doc_id: str) -> None:
    text = (ROOT / f"gold/articles/{doc_id}.txt").read_text()
    result = extract_article(text, doc_id=doc_id)
    ArticleExtraction.model_validate_json(result.model_dump_json())  # contract-valid
    assert result.meta is not None and result.meta.model_calls > 0
    # The default is the bundled model with the bundled task-tuned adapter applied.
    assert result.meta.model == "gemma-3-270m-q4_k_m.gguf+lora:gemma3-270m-decisions-v4"
    kept = [g for g in result.meta.grounding if g.grounded]
    assert len(kept) == len(result.deals) + len(result.plant_facts)
    for record in [*result.deals, *result.plant_facts]:
        assert record.evidence in text
    gold = {(f.metric, f.value) for f in _gold(doc_id).plant_facts}
    found = {(f.metric, f.value) for f in result.plant_facts}
    assert gold & found, json.dumps(sorted(found))
