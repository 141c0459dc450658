"""The answers of the fake OpenAI-compatible server: chat completions and their tool calls.

Owns the chat completion built for a request (:func:`completion`): the tool the
request forces (:func:`forced_tool`), the smallest arguments valid for its JSON
schema (:func:`minimal_instance`), and the content faults a script asks for
(a truncated or schema-violating tool call, the wrong tool, no choices). It also
reads the article out of a request (:func:`article_text`), for responders.
:mod:`extract._testing.fake_openai` serves these over HTTP.
"""

from __future__ import annotations

import json
from typing import Any


def completion(body: dict[str, Any], number: int, arguments: dict[str, Any] | None = None,
               fault: str | None = None) -> dict[str, Any]:  # fmt: skip
    """Build the chat completion answering ``body``, with a scripted content ``fault``."""
    tool = forced_tool(body)
    if tool is None:
        message: dict[str, Any] = {"role": "assistant", "content": "ok"}
        text, finish = "ok", "stop"
    else:
        name, schema = tool
        args = arguments if arguments is not None else minimal_instance(schema)
        text = _tool_arguments(args, schema, fault)
        name = "NotTheRequestedTool" if fault == "wrong_tool" else name
        call = {"id": f"call_{number}", "type": "function",
                "function": {"name": name, "arguments": text}}  # fmt: skip
        message, finish = {"role": "assistant", "content": None, "tool_calls": [call]}, "tool_calls"
    choices = [] if fault == "empty_choices" else [
        {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}]  # fmt: skip
    prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
    usage = {"prompt_tokens": prompt_tokens, "completion_tokens": max(1, len(text) // 4)}
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return {"id": f"chatcmpl-fake-{number}", "object": "chat.completion", "created": 0,
            "model": body.get("model", "fake"), "choices": choices, "usage": usage}  # fmt: skip


def _tool_arguments(args: dict[str, Any], schema: dict[str, Any], fault: str | None) -> str:
    if fault == "schema_violation":
        args = _violate(args, schema)
    text = json.dumps(args)
    if fault == "truncated_tool_call":
        return text[: max(1, len(text) // 2)]
    return text


def _violate(args: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Arguments with a wrongly typed field and an unknown field."""
    properties: dict[str, Any] = schema.get("properties", {})
    if not properties:
        return {**args, "unexpected_field": True}
    name = next(iter(schema.get("required") or properties))
    target = _resolve(properties[name], schema)
    wrong: Any = "not a number" if target.get("type") in ("number", "integer") else 12345
    return {**args, name: wrong, "unexpected_field": True}


def forced_tool(body: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """Return the (name, JSON schema) of the function a request forces, or its only tool."""
    tools = [t["function"] for t in body.get("tools") or [] if t.get("type") == "function"]
    choice = body.get("tool_choice")
    wanted = choice.get("function", {}).get("name") if isinstance(choice, dict) else None
    for function in tools:
        if wanted is None or function.get("name") == wanted:
            return function["name"], function.get("parameters") or {}
    return None


def article_text(body: dict[str, Any]) -> str:
    """Return the last user message of a chat request (where the article is)."""
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    content = users[-1].get("content", "") if users else ""
    return content if isinstance(content, str) else json.dumps(content)


def minimal_instance(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """Build the smallest value valid for a JSON schema: required fields, empty lists, first enums.

    Optional list fields are included as ``[]`` so that a records model such as
    ``ArticleRecords`` answers ``{"deals": [], "plant_facts": []}``.
    """
    root = root or schema
    schema = _resolve(schema, root)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        if schema.get(key):
            return minimal_instance(schema[key][0], root)
    kind = schema.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "object" or "properties" in schema:
        return _minimal_object(schema, root)
    if kind == "array":
        return [minimal_instance(schema.get("items", {}), root)] * int(schema.get("minItems", 0))
    simple = {"string": "x" * int(schema.get("minLength", 0)), "boolean": False, "null": None}
    if kind in simple:
        return simple[kind]
    return schema.get("minimum", 0) if kind in ("integer", "number") else None


def _minimal_object(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    return {name: minimal_instance(sub, root) for name, sub in properties.items()
            if name in required or _resolve(sub, root).get("type") == "array"}  # fmt: skip


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema
