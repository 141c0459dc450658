"""The direct strategy: the whole article to records in one function call.

For capable remote models. The response model is the contract's record lists;
instructor turns it into a forced tool call, and the grounding pass checks
every record afterwards.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from extract._backends.base import Backend
from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact
from extract._strategies.prompts import load_direct_prompt, prompt_id


class ArticleRecords(BaseModel):
    """Every investment deal and plant fact that the article states."""

    model_config = ConfigDict(extra="forbid")

    deals: list[InvestmentDeal] = Field(default_factory=list, description="Investment deals.")
    plant_facts: list[PlantFact] = Field(default_factory=list, description="Plant facts.")


def direct_prompt_ids() -> dict[str, str]:
    """The content-hash id of the direct prompt (with its output schema)."""
    prompt = load_direct_prompt()
    return {prompt.name: prompt_id(prompt, _records_schema())}


@lru_cache(maxsize=1)
def _records_schema() -> dict[str, Any]:
    # Building a JSON schema costs milliseconds; a batch asks for it per article.
    return ArticleRecords.model_json_schema()


def extract_direct(text: str, backend: Backend, doc_id: str) -> ArticleExtraction:
    """Ask ``backend`` for every record of ``text`` at once."""
    prompt = load_direct_prompt()
    records = backend.structured(prompt.system, prompt.render(text), ArticleRecords)
    return ArticleExtraction(doc_id=doc_id, deals=records.deals, plant_facts=records.plant_facts)
