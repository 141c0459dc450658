import json
from pathlib import Path

import pytest

pytest.importorskip("llama_cpp", reason="needs llama-cpp-python (scripts/install.sh)")

from extract._backends.greedy import generate_constrained
from extract._strategies.records import records_input
from training._data import load_labelled
from training._prompts import records_prompt
from training._records import parse_records, record_grammar, record_schema

ROOT = Path(__file__).resolve().parents[2]


def test_the_grammar_compiles_from_the_schema_with_bounded_lists() -> None:
    grammar = record_grammar(max_records=3)
    text = grammar._grammar
    assert "deals" in text and "plant_facts" in text and "evidence" in text
    assert record_schema(3)["properties"]["deals"]["maxItems"] == 3
    assert "maxItems" not in json.dumps(record_schema(None))


@pytest.fixture(scope="module")
def llm():  # type: ignore[no-untyped-def]
    from training._base import base_gguf
    from training._export import load_llama

    return load_llama(base_gguf(), n_ctx=4096)


def test_the_training_input_is_the_records_strategys_input() -> None:
    system, user = records_input("The smelter produced 5 t.")
    assert records_prompt("The smelter produced 5 t.") == f"{system}\n\n{user}\n"


@pytest.mark.model
def test_the_untuned_base_model_writes_schema_valid_records_under_the_grammar(llm) -> None:  # type: ignore[no-untyped-def]
    article = load_labelled([ROOT / "gold"])[0]
    out = generate_constrained(llm, records_prompt(article.text), record_grammar(max_records=1),
                               max_tokens=400)  # fmt: skip
    assert out.finished, out.text[-200:]
    records = parse_records(out.text, article.doc_id)  # nonsense, but valid under the schema
    assert records.doc_id == article.doc_id
    assert len(records.deals) <= 1 and len(records.plant_facts) <= 1
