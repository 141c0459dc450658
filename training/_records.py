"""Whole-record generation: the schema, its grammar, and gold serialised to fit it.

The records form teaches the model to write an article's ``ArticleExtraction``
as JSON (without ``doc_id`` and ``meta``, which are the caller's). At inference
the library's records strategy (``extract._strategies.records``) constrains the
output by a GBNF grammar compiled from its ``RecordLists`` schema, so the
training targets are serialised exactly as that grammar lets the model write
them: llama.cpp's schema converter puts an object's required properties first,
then the optional ones, each group in schema order; optional fields that are
null or empty are left out (shorter targets, same records).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from extract import ArticleExtraction
from extract._strategies.records import MAX_RECORDS, records_schema

# Fields the caller sets, not the model.
CALLER_FIELDS = ("doc_id", "meta")


def record_schema(max_records: int | None = MAX_RECORDS) -> dict[str, Any]:
    """JSON schema of what the model writes: the records strategy's ``RecordLists``.

    Both record lists are required (possibly empty: the grammar's frame is then
    the training targets' frame) and hold at most ``max_records`` records each
    (None: unbounded), so that a model stuck in a loop of records must stop.
    """
    schema = copy.deepcopy(records_schema())
    for name in ("deals", "plant_facts"):
        schema["properties"][name].pop("maxItems", None)
        if max_records is not None:
            schema["properties"][name]["maxItems"] = max_records
    return schema


def _ordered(value: Any, schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """``value`` with object keys in grammar order, null and empty optional fields dropped."""
    if "$ref" in schema:
        return _ordered(value, defs[schema["$ref"].split("/")[-1]], defs)
    if isinstance(value, list):
        return [_ordered(item, schema.get("items", {}), defs) for item in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)  # "1200000000", not "1200000000.0": fewer tokens, same number
    if not isinstance(value, dict):
        return value
    properties: dict[str, Any] = schema["properties"]
    required = [k for k in properties if k in schema.get("required", [])]
    optional = [k for k in properties if k not in required and value.get(k) not in (None, [])]
    return {k: _ordered(value.get(k), properties[k], defs) for k in [*required, *optional]}


def record_json(extraction: ArticleExtraction) -> str:
    """The gold records of one article as the JSON the grammar lets the model write.

    The top-level ``deals`` and ``plant_facts`` lists are always written, even when
    empty, so that every target has the same frame.
    """
    data = extraction.model_dump(mode="json", exclude=set(CALLER_FIELDS))
    schema = records_schema()
    body = {
        name: [
            _ordered(item, schema["properties"][name]["items"], schema["$defs"])
            for item in data[name]
        ]
        for name in ("deals", "plant_facts")
    }
    return json.dumps(body, ensure_ascii=False)


def parse_records(text: str, doc_id: str) -> ArticleExtraction:
    """Validate generated JSON as the records of article ``doc_id``."""
    return ArticleExtraction.model_validate({**json.loads(text), "doc_id": doc_id})


def record_grammar(max_records: int | None = MAX_RECORDS, verbose: bool = False) -> Any:
    """A ``llama_cpp.LlamaGrammar`` (GBNF) compiled from :func:`record_schema`.

    Raises:
        ImportError: llama-cpp-python is not installed.

    """
    from llama_cpp import LlamaGrammar  # type: ignore[attr-defined]

    schema = json.dumps(record_schema(max_records))
    return LlamaGrammar.from_json_schema(schema, verbose=verbose)
