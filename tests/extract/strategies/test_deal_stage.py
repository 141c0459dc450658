"""The stage of a deal from its sentence and the article's lead."""

from __future__ import annotations

import pytest

from extract._strategies.guided.deal_stage import spent_stage, stage_rules


def test_a_party_s_own_intention_stays_a_plan_after_a_signing_lead() -> None:
    lead = "Article:\nBorlen Cement and the region signed a memorandum on Monday.\n\n"
    for sentence in (
        "The firm intends to invest $40 million in a new kiln.",
        "The firm says it will invest $40 million in a new kiln.",
        "In May the firm announced a $40 million investment to build a new kiln.",
    ):
        intended = stage_rules(sentence, lead)
        assert max(intended, key=intended.__getitem__) == "planned"
    told = stage_rules("The $40 million kiln will be built near the quarry.", lead)
    assert max(told, key=told.__getitem__) == "agreed"


def test_a_signing_outweighs_a_would_in_the_same_sentence() -> None:
    lead = "Article:\nTarvik Steel reported its results on Monday.\n\n"
    sentence = (
        "Tarvik Steel recently signed a deal with Omra Mining to build a $40 million plant "
        "that would process ore."
    )
    rules = stage_rules(sentence, lead)
    assert max(rules, key=rules.__getitem__) == "agreed"


def test_work_under_way_outweighs_a_plan_word_in_the_same_sentence() -> None:
    lead = "Article:\nTarvik Steel reported its results on Monday.\n\n"
    for sentence in (
        "Output is set to rise as the $40 million kiln is now well underway.",
        "The $40 million kiln is being developed by Tarvik Steel and will open next year.",
        "The $40 million kiln has almost been completed and will be put into operation soon.",
    ):
        rules = stage_rules(sentence, lead)
        assert max(rules, key=rules.__getitem__) == "under_way"


def test_a_plan_whose_project_the_article_says_was_signed_is_agreed() -> None:
    sentence = "Tarvik Steel plans to build a $40 million wire mill in the region."
    article = (
        f"Article:\nWire mill for the region\n\n{sentence}\n\nA memorandum on the "
        "implementation of this project was signed between the region and the company."
    )
    rules = stage_rules(sentence, article)
    assert max(rules, key=rules.__getitem__) == "agreed"
    alone = stage_rules(sentence, f"Article:\nWire mill for the region\n\n{sentence}\n")
    assert max(alone, key=alone.__getitem__) == "planned"


def test_an_amount_already_invested_is_completed_beside_a_plan() -> None:
    sentence = (
        "Orvan Steel has invested $2.1 billion in the Pelka mill since buying it, "
        "and will invest another $600 million by 2030."
    )
    assert spent_stage("planned", sentence, "$2.1 billion") == "completed"
    assert spent_stage("planned", sentence, "$600 million") == "planned"
    bought = "Orvan Steel invested about $90 million in the purchase of the mill."
    assert spent_stage("planned", bought, "$90 million") == "completed"
    ahead = "Some $90 million will be invested in the mill."
    assert spent_stage("planned", ahead, "$90 million") == "planned"


def test_a_lead_that_reports_work_on_the_site_makes_the_amount_under_way() -> None:
    lead = (
        "Article:\nWork goes on at the Pelka mine\n\n"
        "Construction of the Pelka concentrator is in full swing, the contractor said.\n"
    )
    rules = stage_rules("The investor has pledged $90 million to the project.", lead)
    assert max(rules, key=rules.__getitem__) == "under_way"
    own = stage_rules("The investor plans to invest $90 million in a second line.", lead)
    assert max(own, key=own.__getitem__) == "planned"


def test_a_lead_that_reports_the_opening_makes_the_amount_completed() -> None:
    lead = "Article:\nMinister commissions $50 million Pelka grinding plant\n\n"
    rules = stage_rules("The company is expected to produce 40,000 t of balls a year.", lead)
    assert max(rules, key=rules.__getitem__) == "completed"
    ahead = "Article:\nPelka grinding plant to be commissioned next year\n\n"
    later = stage_rules("The company will invest $50 million in the plant.", ahead)
    assert max(later, key=later.__getitem__) == "planned"


@pytest.mark.parametrize(
    "sentence",
    [
        # finance secured from a lender
        "Tarvik Steel attracted a loan of $60 million from Omra Bank for the new kiln.",
        # an investment a party is obliged to make
        "Tarvik Steel is obliged to allocate $60 million a year to the new kiln.",
        # money that comes as a grant
        "The $12 million for the new kiln comes in the form of Freedonian grant aid.",
    ],
)
def test_money_a_party_is_bound_to_or_granted_is_agreed(sentence: str) -> None:
    lead = "Article:\nTarvik Steel reported its results on Monday.\n\n"
    rules = stage_rules(sentence, lead)
    assert max(rules, key=rules.__getitem__) == "agreed"


def test_a_lead_that_reports_development_begun_makes_the_amount_under_way() -> None:
    lead = "Article:\nVarnok Copper has started capital development of the Brellin deposit.\n\n"
    rules = stage_rules("The project is valued at $900 million.", lead)
    assert max(rules, key=rules.__getitem__) == "under_way"


def test_work_nearing_completion_is_under_way() -> None:
    sentence = "Another kiln, valued at $90 million, is nearing completion."
    rules = stage_rules(sentence, sentence)
    assert max(rules, key=rules.__getitem__) == "under_way"
