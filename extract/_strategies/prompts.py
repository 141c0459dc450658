"""Prompts as versioned, validated data.

Every prompt is a JSON file in ``prompts/``: a *choice* prompt (one small
question with named options, definitions and few-shot examples, used by the
guided strategy) or the *direct* prompt (whole article -> records). Files are
validated on load; few-shot examples must be valid and grounded (their figure
or evidence occurs in their text). A prompt id is a content hash of the
template, the examples and the output JSON schema, and goes into every output.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from extract._errors import PromptError
from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChoiceOption(_Strict):
    """One answer of a choice prompt: its label, the text scored and its definition."""

    label: str
    text: str = Field(description="Continuation scored by the model, e.g. ' production'.")
    definition: str


class ChoiceExample(_Strict):
    """A solved question shown to the model before the real one."""

    sentence: str
    figure: str
    answer: str


class ChoicePrompt(_Strict):
    """A small constrained question the guided strategy asks per candidate."""

    name: str
    instructions: str
    template: str = Field(description="Uses {sentence} and {figure}.")
    options: list[ChoiceOption]
    examples: list[ChoiceExample] = Field(default_factory=list)
    content_free: ChoiceExample = Field(description="Content-free input for calibration.")

    @model_validator(mode="after")
    def _examples_are_valid(self) -> ChoicePrompt:
        labels = {option.label for option in self.options}
        for i, example in enumerate(self.examples):
            # Span prompts have no fixed options: their answer is a span of the sentence.
            allowed = example.answer in labels if labels else example.answer in example.sentence
            if not allowed:
                raise ValueError(f"examples[{i}].answer {example.answer!r} is not an option")
            if example.figure not in example.sentence:
                raise ValueError(f"examples[{i}].figure {example.figure!r} not in its sentence")
        return self

    def render(self, sentence: str, figure: str) -> str:
        """The question about one candidate."""
        return self.template.format(sentence=sentence, figure=figure)

    def preamble(self) -> str:
        """Instructions, option definitions and solved examples: shared by all candidates."""
        defs = "\n".join(f"- {o.text.strip()}: {o.definition}" for o in self.options)
        shots = "".join(
            self.render(e.sentence, e.figure) + self.option(e.answer).text + "\n\n"
            for e in self.examples
        )
        return f"{self.instructions}\n{defs}\n\n{shots}"

    def option(self, label: str) -> ChoiceOption:
        """The option with ``label`` (a span answer is its own option)."""
        found = [o for o in self.options if o.label == label]
        return found[0] if found else ChoiceOption(label=label, text=f" {label}", definition="")

    def output_schema(self) -> dict[str, Any]:
        """The JSON schema of the answer: an enum of the option labels."""
        return {"type": "string", "enum": [o.label for o in self.options]}


class DirectExample(_Strict):
    """A whole article with its records, for the direct strategy."""

    text: str
    output: ArticleExtraction

    @model_validator(mode="after")
    def _evidence_in_text(self) -> DirectExample:
        records: list[InvestmentDeal | PlantFact] = [*self.output.deals, *self.output.plant_facts]
        for record in records:
            if record.evidence not in self.text:
                raise ValueError(f"evidence {record.evidence[:40]!r}... is not in the text")
        return self


class DirectPrompt(_Strict):
    """The whole-article prompt for capable models."""

    name: str
    system: str
    template: str = Field(description="Uses {article}.")
    examples: list[DirectExample] = Field(default_factory=list)

    def render(self, article: str) -> str:
        """The user message for one article."""
        return self.template.format(article=article)


def prompt_dir() -> Path:
    """Where prompt files live: ``$ASSAY_PROMPTS_DIR``, inside the wheel, or ``prompts/``."""
    override = os.environ.get("ASSAY_PROMPTS_DIR")
    if override:
        return Path(override)
    packaged = Path(str(resources.files("extract").joinpath("_prompt_files")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "prompts"


def _read(name: str, directory: Path | None) -> dict[str, Any]:
    path = (directory or prompt_dir()) / f"{name}.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PromptError(f"{path}: prompt file not found") from exc
    except json.JSONDecodeError as exc:
        raise PromptError(f"{path}: invalid JSON: {exc}") from exc
    data["_path"] = str(path)
    return data


def _validate(model: type[BaseModel], data: dict[str, Any]) -> Any:
    path = data.pop("_path")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PromptError(f"{path}: {where}: {first['msg']}") from exc


@lru_cache(maxsize=64)
def load_choice_prompt(name: str, directory: Path | None = None) -> ChoicePrompt:
    """Load and validate ``prompts/<name>.json`` as a choice prompt."""
    result: ChoicePrompt = _validate(ChoicePrompt, _read(name, directory))
    return result


@lru_cache(maxsize=8)
def load_direct_prompt(name: str = "direct", directory: Path | None = None) -> DirectPrompt:
    """Load and validate ``prompts/<name>.json`` as the direct prompt."""
    result: DirectPrompt = _validate(DirectPrompt, _read(name, directory))
    return result


def prompt_id(prompt: ChoicePrompt | DirectPrompt, output_schema: dict[str, Any]) -> str:
    """Content hash of a prompt's template, examples and output JSON schema."""
    payload = {
        "prompt": prompt.model_dump(mode="json"),
        "output_schema": output_schema,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return f"{prompt.name}@{hashlib.sha256(blob).hexdigest()[:12]}"


@lru_cache(maxsize=1)
def schema_hash() -> str:
    """Content hash of the contract's JSON schema: part of every cache key."""
    blob = json.dumps(ArticleExtraction.model_json_schema(), sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:12]
