"""The one small interface every model backend implements, its settings and counters.

Backends (each imports this module and nothing else of the package but the errors):

* ``local``  - llama-cpp-python in process with the Gemma 3 270M GGUF
  (:mod:`extract._backends.local`);
* ``openai`` - any OpenAI-compatible endpoint through instructor (:mod:`extract._backends.openai`);
* ``fake``   - answers fed from a queue, for unit tests (:mod:`extract._backends.fake`).

:func:`~extract._backends.factory.make_backend` builds one from :class:`BackendSettings`.

Two kinds of question are asked. ``score_options`` returns the log-likelihood
of each option continuing a prompt (used by the guided strategy; only backends
with ``supports_scores`` implement it). ``choose`` asks for one option by a
constrained choice, and ``structured`` asks for a whole Pydantic object
(direct strategy).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

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
    # A LoRA adapter (GGUF, or a directory holding adapter.gguf) that the local backend
    # applies to its model when it loads it; the file's hash joins the backend identity.
    # None: the bundled decisions adapter on the bundled model; "none": no adapter.
    adapter: str | None = None


def api_key_from_env() -> str | None:
    """The API key from ``ASSAY_API_KEY`` or ``OPENAI_API_KEY`` (never logged)."""
    return os.environ.get("ASSAY_API_KEY") or os.environ.get("OPENAI_API_KEY")
