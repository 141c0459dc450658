"""Tests of evidence location, value checks and grounding of whole extractions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract._schema import ArticleExtraction, ExtractionMeta, InvestmentDeal, PlantFact
from extract._text.grounding import (
    ground_extraction,
    ground_record,
    locate_evidence,
    value_in_evidence,
)

GOLD = Path(__file__).resolve().parents[3] / "gold"

ARTICLE = (
    "Kazak TV reported that industrial development is underway. A copper cathode plant in the\n"
    "Karagandy region has reached its  full capacity. Currently, the facility produces up to "
    "9,000 tonnes of copper cathode per year. The plant was built on the ‘Almaly’ deposit. "
    "It produces approximately 10,000 tonnes of ore per day. The cost of the project is "
    "estimated at 14 billion Tenge. Output rose to 21,000 – 22,500 tons. At the initial stage, "
    "they plan to invest $100 million and build an enrichment plant. The project will "
    "generate 1,000 jobs."
)


def _fact(evidence: str, value: float, value_max: float | None = None) -> PlantFact:
    return PlantFact(
        facility="copper cathode plant",
        metric="capacity",
        value=value,
        value_max=value_max,
        unit="t",
        evidence=evidence,
    )


def _deal(evidence: str, amount: float | None = None, jobs: int | None = None) -> InvestmentDeal:
    return InvestmentDeal(amount=amount, currency="USD" if amount else None, jobs=jobs,
                          evidence=evidence)  # fmt: skip


# -- locate_evidence -----------------------------------------------------------------------


def test_exact_substring() -> None:
    evidence = "It produces approximately 10,000 tonnes of ore per day."
    match = locate_evidence(evidence, ARTICLE)
    assert match.status == "exact"
    assert match.start == ARTICLE.index(evidence)
    assert match.matched_text == evidence


def test_whitespace_quote_and_dash_normalised_match_maps_to_article_offsets() -> None:
    evidence = "Karagandy region has reached its full capacity"
    match = locate_evidence(evidence, ARTICLE.replace(" plant in the\n", " plant in the \n"))
    assert match.status == "exact"
    assert match.matched_text == "Karagandy region has reached its  full capacity"

    quoted = locate_evidence("The plant was built on the 'Almaly' deposit.", ARTICLE)
    assert quoted.status == "exact"
    assert quoted.matched_text == "The plant was built on the ‘Almaly’ deposit."

    dashed = locate_evidence("Output rose to 21,000 - 22,500 tons.", ARTICLE)
    assert dashed.matched_text == "Output rose to 21,000 – 22,500 tons."


def test_line_break_in_article_matches_a_space_in_evidence() -> None:
    match = locate_evidence("A copper cathode plant in the Karagandy region", ARTICLE)
    assert match.status == "exact"
    assert match.matched_text == "A copper cathode plant in the\nKaragandy region"
    assert ARTICLE[match.start : match.end] == match.matched_text


def test_fuzzy_match_returns_the_article_span() -> None:
    evidence = "Currently the facility produce up to 9,000 tonnes of copper cathode a year."
    match = locate_evidence(evidence, ARTICLE)
    assert match.status == "fuzzy"
    assert match.start is not None and match.end is not None
    assert ARTICLE[match.start : match.end] == match.matched_text
    assert "9,000 tonnes of copper cathode" in (match.matched_text or "")
    # The span starts and ends on word boundaries.
    assert not ARTICLE[match.start - 1].isalnum()
    assert match.end == len(ARTICLE) or not ARTICLE[match.end].isalnum()


def test_not_found() -> None:
    match = locate_evidence("The smelter will be commissioned in 2027 near Pavlodar.", ARTICLE)
    assert (match.status, match.start, match.end, match.matched_text) == (
        "not_found",
        None,
        None,
        None,
    )


@pytest.mark.parametrize("evidence", ["", "   ", "zzz"])
def test_empty_or_short_unknown_evidence_is_not_found(evidence: str) -> None:
    assert locate_evidence(evidence, ARTICLE).status == "not_found"


def test_min_ratio_is_respected() -> None:
    evidence = "Currently the plant makes up to 9,000 tonnes of cathodes each year."
    assert locate_evidence(evidence, ARTICLE, min_ratio=0.99).status == "not_found"
    assert locate_evidence(evidence, ARTICLE, min_ratio=0.6).status == "fuzzy"


# -- value_in_evidence ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "evidence", "expected"),
    [
        (223_000, "produced about 223 thousand tonnes of cathode copper", True),
        (223, "produced about 223 thousand tonnes of cathode copper", False),
        (1_200_000_000, "will invest $1.2-billion in the project", True),
        (22_500, "smelt 21,000 – 22,500 tons a month", True),
        (5_000_000, "invest $100 million", False),
        (1_000, "The project will generate 1,000 jobs", True),
        (14_000_000_000, "estimated at 14 billion Tenge", True),
        (14_000_000_001, "estimated at 14 billion Tenge", True),  # within 1e-6 relative
        (14_100_000_000, "estimated at 14 billion Tenge", False),
    ],
)
def test_value_in_evidence(value: float, evidence: str, expected: bool) -> None:
    assert value_in_evidence(value, evidence) is expected


# -- ground_record -------------------------------------------------------------------------


def test_ground_record_exact_and_value_present() -> None:
    fact = _fact("It produces approximately 10,000 tonnes of ore per day.", 10_000)
    grounding = ground_record(fact, ARTICLE, record_type="plant_fact", index=3)
    assert (grounding.record_type, grounding.index, grounding.match) == ("plant_fact", 3, "exact")
    assert grounding.grounded and grounding.value_in_evidence and grounding.reason is None


def test_ground_record_wrong_value_has_a_reason() -> None:
    fact = _fact("It produces approximately 10,000 tonnes of ore per day.", 5_000_000)
    grounding = ground_record(fact, ARTICLE, record_type="plant_fact", index=0)
    assert grounding.match == "exact"
    assert not grounding.grounded and not grounding.value_in_evidence
    assert grounding.reason == "value 5000000 not among figures in evidence: [10000]"


def test_ground_record_checks_value_max() -> None:
    good = _fact("Output rose to 21,000 – 22,500 tons.", 21_000, 22_500)
    bad = _fact("Output rose to 21,000 – 22,500 tons.", 21_000, 23_000)
    assert ground_record(good, ARTICLE, record_type="plant_fact", index=0).grounded
    grounding = ground_record(bad, ARTICLE, record_type="plant_fact", index=0)
    assert not grounding.grounded
    assert (grounding.reason or "").startswith("value_max 23000 not among")


def test_ground_record_deal_checks_amount_in_evidence_and_jobs_in_the_article() -> None:
    evidence = "they plan to invest $100 million and build an enrichment plant."
    assert ground_record(_deal(evidence, 100e6), ARTICLE, record_type="deal", index=0).grounded
    no_amount = _deal("The project will generate 1,000 jobs.")
    assert ground_record(no_amount, ARTICLE, record_type="deal", index=0).grounded
    # Jobs are often told paragraphs away from the amount (GUIDELINES 46): in the article is enough.
    jobs_elsewhere = _deal(evidence, 100e6, jobs=1_000)
    assert ground_record(jobs_elsewhere, ARTICLE, record_type="deal", index=0).grounded
    invented_jobs = _deal(evidence, 100e6, jobs=4_321)
    grounding = ground_record(invented_jobs, ARTICLE, record_type="deal", index=0)
    assert not grounding.grounded
    assert grounding.reason == "jobs 4321 not among the article's figures"
    wrong_amount = _deal(evidence, 200e6)
    assert not ground_record(wrong_amount, ARTICLE, record_type="deal", index=0).grounded


def test_ground_record_not_found() -> None:
    fact = _fact("The smelter will produce 50,000 tonnes of zinc.", 50_000)
    grounding = ground_record(fact, ARTICLE, record_type="plant_fact", index=0)
    assert grounding.match == "not_found" and not grounding.grounded
    assert grounding.reason == "evidence not found in article"
    assert (grounding.start, grounding.end) == (None, None)


def test_fuzzy_match_checks_numbers_against_the_article_not_the_model() -> None:
    # The model retyped the sentence and changed the figure: the article says 9,000.
    evidence = "Currently, the facility produces up to 9,500 tonnes of copper cathode per year."
    invented = ground_record(_fact(evidence, 9_500), ARTICLE, record_type="plant_fact", index=0)
    assert invented.match == "fuzzy" and not invented.grounded
    right = ground_record(_fact(evidence, 9_000), ARTICLE, record_type="plant_fact", index=0)
    assert right.match == "fuzzy" and right.grounded


# -- ground_extraction ---------------------------------------------------------------------


def _raw(meta: ExtractionMeta | None = None) -> ArticleExtraction:
    return ArticleExtraction(
        doc_id="doc",
        deals=[
            _deal("they plan to invest $100 million and build an enrichment plant.", 100e6),
            _deal("The company will invest $250 million in a smelter.", 250e6),
        ],
        plant_facts=[
            _fact("It produces approximately 10,000 tonnes of ore per day.", 99),
            _fact(
                "Currently the facility produce up to 9,000 tonnes of copper cathode per year", 9e3
            ),
            _fact("It produces approximately 10,000 tonnes of ore per day.", 10_000),
        ],
        meta=meta,
    )


def test_ground_extraction_drops_ungrounded_records() -> None:
    raw = _raw()
    result = ground_extraction(raw, ARTICLE)
    assert result.meta is not None
    assert len(result.deals) == 1 and len(result.plant_facts) == 2
    assert result.meta.dropped == 2
    assert [d.amount for d in result.meta.ungrounded_deals] == [250e6]
    assert [f.value for f in result.meta.ungrounded_plant_facts] == [99]
    assert [(g.record_type, g.index, g.grounded) for g in result.meta.grounding] == [
        ("deal", 0, True),
        ("deal", 1, False),
        ("plant_fact", 0, False),
        ("plant_fact", 1, True),
        ("plant_fact", 2, True),
    ]
    assert raw.meta is None and len(raw.deals) == 2  # the input is not modified


def test_ground_extraction_replaces_evidence_with_article_text() -> None:
    result = ground_extraction(_raw(), ARTICLE)
    fuzzy = result.plant_facts[0]
    assert fuzzy.value == 9_000
    assert fuzzy.evidence in ARTICLE
    assert fuzzy.evidence.startswith("Currently, the facility produces up to 9,000 tonnes")
    assert all(record.evidence in ARTICLE for record in [*result.deals, *result.plant_facts])


def test_ground_extraction_keep_ungrounded() -> None:
    result = ground_extraction(_raw(), ARTICLE, keep_ungrounded=True)
    assert result.meta is not None
    assert len(result.deals) == 2 and len(result.plant_facts) == 3
    assert result.meta.dropped == 0
    assert result.meta.ungrounded_deals == [] and result.meta.ungrounded_plant_facts == []
    assert sum(not g.grounded for g in result.meta.grounding) == 2


def test_ground_extraction_keeps_existing_meta() -> None:
    meta = ExtractionMeta(model="gemma", backend="fake", model_calls=3)
    result = ground_extraction(_raw(meta), ARTICLE)
    assert result.meta is not None and result.meta is not meta
    assert (result.meta.model, result.meta.backend, result.meta.model_calls) == ("gemma", "fake", 3)
    assert len(result.meta.grounding) == 5 and meta.grounding == []


def _gold() -> list[Path]:
    return sorted(path for path in GOLD.glob("*.json") if path.name != "schema.json")


@pytest.mark.parametrize("path", _gold(), ids=lambda path: path.stem)
def test_every_gold_record_is_grounded(path: Path) -> None:
    gold = ArticleExtraction.model_validate_json(path.read_text(encoding="utf-8"))
    text = (GOLD / "articles" / f"{path.stem}.txt").read_text(encoding="utf-8")
    result = ground_extraction(gold, text)
    assert result.meta is not None
    assert [g.reason for g in result.meta.grounding if not g.grounded] == []
    assert result.deals == gold.deals and result.plant_facts == gold.plant_facts


# -- properties ----------------------------------------------------------------------------


@st.composite
def _text_and_slice(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(st.text(min_size=1))
    start = draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = draw(st.integers(min_value=start + 1, max_value=len(text)))
    return text, start, end


@settings(derandomize=True)
@given(_text_and_slice())
def test_any_substring_is_found_exactly(case: tuple[str, int, int]) -> None:
    text, start, end = case
    evidence = text[start:end]
    match = locate_evidence(evidence, text)
    if not evidence.strip():
        assert match.status == "not_found"
        return
    assert match.status == "exact"
    assert match.start is not None and match.end is not None
    assert text[match.start : match.end] == evidence == match.matched_text


@settings(derandomize=True)
@given(st.text(), st.text(), st.floats(min_value=0.0, max_value=1.0))
def test_locate_evidence_never_raises(evidence: str, text: str, min_ratio: float) -> None:
    match = locate_evidence(evidence, text, min_ratio=min_ratio)
    if match.status == "not_found":
        assert match.start is None and match.matched_text is None
    else:
        assert match.start is not None and match.end is not None
        assert 0 <= match.start <= match.end <= len(text)
        assert text[match.start : match.end] == match.matched_text
