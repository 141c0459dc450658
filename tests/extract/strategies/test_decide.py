import pytest

from extract._backends.fake import FakeBackend
from extract._errors import InputError
from extract._strategies.guided.decide import Decider
from extract._strategies.guided.strategy import GuidedOptions
from extract._strategies.prompts import load_choice_prompt

PROMPT = load_choice_prompt("mass_metric")
SENTENCE = "The smelter produced 50,000 tonnes of zinc."


class _BiasedBackend(FakeBackend):
    """Prefers 'capacity' whatever the input: the bias calibration must remove."""

    def score_options(self, context: str, prompt: str, options: list[str]) -> list[float]:  # type: ignore[override]
        self._count(prompt)
        content_free = '"N/A"' in prompt.rsplit("Sentence:", 1)[-1]
        bias = {" capacity": -1.0, " production": -3.0}
        evidence = {} if content_free else {" production": 1.5}
        return [bias.get(o, -6.0) + evidence.get(o, 0.0) for o in options]


def test_rules_alone_decide_when_the_model_is_off() -> None:
    decider = Decider(None, "ctx", use_model=False)
    rules = {"production": 1.0, "capacity": 0.0}
    assert decider.choose(PROMPT, SENTENCE, "50,000 tonnes", rules) == "production"
    assert decider.log[0].model_scores is None


def test_calibration_subtracts_the_content_free_bias() -> None:
    raw = Decider(_BiasedBackend(), "ctx", use_rules=False, calibrate=False)
    calibrated = Decider(_BiasedBackend(), "ctx", use_rules=False, calibrate=True)
    assert raw.choose(PROMPT, SENTENCE, "50,000 tonnes", {}) == "capacity"
    assert calibrated.choose(PROMPT, SENTENCE, "50,000 tonnes", {}) == "production"


def test_content_free_scores_are_computed_once_per_prompt() -> None:
    backend = _BiasedBackend()
    decider = Decider(backend, "ctx")
    for _ in range(3):
        decider.choose(PROMPT, SENTENCE, "50,000 tonnes", {})
    assert backend.usage.model_calls == 3 + 1


def test_span_choice_with_one_candidate_asks_nothing() -> None:
    backend = FakeBackend()
    decider = Decider(backend, "ctx")
    prompt = load_choice_prompt("span_facility")
    assert decider.choose_span(prompt, SENTENCE, "50,000 tonnes", {"smelter": 1.0}) == "smelter"
    assert decider.choose_span(prompt, SENTENCE, "50,000 tonnes", {}) is None
    assert backend.usage.model_calls == 0


def test_backends_without_scores_answer_by_constrained_choice() -> None:
    backend = FakeBackend(choices=["reserves"])
    backend.supports_scores = False
    decider = Decider(backend, "ctx", use_rules=False)
    assert decider.choose(PROMPT, SENTENCE, "50,000 tonnes", {}) == "reserves"


def test_a_question_the_model_is_not_asked_is_decided_by_rules_alone() -> None:
    backend = _BiasedBackend()
    decider = Decider(backend, "ctx", model_questions=frozenset({"plant_status"}))
    rules = {"production": 0.0, "capacity": 1.0}
    assert decider.choose(PROMPT, SENTENCE, "50,000 tonnes", rules) == "capacity"
    assert backend.usage.model_calls == 0
    assert decider.log[0].model_scores is None


def test_guided_options_refuse_an_unknown_question() -> None:
    with pytest.raises(InputError, match="unknown guided question"):
        GuidedOptions(model_questions=("mass_metric", "plant_size"))
