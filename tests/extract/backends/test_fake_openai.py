"""The fake OpenAI-compatible server: default answers, every scripted fault, counters."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from pydantic import ValidationError

from extract._strategies.direct import ArticleRecords
from extract._testing import FakeOpenAIServer, minimal_instance

pytestmark = pytest.mark.server

CHOICE_TOOL = {
    "type": "function",
    "function": {
        "name": "Choice",
        "parameters": {
            "type": "object",
            "required": ["answer"],
            "properties": {"answer": {"type": "string", "enum": ["capacity", "production"]}},
        },
    },
}


def _records_request() -> dict[str, Any]:
    tool = {
        "type": "function",
        "function": {"name": "ArticleRecords", "parameters": ArticleRecords.model_json_schema()},
    }
    return {
        "model": "fake",
        "messages": [{"role": "user", "content": "Article: text"}],
        "tools": [tool],
        "tool_choice": {"type": "function", "function": {"name": "ArticleRecords"}},
    }


def _post(
    server: FakeOpenAIServer, body: dict[str, Any], timeout: float = 5
) -> tuple[int, Any, Any]:
    request = urllib.request.Request(
        f"{server.base_url}/chat/completions",
        json.dumps(body).encode(),
        {"Content-Type": "application/json", "Authorization": "Bearer sk-SECRET"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _arguments(raw: bytes) -> str:
    call = json.loads(raw)["choices"][0]["message"]["tool_calls"][0]["function"]
    return str(call["arguments"])


def test_default_answer_is_a_valid_empty_records_call() -> None:
    with FakeOpenAIServer() as server:
        status, _, raw = _post(server, _records_request())
    assert status == 200
    assert json.loads(_arguments(raw)) == {"deals": [], "plant_facts": []}
    assert len(server.requests) == 1 and server.requests[0]["model"] == "fake"


def test_choice_tool_gets_the_first_enum_value() -> None:
    body = {
        "model": "fake",
        "messages": [],
        "tools": [CHOICE_TOOL],
        "tool_choice": {"type": "function", "function": {"name": "Choice"}},
    }
    with FakeOpenAIServer() as server:
        _, _, raw = _post(server, body)
    assert json.loads(_arguments(raw)) == {"answer": "capacity"}


def test_responder_builds_the_arguments() -> None:
    deal = {"amount": 1.0, "evidence": "Article: text"}
    with FakeOpenAIServer(responder=lambda body: {"deals": [deal], "plant_facts": []}) as server:
        _, _, raw = _post(server, _records_request())
    assert ArticleRecords.model_validate_json(_arguments(raw)).deals[0].amount == 1.0


def test_models_endpoint() -> None:
    with (
        FakeOpenAIServer() as server,
        urllib.request.urlopen(f"{server.base_url}/models") as response,
    ):
        assert json.loads(response.read())["data"][0]["id"] == "fake"


@pytest.mark.parametrize(
    ("fault", "status", "retry_after"),
    [("500", 500, None), ("502", 502, None), ("429", 429, "0"), ("429:2.5", 429, "2.5")],
)
def test_http_faults(fault: str, status: int, retry_after: str | None) -> None:
    with FakeOpenAIServer(script=[fault]) as server:
        first = _post(server, _records_request())
        second = _post(server, _records_request())
    assert first[0] == status and first[1].get("Retry-After") == retry_after
    assert second[0] == 200, "the script is consumed, then normal answers follow"
    assert server.faults == [(1, fault)]


def test_content_faults() -> None:
    script = ["malformed", "truncated_tool_call", "schema_violation", "empty_choices", "wrong_tool"]
    with FakeOpenAIServer(script=script) as server:
        answers = [_post(server, _records_request())[2] for _ in script]
    with pytest.raises(ValueError):
        json.loads(answers[0])
    with pytest.raises(ValueError):
        json.loads(_arguments(answers[1]))
    with pytest.raises(ValidationError):
        ArticleRecords.model_validate_json(_arguments(answers[2]))
    assert json.loads(answers[3])["choices"] == []
    assert json.loads(answers[4])["choices"][0]["message"]["tool_calls"][0]["function"]["name"] != (
        "ArticleRecords"
    )


def test_drop_closes_the_connection_mid_response() -> None:
    with FakeOpenAIServer(script=["drop"]) as server:
        with pytest.raises((http.client.IncompleteRead, ConnectionError)):
            _post(server, _records_request())
        assert _post(server, _records_request())[0] == 200


def test_hang_outlasts_the_client_timeout_and_stops_with_the_server() -> None:
    server = FakeOpenAIServer(script=["hang"], hang_seconds=30).start()
    try:
        with pytest.raises((TimeoutError, urllib.error.URLError)):
            _post(server, _records_request(), timeout=0.3)
    finally:
        started = time.perf_counter()
        server.stop()
    assert time.perf_counter() - started < 5


def test_latency_and_max_in_flight() -> None:
    with FakeOpenAIServer(latency=0.2) as server:
        threads = [
            threading.Thread(target=_post, args=(server, _records_request())) for _ in range(4)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert server.max_in_flight == 4 and server.in_flight == 0
    assert 0.2 <= time.perf_counter() - started < 1.5


def test_headers_are_neither_kept_nor_logged(capfd: pytest.CaptureFixture[str]) -> None:
    with FakeOpenAIServer(script=["500"]) as server:
        _post(server, _records_request())
        _post(server, _records_request())
    out, err = capfd.readouterr()
    assert "sk-SECRET" not in out + err + json.dumps(server.requests)


def test_minimal_instance_resolves_refs_and_required_fields() -> None:
    schema = {
        "$defs": {
            "Inner": {
                "type": "object",
                "required": ["n", "kind"],
                "properties": {
                    "n": {"type": "integer", "minimum": 3},
                    "kind": {"enum": ["a", "b"]},
                    "note": {"type": "string"},
                },
            }
        },
        "type": "object",
        "required": ["inner"],
        "properties": {"inner": {"$ref": "#/$defs/Inner"}, "items": {"type": "array"}},
    }
    assert minimal_instance(schema) == {"inner": {"n": 3, "kind": "a"}, "items": []}
