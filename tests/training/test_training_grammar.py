import json
from pathlib import Path

import pytest

pytest.importorskip("llama_cpp", reason="needs llama-cpp-python (scripts/install.sh)")

from training._data import load_labelled
from training._generate import generate_constrained
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


@pytest.mark.model
def test_fast_constrained_decoding_equals_llama_cpp_grammar_sampling(llm) -> None:  # type: ignore[no-untyped-def]
    from llama_cpp import LlamaGrammar  # type: ignore[attr-defined]

    schema = {"type": "string", "enum": ["capacity", "production", "throughput", "reserves"]}
    grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
    prompt = "The smelter produced 145,000 tonnes of zinc in 2022. The figure measures:"
    ours = generate_constrained(llm, prompt, grammar, max_tokens=16)
    reference = llm.create_completion(prompt, max_tokens=16, temperature=0.0, grammar=grammar)
    assert ours.finished and ours.text == reference["choices"][0]["text"]
    assert json.loads(ours.text) in schema["enum"]


@pytest.mark.model
def test_the_untuned_base_model_writes_schema_valid_records_under_the_grammar(llm) -> None:  # type: ignore[no-untyped-def]
    article = load_labelled([ROOT / "gold"])[0]
    out = generate_constrained(llm, records_prompt(article.text), record_grammar(max_records=1),
                               max_tokens=400)  # fmt: skip
    assert out.finished, out.text[-200:]
    records = parse_records(out.text, article.doc_id)  # nonsense, but valid under the schema
    assert records.doc_id == article.doc_id
    assert len(records.deals) <= 1 and len(records.plant_facts) <= 1
