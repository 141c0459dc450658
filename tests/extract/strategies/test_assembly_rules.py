"""Rules of assembly measured on the real-news tune split, each on a sentence of its own."""

import pytest

from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article, ArticleExtraction, InvestmentDeal
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.assemble import _not_the_investor
from extract._strategies.guided.roles import figure_owner
from extract._strategies.guided.states import facility_states
from extract._strategies.guided.strategy import GuidedOptions
from extract._strategies.guided.tellings import (
    without_fuel,
    without_running_totals,
    without_totals,
)

RULES_ONLY = ExtractionConfig(guided=GuidedOptions(use_model=False))


def _extract(text: str) -> ArticleExtraction:
    return Extractor(RULES_ONLY).extract(Article(id="a1", text=text, published="2025-03-04"))


def test_a_deal_silent_on_its_commodity_takes_the_headline_s() -> None:
    text = ("Hanul Steel bets on zinc as prices climb\n\n"
            "Hanul Steel Corporation will invest $300 million in a new smelter in Pavlodar, "
            "the company said on Tuesday.\n")  # fmt: skip
    deals = _extract(text).deals
    assert [(d.amount, d.commodities) for d in deals] == [(300e6, ["zinc"])]


def test_a_deal_silent_like_its_headline_takes_the_article_s_most_named_commodity() -> None:
    text = ("Hanul Group plans big investment in the north\n\n"
            "Hanul Group mines copper ore at Kuma. Its copper goes to China, and some gold "
            "comes with it. Hanul Group will invest $300 million in a new plant in Pavlodar, "
            "the company said on Tuesday.\n")  # fmt: skip
    deals = _extract(text).deals
    assert [(d.amount, d.commodities) for d in deals] == [(300e6, ["copper"])]


def test_an_amount_in_a_sentence_naming_no_company_is_the_main_company_s() -> None:
    text = ("Borealis Copper to expand Kuma mine\n\n"
            "Borealis Copper said on Monday it will expand the Kuma mine. Borealis Copper "
            "bought the mine in 2019. The mine's trucks are supplied by Velta Machinery. "
            "The expansion will require an investment of $250 million.\n")  # fmt: skip
    deals = _extract(text).deals
    assert [(d.investor, d.amount) for d in deals] == [("Borealis Copper", 250e6)]


@pytest.mark.parametrize(
    ("sentence", "state"),
    [
        ("The Kuma copper smelter has almost been completed and will be put into operation "
         "in October.", "under_construction"),
        ("The Kuma copper smelter is expected to be commissioned next year.", None),
        ("The Kuma copper smelter was put into operation in 2019.", "operating"),
    ],
)  # fmt: skip
def test_a_facility_to_be_put_into_operation_is_not_operating(sentence: str, state: str) -> None:
    index = ArticleIndex.build(f"Borealis Copper runs a plant. {sentence}", 2025)
    assert facility_states(index).get("Kuma copper smelter") == state


def test_a_total_of_a_company_named_by_a_common_noun_is_no_plant_fact() -> None:
    text = ("Borealis Copper reports results\n\n"
            "Borealis Copper runs the Kuma copper mine in Chile. The Toronto-based mining firm "
            "produced 240,000 tonnes of copper in 2023, the company said.\n")  # fmt: skip
    assert _extract(text).plant_facts == []


def test_a_company_s_workforce_is_no_plant_fact() -> None:
    text = ("Borealis Copper opens Kuma smelter\n\n"
            "Borealis Copper opened the Kuma copper smelter in Chile on Monday. Borealis Copper "
            "is a copper company with more than 16,000 employees in Chile and Peru.\n")  # fmt: skip
    assert [f.metric for f in _extract(text).plant_facts] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Borealis Copper will invest $250 million in the Kuma mine until 2030.",
        "Borealis Copper will invest $250 million in the Kuma mine under its 2024-28 plan.",
    ],
)
def test_a_deadline_or_a_programme_span_is_not_the_deal_s_year(sentence: str) -> None:
    text = f"Borealis Copper expands Kuma mine\n\n{sentence}\n"
    assert [d.year for d in _extract(text).deals] == [2025]  # the publication year


def test_a_year_after_the_publication_is_not_the_deal_s_year() -> None:
    text = (
        "Borealis Copper expands Kuma mine\n\n"
        "The $250 million expansion of the Kuma mine is expected to be completed in 2028.\n"
    )
    assert [d.year for d in _extract(text).deals] == [2025]  # the publication year


def test_an_amount_repeated_in_its_other_currency_is_one_usd_deal() -> None:
    text = ("Borealis Zinc opens Kuma mine\n\n"
            "Borealis Zinc invested US$400 million (R5.5 billion) in the Kuma zinc mine. "
            "The President will on Thursday open the R5.5 billion mine.\n")  # fmt: skip
    deals = _extract(text).deals
    assert [(d.amount, d.currency) for d in deals] == [(400e6, "USD")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kuma mine has reserves of around 260 million tons, mined since 1990.",
        "The reserves of the Kuma mine are estimated at 660 million tons of ore.",
        "The Kuma mine, mined since 1990, holds 140 million tonnes of ore reserves.",
    ],
)
def test_a_figure_that_measures_reserves_is_reserves(sentence: str) -> None:
    text = f"Borealis Copper expands Kuma mine\n\nBorealis Copper owns the Kuma mine. {sentence}\n"
    assert [f.metric for f in _extract(text).plant_facts] == ["reserves"]


def test_the_article_s_main_company_is_no_agency_however_often_quoted() -> None:
    text = ("Borealis Copper to expand Kuma mine\n\n"
            "The Regional Development Council said Borealis Copper will expand the Kuma mine. "
            "The Regional Development Council welcomed the plan. The Regional Development "
            "Council expects more jobs. The expansion will require an investment of "
            "$250 million.\n")  # fmt: skip
    deals = _extract(text).deals
    assert [(d.investor, d.amount) for d in deals] == [("Borealis Copper", 250e6)]


def test_a_subject_hung_on_an_auxiliary_still_owns_the_figure() -> None:
    # The small parser reads "plans" as an auxiliary of "raise" and hangs the subject on it.
    text = (
        "Mining targets set\n\n"
        "Kazakhstan plans to by 2030 raise its annual production of zinc 2 times to "
        "600,000 tonnes, while also boosting lead production by 1.5 times to 200 tonnes."
    )
    index = ArticleIndex.build(text, 2025)
    owner = figure_owner(text, index.names, text.index("600,000"))
    assert owner is not None and (owner.text, owner.kind) == ("Kazakhstan", "country")


def test_a_country_s_reserves_stay_a_national_total() -> None:
    text = ("Borealis Copper expands Kuma mine\n\nBorealis Copper owns the Kuma mine. "
            "Chile has the world's largest copper reserves of 190 million tonnes.\n")  # fmt: skip
    assert _extract(text).plant_facts == []


def test_a_figure_restated_in_brackets_is_one_plant_fact() -> None:
    text = ("Borealis Copper builds Kuma plant\n\n"
            "The capacity of the Kuma concentrator will be 65,000 tonnes of copper concentrate "
            "per year (180 tonnes per day).\n")  # fmt: skip
    assert [(f.value, f.period) for f in _extract(text).plant_facts] == [(65000.0, "year")]


def test_a_plan_told_after_a_signing_in_the_lead_is_agreed() -> None:
    text = ("Borealis to build smelter\n\n"
            "ASTANA – Kazakhstan and Borealis Copper signed an agreement on Monday to build a "
            "copper smelter. The smelter will be built near Balkhash and will cost "
            "$900 million.\n")  # fmt: skip
    assert [d.stage for d in _extract(text).deals] == ["agreed"]


def _deal(amount: float) -> InvestmentDeal:
    return InvestmentDeal(amount=amount, currency="USD", evidence=f"${amount:,.0f}")


def test_an_amount_that_sums_other_deals_is_their_total_not_a_deal() -> None:
    deals = [_deal(922e6), _deal(325e6), _deal(363e6), _deal(234e6)]
    assert [d.amount for d in without_totals(deals)] == [325e6, 363e6, 234e6]


def test_an_amount_that_sums_no_other_deals_stays_a_deal() -> None:
    deals = [_deal(1e9), _deal(400e6), _deal(400e6)]
    assert [d.amount for d in without_totals(deals)] == [1e9, 400e6, 400e6]


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("The smelter's output in 2028 is expected to reach 50,000 tonnes of zinc a year.",
         "production"),
        ("The smelter's annual output is expected to reach 50,000 tonnes of zinc.", "capacity"),
    ],
)  # fmt: skip
def test_output_of_an_unbuilt_plant_in_a_stated_year_stays_production(
    sentence: str, metric: str
) -> None:
    # GUIDELINES 28: output in a stated period is production; the annual output of an
    # unbuilt plant with no period stated is its capacity.
    lead = "Borealis Zinc plans to build a zinc smelter in Kuma."
    text = f"Borealis Zinc to build Kuma smelter\n\n{lead} {sentence}\n"
    facts = _extract(text).plant_facts
    assert [(f.metric, f.status) for f in facts] == [(metric, "planned")]


def test_a_headline_amount_that_rounds_the_body_s_is_one_deal() -> None:
    text = ("Plans for $3bn steel plant announced\n\n"
            "Redwood Steel will invest $3.15 billion in a new steel plant in Kuma.\n")  # fmt: skip
    deals = _extract(text).deals
    assert [(d.amount, d.investor) for d in deals] == [(3.15e9, "Redwood Steel")]


def test_a_headline_amount_the_body_does_not_round_to_stays_its_own() -> None:
    text = ("Plans for $3bn steel plant announced\n\n"
            "Redwood Steel will invest $3.6 billion in a new steel plant in Kuma.\n")  # fmt: skip
    assert len(_extract(text).deals) == 2


def test_the_state_a_host_signs_with_is_the_investor() -> None:
    text = ("Norway and Chile sign smelter pact\n\n"
            "Norway signed an agreement with Chile on a $2 billion plant in Norway.\n")  # fmt: skip
    deal = _extract(text).deals[0]
    assert (deal.investor, deal.investor_country) == ("Government of Chile", "Chile")
    assert deal.counterparty == "Government of Norway"


def test_a_company_that_signs_with_a_state_stays_the_investor() -> None:
    text = "Norway signed an agreement with Redwood Copper AS on a $2 billion copper smelter.\n"
    assert _extract(text).deals[0].investor == "Redwood Copper AS"


def test_a_cost_the_sentence_says_was_invested_is_a_deal_not_a_cost() -> None:
    # Contract: money framed as investment is a deal, and a deal's amount is not repeated
    # as a plant's cost.
    text = ("Velta opens Kuma smelter\n\nVelta Zinc opened a zinc smelter in Kuma. The total "
            "cost of the smelter exceeded $200 million, which was fully invested by "
            "Velta Zinc.\n")  # fmt: skip
    extraction = _extract(text)
    assert [deal.amount for deal in extraction.deals] == [200e6]
    assert not [fact for fact in extraction.plant_facts if fact.metric == "cost"]


def test_a_piece_of_the_investor_s_name_is_no_project() -> None:
    # GUIDELINES 16: the project is what is built or bought, never the company itself.
    investor = "Varna Mining and Metallurgical Combine"
    assert _not_the_investor("Metallurgical Combine", investor) is None
    assert _not_the_investor("new copper smelter", investor) == "new copper smelter"


def test_a_cost_is_not_dated_by_the_commissioning_year_of_its_sentence() -> None:
    text = ("Borealis Copper to build Kuma smelter\n\n"
            "The Kuma copper smelter, with an estimated cost of $1.5 billion, is scheduled "
            "to be commissioned by the end of 2028.\n")  # fmt: skip
    costs = [f for f in _extract(text).plant_facts if f.metric == "cost"]
    assert [(f.value, f.as_of) for f in costs] == [(1.5e9, None)]


@pytest.mark.parametrize(
    "jobs_sentence",
    [
        "The kiln aims to employ 600 people when it is fully built.",
        "The kiln is to produce 2 million tonnes of clinker a year and employ 600 people.",
        "When running, the kiln would employ some 600 people.",
        "The kiln is expected to directly employ 600 people.",
        "The kiln will require 600 workers once it runs.",
    ],
)
def test_jobs_a_project_is_to_employ_go_on_its_deal(jobs_sentence: str) -> None:
    # GUIDELINES 8 and 45: the jobs a project is to bring are its deal's, not a PlantFact.
    text = f"Borlen Cement will invest $90 million in a new kiln in Chile. {jobs_sentence}"
    extraction = _extract(text)
    assert [d.jobs for d in extraction.deals] == [600]
    assert not [f for f in extraction.plant_facts if f.metric == "jobs"]


def test_coal_that_a_power_plant_burns_is_no_commodity_of_its_deal() -> None:
    fired = InvestmentDeal(
        investor="Velmo", commodities=["coal", "copper"],
        evidence="Velmo also wants to build a 200-MW coal-fired power plant near its smelter.",
    )  # fmt: skip
    assert without_fuel(fired).commodities == ["copper"]
    mined = fired.model_copy(update={"evidence": "Velmo will open a coal mine and a "
                                     "coal-fired power plant."})  # fmt: skip
    assert without_fuel(mined).commodities == ["coal", "copper"]


def test_an_investor_s_total_to_date_told_of_no_project_is_no_deal() -> None:
    told = "Till now, the Nordic Bank has invested around €7bn in Freedonia, helping its economy."
    total = InvestmentDeal(amount=7e9, currency="EUR", evidence=told)
    at_mine = "Borealis Copper has invested $200 million at the Kuma mine to date."
    mine = InvestmentDeal(amount=2e8, currency="USD", evidence=at_mine)
    assert without_running_totals([total, mine]) == [mine]
