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

from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact
from extract._vocab import COMMODITIES

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "gold"
ARTICLES = GOLD / "articles"
SEED_ARTICLES = REPO.parent / "shared" / "seed-articles"

GOLD_FILES = sorted(path for path in GOLD.glob("*.json") if path.name != "schema.json")
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))

_ISO_CODE = re.compile(r"^[A-Z]{3}$")
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


def _article(doc_id: str) -> str:
    # Bytes decoded as-is: no newline translation, so evidence offsets stay true.
    return (ARTICLES / f"{doc_id}.txt").read_bytes().decode("utf-8")


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
class TestGoldFile:
    def test_validates_and_names_its_article(self, path: Path) -> None:
        gold = _load(path)
        assert gold.doc_id == path.stem
        assert gold.meta is None
        assert (ARTICLES / f"{gold.doc_id}.txt").is_file(), f"no gold/articles/{path.stem}.txt"

    def test_is_canonical_json(self, path: Path) -> None:
        # Every field present, in schema order, canonical values, 2-space indent, no meta.
        gold = _load(path)
        expected = json.dumps(gold.model_dump(mode="json", exclude={"meta"}), indent=2,
                              ensure_ascii=False) + "\n"  # fmt: skip
        assert path.read_text(encoding="utf-8") == expected

    def test_evidence_is_verbatim(self, path: Path) -> None:
        gold = _load(path)
        text = _article(gold.doc_id)
        records: list[InvestmentDeal | PlantFact] = [*gold.deals, *gold.plant_facts]
        bad = [record.evidence for record in records if record.evidence not in text]
        assert not bad, f"evidence not a verbatim substring of the article: {bad}"
        assert all(record.evidence for record in records)

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

    def test_currency_codes_are_three_capitals(self, path: Path) -> None:
        gold = _load(path)
        for deal in gold.deals:
            assert deal.currency is None or _ISO_CODE.match(deal.currency), deal.currency
            assert (deal.amount is None) == (deal.currency is None), deal.evidence
        for fact in gold.plant_facts:
            assert fact.unit in _PHYSICAL_UNITS or _ISO_CODE.match(fact.unit), fact.unit
            assert (fact.metric == "cost") == bool(_ISO_CODE.match(fact.unit)), fact.evidence

    def test_commodities_are_in_the_vocabulary(self, path: Path) -> None:
        gold = _load(path)
        used = {name for deal in gold.deals for name in deal.commodities}
        used |= {fact.commodity for fact in gold.plant_facts if fact.commodity is not None}
        assert used <= set(COMMODITIES), sorted(used - set(COMMODITIES))

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
