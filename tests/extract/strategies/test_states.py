"""The plant-status cue table: what a clause's words vote for."""

from extract._strategies.guided.cues import PLANT_STATUS, score


def test_a_plant_votes_for_a_plan_once_and_output_wording_still_wins() -> None:
    scores = score(PLANT_STATUS, "the plant produced 5,000 tonnes last year")
    assert scores["planned"] == 1.0  # "plant", counted once
    assert scores["operating"] > scores["planned"]
