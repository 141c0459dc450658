import json
from pathlib import Path

import pytest
from training_helpers import ARTICLE, GOLD

from extract import ArticleExtraction
from training._data import Labelled, load_labelled
from training._examples import build_examples, decision_examples, examples_digest, record_example
from training._prompts import DECISION_PROMPTS, identify, question_types, records_prompt
from training._records import parse_records, record_json, record_schema

ROOT = Path(__file__).resolve().parents[2]
TOY = Labelled(
    "a1", ARTICLE, None, ArticleExtraction.model_validate(GOLD), Path("a1.json"), Path("a1.txt")
)


def _options(name: str) -> set[str]:
    data = json.loads((ROOT / "prompts" / f"{name}.json").read_text())
    return {option["text"] for option in data["options"]}


def test_every_question_type_parses_its_own_rendered_question() -> None:
    for kind in question_types():
        question = "preamble\n\n" + kind.template.format(sentence="It made 5 t.", figure="5 t")
        found = identify(question)
        assert found is not None and found[0].name == kind.name
        assert found[1:] == ("It made 5 t.", "5 t")
    assert identify("Sentence: x\nQuestion: Something else?\nAnswer:") is None


def test_decision_examples_are_the_guided_questions_with_gold_answers() -> None:
    examples = decision_examples(TOY)
    by_kind = {e.kind: e for e in examples}
    assert set(by_kind) <= set(DECISION_PROMPTS)
    assert by_kind["money_role"].target == " investment"
    assert by_kind["mass_metric"].target == " capacity"
    assert by_kind["deal_stage"].target == " agreed"
    assert by_kind["plant_status"].target == " planned"
    for example in examples:
        assert example.context == f"Article:\n{ARTICLE}\n\n"  # the guided strategy's context
        assert example.prompt.endswith("\nAnswer:") and not example.eos
        options = _options(example.kind) if _options(example.kind) else None
        assert options is None or example.target in options


def test_decision_examples_from_the_devset_cover_every_question_type() -> None:
    articles = load_labelled([ROOT / "devset"])[:6]
    examples = build_examples(articles, "decisions")
    assert {e.kind for e in examples} == set(DECISION_PROMPTS)
    for example in examples:
        assert example.text.startswith("Article:\n") and example.target.startswith(" ")
    assert examples_digest(examples) == examples_digest(build_examples(articles, "decisions"))


def test_record_example_round_trips_to_the_gold_records() -> None:
    example = record_example(TOY)
    assert example.prompt == records_prompt(ARTICLE) and example.context == "" and example.eos
    assert parse_records(example.target, "a1") == TOY.gold


def test_record_json_follows_the_grammar_order_and_drops_nulls() -> None:
    data = json.loads(record_json(TOY.gold))
    assert list(data) == ["deals", "plant_facts"]
    deal, fact = data["deals"][0], data["plant_facts"][0]
    assert next(iter(deal)) == "evidence"  # the only required deal field comes first
    assert list(fact)[:5] == ["facility", "metric", "value", "unit", "evidence"]
    assert "value_max" not in fact and "jobs" not in deal  # null optional fields left out
    assert deal["amount"] == 120000000 and '"amount": 120000000,' in record_json(TOY.gold)


def test_record_schema_is_the_contract_without_caller_fields() -> None:
    schema = record_schema()
    assert set(schema["properties"]) == {"deals", "plant_facts"}
    assert schema["required"] == ["deals", "plant_facts"]
    assert set(schema["$defs"]) == {"InvestmentDeal", "PlantFact"}


@pytest.mark.parametrize("form", ["decisions", "records", "both"])
def test_build_examples_by_form(form: str) -> None:
    examples = build_examples([TOY], form)  # type: ignore[arg-type]
    forms = {e.form for e in examples}
    assert forms == ({"decisions", "records"} if form == "both" else {form})
