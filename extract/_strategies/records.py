"""The records strategy: a task-tuned local model writes the whole article's records.

For the embedded model with a LoRA adapter trained on whole articles
(``adapters/gemma3-270m-records``, made by ``python -m training --form
records``). The model reads the direct prompt and writes every record as JSON
under a grammar compiled from :class:`RecordLists`, the contract's two record
lists, both required and each at most :data:`MAX_RECORDS` long (a model stuck
in a loop of records must stop). The local backend decodes greedily under that
grammar; the grounding pass then drops any record whose evidence or figure is
not in the article, as for every strategy.

The training targets are serialised in the order this grammar writes them
(required fields first, then optional ones, in schema order), so the schema
here is the one the adapter learnt.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from extract._backends.base import Backend
from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact
from extract._strategies.prompts import load_direct_prompt, prompt_id

# Far above the records of any labelled article (at most 7 of one type); a bound the
# grammar enforces.
MAX_RECORDS = 32


class RecordLists(BaseModel):
    """Every investment deal and plant fact that the article states (both lists written)."""

    model_config = ConfigDict(extra="forbid")

    deals: list[InvestmentDeal] = Field(max_length=MAX_RECORDS, description="Investment deals.")
    plant_facts: list[PlantFact] = Field(max_length=MAX_RECORDS, description="Plant facts.")


@lru_cache(maxsize=1)
def records_schema() -> dict[str, Any]:
    """The JSON schema the grammar is compiled from (built once: a batch asks per article)."""
    return RecordLists.model_json_schema()


def records_prompt_ids() -> dict[str, str]:
    """The content-hash id of the prompt the records strategy uses, with its output schema."""
    prompt = load_direct_prompt()
    return {prompt.name: prompt_id(prompt, records_schema())}


def records_input(text: str) -> tuple[str, str]:
    """``(system, user)``: what the model reads, as the adapter was trained on it."""
    prompt = load_direct_prompt()
    return prompt.system, prompt.render(text)


def extract_records(text: str, backend: Backend, doc_id: str) -> ArticleExtraction:
    """Ask ``backend`` to write every record of ``text`` under the :class:`RecordLists` grammar."""
    system, user = records_input(text)
    records = backend.structured(system, user, RecordLists)
    return ArticleExtraction(doc_id=doc_id, deals=records.deals, plant_facts=records.plant_facts)
