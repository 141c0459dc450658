"""The questions the guided strategy asks about an article, answered from gold.

The decisions form must train on exactly the questions the guided strategy asks
at inference: the same candidate figures, sentences, context, instructions,
few-shot examples and options. Rather than rebuild them, the article is run
through the public :class:`extract.Extractor` with an oracle backend that
answers every question from the gold records. The pipeline thus takes the gold
path (a figure the gold calls a deal gets the deal's stage and span questions),
and every question it asks with a gold answer becomes one example: the scored
prompt in, the gold option's text out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extract import (
    Article,
    ArticleExtraction,
    ExtractionConfig,
    Extractor,
    FakeBackend,
    GuidedOptions,
)
from training._answers import gold_answer
from training._prompts import identify

# Far above any rule score (rule weight 2 x a few cue points): the oracle always wins.
ORACLE_SCORE = 1000.0
CONTENT_FREE = "N/A"


@dataclass(frozen=True)
class AskedQuestion:
    """One question as the guided strategy scored it, with its gold answer."""

    name: str
    context: str
    prompt: str
    sentence: str
    figure: str
    options: tuple[str, ...]
    labels: tuple[str, ...]
    answer: str | None

    @property
    def target(self) -> str | None:
        """The scored text of the gold option (what the model should continue with)."""
        if self.answer not in self.labels:
            return None
        return self.options[self.labels.index(self.answer)]


class OracleBackend(FakeBackend):
    """Answers the guided strategy's questions from one article's gold records."""

    def __init__(self, text: str, gold: ArticleExtraction) -> None:
        super().__init__(model="gold-oracle")
        self.text = text
        self.gold = gold
        self.asked: list[AskedQuestion] = []

    def score_options(self, context: str, prompt: str, options: Sequence[str]) -> list[float]:
        """The gold option scores :data:`ORACLE_SCORE`, the others 0 (rules then decide ties)."""
        found = identify(prompt)
        if found is None:
            raise ValueError(f"unrecognised guided question: {prompt[-120:]!r}")
        kind, sentence, figure = found
        if sentence == CONTENT_FREE and figure == CONTENT_FREE:
            return [0.0] * len(options)  # calibration input: no gold, no example
        labels = [kind.label(o) for o in options]
        answer = gold_answer(kind.name, self.text, self.gold, sentence, figure, labels)
        self.asked.append(AskedQuestion(kind.name, context, prompt, sentence, figure,
                                        tuple(options), tuple(labels), answer))  # fmt: skip
        return [ORACLE_SCORE if label == answer else 0.0 for label in labels]


def asked_questions(
    doc_id: str, text: str, gold: ArticleExtraction, published: str | None = None
) -> tuple[list[AskedQuestion], ArticleExtraction]:
    """Every question the guided strategy asks about the article, and its oracle output.

    The oracle output (the guided pipeline with gold decisions) shows how far
    perfect decisions would take the strategy.
    """
    oracle = OracleBackend(text, gold)
    every = GuidedOptions(calibrate=False, model_questions=GuidedOptions.QUESTIONS)
    config = ExtractionConfig(guided=every, strategy="guided")
    with Extractor(config, backend=oracle) as extractor:
        result = extractor.extract(Article(id=doc_id, text=text, published=published))
    return oracle.asked, result
