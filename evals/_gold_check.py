"""Form checks of a hand-labelled gold set: one line per problem, nothing when it is clean.

A gold set is a directory of ``<doc_id>.json`` files (one ``ArticleExtraction``
each) beside the articles they label. The checks cannot tell whether a label is
right, only that it is a contract record that could be right: valid against the
schema, canonical JSON, evidence a verbatim piece of its article that carries
the record's figure, units and periods consistent with the metric, and, for
articles with a front-matter header, provenance (source URL, outlet, date).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import ValidationError

from evals._grounding import check_grounding
from evals._loaders import describe_error
from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact

_FLOWS = frozenset({"capacity", "production", "throughput"})
_STOCKS = frozenset({"reserves", "cost"})
_ISO_CODE = re.compile(r"^[A-Z]{3}$")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_URL = re.compile(r"^https?://\S+$")
PROVENANCE_KEYS = ("source", "outlet", "published")


def canonical_json(extraction: ArticleExtraction) -> str:
    """The one serialisation of a gold file (GUIDELINES rule 2)."""
    body = extraction.model_dump(mode="json", exclude={"meta"})
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def check_gold_set(
    gold_dir: Path,
    texts: Mapping[str, str],
    provenance: Mapping[str, Mapping[str, str] | None],
    *,
    require_provenance: bool = False,
) -> list[str]:
    """Every problem of the gold set in ``gold_dir``, one line each (``path: problem``).

    Args:
        gold_dir: The directory of ``<doc_id>.json`` gold files.
        texts: Article texts by doc_id (the text after any front-matter header).
        provenance: Each article's front-matter header by doc_id (None: no header).
        require_provenance: A missing header is a problem too (real-news corpora).

    """
    problems: list[str] = []
    gold_files = sorted(p for p in gold_dir.glob("*.json") if p.name != "schema.json")
    if not gold_files:
        problems.append(f"{gold_dir}: no <doc_id>.json gold files")
    for path in gold_files:
        problems.extend(f"{path}: {problem}" for problem in _file_problems(path, texts))
    labelled = {path.stem for path in gold_files}
    for doc_id in sorted(set(texts) - labelled):
        problems.append(f"{gold_dir}: article {doc_id} has no gold file")
    for doc_id in sorted(set(texts) & labelled):
        header = provenance.get(doc_id)
        where = gold_dir / f"{doc_id}.json"
        problems.extend(f"{where}: {p}" for p in _provenance_problems(header, require_provenance))
    return problems


def _file_problems(path: Path, texts: Mapping[str, str]) -> Iterator[str]:
    try:
        gold = ArticleExtraction.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        yield f"not a valid ArticleExtraction: {describe_error(exc)}"
        return
    if gold.doc_id != path.stem:
        yield f"doc_id {gold.doc_id!r} differs from the file name"
    if gold.meta is not None:
        yield "has meta (gold files carry none)"
    if path.read_text(encoding="utf-8") != canonical_json(gold):
        yield "not canonical JSON (GUIDELINES rule 2)"
    text = texts.get(path.stem)
    if text is None:
        yield f"no article {path.stem}.txt beside it"
        return
    records: list[tuple[str, InvestmentDeal | PlantFact]] = [
        *((f"deal {n}", deal) for n, deal in enumerate(gold.deals)),
        *((f"plant_fact {n}", fact) for n, fact in enumerate(gold.plant_facts)),
    ]
    for where, record in records:
        yield from (f"{where}: {problem}" for problem in _record_problems(record, text))


def _record_problems(record: InvestmentDeal | PlantFact, text: str) -> Iterator[str]:
    grounding = check_grounding(record, text)
    if not grounding.verbatim:
        yield f"evidence is not verbatim in the article: {record.evidence[:60]!r}"
    elif not grounding.value_in_evidence:
        yield f"evidence does not contain the record's figure: {record.evidence[:60]!r}"
    if isinstance(record, InvestmentDeal):
        if (record.amount is None) != (record.currency is None):
            yield "amount and currency must be both set or both null"
        return
    yield from _plant_fact_problems(record)


def _plant_fact_problems(fact: PlantFact) -> Iterator[str]:
    if fact.metric in _FLOWS and fact.period is None:
        yield f"a {fact.metric} is a flow and needs a period"
    if fact.metric in _STOCKS and fact.period is not None:
        yield f"a {fact.metric} is a stock: period must be null"
    if (fact.metric == "cost") != bool(_ISO_CODE.match(fact.unit)):
        yield f"unit {fact.unit!r} does not fit metric {fact.metric!r}"
    if fact.metric == "jobs" and fact.unit != "jobs":
        yield "a jobs figure has unit 'jobs'"
    if fact.value_max is not None and fact.value_max <= fact.value:
        yield "value_max must be above value"


def _provenance_problems(header: Mapping[str, str] | None, required: bool) -> Iterator[str]:
    if header is None:
        if required:
            yield "its article has no front-matter header with source, outlet and published"
        return
    for key in PROVENANCE_KEYS:
        if not header.get(key):
            yield f"its article's header has no {key!r}"
    if header.get("source") and not _URL.match(header["source"]):
        yield f"source is not an http(s) URL: {header['source']!r}"
    if header.get("published") and not _ISO_DATE.match(header["published"]):
        yield f"published is not an ISO date: {header['published']!r}"
