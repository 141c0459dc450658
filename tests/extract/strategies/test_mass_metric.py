"""The metric rules of a tonnage: its clause's cues, and what the number reader's own hints add."""

import pytest

from extract._strategies.guided.mass_metric import mass_rules
from extract._text.numbers import Quantity, find_quantities


def _mass(text: str) -> Quantity:
    return next(q for q in find_quantities(text) if q.kind == "mass")


def test_ounces_are_never_throughput_even_after_a_processing_verb() -> None:
    text = "The mill processed 60,000 ounces of gold at its site."
    scores = mass_rules(text, _mass(text), facility_in_sentence=True)
    assert all(scores["throughput"] < v for k, v in scores.items() if k != "throughput")


def test_tonnes_of_ore_after_a_processing_verb_stay_throughput() -> None:
    text = "The mill processed 60,000 tonnes of ore at its site."
    scores = mass_rules(text, _mass(text), facility_in_sentence=True)
    assert max(scores, key=scores.__getitem__) == "throughput"


def test_ore_a_mine_digs_is_production_not_throughput() -> None:
    # A stand-alone mine's ore output is production (GUIDELINES 28); a plant's ore is throughput.
    assert _best("About 12 Mt of ore are mined at the Tarvik pit every year.") == "production"
    assert _best("The Tarvik plant processed 12 million tons of ore last year.") == "throughput"


def test_the_capacity_of_a_processing_plant_is_throughput() -> None:
    # A processing plant's figure is the material it treats (GUIDELINES 28).
    for text in (
        "The Tarvik washing plant with an annual capacity of 3 Mt opened in May.",
        "The mill will have a capacity of concentrating 3 Mt of coal a year.",
    ):
        assert _best(text) == "throughput"


def test_a_tonnage_of_carbon_dioxide_is_context() -> None:
    # Emissions measure the air, not what a plant makes (GUIDELINES 10).
    assert _best("The new furnace will emit 0.5 t of CO2 per tonne of steel made.") == "other"


def test_a_market_s_demand_is_context() -> None:
    # What a country needs measures a market, not a plant (GUIDELINES 10).
    assert _best("Freedonia's annual demand for cement is 4 Mt, the works said.") == "other"


def test_the_step_an_output_is_raised_by_is_no_metric() -> None:
    text = "The new line will raise the smelter's output by about 40,000 tonnes of zinc a year."
    scores = mass_rules(text, _mass(text), facility_in_sentence=True)
    assert max(scores, key=scores.__getitem__) == "other"


def _best(text: str) -> str:
    scores = mass_rules(text, _mass(text), facility_in_sentence=True)
    return max(scores, key=scores.__getitem__)


def test_the_level_an_output_is_raised_to_is_production() -> None:
    # After a verb of change, "(up) to N" is the new level, not a maximum (GUIDELINES 11, 33).
    assert _best("The works raised zinc output by 3% - up to 120.5 thousand t.") == "production"
    assert _best("Output of pig iron at the mill will rise to 40 tons per day.") == "production"


def test_the_level_processing_is_raised_to_is_throughput() -> None:
    # What changes is the material a plant processes (GUIDELINES 28).
    assert _best("Processing of bauxite at the works will rise to 80,000 t a year.") == "throughput"


def test_a_raised_capacity_or_reserve_keeps_its_own_metric() -> None:
    assert _best("The smelter's capacity will be raised to 2 million tonnes a year.") == "capacity"
    assert _best("The plant will produce up to 900,000 tonnes of zinc a year.") == "capacity"
    assert _best("Its copper reserves grew to 300,000 tonnes after drilling.") == "reserves"


@pytest.mark.parametrize(
    "text",
    [
        "The Kuma mine is estimated to hold 2.1 million tonnes of copper.",
        "The deposit, containing 48 million tons of zinc, is the largest.",
    ],
)
def test_a_deposit_said_to_hold_or_contain_a_tonnage_gives_reserves(text: str) -> None:
    # GUIDELINES 28: what a deposit holds is its reserves, whatever form the verb takes.
    scores = mass_rules(text, _mass(text), facility_in_sentence=True)
    assert all(scores["reserves"] > v for k, v in scores.items() if k != "reserves")


@pytest.mark.parametrize(
    "text",
    [
        "The Lorna deposit's mineral resources are put at 40 million tonnes and reserves at 9 Mt.",
        "The Lorna project holds 40 million tonnes of mineral resources.",
    ],
)
def test_a_figure_of_mineral_resources_is_context(text: str) -> None:
    # Resources are not reserves: gold keeps the reserves beside them and skips resources.
    assert _best(text) == "other"


def test_reserves_told_beside_resources_stay_reserves() -> None:
    text = "Its resources are put at 40 Mt and its reserves at 9 million tonnes."
    scores = mass_rules(text, find_quantities(text)[-1], facility_in_sentence=True)
    assert max(scores, key=scores.__getitem__) == "reserves"


def test_a_company_named_resources_states_no_resources() -> None:
    # A capital "Resources" is a company's name, not the stock a figure states.
    text = "Velcor Resources produced 1,850 tonnes of copper at its Lorna mine in 2023."
    scores = mass_rules(text, find_quantities(text)[0], facility_in_sentence=True)
    assert max(scores, key=scores.__getitem__) != "other"


def test_a_tonnage_sold_is_context() -> None:
    # Sales are no plant's figure (GUIDELINES 5, 10), nor is a second figure of the same sale.
    text = "Last year Norvik sold 40,000 ounces of gold and 90,000 ounces of silver."
    for quantity in find_quantities(text):
        scores = mass_rules(text, quantity, facility_in_sentence=True)
        assert max(scores, key=scores.__getitem__) == "other"
