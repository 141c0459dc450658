"""The one small interface every model backend implements, and the factory.

Backends:

* ``local``  - llama-cpp-python in process with the Gemma 3 270M GGUF
  (:mod:`extract._backends.local`);
* ``openai`` - any OpenAI-compatible endpoint through instructor (:mod:`extract._backends.openai`);
* ``fake``   - answers fed from a queue, for unit tests (:class:`FakeBackend`).

Two kinds of question are asked. ``score_options`` returns the log-likelihood
of each option continuing a prompt (used by the guided strategy; only backends
with ``supports_scores`` implement it). ``choose`` asks for one option by a
constrained choice, and ``structured`` asks for a whole Pydantic object
(direct strategy).
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from extract._errors import BackendUnavailable, ModelOutputError

M = TypeVar("M", bound=BaseModel)


@dataclass
class Usage:
    """Token and call counters of one backend, read and reset per article."""

    model_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    raw_responses: list[str] = field(default_factory=list)

    def take(self) -> Usage:
        """Return the counters so far and reset them."""
        taken = Usage(self.model_calls, self.prompt_tokens, self.completion_tokens,
                      self.raw_responses)  # fmt: skip
        self.model_calls = self.prompt_tokens = self.completion_tokens = 0
        self.raw_responses = []
        return taken


@runtime_checkable
class Backend(Protocol):
    """What the pipeline needs from a model."""

    name: str
    model: str
    supports_scores: bool
    usage: Usage

    def identity(self) -> dict[str, Any]:
        """Output-affecting settings (model file, sampling, context): part of cache keys."""

    def score_options(self, context: str, prompt: str, options: Sequence[str]) -> list[float]:
        """Log-likelihood of each option continuing ``context + prompt``."""

    def choose(self, context: str, prompt: str, options: Sequence[str]) -> str:
        """One of ``options`` chosen by the model (constrained)."""

    def structured(self, system: str, user: str, response_model: type[M]) -> M:
        """An instance of ``response_model`` produced by the model (schema enforced)."""


@dataclass(frozen=True)
class BackendSettings:
    """How to build a backend; every field has an ``ASSAY_*`` environment variable."""

    backend: str = "local"
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    n_ctx: int = 4096
    max_tokens: int = 2048
    seed: int = 0
    temperature: float = 0.0
    timeout: float = 120.0
    max_retries: int = 4
    n_threads: int | None = None


def api_key_from_env() -> str | None:
    """The API key from ``ASSAY_API_KEY`` or ``OPENAI_API_KEY`` (never logged)."""
    return os.environ.get("ASSAY_API_KEY") or os.environ.get("OPENAI_API_KEY")


def make_backend(settings: BackendSettings) -> Backend:
    """Build the backend that ``settings.backend`` names.

    Raises:
        BackendUnavailable: Unknown backend name, or its package is missing.

    """
    if settings.backend == "local":
        from extract._backends.local import LocalBackend

        return LocalBackend(settings)
    if settings.backend == "openai":
        from extract._backends.openai import OpenAIBackend

        return OpenAIBackend(settings)
    raise BackendUnavailable(f"unknown backend {settings.backend!r}: use 'local' or 'openai'")


class FakeBackend:
    """A backend fed from queues, for unit tests (after simonw/llm's mock model).

    ``scores`` maps an option label to a log-likelihood (options not listed get
    ``default_score``); ``choices`` and ``objects`` are consumed in order.
    """

    name = "fake"
    supports_scores = True

    def __init__(
        self,
        *,
        scores: dict[str, float] | None = None,
        choices: Iterable[str] = (),
        objects: Iterable[BaseModel | dict[str, Any] | str] = (),
        default_score: float = -5.0,
        model: str = "fake-model",
    ) -> None:
        self.model = model
        self.usage = Usage()
        self._scores = scores or {}
        self._default = default_score
        self._choices: deque[str] = deque(choices)
        self._objects: deque[BaseModel | dict[str, Any] | str] = deque(objects)
        self.prompts: list[str] = []

    def identity(self) -> dict[str, Any]:
        """Settings that change output: only the fake model's name."""
        return {"backend": self.name, "model": self.model}

    def score_options(self, context: str, prompt: str, options: Sequence[str]) -> list[float]:
        """Scores from the ``scores`` table, by option text stripped."""
        self._count(prompt)
        return [self._scores.get(option.strip(), self._default) for option in options]

    def choose(self, context: str, prompt: str, options: Sequence[str]) -> str:
        """The next queued choice (it must be one of ``options``)."""
        self._count(prompt)
        if not self._choices:
            return options[0]
        choice = self._choices.popleft()
        if choice not in options:
            raise ModelOutputError(f"fake choice {choice!r} is not one of {list(options)}")
        return choice

    def structured(self, system: str, user: str, response_model: type[M]) -> M:
        """The next queued object, validated as ``response_model``."""
        self._count(user)
        if not self._objects:
            raise ModelOutputError("fake backend has no queued object left")
        item = self._objects.popleft()
        raw = item.model_dump_json() if isinstance(item, BaseModel) else item
        text = raw if isinstance(raw, str) else json.dumps(raw)
        self.usage.raw_responses.append(text)
        return response_model.model_validate_json(text)

    def _count(self, prompt: str) -> None:
        self.prompts.append(prompt)
        self.usage.model_calls += 1
        self.usage.prompt_tokens += len(prompt.split())
