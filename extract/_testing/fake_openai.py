"""A real-HTTP fake of an OpenAI-compatible chat server, for tests and benchmarks.

:class:`FakeOpenAIServer` listens on 127.0.0.1 (an ephemeral port) in a
background thread and answers ``POST /v1/chat/completions`` the way a server
does for instructor's TOOLS mode: a forced tool call whose arguments are valid
for the tool's JSON schema. A *script* of faults applies to successive requests
(HTTP errors, hangs, dropped connections, broken or schema-violating tool
calls) so retry and error paths run against a real socket and the real
``openai`` client. Request headers are never logged or stored: they carry the
API key. The completions it answers with are built in :mod:`extract._testing.responses`.

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

from extract._testing.responses import completion

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
