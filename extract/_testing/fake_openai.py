"""A real-HTTP fake of an OpenAI-compatible chat server, for tests and benchmarks.

:class:`FakeOpenAIServer` listens on 127.0.0.1 (an ephemeral port) in a
background thread and answers ``POST /v1/chat/completions`` the way a server
does for instructor's TOOLS mode: a forced tool call whose arguments are valid
for the tool's JSON schema. A *script* of faults applies to successive requests
(HTTP errors, hangs, dropped connections, broken or schema-violating tool
calls) so retry and error paths run against a real socket and the real
``openai`` client. Request headers are never logged or stored: they carry the
API key.

Example::

    with FakeOpenAIServer(latency=0.05, script=["429", "500"]) as server:
        run(base_url=server.base_url)
        assert len(server.requests) == 3
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

#: Fault names a script may hold; a bare HTTP status ("503") is accepted too,
#: and "429:2.5" sends ``Retry-After: 2.5`` ("429" alone sends ``Retry-After: 0``).
FAULTS = ("500", "502", "429", "hang", "drop", "malformed", "truncated_tool_call",
          "schema_violation", "empty_choices", "wrong_tool")  # fmt: skip

#: Builds a request's answer: tool arguments (a dict), a fault name, or None for the default.
Responder = Callable[[dict[str, Any]], "dict[str, Any] | str | None"]
Latency = float | Callable[[dict[str, Any]], float]


class FakeOpenAIServer:
    """An OpenAI-compatible chat endpoint on 127.0.0.1 with scripted faults.

    Args:
        latency: Seconds each request waits before answering, or a function of
            the parsed request body returning them.
        script: Faults for successive requests (see :data:`FAULTS`); once it
            runs out, requests get normal answers. :meth:`push` adds more.
        responder: Builds the tool arguments from a request body (or names a
            fault for it); None or a None answer gives the default answer.
        hang_seconds: How long a ``"hang"`` fault waits (longer than the
            client's timeout); shutting the server down ends it early.

    Attributes:
        requests: Parsed bodies of every chat request, in arrival order.
        max_in_flight: The most requests seen being served at the same time.
        faults: ``(request number, fault)`` for every fault applied.

    """

    def __init__(
        self,
        latency: Latency = 0.0,
        script: Iterable[str] | None = None,
        *,
        responder: Responder | None = None,
        hang_seconds: float = 30.0,
    ) -> None:
        self.latency = latency
        self.responder = responder
        self.hang_seconds = hang_seconds
        self.requests: list[dict[str, Any]] = []
        self.faults: list[tuple[int, str]] = []
        self.max_in_flight = 0
        self.in_flight = 0
        self._script: deque[str] = deque(script or ())
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """The endpoint to give the client, ``http://127.0.0.1:PORT/v1``."""
        if self._server is None:
            raise RuntimeError("the fake server is not running; use it as a context manager")
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def push(self, *faults: str) -> None:
        """Append faults to the script."""
        with self._lock:
            self._script.extend(faults)

    def start(self) -> FakeOpenAIServer:
        """Bind an ephemeral port and serve in a daemon thread."""
        self._stop.clear()
        self._server = _Server(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-openai",
                                        kwargs={"poll_interval": 0.05}, daemon=True)  # fmt: skip
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; hanging or slow requests are released at once."""
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- used by the handler threads -------------------------------------------------

    @contextmanager
    def _serving(self, body: dict[str, Any]) -> Iterator[int]:
        with self._lock:
            self.requests.append(body)
            number = len(self.requests)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            yield number
        finally:
            with self._lock:
                self.in_flight -= 1

    def _next_fault(self, number: int, body: dict[str, Any]) -> tuple[str | None, Any]:
        with self._lock:
            fault = self._script.popleft() if self._script else None
        answer = None
        if fault is None and self.responder is not None:
            answer = self.responder(body)
            fault = answer if isinstance(answer, str) else None
        if fault is not None:
            with self._lock:
                self.faults.append((number, fault))
        return fault, (answer if isinstance(answer, dict) else None)

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self._stop.wait(seconds)

    def _delay(self, body: dict[str, Any]) -> float:
        return self.latency(body) if callable(self.latency) else self.latency


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[_Handler], fake: FakeOpenAIServer):
        super().__init__(address, handler)
        self.fake = fake


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm the body waits for the
    # client's delayed ACK of the headers (40 ms on Linux), which real servers do not add.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing: request lines are noise and headers carry the API key."""

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/v1/models":
            model = {"id": "fake", "object": "model", "created": 0, "owned_by": "assay"}
            self._send_json(200, {"object": "list", "data": [model]})
        else:
            self._send_json(404, _error("not found", 404))

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send_json(404, _error("not found", 404))
            return
        try:
            body = json.loads(raw)
        except ValueError:
            self._send_json(400, _error("request body is not JSON", 400))
            return
        fake = self.server.fake
        with fake._serving(body) as number:
            fake._wait(fake._delay(body))
            fault, arguments = fake._next_fault(number, body)
            try:
                self._answer(body, number, fault, arguments)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (e.g. after a hang)

    def _answer(self, body: dict[str, Any], number: int, fault: str | None,
                arguments: dict[str, Any] | None) -> None:  # fmt: skip
        status = fault.split(":")[0] if fault else ""
        if status.isdigit():
            self._send_status(int(status), fault or "")
        elif fault == "hang":
            self.server.fake._wait(self.server.fake.hang_seconds)
            self._send_json(200, completion(body, number, arguments))
        elif fault == "drop":
            self._send_raw(200, b'{"id": "chatcmpl-dropped", "choi', declared=4096)
        elif fault == "malformed":
            self._send_raw(200, b'{"id": "chatcmpl-malformed", "choices": [{"index": 0,')
        else:
            self._send_json(200, completion(body, number, arguments, fault))

    def _send_status(self, status: int, fault: str) -> None:
        headers = {}
        if status == 429:
            _, _, after = fault.partition(":")
            headers["Retry-After"] = after or "0"
        self._send_json(status, _error(f"scripted HTTP {status}", status), headers)

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._send_raw(status, json.dumps(payload).encode("utf-8"), headers=headers)

    def _send_raw(self, status: int, data: bytes, *, declared: int | None = None,
                  headers: dict[str, str] | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(declared or len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()
        if declared is not None:
            self.close_connection = True  # fewer bytes than declared, then EOF: a dropped response


def _error(message: str, status: int) -> dict[str, Any]:
    kind = "server_error" if status >= 500 else "invalid_request"
    kind = "rate_limit_error" if status == 429 else kind
    return {"error": {"message": message, "type": kind, "code": status}}


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
