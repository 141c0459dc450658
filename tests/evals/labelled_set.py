"""Per-file checks shared by the two hand-labelled sets (gold/ and devset/).

A subclass sets ``ARTICLES`` and is parametrised over its gold files with ``path``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import ClassVar

from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact
from extract._vocab import COMMODITIES

ISO_CODE = re.compile(r"^[A-Z]{3}$")
# Tonnes, megawatts, jobs, and troy ounces kept as ounces (GUIDELINES rule 39); else a currency.
UNITS = frozenset({"t", "MW", "jobs", "oz"})


def load(path: Path) -> ArticleExtraction:
    return ArticleExtraction.model_validate_json(path.read_bytes())


class LabelledFileChecks:
    """Form checks for every labelled file: valid, canonical, verbatim, known vocabularies."""

    ARTICLES: ClassVar[Path]

    def _article(self, doc_id: str) -> str:
        # Bytes decoded as-is: no newline translation, so evidence offsets stay true.
        return (self.ARTICLES / f"{doc_id}.txt").read_bytes().decode("utf-8")

    def test_validates_and_names_its_article(self, path: Path) -> None:
        gold = load(path)
        assert gold.doc_id == path.stem
        assert gold.meta is None
        assert (self.ARTICLES / f"{gold.doc_id}.txt").is_file(), f"no article for {path.stem}"

    def test_is_canonical_json(self, path: Path) -> None:
        # Every field present, in schema order, canonical values, 2-space indent, no meta.
        gold = load(path)
        expected = json.dumps(gold.model_dump(mode="json", exclude={"meta"}), indent=2,
                              ensure_ascii=False) + "\n"  # fmt: skip
        assert path.read_text(encoding="utf-8") == expected

    def test_evidence_is_verbatim(self, path: Path) -> None:
        gold = load(path)
        text = self._article(gold.doc_id)
        records: list[InvestmentDeal | PlantFact] = [*gold.deals, *gold.plant_facts]
        assert all(record.evidence for record in records)
        bad = [record.evidence for record in records if record.evidence not in text]
        assert not bad, f"evidence not a verbatim substring of the article: {bad}"

    def test_currency_codes_are_three_capitals(self, path: Path) -> None:
        gold = load(path)
        for deal in gold.deals:
            assert deal.currency is None or ISO_CODE.match(deal.currency), deal.currency
            assert (deal.amount is None) == (deal.currency is None), deal.evidence
        for fact in gold.plant_facts:
            assert fact.unit in UNITS or ISO_CODE.match(fact.unit), fact.unit
            assert (fact.metric == "cost") == bool(ISO_CODE.match(fact.unit)), fact.evidence

    def test_commodities_are_in_the_vocabulary(self, path: Path) -> None:
        gold = load(path)
        used = {name for deal in gold.deals for name in deal.commodities}
        used |= {fact.commodity for fact in gold.plant_facts if fact.commodity is not None}
        assert used <= set(COMMODITIES), sorted(used - set(COMMODITIES))
