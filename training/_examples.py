"""Training examples from labelled articles, in two forms that can be compared.

* ``decisions``: every question the guided strategy asks about an article
  (:mod:`training._questions`), the prompt exactly as the local backend scores
  it (article context, instructions, few-shot examples, the question), the
  target the gold option's scored text (" production", " Balkhash smelter").
* ``records``: the article in, laid out as the local backend's structured call
  lays it (direct prompt's system text and template), the gold records out as
  the JSON the schema's grammar lets the model write, then end of sequence.

An :class:`Example` is plain text; tokenising and masking (loss only on the
target) belong to the trainer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from training._data import Labelled
from training._prompts import records_prompt
from training._questions import asked_questions
from training._records import record_json

Form = Literal["decisions", "records", "both"]
FORMS: tuple[Form, ...] = ("decisions", "records", "both")


@dataclass(frozen=True)
class Example:
    """One supervised example: the model reads ``prompt`` and should write ``target``.

    Attributes:
        form: ``decisions`` or ``records``.
        doc_id: The article it comes from.
        kind: The question's prompt name, or ``records``.
        context: The leading part of the input that other examples of the same
            article share (the guided strategy's article context; empty for records).
        prompt: The rest of the input: ``context + prompt`` is what the model
            reads at inference.
        target: The answer; the loss is computed on its tokens only.
        eos: Whether an end-of-sequence token follows the target (the model must
            learn to stop writing records; a scored option has no end).

    """

    form: str
    doc_id: str
    kind: str
    context: str
    prompt: str
    target: str
    eos: bool

    @property
    def text(self) -> str:
        """The whole input the model reads before the target."""
        return self.context + self.prompt


def decision_examples(article: Labelled) -> list[Example]:
    """One example per guided question about ``article`` that has a gold answer."""
    asked, _ = asked_questions(article.doc_id, article.text, article.gold, article.published)
    return [
        Example("decisions", article.doc_id, q.name, q.context, q.prompt, q.target, eos=False)
        for q in asked
        if q.target is not None
    ]


def record_example(article: Labelled) -> Example:
    """The whole-article example: article in, its gold records as grammar-shaped JSON out."""
    return Example("records", article.doc_id, "records", "", records_prompt(article.text),
                   record_json(article.gold), eos=True)  # fmt: skip


def build_examples(articles: Iterable[Labelled], form: Form) -> list[Example]:
    """Every example of ``form`` (or of both forms) from ``articles``, in article order."""
    examples: list[Example] = []
    for article in articles:
        if form in ("decisions", "both"):
            examples += decision_examples(article)
        if form in ("records", "both"):
            examples.append(record_example(article))
    return examples


def examples_digest(examples: Iterable[Example]) -> str:
    """Content hash of a list of examples: a resumed run must train on the same ones."""
    blob = json.dumps([asdict(e) for e in examples], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
