"""Candidate figures: which are context and why."""

import pytest

from extract._strategies.guided.candidates import find_candidates


def _reasons(text: str) -> dict[str, str | None]:
    return {c.quantity.text: c.dropped for c in find_candidates(text)}


def test_jobs_during_construction_are_dropped_and_permanent_jobs_kept() -> None:
    reasons = _reasons("The mill will add 800 permanent jobs and 2,500 jobs during construction.")
    assert reasons["800 permanent jobs"] is None
    assert (reasons["2,500 jobs"] or "").startswith("jobs during construction")
    peak = _reasons("The smelter employed 1,900 people at the peak of construction.")
    assert (peak["1,900 people"] or "").startswith("jobs during construction")
    assert _reasons("The smelter employs 1,900 people.")["1,900 people"] is None


def test_indirect_and_construction_jobs_are_dropped() -> None:
    reasons = _reasons("The mill will create 400 direct jobs and 1,200 indirect jobs.")
    assert reasons["400 direct jobs"] is None
    assert (reasons["1,200 indirect jobs"] or "").startswith("indirect or construction jobs")
    built = _reasons("The kiln brings 90 construction jobs and 30 permanent jobs.")
    assert built["90 construction jobs"] is not None and built["30 permanent jobs"] is None


@pytest.mark.parametrize(
    "text",
    [
        "The foundry casts ingots weighing from 200 g to 2 kg.",
        "The quarry bought haul trucks that weigh 150 tonnes each.",
    ],
)
def test_the_weight_of_an_object_is_context(text: str) -> None:
    kept = [c.quantity.text for c in find_candidates(text) if c.dropped is None]
    assert kept == []


def test_a_plant_figure_near_weighing_talk_is_kept() -> None:
    text = "The smelter will process 2 million tonnes of ore; its ladles weigh little."
    kept = [c.quantity.text for c in find_candidates(text) if c.dropped is None]
    assert kept == ["2 million tonnes"]


@pytest.mark.parametrize(
    "text",
    [
        "The Kuma mine opened in 1998; 240 tonnes of gold have been produced there since then.",
        "The smelter made 1.1 million tonnes of zinc in 2019-2023.",
        "Over the past ten years the pit has yielded 40 million tonnes of coal.",
    ],
)
def test_a_total_over_several_years_is_context(text: str) -> None:
    # GUIDELINES 41: a multi-year total fits no contract period.
    assert [c.quantity.text for c in find_candidates(text) if c.dropped is None] == []


def test_a_year_s_output_beside_a_founding_date_is_kept() -> None:
    text = "The smelter, founded in 1998, made 110,000 tonnes of zinc in 2023."
    assert [c.quantity.text for c in find_candidates(text) if c.dropped is None] == [
        "110,000 tonnes"
    ]


def test_trade_in_a_company_s_name_is_no_aggregate() -> None:
    named = _reasons("Local producer Velmo Trade plans a $60mn investment in a new fibre line.")
    assert named["$60mn"] is None
    told = _reasons("The two countries' trade reached $60mn last year.")
    assert told["$60mn"] is not None


def test_a_context_word_of_the_sentence_before_does_not_drop_an_amount() -> None:
    text = (
        "The minister promised to cut royalty taxes.\n\n"
        "The newly built $30 million Velmo refinery can treat 200 kg of gold a week."
    )
    assert _reasons(text)["$30 million"] is None
    assert _reasons("The refinery paid taxes of $30 million.")["$30 million"] is not None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("The mill will produce 90,000 tonnes of rebar a year, worth $70 million.", "$70 million"),
        ("A find of 2 million ounces worth $3 billion was announced.", "$3 billion"),
    ],
)
def test_the_worth_of_a_quantity_of_goods_is_no_investment(text: str, amount: str) -> None:
    assert _reasons(text)[amount] == "the value of goods, not of a project (GUIDELINES 51)"


def test_a_plant_of_a_tonnage_worth_an_amount_is_still_named_by_its_cost() -> None:
    text = "Velmo will build a 90,000-tonne mill. The plant is worth $70 million."
    assert _reasons(text)["$70 million"] is None


def test_money_of_many_parties_in_a_plural_possessive_is_an_aggregate() -> None:
    many = _reasons("Of foreign miners’ planned $8bn capex, $1bn will go to smelting.")
    assert many["$8bn"] == "aggregate of many investments (many parties' money)"
    assert many["$1bn"] == "aggregate of many investments (many parties' money)"
    pair = _reasons("The two companies’ new $80mn smelter will open next year.")
    assert pair["$80mn"] is None


def test_capital_allocated_every_year_is_no_revenue_per_period() -> None:
    put_in = _reasons("The owner must allocate at least $40 million a year for the mill.")
    assert put_in["$40 million"] is None
    earned = _reasons("The mill is expected to generate $40 million a year in sales.")
    assert earned["$40 million"] is not None


def test_an_amount_the_article_says_was_replaced_is_no_deal() -> None:
    text = (
        "Velmo raised its investment plan to $900 million, above its previous $700 million "
        "commitment."
    )
    reasons = _reasons(text)
    assert reasons["$700 million"] == "an amount since replaced (previous, original)"
    assert reasons["$900 million"] is None


def test_reserves_of_many_deposits_are_an_aggregate() -> None:
    # A stock summed over many deposits is no one facility's (GUIDELINES 9).
    text = "The ministry listed 14 deposits with estimated reserves of 90 tonnes of gold."
    assert [c.dropped for c in find_candidates(text) if c.kind == "mass"] == [
        "reserves of many deposits or sites (GUIDELINES 9)"
    ]


def test_reserves_of_two_named_deposits_stay_a_candidate() -> None:
    text = "The ores at the two deposit sites are estimated to hold reserves of 6 tonnes of gold."
    assert [c.dropped for c in find_candidates(text) if c.kind == "mass"] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "At the height of construction, the Lorna works employed 2,100 workers.",
        "Some 700 workers building the Lorna smelter live in the town.",
    ],
)
def test_the_workforce_of_a_construction_is_dropped(text: str) -> None:
    # GUIDELINES 45: the construction workforce is skipped; the running plant's counts.
    assert [c.dropped for c in find_candidates(text) if c.kind == "jobs"] == [
        "the workforce of the construction, not of the facility (GUIDELINES 45)"
    ]


def test_the_workforce_of_a_running_plant_is_kept() -> None:
    assert [c.dropped for c in find_candidates("The Lorna smelter employs 700 workers.")] == [None]
