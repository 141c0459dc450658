"""Small decisions: rule scores plus the model's calibrated likelihoods.

Each decision has a few options. Rules give every option a score from cue
words; the model gives each option's log-likelihood, minus its log-likelihood
on a content-free input (contextual calibration: a small model's bias toward
some answers is measured and subtracted). The option with the best sum wins.
Switching either part off gives the ablations "rules only" and "model only".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from extract._backends.base import Backend
from extract._strategies.prompts import ChoicePrompt

RULE_WEIGHT = 2.0


@dataclass(frozen=True)
class Decision:
    """One decision as made: inputs, scores and the choice, kept for audit."""

    question: str
    figure: str
    options: tuple[str, ...]
    rule_scores: tuple[float, ...]
    model_scores: tuple[float, ...] | None
    choice: str


@dataclass
class Decider:
    """Makes the guided strategy's decisions about one article."""

    backend: Backend | None
    context: str
    use_rules: bool = True
    use_model: bool = True
    calibrate: bool = True
    # The questions (prompt names) the model answers; None: every one.
    model_questions: frozenset[str] | None = None
    log: list[Decision] = field(default_factory=list)
    _content_free: dict[tuple[str, tuple[str, ...]], list[float]] = field(default_factory=dict)

    def choose(
        self, prompt: ChoicePrompt, sentence: str, figure: str, rules: Mapping[str, float]
    ) -> str:
        """Pick one of ``prompt``'s options for the figure in ``sentence``."""
        labels = [option.label for option in prompt.options]
        texts = [option.text for option in prompt.options]
        return self._decide(prompt, sentence, figure, labels, texts, rules)

    def choose_span(
        self, prompt: ChoicePrompt, sentence: str, figure: str, spans: Mapping[str, float]
    ) -> str | None:
        """Pick one of the candidate ``spans`` (text -> rule prior), or None when there are none."""
        if not spans:
            return None
        labels = list(spans)
        if len(labels) == 1:
            return labels[0]
        return self._decide(prompt, sentence, figure, labels, [f" {s}" for s in labels], spans)

    def _decide(
        self,
        prompt: ChoicePrompt,
        sentence: str,
        figure: str,
        labels: Sequence[str],
        texts: Sequence[str],
        rules: Mapping[str, float],
    ) -> str:
        rule_scores = [rules.get(label, 0.0) if self.use_rules else 0.0 for label in labels]
        model_scores = self._model_scores(prompt, sentence, figure, labels, texts)
        total = [
            RULE_WEIGHT * r + (m if model_scores else 0.0)
            for r, m in zip(rule_scores, model_scores or [0.0] * len(labels), strict=True)
        ]
        choice = labels[max(range(len(labels)), key=total.__getitem__)]
        self.log.append(
            Decision(
                prompt.name,
                figure,
                tuple(labels),
                tuple(rule_scores),
                tuple(model_scores) if model_scores else None,
                choice,
            )
        )
        return choice

    def _model_scores(
        self,
        prompt: ChoicePrompt,
        sentence: str,
        figure: str,
        labels: Sequence[str],
        texts: Sequence[str],
    ) -> list[float] | None:
        if not self.use_model or self.backend is None or not self._asks_model(prompt.name):
            return None
        question = prompt.preamble() + prompt.render(sentence, figure)
        if not self.backend.supports_scores:
            chosen = self.backend.choose(self.context, question, list(labels))
            return [1.0 if label == chosen else 0.0 for label in labels]
        raw = self.backend.score_options(self.context, question, texts)
        if not self.calibrate:
            return raw
        baseline = self._baseline(prompt, tuple(texts))
        return [r - b for r, b in zip(raw, baseline, strict=True)]

    def _asks_model(self, question: str) -> bool:
        return self.model_questions is None or question in self.model_questions

    def _baseline(self, prompt: ChoicePrompt, texts: tuple[str, ...]) -> list[float]:
        """Scores on the content-free input, once per prompt and option set."""
        key = (prompt.name, texts)
        if key not in self._content_free:
            free = prompt.content_free
            question = prompt.preamble() + prompt.render(free.sentence, free.figure)
            assert self.backend is not None
            self._content_free[key] = self.backend.score_options(self.context, question, texts)
        return self._content_free[key]
