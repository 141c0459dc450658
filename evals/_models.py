"""Pydantic models of the eval report (the JSON report is ``EvalReport.model_dump_json``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extract._schema import RecordType

Outcome = Literal["right", "wrong", "missing", "spurious", "partial"]
"""How one scored field came out: ``right`` (TP only), ``wrong`` (FP and FN: a
wrong value), ``missing`` (FN only: gold not predicted), ``spurious`` (FP only:
predicted without gold), ``partial`` (a list with some elements right)."""

FieldValue = str | int | float | list[str] | None

REPORT_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Scores(_Model):
    """Micro counts and the precision, recall and F1 computed from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0


class MacroScores(_Model):
    """Unweighted means of per-article precision, recall and F1."""

    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0
    articles: int = Field(default=0, description="Articles averaged: those with any scored unit.")


class RecordScores(Scores):
    """Field-level micro scores plus record-level scores and record counts."""

    records: Scores = Field(
        default_factory=Scores,
        description="Record level: a matched pair is a TP when all its key fields agree.",
    )
    gold_records: int = 0
    predicted_records: int = 0


class GroupScores(RecordScores):
    """Scores of a group of articles (all, or one record type): micro, macro, records."""

    macro: MacroScores = Field(default_factory=MacroScores)


class OverallScores(GroupScores):
    """Scores over every gold article."""

    articles: int = 0


class ArticleScores(RecordScores):
    """Scores of one article, overall and per record type."""

    by_type: dict[str, Scores] = Field(default_factory=dict)
    missing_prediction: bool = False


class FieldOutcome(_Model):
    """The outcome of one field of one record (fields null on both sides are left out)."""

    field: str
    outcome: Outcome
    tp: int
    fp: int
    fn: int
    gold: FieldValue = None
    pred: FieldValue = None


class Grounding(_Model):
    """Whether a predicted record's evidence is in the article and carries its figure."""

    verbatim: bool = Field(description="Evidence is a substring of the text (whitespace folded).")
    value_in_evidence: bool = Field(description="The value (deal: amount, if any) is in it.")
    grounded: bool
    start: int | None = Field(default=None, description="Offset of the evidence in the text.")
    end: int | None = None


class RecordOutcome(_Model):
    """One gold record, one predicted record, or an aligned pair, with its field outcomes."""

    record_type: RecordType
    key: str = Field(description="Stable label: the gold record's key fields, or 'pred: ...'.")
    gold_index: int | None = Field(default=None, description="Index in the gold list.")
    pred_index: int | None = Field(default=None, description="Index in the predicted list.")
    similarity: float | None = None
    correct: bool = False
    fields: list[FieldOutcome] = Field(default_factory=list)
    evidence: str | None = Field(default=None, description="The predicted record's evidence.")
    grounding: Grounding | None = Field(
        default=None, description="None: not predicted, or no text."
    )


class GroundingCounts(_Model):
    """Grounding tallies over predicted records whose article text was available."""

    records: int = 0
    verbatim: int = 0
    value_in_evidence: int = 0
    grounded: int = 0
    rate: float | None = Field(default=None, description="grounded / records, if any.")


class GroundingSummary(GroundingCounts):
    """Grounding overall, per record type, and what could not be checked."""

    by_type: dict[str, GroundingCounts] = Field(default_factory=dict)
    unchecked: int = Field(default=0, description="Predicted records of articles without text.")
    articles_without_text: list[str] = Field(default_factory=list)


class Manifest(_Model):
    """What was scored and with what: enough to reproduce or compare a report."""

    report_version: int = REPORT_VERSION
    prompt_ids: dict[str, str] = Field(default_factory=dict)
    model: str | None = None
    strategy: str | None = None
    backend: str | None = None
    schema_hash: str | None = None
    gold_hash: str
    gold_articles: int
    predicted_articles: int
    package_version: str | None = None
    git_revision: str | None = None
    scorer: dict[str, float] = Field(default_factory=dict)
    gold_source: str | None = None
    pred_source: str | None = None


class EvalReport(_Model):
    """The result of :func:`evals.evaluate`; its JSON form is the JSON report."""

    overall: OverallScores
    by_type: dict[str, GroupScores]
    by_field: dict[str, Scores] = Field(description="Keys like 'plant_fact.metric'.")
    by_article: dict[str, ArticleScores]
    manifest: Manifest
    missing_predictions: list[str] = Field(description="Gold articles without a prediction.")
    unexpected_predictions: list[str] = Field(description="Predicted articles not in gold.")
    grounding: GroundingSummary
    fields: dict[str, list[RecordOutcome]] = Field(
        description="Per article, every record's field outcomes."
    )
