"""The guided strategy's question types and the direct prompt, read from ``prompts/*.json``.

Only what training needs is read: each choice prompt's name, template and
option texts (to recognise a question the strategy asks and to map an option's
scored text to its label), and the direct prompt's system text and template
(the records form's input). The files are read directly, not through the
library's private prompt loader.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from training._data import ROOT

PROMPT_DIR = ROOT / "prompts"
DECISION_PROMPTS = (
    "money_role", "mass_metric", "plant_status", "deal_stage", "span_facility", "span_company",
)  # fmt: skip


@dataclass(frozen=True)
class QuestionType:
    """One choice prompt: its template and its options (scored text -> label)."""

    name: str
    template: str
    labels: dict[str, str]

    @property
    def is_span(self) -> bool:
        """Span prompts have no fixed options: the candidate spans are the options."""
        return not self.labels

    def label(self, option_text: str) -> str:
        """The label of a scored option text (a span option is its own label)."""
        return self.labels.get(option_text, option_text.strip())

    def parse(self, question: str) -> tuple[str, str] | None:
        """``(sentence, figure)`` when ``question`` ends with this type's question, else None."""
        head = self.template.split("{sentence}")[0]
        start = question.rfind(head)
        if start < 0:
            return None
        found = _template_regex(self.template).fullmatch(question, start)
        return (found["sentence"], found["figure"]) if found else None


@lru_cache(maxsize=16)
def _template_regex(template: str) -> re.Pattern[str]:
    pattern = re.escape(template)
    pattern = pattern.replace(re.escape("{sentence}"), "(?P<sentence>.*?)", 1)
    pattern = pattern.replace(re.escape("{figure}"), "(?P<figure>.*?)", 1)
    return re.compile(pattern, re.DOTALL)


def _read(name: str, directory: Path) -> dict[str, object]:
    path = directory / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read prompt: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a prompt file holds one JSON object")
    return data


@lru_cache(maxsize=4)
def question_types(directory: Path = PROMPT_DIR) -> tuple[QuestionType, ...]:
    """Every question type the guided strategy asks, from its prompt file."""
    types = []
    for name in DECISION_PROMPTS:
        data = _read(name, directory)
        options = data.get("options", [])
        assert isinstance(options, list)
        labels = {str(o["text"]): str(o["label"]) for o in options}
        types.append(QuestionType(name, str(data["template"]), labels))
    return tuple(types)


def identify(question: str, directory: Path = PROMPT_DIR) -> tuple[QuestionType, str, str] | None:
    """The question type, sentence and figure of a question the guided strategy asked."""
    for kind in question_types(directory):
        parsed = kind.parse(question)
        if parsed is not None:
            return kind, parsed[0], parsed[1]
    return None


@lru_cache(maxsize=4)
def direct_prompt(directory: Path = PROMPT_DIR) -> tuple[str, str]:
    """The direct prompt's ``(system, template)``."""
    data = _read("direct", directory)
    return str(data["system"]), str(data["template"])


def records_prompt(article: str, directory: Path = PROMPT_DIR) -> str:
    """The records form's input, laid out as the local backend's structured call lays it."""
    system, template = direct_prompt(directory)
    return f"{system}\n\n{template.format(article=article)}\n"
