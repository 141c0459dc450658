"""The development set is well-formed: every devset/gold/*.json is a grounded ArticleExtraction.

The dev set (``devset/``) is written and labelled by hand for tuning, separate from
the seed gold set (``gold/``). These tests check form, not judgement: a valid
contract record, an article behind every gold file, evidence that is a verbatim
piece of the article and holds the record's figures, canonical vocabularies. The
judgement calls are in devset/NOTES.md.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact
from extract._vocab import COMMODITIES

REPO = Path(__file__).resolve().parents[2]
DEVSET = REPO / "devset"
GOLD = DEVSET / "gold"
ARTICLES = DEVSET / "articles"

GOLD_FILES = sorted(GOLD.glob("*.json"))
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))
MIN_ARTICLES = 12

_ISO_CODE = re.compile(r"^[A-Z]{3}$")
_DIGIT_RUN = re.compile(r"\d+")
_SCALES = (1, 10**3, 10**6, 10**9, 10**12)  # units, thousand, million, billion, trillion
# Numbers the genre spells out ("one thousand tonnes per day").
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip


def _leading_runs(number: float | int) -> set[str]:
    """First digit run of ``number`` as it may be written at each scale.

    223000.0 -> {"223000", "223"} ("223,000", "223 thousand"); 1.2e9 -> {"1200000000",
    "1200000", "1200", "1"} ("$1.2-billion", "1,2 bn"); 21000.0 -> "21" ("21,000").
    """
    exact = Decimal(repr(float(number)))
    runs = set()
    for scale in _SCALES:
        scaled = exact / scale
        if scaled >= 1:
            runs.add(str(int(scaled)))
    return runs


def _written_runs(evidence: str) -> set[str]:
    """Digit runs and spelled-out numbers of ``evidence``, as digit strings."""
    runs = set(_DIGIT_RUN.findall(evidence))
    words = re.findall(r"[a-z]+", evidence.lower())
    runs |= {str(_NUMBER_WORDS[word]) for word in words if word in _NUMBER_WORDS}
    return runs


def _figure_in(number: float | int, evidence: str) -> bool:
    return bool(_leading_runs(number) & _written_runs(evidence))


def _load(path: Path) -> ArticleExtraction:
    return ArticleExtraction.model_validate_json(path.read_bytes())


def _article(doc_id: str) -> str:
    # Bytes decoded as-is: no newline translation, so evidence offsets stay true.
    return (ARTICLES / f"{doc_id}.txt").read_bytes().decode("utf-8")


def _records(gold: ArticleExtraction) -> list[InvestmentDeal | PlantFact]:
    return [*gold.deals, *gold.plant_facts]


def test_leading_runs_cover_the_genre_formats() -> None:
    cases = [
        (223000.0, "produced 223 thousand tonnes of cathode copper"),
        (1.2e9, "will invest $1.2-billion in the project"),
        (1.2e9, "a project worth $1,2 bn"),
        (160.2e9, "160.2 billion tenge"),
        (80000.0, "a capacity of 80 000 t/y"),
        (22500.0, "21,000 – 22,500 tons"),
        (1000.0, "one thousand tonnes per day"),
        (2.6e12, "2.6 trillion tenge"),
        (649e6, "$649mn"),
    ]
    for number, evidence in cases:
        assert _figure_in(number, evidence), (number, evidence)
    assert not _figure_in(318e6, "will invest $649mn")


def test_devset_has_enough_articles() -> None:
    assert len(ARTICLE_FILES) >= MIN_ARTICLES, [path.name for path in ARTICLE_FILES]
    assert len(GOLD_FILES) >= MIN_ARTICLES, [path.name for path in GOLD_FILES]


def test_every_article_has_a_gold_file() -> None:
    gold_ids = {path.stem for path in GOLD_FILES}
    missing = [path.stem for path in ARTICLE_FILES if path.stem not in gold_ids]
    assert not missing, f"articles without devset/gold/<doc_id>.json: {missing}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
class TestDevsetGoldFile:
    def test_validates_and_names_its_article(self, path: Path) -> None:
        gold = _load(path)
        assert gold.doc_id == path.stem
        assert gold.meta is None
        assert (ARTICLES / f"{gold.doc_id}.txt").is_file(), f"no devset/articles/{path.stem}.txt"

    def test_is_canonical_json(self, path: Path) -> None:
        # Every field present, in schema order, canonical values, 2-space indent, no meta.
        gold = _load(path)
        expected = json.dumps(gold.model_dump(mode="json", exclude={"meta"}), indent=2,
                              ensure_ascii=False) + "\n"  # fmt: skip
        assert path.read_text(encoding="utf-8") == expected

    def test_evidence_is_verbatim(self, path: Path) -> None:
        gold = _load(path)
        text = _article(gold.doc_id)
        records = _records(gold)
        assert all(record.evidence for record in records)
        bad = [record.evidence for record in records if record.evidence not in text]
        assert not bad, f"evidence not a verbatim substring of the article: {bad}"

    def test_evidence_contains_the_figures(self, path: Path) -> None:
        gold = _load(path)
        for deal in gold.deals:
            for number in (deal.amount, deal.jobs):
                if number is not None:
                    assert _figure_in(number, deal.evidence), (number, deal.evidence)
        for fact in gold.plant_facts:
            for number in (fact.value, fact.value_max):
                if number is not None:
                    assert _figure_in(number, fact.evidence), (number, fact.evidence)

    def test_commodities_are_in_the_vocabulary(self, path: Path) -> None:
        gold = _load(path)
        used = {name for deal in gold.deals for name in deal.commodities}
        used |= {fact.commodity for fact in gold.plant_facts if fact.commodity is not None}
        assert used <= set(COMMODITIES), sorted(used - set(COMMODITIES))

    def test_currencies_are_three_capitals(self, path: Path) -> None:
        gold = _load(path)
        for deal in gold.deals:
            assert deal.currency is None or _ISO_CODE.match(deal.currency), deal.currency
            assert (deal.amount is None) == (deal.currency is None), deal.evidence
        for fact in gold.plant_facts:
            assert fact.unit in {"t", "MW", "jobs"} or _ISO_CODE.match(fact.unit), fact.unit
            assert (fact.metric == "cost") == bool(_ISO_CODE.match(fact.unit)), fact.evidence

    def test_ranges_are_ordered(self, path: Path) -> None:
        gold = _load(path)
        for fact in gold.plant_facts:
            if fact.value_max is not None:
                assert fact.value_max > fact.value, fact.evidence
