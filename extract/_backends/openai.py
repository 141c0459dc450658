"""The OpenAI-compatible backend: the only module that imports openai and instructor.

Any server that speaks the OpenAI chat API works: OpenAI, vLLM, Ollama, or
llama.cpp's server. Structured output goes through instructor in TOOLS mode (a
forced function call whose parameters are the Pydantic schema); llama.cpp's
server compiles a forced tool's schema into a grammar, so the schema is
enforced there too. Transient failures (429, 5xx, timeouts, dropped
connections) are retried with exponential backoff and jitter, honouring
``Retry-After``, up to ``max_retries`` times per call.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import random
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Literal, TypeVar, cast

import instructor
import openai
from instructor import openai_schema
from instructor.core import IncompleteOutputException, InstructorError, InstructorRetryException
from pydantic import BaseModel, ValidationError, create_model

from extract._backends.base import BackendSettings, Usage, api_key_from_env
from extract._errors import BackendError, BackendUnavailable, ModelOutputError

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
_RETRYABLE = (openai.RateLimitError, openai.InternalServerError, openai.APITimeoutError,
              openai.APIConnectionError)  # fmt: skip
MAX_BACKOFF = 30.0
# instructor logs every failed attempt at ERROR; our retries and one-line errors report them.
logging.getLogger("instructor").addHandler(logging.NullHandler())
logging.getLogger("instructor").propagate = False


class OpenAIBackend:
    """Any OpenAI-compatible endpoint, through instructor."""

    name = "openai"
    supports_scores = False

    def __init__(
        self, settings: BackendSettings, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        if not settings.model:
            raise BackendUnavailable("--backend openai needs --model (or ASSAY_MODEL)")
        self.settings = settings
        self.model = settings.model
        self.usage = Usage()
        self._sleep = sleep
        raw = openai.OpenAI(base_url=settings.base_url, timeout=settings.timeout, max_retries=0,
                            api_key=settings.api_key or api_key_from_env() or "no-key")  # fmt: skip
        self._raw = raw
        self._client = instructor.from_openai(raw, mode=instructor.Mode.TOOLS)

    def close(self) -> None:
        """Close the HTTP connections (otherwise the garbage collector does, whenever it runs)."""
        self._raw.close()

    def spawn(self) -> OpenAIBackend:
        """A backend for another worker thread: its own usage, the same connection pool.

        The openai client is thread-safe; building one per worker costs tens of
        milliseconds each, which a batch of 32 workers would pay before its
        first request.
        """
        twin = copy.copy(self)
        twin.usage = Usage()
        return twin

    def identity(self) -> dict[str, Any]:
        """Settings that change output; never the key, the URL or the timeout."""
        s = self.settings
        return {"backend": self.name, "model": self.model, "max_tokens": s.max_tokens,
                "seed": s.seed, "temperature": s.temperature}  # fmt: skip

    def score_options(self, context: str, prompt: str, options: Sequence[str]) -> list[float]:
        """Not available: chat endpoints do not score given continuations."""
        raise BackendError("the openai backend cannot score options; use choose()")

    def choose(self, context: str, prompt: str, options: Sequence[str]) -> str:
        """Ask for one of ``options`` through a tool whose only field is an enum."""
        answer_type = Literal[tuple(options)]  # type: ignore[valid-type]
        choice_model = create_model("Choice", answer=(answer_type, ...))
        result = self.structured("Answer with one of the allowed options.", context + prompt,
                                 choice_model)  # fmt: skip
        return cast(str, result.answer)  # type: ignore[attr-defined]

    def structured(self, system: str, user: str, response_model: type[M]) -> M:
        """Call the endpoint and return a validated ``response_model``."""
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        try:
            return self._with_retries(lambda: self._create(messages, response_model))
        except _Unusable:
            # Ask once more, as instructor re-asks once for arguments that do not validate.
            return self._with_retries(lambda: self._create(messages, response_model))

    def _create(self, messages: list[dict[str, str]], response_model: type[M]) -> M:
        s = self.settings
        try:
            result, completion = self._client.chat.completions.create_with_completion(
                model=self.model, messages=messages, response_model=_tool_model(response_model),  # type: ignore[arg-type]
                max_retries=1, temperature=s.temperature, seed=s.seed, max_tokens=s.max_tokens,
            )  # fmt: skip
        except InstructorRetryException as exc:
            # instructor wraps transport and HTTP errors too: hand those to _with_retries.
            if isinstance(exc.__cause__, openai.OpenAIError):
                raise exc.__cause__ from None
            if isinstance(exc.__cause__, IndexError):  # instructor's way of saying "no choices"
                raise _Unusable(f"{self.model}: the response has no choices") from None
            raise ModelOutputError(f"{self.model}: {_output_problem(exc.__cause__)}") from exc
        except IncompleteOutputException as exc:
            raise ModelOutputError(f"{self.model}: the answer was cut off at the "
                                   f"{s.max_tokens}-token limit") from exc  # fmt: skip
        except InstructorError as exc:  # any other way instructor gives up is the model's answer
            raise ModelOutputError(f"{self.model}: {_output_problem(exc)}") from exc
        except ValidationError as exc:
            raise ModelOutputError(f"{self.model}: {_output_problem(exc)}") from exc
        self._check_tool(completion, response_model)
        self._record(completion)
        return cast(M, result)

    def _check_tool(self, completion: Any, response_model: type[BaseModel]) -> None:
        # instructor reads the first tool call's arguments whatever the function's name, so an
        # answer for another tool whose arguments happen to validate would pass as ours.
        wanted = _tool_model(response_model).openai_schema["name"]
        choices = getattr(completion, "choices", None) or []
        calls = (getattr(choices[0].message, "tool_calls", None) or []) if choices else []
        names = [call.function.name for call in calls]
        if names and names[0] != wanted:
            raise _Unusable(f"{self.model}: answered with tool {names[0][:40]!r}, "
                            f"not the requested {wanted!r}")  # fmt: skip

    def _record(self, completion: Any) -> None:
        self.usage.model_calls += 1
        usage = getattr(completion, "usage", None)
        self.usage.prompt_tokens += getattr(usage, "prompt_tokens", 0) or 0
        self.usage.completion_tokens += getattr(usage, "completion_tokens", 0) or 0
        self.usage.raw_responses.append(completion.model_dump_json())

    def _with_retries(self, call: Callable[[], T]) -> T:
        for attempt in range(self.settings.max_retries + 1):
            try:
                return call()
            except _RETRYABLE as exc:
                if attempt == self.settings.max_retries:
                    raise BackendError(f"{self.model}: {_describe(exc)} after "
                                       f"{attempt + 1} attempts") from None  # fmt: skip
                self._sleep(backoff_seconds(attempt, _retry_after(exc)))
            except openai.APIStatusError as exc:
                raise BackendError(f"{self.model}: {_describe(exc)}") from None
            except openai.OpenAIError as exc:
                raise ModelOutputError(f"{self.model}: {type(exc).__name__}") from None
        raise AssertionError("unreachable")  # pragma: no cover


@lru_cache(maxsize=64)
def _tool_model(response_model: type[M]) -> Any:
    """``response_model`` as instructor's tool class, built once per model.

    instructor wraps a plain model anew on every call, so its schema cache never
    hits and each request rebuilds the JSON schema (about half of a request's
    client CPU); a class that is already wrapped is used as it is.
    """
    return openai_schema(response_model)


def backoff_seconds(attempt: int, retry_after: float | None, *, base: float = 0.5) -> float:
    """Exponential backoff with full jitter; a server's Retry-After wins when given."""
    if retry_after is not None:
        return min(retry_after, MAX_BACKOFF)
    return float(random.uniform(0, min(MAX_BACKOFF, base * 2**attempt)))


def _retry_after(exc: Exception) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    # A negative or NaN wait would make time.sleep raise: such a header is ignored.
    return seconds if seconds is not None and 0 <= seconds <= math.inf else None


class _Unusable(ModelOutputError):
    """An answer that instructor accepted or gave up on at once, but that cannot be used."""


def _output_problem(cause: BaseException | None) -> str:
    """Say in one line why a response could not be used (never echoing the whole response)."""
    if isinstance(cause, json.JSONDecodeError):
        return f"the response is not valid JSON ({cause.msg} at char {cause.pos})"
    if isinstance(cause, ValidationError):
        error = cause.errors()[0]
        if error["type"] == "json_invalid":
            return "the tool call's arguments are not valid JSON (truncated?)"
        field = ".".join(str(part) for part in error["loc"]) or "(top level)"
        return f"the tool call does not fit the schema: {field}: {' '.join(error['msg'].split())}"
    return f"response does not fit the schema ({type(cause).__name__})"


def _describe(exc: Exception) -> str:
    """A one-line description that never includes request headers (the API key)."""
    status = getattr(exc, "status_code", None)
    return f"HTTP {status} ({type(exc).__name__})" if status else type(exc).__name__
