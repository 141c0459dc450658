"""The records strategy offline: a fake model writes the records, the pipeline grounds them."""

import json
from typing import Any

import pytest
from pydantic import ValidationError

from extract._backends.fake import FakeBackend
from extract._errors import InputError
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article
from extract._strategies.prompts import load_direct_prompt
from extract._strategies.records import MAX_RECORDS, RecordLists, records_schema

ARTICLE = (
    "Zeta Metals will invest $120 million in a zinc plant in the Pavlodar region. "
    "The zinc plant will have a capacity of 50,000 tonnes per year."
)
EVIDENCE = "Zeta Metals will invest $120 million in a zinc plant in the Pavlodar region."
DEAL = {"evidence": EVIDENCE, "investor": "Zeta Metals", "amount": 120e6, "currency": "USD",
        "stage": "agreed"}  # fmt: skip
FACT = {"facility": "zinc plant", "metric": "capacity", "value": 50000, "unit": "t",
        "evidence": "The zinc plant will have a capacity of 50,000 tonnes per year.",
        "period": "year"}  # fmt: skip
INVENTED = {**FACT, "value": 70000, "evidence": "The plant will make 70,000 tonnes a year."}
RECORDS = ExtractionConfig(strategy="records")


def _extract(records: dict[str, Any], config: ExtractionConfig = RECORDS) -> Any:
    backend = FakeBackend(objects=[records])
    with Extractor(config, backend=backend) as extractor:
        return extractor.extract(Article(id="z1", text=ARTICLE)), backend, extractor


def test_the_model_writes_records_and_the_pipeline_grounds_them() -> None:
    result, _, _ = _extract({"deals": [DEAL], "plant_facts": [FACT, INVENTED]})
    assert [d.amount for d in result.deals] == [120e6]
    assert [f.value for f in result.plant_facts] == [50000]  # the invented record is dropped
    assert [g.grounded for g in result.meta.grounding] == [True, True, False]
    assert result.meta.strategy == "records" and result.meta.model == "fake-model"
    assert result.meta.model_calls == 1


def test_ungrounded_records_are_kept_for_audit_only_when_asked() -> None:
    config = ExtractionConfig(strategy="records", keep_ungrounded=True)
    result, _, _ = _extract({"deals": [], "plant_facts": [INVENTED]}, config)
    assert [f.value for f in result.plant_facts] == [70000]
    assert result.meta.grounding[0].grounded is False


def test_the_model_reads_the_direct_prompt_it_was_trained_on() -> None:
    _, backend, _ = _extract({"deals": [], "plant_facts": []})
    assert backend.prompts == [load_direct_prompt().render(ARTICLE)]


def test_records_has_its_own_prompt_id_and_cache_identity() -> None:
    _, _, records = _extract({"deals": [], "plant_facts": []})
    direct = Extractor(ExtractionConfig(strategy="direct"), backend=FakeBackend())
    assert records.prompt_ids().keys() == direct.prompt_ids().keys() == {"direct"}
    assert records.prompt_ids() != direct.prompt_ids()  # same prompt, another output schema
    assert records.identity()["strategy"] == "records" and records.identity()["guided"] is None


def test_the_grammar_schema_requires_both_lists_and_bounds_them() -> None:
    schema = records_schema()
    assert schema["required"] == ["deals", "plant_facts"]
    assert schema["properties"]["deals"]["maxItems"] == MAX_RECORDS
    assert schema["properties"]["plant_facts"]["maxItems"] == MAX_RECORDS
    with pytest.raises(ValidationError):
        RecordLists.model_validate({"deals": []})  # plant_facts missing
    with pytest.raises(ValidationError):
        RecordLists.model_validate({"deals": [], "plant_facts": [FACT] * (MAX_RECORDS + 1)})
    RecordLists.model_validate_json(json.dumps({"deals": [DEAL], "plant_facts": [FACT]}))


def test_an_unknown_strategy_names_the_three() -> None:
    with pytest.raises(InputError, match="direct, guided, records"):
        Extractor(ExtractionConfig(strategy="whole"), backend=FakeBackend())
