"""The development set is well-formed: every devset/gold/*.json is a grounded ArticleExtraction.

The dev set (``devset/``) is written and labelled by hand for tuning, separate from
the seed gold set (``gold/``). These tests check form, not judgement: a valid
contract record, an article behind every gold file, evidence that is a verbatim
piece of the article and holds the record's figures, canonical vocabularies. The
judgement calls are in devset/NOTES.md.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from labelled_set import LabelledFileChecks

from extract._schema import ArticleExtraction

REPO = Path(__file__).resolve().parents[2]
DEVSET = REPO / "devset"
GOLD = DEVSET / "gold"
ARTICLES = DEVSET / "articles"

GOLD_FILES = sorted(GOLD.glob("*.json"))
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))
MIN_ARTICLES = 12

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
class TestDevsetGoldFile(LabelledFileChecks):
    ARTICLES = ARTICLES

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

    def test_ranges_are_ordered(self, path: Path) -> None:
        gold = _load(path)
        for fact in gold.plant_facts:
            if fact.value_max is not None:
                assert fact.value_max > fact.value, fact.evidence
