"""Plant status and deal stage read by the guided strategy, rules only, on sentences."""

from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article
from extract._strategies.guided.cues import PLANT_STATUS, score
from extract._strategies.guided.strategy import GuidedOptions

RULES_ONLY = ExtractionConfig(guided=GuidedOptions(use_model=False))


def test_a_figure_whose_clause_says_nothing_of_the_plant_s_state_is_planned() -> None:
    # No cue word of any status ("aims to" is none): the tie goes to a plan, since
    # reported output says so in words ("produced", "last year"). Tune-104 A/B both gain.
    text = "Borealis Copper aims to mine 20,000 tonnes of copper a year at the Kuma mine.\n"
    result = Extractor(RULES_ONLY).extract(Article(id="a1", text=text, published="2025-03-04"))
    assert [(f.facility, f.value, f.status) for f in result.plant_facts] == [
        ("Kuma mine", 20000.0, "planned")
    ]


def test_the_word_plant_is_no_cue_for_a_plan() -> None:
    # "\bplan" matched "plant", so every clause about a plant voted "planned".
    scores = score(PLANT_STATUS, "the plant produced 5,000 tonnes")
    assert scores["planned"] == 0.0
    assert scores["operating"] > 0.0
