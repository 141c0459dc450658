"""A backend fed from queues, for unit tests."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from extract._backends.base import Usage
from extract._errors import ModelOutputError

M = TypeVar("M", bound=BaseModel)


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
