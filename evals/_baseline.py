"""Compare a report with a baseline report: metric deltas and every field that flipped."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from evals._models import EvalReport, Scores

ABSENT = "none"
"""The outcome of a field that one report does not score (null on both sides, or
a record that one run did not have)."""

_METRICS = ("precision", "recall", "f1")


class MetricDelta(BaseModel):
    """One metric in the baseline and now."""

    model_config = ConfigDict(extra="forbid")

    old: float
    new: float
    delta: float = Field(description="new - old")


class FieldFlip(BaseModel):
    """A field whose outcome differs between the baseline and now."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    record_type: str
    record_key: str
    field: str
    old: str = Field(description="right, wrong, missing, spurious, partial or none")
    new: str


class BaselineDiff(BaseModel):
    """What changed from a baseline report to a new one."""

    model_config = ConfigDict(extra="forbid")

    overall: dict[str, MetricDelta] = Field(description="precision, recall, f1, macro_f1, ...")
    by_type: dict[str, dict[str, MetricDelta]]
    by_field: dict[str, dict[str, MetricDelta]]
    flips: list[FieldFlip]
    gold_changed: bool = Field(description="The gold hashes differ: deltas mix two gold sets.")

    @property
    def f1_drop(self) -> float:
        """How much overall F1 fell (negative when it rose)."""
        return -self.overall["f1"].delta


def diff_reports(old: EvalReport, new: EvalReport) -> BaselineDiff:
    """Return the metric deltas and field flips from ``old`` (the baseline) to ``new``.

    Fields are identified by (doc_id, record type, record key, field); the record
    key of an aligned record is its gold record's, so it is stable across runs.
    """
    overall = _deltas(old.overall, new.overall)
    overall["macro_f1"] = _delta(old.overall.macro.f1, new.overall.macro.f1)
    overall["record_f1"] = _delta(old.overall.records.f1, new.overall.records.f1)
    return BaselineDiff(
        overall=overall,
        by_type={
            name: _deltas(old.by_type[name], scores)
            for name, scores in new.by_type.items()
            if name in old.by_type
        },
        by_field={
            name: _deltas(old.by_field[name], scores)
            for name, scores in new.by_field.items()
            if name in old.by_field
        },
        flips=field_flips(old, new),
        gold_changed=old.manifest.gold_hash != new.manifest.gold_hash,
    )


def _delta(old: float, new: float) -> MetricDelta:
    return MetricDelta(old=old, new=new, delta=new - old)


def _deltas(old: Scores, new: Scores) -> dict[str, MetricDelta]:
    return {name: _delta(getattr(old, name), getattr(new, name)) for name in _METRICS}


def _outcomes(report: EvalReport) -> dict[tuple[str, str, str, str], str]:
    return {
        (doc_id, record.record_type, record.key, field.field): field.outcome
        for doc_id, records in report.fields.items()
        for record in records
        for field in record.fields
    }


def field_flips(old: EvalReport, new: EvalReport) -> list[FieldFlip]:
    """List every field whose outcome changed, sorted by article, type, record and field."""
    before, after = _outcomes(old), _outcomes(new)
    flips = []
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key, ABSENT), after.get(key, ABSENT)
        if was != now:
            doc_id, record_type, record_key, field = key
            flips.append(
                FieldFlip(
                    doc_id=doc_id,
                    record_type=record_type,
                    record_key=record_key,
                    field=field,
                    old=was,
                    new=now,
                )
            )
    return flips
