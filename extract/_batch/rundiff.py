"""What changed between two runs' predictions, per article and per record.

Records are matched within one article by a key: the record type plus
``amount``/``currency`` for a deal, ``metric``/``value`` for a plant fact.
Matched records with different fields are *changed* (and list each field's
old and new value); unmatched records are *added* or *removed*. When several
records share a key, each is paired with the candidate it differs least from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact

Record = InvestmentDeal | PlantFact


class FieldChange(BaseModel):
    """One field of a matched record that differs between the runs."""

    field: str
    a: Any
    b: Any


class RecordChange(BaseModel):
    """A record present in both runs (same key) whose fields differ."""

    key: str
    changes: list[FieldChange]


class ArticleDiff(BaseModel):
    """The differences of one article between run A and run B."""

    doc_id: str
    in_a: bool = True
    in_b: bool = True
    added: list[dict[str, Any]] = Field(default_factory=list, description="Records only in B.")
    removed: list[dict[str, Any]] = Field(default_factory=list, description="Records only in A.")
    changed: list[RecordChange] = Field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """True when both runs have the article with the same records."""
        return self.in_a and self.in_b and not (self.added or self.removed or self.changed)


class RunDiff(BaseModel):
    """Per-article differences between two runs; identical articles are only counted."""

    run_a: str
    run_b: str
    articles: list[ArticleDiff] = Field(default_factory=list)
    unchanged: int = 0

    def totals(self) -> dict[str, int]:
        """Count records added, removed and changed, and articles that differ."""
        return {"articles_changed": len(self.articles), "articles_unchanged": self.unchanged,
                "added": sum(len(a.added) for a in self.articles),
                "removed": sum(len(a.removed) for a in self.articles),
                "changed": sum(len(a.changed) for a in self.articles)}  # fmt: skip


def record_key(record: Record) -> str:
    """Return the matching key: record type with amount and currency, or metric and value."""
    if isinstance(record, InvestmentDeal):
        return f"deal {_number(record.amount)} {record.currency or '-'}"
    return f"plant_fact {record.metric} {_number(record.value)}"


def diff_predictions(
    a: Mapping[str, ArticleExtraction],
    b: Mapping[str, ArticleExtraction],
    *,
    run_a: str,
    run_b: str,
) -> RunDiff:
    """Compare two runs' predictions article by article."""
    diff = RunDiff(run_a=run_a, run_b=run_b)
    for doc_id in sorted(set(a) | set(b)):
        article = diff_article(doc_id, a.get(doc_id), b.get(doc_id))
        if article.unchanged:
            diff.unchanged += 1
        else:
            diff.articles.append(article)
    return diff


def diff_article(
    doc_id: str, a: ArticleExtraction | None, b: ArticleExtraction | None
) -> ArticleDiff:
    """Compare one article's records (None: the article is missing from that run)."""
    diff = ArticleDiff(doc_id=doc_id, in_a=a is not None, in_b=b is not None)
    groups_a, groups_b = _by_key(a), _by_key(b)
    for key in sorted(set(groups_a) | set(groups_b)):
        left, right = list(groups_a.get(key, [])), list(groups_b.get(key, []))
        while left and right:
            old = left.pop(0)
            new = min(right, key=lambda candidate: len(_changes(old, candidate)))
            right.remove(new)
            if changes := _changes(old, new):
                diff.changed.append(RecordChange(key=key, changes=changes))
        diff.removed.extend(_dump(record) for record in left)
        diff.added.extend(_dump(record) for record in right)
    return diff


def _by_key(extraction: ArticleExtraction | None) -> dict[str, list[Record]]:
    groups: dict[str, list[Record]] = defaultdict(list)
    if extraction is not None:
        records: list[Record] = [*extraction.deals, *extraction.plant_facts]
        for record in records:
            groups[record_key(record)].append(record)
    return groups


def _changes(old: Record, new: Record) -> list[FieldChange]:
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    return [FieldChange(field=name, a=before[name], b=after[name])
            for name in before if before[name] != after[name]]  # fmt: skip


def _dump(record: Record) -> dict[str, Any]:
    return {"key": record_key(record), **record.model_dump(mode="json")}


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else repr(float(value))
