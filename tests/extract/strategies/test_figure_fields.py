"""What a tonnage measures, and when a forecast output is production (plant fact fields)."""

from extract._schema import PlantFact
from extract._strategies.guided.figure_fields import (
    as_of_for,
    commodity_for,
    deal_commodities,
    production_if_operating,
)
from extract._text.numbers import find_quantities


def _commodities(text: str) -> list[str | None]:
    return [commodity_for(q, text, None) for q in find_quantities(text) if q.kind == "mass"]


def test_each_item_of_a_list_keeps_its_own_commodity() -> None:
    # A comma starts the next item: the first figure is not of the commodity named after it.
    text = "Zinc reserves are put at 45 million tonnes, silver reserves - at 300 tonnes."
    assert _commodities(text) == ["zinc", "silver"]


def test_a_commodity_after_the_figure_in_its_own_item_still_comes_first() -> None:
    assert _commodities("The copper smelter will also yield 9 tonnes a year in gold bars.") == [
        "gold"
    ]


def test_the_clause_is_read_when_the_item_names_nothing() -> None:
    assert _commodities("The mill will produce 10,000 tonnes a year, mostly zinc.") == ["zinc"]


def _fact(evidence: str, status: str = "operating") -> PlantFact:
    return PlantFact(facility="Zenda mine", metric="capacity", value=2.0, unit="t",
                     period="year", status=status, evidence=evidence)  # fmt: skip


def test_the_forecast_of_a_mine_said_to_operate_is_production() -> None:
    # GUIDELINES 28: a forecast of an operating facility is production.
    fact = _fact("The mine, operated by Acme, is expected to produce 2 tonnes of gold a year.")
    assert production_if_operating(fact).metric == "production"


def test_a_stated_capacity_or_an_unbuilt_plant_stays_capacity() -> None:
    said = "The mine, operated by Acme, has a capacity of 2 tonnes of gold a year."
    assert production_if_operating(_fact(said)).metric == "capacity"
    planned = "The mine, operated by Acme, is expected to produce 2 tonnes of gold a year."
    assert production_if_operating(_fact(planned, "planned")).metric == "capacity"


def test_a_forecast_whose_sentence_says_nothing_of_operation_stays_capacity() -> None:
    fact = _fact("The mine is expected to produce 2 tonnes of gold a year.")
    assert production_if_operating(fact).metric == "capacity"


def test_a_deal_is_about_the_metal_not_the_bare_ore() -> None:
    assert deal_commodities("It will build a plant to process tungsten ore.") == ["tungsten"]
    assert deal_commodities("The company will invest in ore processing.") == []


def test_a_product_of_a_vocabulary_class_keeps_the_class() -> None:
    # GUIDELINES 47: urea is a fertilizer, methanol a chemical.
    text = "The complex will make 500,000 tonnes of urea and 90,000 tonnes of methanol a year."
    assert _commodities(text) == ["fertilizers", "chemicals"]


def test_a_metal_s_ore_is_ore_but_iron_ore_stays_iron_ore() -> None:
    assert _commodities("The mill will treat 2 million tonnes of zinc ore a year.") == ["ore"]
    assert _commodities("The mine will ship 3 million tonnes of iron ore a year.") == ["iron ore"]


def test_a_power_figure_has_no_commodity_even_from_its_fuel() -> None:
    text = "The company will build a 300 MW coal-fired power plant."
    power = [q for q in find_quantities(text) if q.unit == "MW"]
    assert [commodity_for(q, text, "coal-fired power plant") for q in power] == [None]


def test_each_figure_takes_the_date_nearest_it() -> None:
    clause = "output at 300,000 tons this year, increasing to 500,000 tons in 2027"
    assert as_of_for(clause, 2026, "300,000 tons") == "2026"
    assert as_of_for(clause, 2026, "500,000 tons") == "2027"
    assert as_of_for(clause, 2026) == "2027"  # no figure given: the last year, as before


def test_a_phosphate_product_keeps_its_class_not_phosphate() -> None:
    # GUIDELINES 47: a phrase naming a product of a vocabulary class keeps the class.
    text = ("One line will make 40,000 tonnes of phosphoric acid a year; another will make "
            "75,000 tonnes of diammonium phosphate a year.")  # fmt: skip
    assert _commodities(text) == ["chemicals", "fertilizers"]


def test_ounces_of_nothing_named_are_gold_and_named_ounces_keep_their_metal() -> None:
    assert _commodities("The pit should yield 250,000 ounces a year from 2027.") == ["gold"]
    assert _commodities("The mine produced 3 million ounces of silver last year.") == ["silver"]


def test_a_year_told_in_a_past_aside_does_not_date_the_figure() -> None:
    # GUIDELINES 40: the aside's year dates its own event; a future aside may date the figure.
    past = "The kiln, opened in 2011, employs more than 350 workers."
    assert as_of_for(past, 2020, "350 workers") is None
    future = "The kiln, which will be fired up in 2031, will make 90,000 tonnes of lime."
    assert as_of_for(future, 2020, "90,000 tonnes") == "2031"


def test_each_figure_takes_the_date_nearest_its_edges() -> None:
    # The date right after a figure is its own, not the one that ends just before it.
    clause = "Output of lime will grow to 70,000 tonnes in 2031 and 90,000 tonnes in 2033."
    assert as_of_for(clause, 2030, "70,000 tonnes") == "2031"
    assert as_of_for(clause, 2030, "90,000 tonnes") == "2033"


def test_the_date_of_a_decision_to_build_does_not_date_the_figure() -> None:
    # GUIDELINES 40: the year dates the decision; the figure is of what is to be built.
    plan = "In 2031, the group decided to build a kiln with a capacity of 90,000 tonnes."
    assert as_of_for(plan, 2032, "90,000 tonnes") is None
    target = "The group will build a kiln with a capacity of 90,000 tonnes by 2034."
    assert as_of_for(target, 2032, "90,000 tonnes") == "2034"


def test_a_month_or_quarter_before_the_year_is_kept() -> None:
    # GUIDELINES 35: "2016-03" after a month, "2016-Q3" after a quarter, else the year.
    month = "The kiln will start in October 2031 and make 90,000 tonnes of lime a year."
    assert as_of_for(month, 2030, "90,000 tonnes") == "2031-10"
    quarter = "The kiln will reach 90,000 tonnes a year in the third quarter of 2032."
    assert as_of_for(quarter, 2030, "90,000 tonnes") == "2032-Q3"
    year = "The kiln will reach 90,000 tonnes a year in 2032."
    assert as_of_for(year, 2030, "90,000 tonnes") == "2032"


def test_a_date_after_a_compared_figure_dates_that_figure_only() -> None:
    # GUIDELINES 11: in "to N compared to M last year" the date is M's; N has none of its own.
    clause = "Lime output will rise to 90,000 tonnes compared to 60,000 tonnes last year."
    assert as_of_for(clause, 2031, "90,000 tonnes") is None
    assert as_of_for(clause, 2031, "60,000 tonnes") == "2030"
