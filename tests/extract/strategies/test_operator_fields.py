"""The operator of each facility (guided/operator_fields.py)."""

from __future__ import annotations

from extract._schema import InvestmentDeal, PlantFact
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.operator_fields import (
    stated_operator,
    vehicles_of,
    with_operators,
)


def _plant(operator: str) -> PlantFact:
    return PlantFact(facility="Kuma zinc smelter", operator=operator, metric="capacity",
                     value=2.0, unit="t", status="planned", evidence="It makes 2 t.")  # fmt: skip


def test_a_facility_named_by_no_owner_takes_the_company_most_of_its_figures_stand_near() -> None:
    # GUIDELINES 24: the operator is the facility's, one per facility.
    facts = [_plant("Velta Zinc"), _plant("Zenda Bank"), _plant("Velta Zinc")]
    assert {f.operator for f in with_operators(facts, {}, [])} == {"Velta Zinc"}


def test_a_company_the_text_says_operates_the_site_beats_the_one_investor() -> None:
    # A parent invests; its subsidiary, which the text says operates the site, is the operator.
    text = ("Velta Holdings will invest $90 million in the Kuma zinc smelter. "
            "The smelter is operated by Zenda Metals LLC, a Velta subsidiary.")  # fmt: skip
    index = ArticleIndex.build(text, 2024)
    assert stated_operator(index) == "Zenda Metals LLC"
    deal = InvestmentDeal(investor="Velta Holdings", evidence="It invests.")
    facts = with_operators([_plant("Velta Holdings")], {}, [deal], stated_operator(index))
    assert facts[0].operator == "Zenda Metals LLC"


def test_two_companies_said_to_run_sites_name_no_operator_for_the_article() -> None:
    text = ("Velta Metals operates the Kuma mine. "
            "The Ostra smelter is run by Zenda Metals LLC.")  # fmt: skip
    assert stated_operator(ArticleIndex.build(text, 2024)) is None


def test_a_buyer_of_a_stake_is_no_fallback_operator() -> None:
    # The one investor buys into the owner: the company read near the figures stays.
    deal = InvestmentDeal(investor="Ostra Energy", evidence="Ostra Energy will acquire 40% of it.")
    facts = with_operators([_plant("Velta Zinc")], {}, [deal])
    assert facts[0].operator == "Velta Zinc"


def test_a_contractor_taken_for_the_investor_is_no_fallback_operator() -> None:
    # GUIDELINES 43: who built the plant for its owner does not run it.
    deal = InvestmentDeal(investor="Borealis Engineering",
                          evidence="The smelter was built by Borealis Engineering.")  # fmt: skip
    facts = with_operators([_plant("Velta Zinc")], {}, [deal])
    assert facts[0].operator == "Velta Zinc"


def test_a_parent_investor_runs_its_plant_through_the_vehicle_the_text_names() -> None:
    text = ("Zenda Metals LLC, an arm of Velta Holdings Corporation, opened the Kuma zinc "
            "smelter. Velta Holdings Corporation invested $90 million in it.")  # fmt: skip
    vehicles = vehicles_of(ArticleIndex.build(text, 2024))
    assert vehicles == {"Velta Holdings Corporation": "Zenda Metals LLC"}
    deal = InvestmentDeal(investor="Velta Holdings Corporation", evidence="It invests.")
    facts = [_plant("Velta Holdings Corporation")]
    assert with_operators(facts, {}, [deal], None, vehicles)[0].operator == "Zenda Metals LLC"


def test_a_group_runs_its_plant_through_the_unit_its_possessive_names() -> None:
    text = ("Velta Group reported results on Monday. Velta Group's local unit Zenda Metals "
            "LLC completed a new flotation plant.")  # fmt: skip
    assert vehicles_of(ArticleIndex.build(text, 2024)) == {"Velta Group": "Zenda Metals LLC"}


def test_a_company_owned_by_a_group_runs_the_groups_site() -> None:
    text = "Zenda Metals LLC, owned by Velta Group, opened two new mines in the north."
    assert vehicles_of(ArticleIndex.build(text, 2024)) == {"Velta Group": "Zenda Metals LLC"}


def test_a_parent_shortened_in_the_text_still_runs_through_its_vehicle() -> None:
    deal = InvestmentDeal(investor="Velta", evidence="Velta invests.")
    facts = with_operators([_plant("Velta")], {}, [deal], None, {"Velta Mining": "Zenda LLC"})
    assert facts[0].operator == "Zenda LLC"
