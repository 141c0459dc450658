"""What the runs-diff page shows, gathered: the diff, both runs' records, texts and scores.

``assay runs diff A B --html FILE`` renders a :class:`RunsPage`
(:mod:`extract._cli.runs_html`). The page needs more than the diff itself: each
changed record's fields in both runs (the diff keeps only the fields that
differ), the article texts to highlight the evidence in, and, with ``--gold``,
both runs scored by :func:`evals.evaluate` on the gold articles either run has.

Texts come from the result store, which keeps every article it extracted, else
from ``--articles DIR`` or ``articles/`` beside the gold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals import EvalReport, evaluate, load_extractions, load_texts
from extract._batch.rundiff import ArticleDiff, RecordChange, RunDiff, record_key
from extract._batch.store import ResultStore
from extract._batch.stores import open_store
from extract._errors import InputError, StoreError
from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact


@dataclass(frozen=True)
class Scored:
    """Both runs scored against the same gold articles."""

    a: EvalReport
    b: EvalReport
    gold: Mapping[str, ArticleExtraction]
    source: str


@dataclass(frozen=True)
class RunsPage:
    """Everything the runs-diff page shows.

    Attributes:
        diff: The per-article differences (:func:`extract._batch.rundiff.diff_predictions`).
        manifests: The manifests of run A and run B.
        pred_a: Run A's records by doc_id.
        pred_b: Run B's records by doc_id.
        texts: Article texts by doc_id (any may be missing).
        store: Where the runs are, as the user named it.
        scored: Both runs' eval reports, when a gold set was given.

    """

    diff: RunDiff
    manifests: tuple[Mapping[str, Any], Mapping[str, Any]]
    pred_a: Mapping[str, ArticleExtraction]
    pred_b: Mapping[str, ArticleExtraction]
    texts: Mapping[str, str]
    store: str
    scored: Scored | None = None


@dataclass(frozen=True)
class ChangedPair:
    """A changed record with its whole self in both runs (``model_dump`` of each)."""

    change: RecordChange
    a: dict[str, Any]
    b: dict[str, Any]


def gather_texts(
    store_path: Path, run_ids: Sequence[str], gold_dir: Path | None, articles_dir: Path | None
) -> dict[str, str]:
    """Article texts by doc_id: the store's, else ``articles_dir``'s, else the gold's."""
    texts: dict[str, str] = {}
    if gold_dir is not None and (gold_dir / "articles").is_dir():
        texts.update(load_texts(gold_dir / "articles"))
    if articles_dir is not None:
        texts.update(load_texts(articles_dir))
    texts.update(stored_texts(store_path, run_ids))
    return texts


def stored_texts(store_path: Path, run_ids: Sequence[str]) -> dict[str, str]:
    """The texts either kind of result store kept for the runs' articles, by doc_id.

    Returns {} when there is no store at ``store_path`` (the page then shows
    records without text); an older store row without text is left out.
    """
    doc_ids: dict[str, set[str]] = {}  # one text may be stored under several doc ids
    try:
        with open_store(store_path) as store:
            for run_id in run_ids:
                for item in store.items(run_id):
                    if item.cache_key:
                        doc_ids.setdefault(item.cache_key, set()).add(item.doc_id)
            rows = (store.export_rows(doc_ids) if isinstance(store, ResultStore)
                    else list(store.results(doc_ids).values()))  # fmt: skip
    except StoreError:
        return {}
    return {doc_id: row["text"] for row in rows if row.get("text")
            for doc_id in doc_ids[row["cache_key"]]}  # fmt: skip


def score_runs(
    gold_dir: Path,
    pred_a: Mapping[str, ArticleExtraction],
    pred_b: Mapping[str, ArticleExtraction],
    texts: Mapping[str, str],
) -> Scored:
    """Score both runs on the gold articles that either run has.

    Raises:
        InputError: The gold set cannot be read, or none of its articles is in either run.

    """
    gold = load_extractions(gold_dir)
    shared = {doc_id: gold[doc_id] for doc_id in gold if doc_id in pred_a or doc_id in pred_b}
    if not shared:
        raise InputError(f"{gold_dir}: none of its {len(gold)} gold articles is in either run")
    reports = []
    for run in (pred_a, pred_b):
        report = evaluate(shared, {d: p for d, p in run.items() if d in shared}, texts)
        report.manifest.gold_source = f"{gold_dir} ({len(shared)} of {len(gold)} articles)"
        reports.append(report)
    return Scored(a=reports[0], b=reports[1], gold=shared, source=str(gold_dir))


def changed_pairs(
    article: ArticleDiff, a: ArticleExtraction | None, b: ArticleExtraction | None
) -> list[ChangedPair]:
    """Find, for each changed record of ``article``, the record it was in A and is in B.

    The diff keeps only the fields that differ; the page shows the whole record,
    so each change is matched back to a pair of records with its key that differ
    in exactly those fields, by exactly those values.
    """
    left, right = _dumps(a), _dumps(b)
    pairs = []
    for change in article.changed:
        found = _pair(left, right, change)
        if found is None:  # cannot happen for a diff of these runs; show what the diff says
            pairs.append(ChangedPair(change, {"key": change.key}, {"key": change.key}))
            continue
        old, new = found
        pairs.append(ChangedPair(change, left.pop(old), right.pop(new)))
    return pairs


def _dumps(extraction: ArticleExtraction | None) -> list[dict[str, Any]]:
    if extraction is None:
        return []
    records: list[InvestmentDeal | PlantFact] = [*extraction.deals, *extraction.plant_facts]
    return [{"key": record_key(r), **r.model_dump(mode="json")} for r in records]


def _pair(
    left: list[dict[str, Any]], right: list[dict[str, Any]], change: RecordChange
) -> tuple[int, int] | None:
    wanted = {c.field: (c.a, c.b) for c in change.changes}
    for i, old in enumerate(left):
        for j, new in enumerate(right):
            if (
                old["key"] == new["key"] == change.key
                and old.keys() == new.keys()
                and all(
                    (old[f], new[f]) == wanted[f] if f in wanted else old[f] == new[f] for f in old
                )
            ):
                return i, j
    return None


def record_type(record: Mapping[str, Any]) -> str:
    """``deal`` or ``plant_fact``, from a dumped record."""
    return "plant_fact" if "metric" in record else "deal"
