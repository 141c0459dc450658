"""Hand-computed cases for every field comparator, the figure check and the similarity."""

from __future__ import annotations

import pytest
from evals_helpers import DEAL_ZIJIN, FACT_CAPACITY, deal, fact

from evals import FIELD_KINDS, compare_field, figure_in, normalise_text, values_agree
from evals._align import MIN_SIMILARITY, align, record_similarity
from evals._compare import numbers_agree, string_score
from evals._grounding import check_grounding, evidence_span
from evals._metrics import Counts
from extract._schema import InvestmentDeal, PlantFact


@pytest.mark.parametrize(
    ("gold", "pred", "agree"),
    [
        (100.0, 101.0, True),  # exactly 1 % of gold
        (100.0, 99.0, True),
        (100.0, 101.01, False),
        (100.0, 98.9, False),
        (1e8, 1.009e8, True),
        (0.0, 0.0, True),
        (0.0, 1e-9, False),  # 1 % of zero is zero
    ],
)
def test_numbers_within_one_percent_of_gold(gold: float, pred: float, agree: bool) -> None:
    assert numbers_agree(gold, pred) is agree
    expected = Counts(tp=1) if agree else Counts(fp=1, fn=1)
    assert compare_field("number", gold, pred) == expected


def test_year_is_exact_although_within_one_percent() -> None:
    assert compare_field("year", 2024, 2024) == Counts(tp=1)
    assert compare_field("year", 2023, 2024) == Counts(fp=1, fn=1)


def test_enums_are_exact() -> None:
    assert compare_field("enum", "capacity", "capacity") == Counts(tp=1)
    assert compare_field("enum", "capacity", "production") == Counts(fp=1, fn=1)
    assert compare_field("enum", "capacity", "Capacity") == Counts(fp=1, fn=1)


def test_codes_fold_case_and_spaces() -> None:
    assert values_agree("code", "USD", "usd")
    assert values_agree("code", "copper cathode", "Copper  Cathode")
    assert not values_agree("code", "t", "MW")
    assert not values_agree("code", "2016-H1", "2016")


def test_countries_compare_after_canonicalisation() -> None:
    assert values_agree("country", "China", "Chinese")
    assert values_agree("country", "United Kingdom", "UK")
    assert not values_agree("country", "China", "Russia")


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Zijin Mining Group Co., Ltd.", "zijin mining group"),
        ("HMS Bergbau AG", "hms bergbau"),
        ("JSC Kazatomprom", "kazatomprom"),
        ("Kazakhmys Smelting LLP", "kazakhmys smelting"),
        ("TOO «Kazakhmys Smelting»", "kazakhmys smelting"),
        ("The Eurasian Resources Group", "eurasian resources group"),
        ("Rio Tinto PLC", "rio tinto"),
        ("Kazakhstan Aluminium Smelter Joint Stock Company", "kazakhstan aluminium smelter"),
        ("AG", "ag"),  # a bare legal form is kept rather than emptied
    ],
)
def test_name_normalisation_strips_legal_forms_keeps_group(raw: str, normal: str) -> None:
    assert normalise_text(raw, legal=True) == normal


def test_text_normalisation_keeps_legal_words() -> None:
    assert normalise_text("Copper-cathode plant, Almaly (Ltd)") == "copper cathode plant almaly ltd"


@pytest.mark.parametrize(
    ("kind", "gold", "pred", "agree"),
    [
        ("name", "Zijin Mining Group", "Zijin Mining Co., Ltd.", True),  # token subset
        ("name", "Kazakh Invest", "KAZAKH INVEST JSC", True),
        ("name", "HMS Bergbau AG", "HMS Bergbau", True),
        ("name", "Kazakhmys", "Kazzinc", False),
        ("name", "Kazakhmys", "Kazakhmis", False),  # 88.9 < 90
        ("name", "abcdefghij", "abcdefghix", True),  # 90.0: at the threshold
        ("name", "abcdefghij", "abcdefghxy", False),  # 80.0
        ("text", "Karagandy region", "Karaganda region", True),  # 93.75
        ("text", "enrichment plant", "enrichment plant for metal concentrates", True),
        ("text", "lithium project", "copper smelter", False),
    ],
)
def test_strings_fuzzy_after_normalisation(kind: str, gold: str, pred: str, agree: bool) -> None:
    assert values_agree(kind, gold, pred) is agree  # type: ignore[arg-type]


def test_string_score_is_token_set_ratio() -> None:
    assert string_score("Karagandy region", "Karaganda region", legal=False) == 93.75
    assert string_score("LLP", "llp", legal=True) == 100.0


def test_lists_are_scored_per_element_as_sets() -> None:
    assert compare_field("set", ["copper", "gold"], ["gold", "copper"]) == Counts(tp=2)
    assert compare_field("set", ["copper", "gold"], ["copper", "silver"]) == Counts(1, 1, 1)
    assert compare_field("set", ["copper"], ["copper", "copper"]) == Counts(tp=1)
    assert compare_field("set", ["copper"], []) == Counts(fn=1)
    assert compare_field("set", [], ["zinc", "lead"]) == Counts(fp=2)
    assert compare_field("set", [], []) == Counts()  # an empty list is null


@pytest.mark.parametrize("kind", ["number", "enum", "code", "name", "text", "country", "year"])
def test_nulls(kind: str) -> None:
    value: object = 5 if kind in ("number", "year") else "x"
    assert compare_field(kind, None, None) == Counts()  # type: ignore[arg-type]
    assert compare_field(kind, None, value) == Counts(fp=1)  # type: ignore[arg-type]
    assert compare_field(kind, value, None) == Counts(fn=1)  # type: ignore[arg-type]
    assert compare_field(kind, "", None) == Counts()  # type: ignore[arg-type]


def test_every_schema_field_but_evidence_is_scored() -> None:
    assert set(FIELD_KINDS["deal"]) == set(InvestmentDeal.model_fields) - {"evidence"}
    assert set(FIELD_KINDS["plant_fact"]) == set(PlantFact.model_fields) - {"evidence"}


@pytest.mark.parametrize(
    ("value", "evidence", "found"),
    [
        (223_000.0, "223 thousand tonnes", True),
        (9000.0, "up to 9,000 tonnes", True),
        (1.2e9, "a 1,2 bn tenge project", True),
        (1.2e9, "$1.2 billion", True),
        (1_200_000.0, "1 200 000 t", True),
        (21_000.0, "21,000 - 22,500 tons", True),
        (100_000_000.0, "$100 million", True),
        (1234.5, "1.234,5 tonnes", True),
        (9500.0, "up to 9,000 tonnes", False),
        (500.0, "no figure here", False),
    ],
)
def test_figure_in_evidence(value: float, evidence: str, found: bool) -> None:
    assert figure_in(value, evidence) is found


def test_evidence_span_folds_whitespace_only() -> None:
    text = "First line.\nThe plant makes\n  9,000 tonnes a year. Last."
    end = text.index(" Last")
    assert evidence_span(text, "The plant makes 9,000 tonnes a year.") == (12, end)
    assert evidence_span(text, "The plant makes 9,000 tonnes per year.") is None
    assert evidence_span(text, "   ") is None


def test_grounding_needs_verbatim_evidence_and_the_figure() -> None:
    text = FACT_CAPACITY["evidence"]
    assert check_grounding(fact(FACT_CAPACITY), text).grounded
    wrong_value = check_grounding(fact(FACT_CAPACITY, value=9500.0), text)
    assert wrong_value.verbatim and not wrong_value.value_in_evidence and not wrong_value.grounded
    paraphrase = check_grounding(fact(FACT_CAPACITY, evidence="It makes 9,000 t a year."), text)
    assert not paraphrase.verbatim and paraphrase.value_in_evidence
    assert check_grounding(deal(DEAL_ZIJIN, amount=None), DEAL_ZIJIN["evidence"]).grounded


def test_similarity_weighs_key_fields() -> None:
    gold = fact(FACT_CAPACITY)
    assert record_similarity("plant_fact", gold, gold) == pytest.approx(1.0)
    # One key wrong, all context right: 0.35 + 0.30.
    assert record_similarity("plant_fact", gold, fact(FACT_CAPACITY, value=1.0)) == (
        pytest.approx(0.65)
    )
    unrelated = fact(
        FACT_CAPACITY,
        facility="Other mine",
        metric="reserves",
        value=5e6,
        location=None,
        commodity="zinc",
        period=None,
    )
    assert record_similarity("plant_fact", gold, unrelated) < MIN_SIMILARITY
    assert align("plant_fact", [gold], [unrelated]).pairs == []


def test_alignment_prefers_the_best_total_over_greedy() -> None:
    gold = [fact(FACT_CAPACITY), fact(FACT_CAPACITY, value=20_000.0, as_of="2029")]
    pred = [fact(FACT_CAPACITY, value=20_000.0), fact(FACT_CAPACITY, as_of="2029")]
    pairs = {(g, p) for g, p, _ in align("plant_fact", gold, pred).pairs}
    # Key fields (metric + value) outweigh as_of: each value finds its gold record.
    assert pairs == {(0, 1), (1, 0)}
