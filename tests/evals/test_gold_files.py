"""The gold set is well-formed: every gold/*.json is a valid, grounded ArticleExtraction.

These tests check form, not judgement: they cannot tell whether a label is right,
only that it is a contract record, that its evidence is a verbatim piece of its
article containing its figures, and that its vocabularies are canonical. The
labelling rules live in gold/GUIDELINES.md.
"""

from __future__ import annotations

import importlib.util
import json
import re
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from labelled_set import LabelledFileChecks

from extract._schema import ArticleExtraction

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "gold"
ARTICLES = GOLD / "articles"
SEED_ARTICLES = REPO.parent / "shared" / "seed-articles"

GOLD_FILES = sorted(path for path in GOLD.glob("*.json") if path.name != "schema.json")
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))

# A number as written: digits with optional thousands/decimal separators ("9,000",
# "1.2", "1 200 000"). Units and scale words ("million", "bn") are not needed:
# the test compares significant digits only.
_NUMBER = re.compile(r"\d+(?:[.,\u00a0 ]\d+)*")
_FLOW_METRICS = {"capacity", "production", "throughput"}
_STOCK_METRICS = {"reserves", "cost"}
_PHYSICAL_UNITS = {"t", "MW", "jobs"}


def _significant_digits(number: float | int | str) -> str:
    """Digits of a number without separators, sign, leading or trailing zeros.

    223000.0 -> "223"; 1.2e6 -> "12"; "9,000" -> "9"; "1.2" -> "12".
    """
    text = format(Decimal(repr(number)), "f") if not isinstance(number, str) else number
    return re.sub(r"\D", "", text).strip("0") or "0"


def _figures(evidence: str) -> set[str]:
    """Significant digits of every number written in ``evidence``."""
    return {_significant_digits(match) for match in _NUMBER.findall(evidence)}


def _load(path: Path) -> ArticleExtraction:
    return ArticleExtraction.model_validate_json(path.read_bytes())


def _make_schema() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_make_schema", GOLD / "make_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_set_is_not_empty() -> None:
    assert GOLD_FILES, "no gold/*.json files"
    assert ARTICLE_FILES, "no gold/articles/*.txt files"


def test_every_article_has_a_gold_file() -> None:
    gold_ids = {path.stem for path in GOLD_FILES}
    missing = [path.stem for path in ARTICLE_FILES if path.stem not in gold_ids]
    assert not missing, f"articles without gold/<doc_id>.json: {missing}"


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda path: path.stem)
def test_article_is_a_byte_exact_seed_copy(path: Path) -> None:
    seed = SEED_ARTICLES / path.name
    if not seed.exists():
        pytest.skip(f"no seed article {seed} to compare with")
    assert path.read_bytes() == seed.read_bytes()


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
class TestGoldFile(LabelledFileChecks):
    ARTICLES = ARTICLES

    def test_plant_fact_evidence_contains_its_figures(self, path: Path) -> None:
        gold = _load(path)
        for fact in gold.plant_facts:
            figures = _figures(fact.evidence)
            for number in (fact.value, fact.value_max):
                if number is not None:
                    assert _significant_digits(number) in figures, (fact.value, fact.evidence)

    def test_deal_evidence_contains_its_figures(self, path: Path) -> None:
        gold = _load(path)
        for deal in gold.deals:
            figures = _figures(deal.evidence)
            for number in (deal.amount, deal.jobs):
                if number is not None:
                    assert _significant_digits(number) in figures, (number, deal.evidence)

    def test_plant_fact_fields_are_consistent(self, path: Path) -> None:
        gold = _load(path)
        for fact in gold.plant_facts:
            if fact.metric in _FLOW_METRICS:
                assert fact.period is not None, f"a {fact.metric} is a flow: {fact.evidence}"
            if fact.metric in _STOCK_METRICS:
                assert fact.period is None, f"a {fact.metric} is a stock: {fact.evidence}"
            if fact.metric == "jobs":
                assert fact.unit == "jobs", fact.evidence
            if fact.value_max is not None:
                assert fact.value_max > fact.value, fact.evidence


def test_schema_json_is_up_to_date() -> None:
    module = _make_schema()
    stored = json.loads((GOLD / "schema.json").read_text(encoding="utf-8"))
    assert stored == module.build_schema(), "gold/schema.json is stale: python gold/make_schema.py"
