"""The metric cues of a tonnage (what the number reader's own hints add) and the stage cues."""

import pytest

from extract._strategies.guided.cues import (
    DEAL_STAGE,
    MASS_METRIC,
    MONEY_ROLE,
    mass_rules,
    score,
    without_names,
)
from extract._text.numbers import Quantity, find_quantities
from extract._text.spans import Span


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


def test_a_modal_verb_alone_is_no_talks() -> None:
    # "could" and "may" hedge a plan or a cost; talks are what "discussed" means (GUIDELINES 19).
    for sentence in (
        "The second phase could cost another $500 million.",
        "The region may see $1 billion of investment in a new smelter.",
    ):
        assert score(DEAL_STAGE, sentence)["discussed"] == 0.0


def test_talks_are_still_discussed() -> None:
    assert score(DEAL_STAGE, "The firms are in talks on a $500 million smelter.")["discussed"] > 0


def test_a_completion_still_ahead_is_no_completed_stage() -> None:
    # "to be completed", "will be commissioned": the date of a plan, not work done (GUIDELINES 19).
    for sentence in (
        "The partners will invest $40 million in a wire mill to be completed in 2031.",
        "The $40 million wire mill will be put into operation next spring.",
        "The $40 million wire mill will be built and put into operation within a year.",
        "The $40 million wire mill has almost been completed.",
    ):
        assert score(DEAL_STAGE, sentence)["completed"] == 0.0
    for done in (
        "The $40 million wire mill was commissioned in March.",
        "The $40 million wire mill was built and put into operation in March.",
    ):
        assert score(DEAL_STAGE, done)["completed"] > 0


def test_money_already_put_in_is_a_completed_stage() -> None:
    for sentence in (
        "The group spent $70 million on the new rolling line last year.",
        "Over $70 million was invested in the rolling line.",
        "About $70 million has been invested in the rolling line.",
        "Tarvik Steel has invested $70 million in the rolling line.",
    ):
        assert score(DEAL_STAGE, sentence)["completed"] > 0
    ahead = "Another $70 million will be spent on the rolling line."
    assert score(DEAL_STAGE, ahead)["completed"] == 0.0


def test_names_are_blanked_with_their_offsets_kept() -> None:
    text = "A loan from the Freedonia Export-Import Bank."
    bank = Span(16, 44, "Freedonia Export-Import Bank")
    unnamed = without_names(text, [bank])
    assert len(unnamed) == len(text) and "Export" not in unnamed
    assert unnamed.startswith("A loan from the ") and unnamed.endswith(".")


def _best(text: str) -> str:
    scores = mass_rules(text, _mass(text), facility_in_sentence=True)
    return max(scores, key=scores.__getitem__)


def test_the_level_an_output_is_raised_to_is_production() -> None:
    # After a verb of change, "(up) to N" is the new level, not a maximum (GUIDELINES 11, 33).
    assert _best("The works raised zinc output by 3% - up to 120.5 thousand t.") == "production"
    assert _best("Output of pig iron at the mill will rise to 40 tons per day.") == "production"


def test_a_plant_to_produce_a_tonnage_votes_capacity() -> None:
    # The output a plant is built for is its capacity (GUIDELINES 28); an output begun is not.
    assert score(MASS_METRIC, "a new plant to produce 50,000 t of zinc")["capacity"] == 1.0
    assert score(MASS_METRIC, "the plant began to produce 50,000 t of zinc")["capacity"] == 0.0


def test_what_a_plant_can_produce_votes_capacity() -> None:
    # What a facility is able to do is its capacity (GUIDELINES 28: "able to").
    for text in ("the works can now produce 50,000 t a year", "the pit could export 2 Mt a year"):
        assert score(MASS_METRIC, text)["capacity"] == 1.0


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


def test_money_set_aside_is_no_work_under_way() -> None:
    # "have been allocated", "earmarked": a budget for the project, not money at work.
    sentence = "The new kiln has been earmarked $30 million, and $5 million have been allocated."
    assert score(DEAL_STAGE, sentence)["under_way"] == 0.0
    assert score(DEAL_STAGE, "Over $30 million has been invested so far.")["under_way"] > 0


def test_investing_now_and_work_that_continues_are_under_way() -> None:
    for sentence in (
        "Tarvik Steel is investing $70 million in the rolling line.",
        "The rebuilding of the $70 million rolling line continues.",
    ):
        assert score(DEAL_STAGE, sentence)["under_way"] > 0
    assert score(DEAL_STAGE, "Tarvik Steel will invest $70 million.")["under_way"] == 0.0


def test_a_bank_s_loan_for_a_project_is_financing_not_context() -> None:
    rules = score(MONEY_ROLE, "The bank approved a $90 million loan for the expansion of the mine.")
    assert max(rules, key=rules.__getitem__) == "investment"
    assert score(MONEY_ROLE, "The firm repaid debt of $90 million.")["other"] > 0


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


def test_money_a_party_was_investing_is_under_way() -> None:
    # "was investing" reports work going on when the source spoke (GUIDELINES 19: under_way).
    scores = score(DEAL_STAGE, "In 2020 a paper said Omra Mining was investing $40 million there.")
    assert scores["under_way"] > 0


def test_a_signing_told_in_the_present_is_agreed() -> None:
    # A headline's "X signs": the signing is the news (GUIDELINES 19).
    scores = score(DEAL_STAGE, "Tarvik Steel signs a $40 million kiln project with Omra Mining.")
    assert scores["agreed"] > 0


def test_a_plant_that_was_built_is_completed_but_one_being_built_is_not() -> None:
    done = score(DEAL_STAGE, "The $90 million Tarvik kiln was built by Omra Engineering.")
    assert done["completed"] > 0
    ahead = score(DEAL_STAGE, "The $90 million Tarvik kiln is being built near the quarry.")
    assert ahead["completed"] == 0.0
