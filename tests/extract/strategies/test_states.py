"""Plant status: what a clause's cue words vote for, and what the parse says of building."""

import pytest

from extract._schema import PlantFact
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.cues import PLANT_STATUS, score
from extract._strategies.guided.plant_status import consistent_status, one_per_figure
from extract._strategies.guided.states import building_now, facility_states
from extract._strategies.guided.strategy import DEFAULT_STATUS, GuidedOptions, decide_figures
from extract._text.nlp import parse


def test_a_plant_votes_for_a_plan_once_and_output_wording_still_wins() -> None:
    scores = score(PLANT_STATUS, "the plant produced 5,000 tonnes last year")
    assert scores["planned"] == 1.0  # "plant", counted once
    assert scores["operating"] > scores["planned"]


def test_an_agreement_to_construct_votes_for_a_plan() -> None:
    scores = score(PLANT_STATUS, "They agreed to construct a smelter with a capacity of 9 Mt.")
    assert scores["planned"] > scores["operating"]


def test_a_plant_set_for_commissioning_votes_under_construction() -> None:
    scores = score(PLANT_STATUS, "The 2 Mt zinc smelter is finished and set for commissioning.")
    assert scores["under_construction"] > max(scores["planned"], scores["operating"])


def test_a_figure_the_plant_could_or_may_reach_votes_for_a_plan() -> None:
    for sentence in ("The new furnace could make up to 15,000 tons a year.",
                     "The Kuma deposit may yield 80,000 tons of zinc a year."):  # fmt: skip
        scores = score(PLANT_STATUS, sentence)
        assert scores["planned"] > scores["operating"]


def test_the_month_of_may_is_no_modal() -> None:
    assert score(PLANT_STATUS, "The smelter produced 9,000 tonnes in May")["planned"] == 0.0


def test_a_discovered_deposit_votes_for_a_plan() -> None:
    scores = score(PLANT_STATUS, "A zinc deposit holding 2 Mt was discovered in the Velta hills")
    assert scores["planned"] > scores["operating"]


@pytest.mark.parametrize(
    ("sentence", "going_on"),
    [
        ("Velta Zinc is constructing a smelter in Kuma.", True),
        ("Hanul building big zinc plant in north region", True),
        ("The company began building the plant last year.", True),
        ("Construction of the smelter began in May 2023.", True),
        ("Work has begun on the new smelter.", True),
        ("Construction of the Kuma smelter is now well underway.", True),
        ("Infrastructure construction is in full swing at the deposit.", True),
        ("The minister heard about the progress of construction of a zinc plant.", True),
        ("The partners are developing a bauxite mine.", True),
        ("Construction of the smelter will begin in 2026.", False),
        ("Construction is expected to start next year.", False),
        ("The company plans to build a smelter.", False),
        ("The smelter was built in 1990.", False),
        ("Building materials will be supplied by Velta.", False),
    ],
)
def test_building_going_on_is_read_from_the_parse(sentence: str, going_on: bool) -> None:
    assert building_now(parse(sentence), 0, len(sentence)) is going_on


def test_a_plant_whose_construction_has_begun_is_under_construction() -> None:
    text = ("Velta Zinc said on Monday. Construction of the Kuma zinc smelter started in May, "
            "and the smelter will have a capacity of 50,000 tonnes a year.")  # fmt: skip
    index = ArticleIndex.build(text, 2025)
    assert facility_states(index).get("Kuma zinc smelter") == "under_construction"


def _fact(metric: str, status: str) -> PlantFact:
    return PlantFact(facility="Kuma zinc mine", metric=metric, value=2.0, unit="t",
                     status=status, evidence="The Kuma zinc mine will hold 2 tonnes.")  # fmt: skip


def test_reserves_and_cost_take_the_status_the_plant_s_output_gives_it() -> None:
    # GUIDELINES 30: reserves and cost take the facility's status, not their sentence's.
    facts = [_fact("capacity", "planned"), _fact("reserves", "operating"),
             _fact("cost", "operating")]  # fmt: skip
    assert [f.status for f in consistent_status(facts, set())] == ["planned"] * 3


def test_reserves_of_a_plant_with_no_other_figure_keep_their_status() -> None:
    assert consistent_status([_fact("reserves", "operating")], set())[0].status == "operating"


def test_all_figures_of_a_plant_share_the_status_most_of_them_read() -> None:
    # GUIDELINES 30: the status is the facility's, one per plant.
    facts = [_fact("capacity", "planned"), _fact("throughput", "operating"),
             _fact("capacity", "planned")]  # fmt: skip
    assert [f.status for f in consistent_status(facts, set())] == ["planned"] * 3


def test_a_tie_between_a_plant_s_figures_goes_to_operating() -> None:
    facts = [_fact("capacity", "planned"), _fact("throughput", "operating")]
    assert {f.status for f in consistent_status(facts, set())} == {"operating"}


def test_a_clause_with_no_status_cue_gets_the_default_status_explicitly() -> None:
    text = "Velta Zinc runs the Kuma zinc smelter. Its capacity is 50,000 tonnes of zinc a year."
    run = decide_figures(text, None, 2025, GuidedOptions(use_model=False))
    (decision,) = [d for d in run.decisions if d.question == "plant_status"]
    scores = dict(zip(decision.options, decision.rule_scores, strict=True))
    assert decision.choice == DEFAULT_STATUS == "operating"
    assert scores[DEFAULT_STATUS] > max(v for k, v in scores.items() if k != DEFAULT_STATUS)


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor laid the foundation stone of the Kuma zinc smelter on Monday.",
        "Launching of construction of the Kuma zinc smelter in the north.",
        "The minister toured the construction site of the Kuma zinc smelter.",
        "The Kuma zinc smelter is being developed by Velta Metals.",
    ],
)
def test_a_foundation_laid_or_a_construction_launched_is_building(sentence: str) -> None:
    states = facility_states(ArticleIndex.build(sentence, 2024))
    assert states == {"Kuma zinc smelter": "under_construction"}


@pytest.mark.parametrize(
    "sentence",
    [
        "A mine at Kelvatau would cost $2 billion, the prefeasibility study says.",
        "A mine at Kelvatau – the region's largest untapped zinc deposit – would cost $2 billion.",
        "A mine at Kelvatau is a greenfield venture of Borealis.",
    ],
)
def test_a_study_an_untapped_deposit_or_a_greenfield_site_is_planned(sentence: str) -> None:
    states = facility_states(ArticleIndex.build(sentence, 2024))
    assert states.get("mine at Kelvatau") == "planned"


def test_a_plant_a_company_has_launched_is_operating() -> None:
    text = "Velta has also launched the Kuma zinc smelter and plans to build a lead mine."
    states = facility_states(ArticleIndex.build(text, 2024))
    assert states["Kuma zinc smelter"] == "operating"


@pytest.mark.parametrize(
    "text",
    [
        # a commissioning in a clause of time under a future verb is ahead
        "The new Kuma zinc smelter will have a capacity of 90,000 tons once it is "
        "commissioned next year.",
        # a participle describing a noun is dated by its clause's future verb
        "Zinc concentrate produced at the Kuma zinc smelter will be shipped by rail to the port.",
    ],
)
def test_a_cue_under_a_future_verb_says_nothing_of_running(text: str) -> None:
    states = facility_states(ArticleIndex.build(text, 2024))
    assert states.get("Kuma zinc smelter") != "operating"


def test_an_operating_officer_says_nothing_of_a_plant_s_state() -> None:
    text = ("Velta will build the Kuma zinc smelter, said Ann Ray, chief operating officer of "
            "Velta. The Kuma zinc smelter is planned for 2030.")  # fmt: skip
    index = ArticleIndex.build(text, 2025)
    assert facility_states(index).get("Kuma zinc smelter") == "planned"


@pytest.mark.parametrize(
    "said",
    [
        "Velta resumed operations at the Kuma zinc smelter after a fire.",
        "The Kuma zinc smelter now refines 2 Mt of zinc a year.",
    ],
)
def test_a_plant_that_resumed_operations_or_now_refines_operates(said: str) -> None:
    text = f"Velta plans to expand the Kuma zinc smelter. {said}"
    assert facility_states(ArticleIndex.build(text, 2025)).get("Kuma zinc smelter") == "operating"


def test_a_plant_the_article_expands_is_operating() -> None:
    text = (
        "Velta approved the expansion of the Korvala zinc smelter, a planned upgrade. "
        "The expansion will lift the Korvala zinc smelter's output to 90,000 tonnes a year."
    )
    assert facility_states(ArticleIndex.build(text, 2025))["Korvala zinc smelter"] == "operating"


def test_an_expansion_by_a_plant_built_anew_is_no_sign_it_runs() -> None:
    text = "To expand its capacity, Velta will build a new zinc smelter in Ostrava."
    assert facility_states(ArticleIndex.build(text, 2025)).get("zinc smelter") != "operating"


def test_a_plant_that_is_now_operational_operates_but_not_when_it_will_be() -> None:
    text = "Velta said the Kuma zinc smelter is now fully operational."
    assert facility_states(ArticleIndex.build(text, 2025)).get("Kuma zinc smelter") == "operating"
    text = ("Velta started construction of the Kuma zinc smelter last year. When the Kuma zinc "
            "smelter is fully operational, it will produce 2 Mt a year.")  # fmt: skip
    state = facility_states(ArticleIndex.build(text, 2025)).get("Kuma zinc smelter")
    assert state == "under_construction"


def test_a_plant_whose_modernization_is_planned_is_operating() -> None:
    text = "The modernization of the Kuma zinc smelter is planned for next year."
    assert facility_states(ArticleIndex.build(text, 2025)).get("Kuma zinc smelter") == "operating"


def test_a_plant_developed_to_expand_a_business_is_not_running() -> None:
    text = ("Velta is expanding its business by developing the Kuma zinc smelter, "
            "a greenfield venture.")  # fmt: skip
    states = facility_states(ArticleIndex.build(text, 2024))
    assert states.get("Kuma zinc smelter") == "planned"


def test_a_project_that_commenced_is_being_built() -> None:
    text = "The Kuma zinc smelter project commenced on Monday in the north of Velta."
    states = facility_states(ArticleIndex.build(text, 2024))
    assert states.get("Kuma zinc smelter project") == "under_construction"


def test_output_only_aimed_at_is_a_plan() -> None:
    text = "The Kuma zinc mine aims to extract 2 million tons of ore a year."
    states = facility_states(ArticleIndex.build(text, 2024))
    assert states.get("Kuma zinc mine") == "planned"


def test_a_participle_before_the_plant_tells_its_state_now() -> None:
    text = "Velta Zinc to pour first zinc from reopened Kuma zinc mine"
    states = facility_states(ArticleIndex.build(text, 2024))
    assert set(states.values()) == {"operating"}


def test_a_plant_being_actively_built_is_under_construction() -> None:
    text = "The Kuma zinc smelter is the only greenfield smelter being actively built in Velta."
    states = facility_states(ArticleIndex.build(text, 2024))
    assert states.get("Kuma zinc smelter") == "under_construction"


def _told(facility: str, evidence: str, value: float = 3e6) -> PlantFact:
    return PlantFact(facility=facility, metric="capacity", value=value, unit="t", period="year",
                     status="operating", evidence=evidence)  # fmt: skip


HEADLINE = "Velta opens 2 Mtpa steel plant"


def test_a_figure_told_in_the_headline_and_the_body_is_one_fact() -> None:
    # One figure is one PlantFact (issue 13): the fullest facility name is kept.
    facts = [_told("steel plant", HEADLINE),
             _told("steel plant at Kuma", "Velta started its 2 Mtpa plant at Kuma.")]  # fmt: skip
    assert [f.facility for f in one_per_figure(facts, HEADLINE)] == ["steel plant at Kuma"]


def test_a_figure_told_twice_of_one_facility_is_one_fact() -> None:
    facts = [_told("Kuma mill", "The Kuma mill has 3 Mt of capacity."),
             _told("Kuma mill", "Its 3 Mt capacity makes the Kuma mill the largest.")]  # fmt: skip
    assert len(one_per_figure(facts, HEADLINE)) == 1


def test_two_plants_of_one_size_keep_a_fact_each() -> None:
    # "a cement plant" and "the Kuma cement plant", both in the body, may be two plants.
    facts = [_told("cement plant", "A new cement plant will have 3 Mt of capacity."),
             _told("Kuma cement plant", "The Kuma cement plant has 3 Mt of capacity."),
             _told("blast furnace C", HEADLINE), _told("blast furnace D", HEADLINE),
             _told("Kuma cement plant", "The Kuma cement plant made 1 Mt.", value=1e6)]  # fmt: skip
    assert one_per_figure(facts, HEADLINE) == facts
