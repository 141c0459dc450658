"""The cue tables (a tonnage's metric, a deal's stage, a money role) and names blanked out."""

from extract._strategies.guided.cues import (
    DEAL_STAGE,
    MASS_METRIC,
    MONEY_ROLE,
    score,
    without_names,
)
from extract._text.spans import Span


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


def test_a_plant_to_produce_a_tonnage_votes_capacity() -> None:
    # The output a plant is built for is its capacity (GUIDELINES 28); an output begun is not.
    assert score(MASS_METRIC, "a new plant to produce 50,000 t of zinc")["capacity"] == 1.0
    assert score(MASS_METRIC, "the plant began to produce 50,000 t of zinc")["capacity"] == 0.0


def test_what_a_plant_can_produce_votes_capacity() -> None:
    # What a facility is able to do is its capacity (GUIDELINES 28: "able to").
    for text in ("the works can now produce 50,000 t a year", "the pit could export 2 Mt a year"):
        assert score(MASS_METRIC, text)["capacity"] == 1.0


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
