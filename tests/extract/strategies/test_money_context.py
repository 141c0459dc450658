"""Money that is not a deal: conversions of an amount, levels a change reached."""

import pytest

from extract._strategies.guided.candidates import find_candidates


def _reasons(text: str) -> dict[str, str | None]:
    return {c.quantity.text: c.dropped for c in find_candidates(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The mine is an investment of US$400 million, (over R5.5 billion), the company said.",
        "The plant will cost 160.2 billion tenge ($318 million).",
        "The project is worth 1.2 trillion rupiah, or about $80 million.",
    ],
)
def test_an_amount_restated_in_a_second_currency_is_one_amount_kept_in_usd(text: str) -> None:
    kept = [c.quantity.unit for c in find_candidates(text) if c.dropped is None]
    assert kept == ["USD"]


def test_the_level_a_change_reached_is_a_statistic_even_after_a_decimal() -> None:
    reasons = _reasons(
        "Investment in smelters surged 36.3 per cent to 8.37 billion yuan in the year."
    )
    assert reasons["8.37 billion yuan"] == "a statistic: the level a change reached"


def test_the_level_a_change_named_by_a_noun_reached_is_a_statistic() -> None:
    reasons = _reasons("That compares with a 12.5 per cent rise to 90.1 billion yuan in 2020.")
    assert reasons["90.1 billion yuan"] == "a statistic: the level a change reached"


def test_money_a_company_invests_is_no_statistic() -> None:
    reasons = _reasons("The company will invest $300 million in the new smelter.")
    assert reasons["$300 million"] is None


def test_an_amount_followed_by_at_is_no_price_per_tonne() -> None:
    reasons = _reasons("He announced plans for 19 projects worth $3.8bn at the mining combine.")
    assert reasons["$3.8bn"] is None


@pytest.mark.parametrize("unit", ["a ton", "an ounce", "/t", "per tonne"])
def test_a_price_per_unit_is_still_a_price(unit: str) -> None:
    reasons = _reasons(f"Copper traded near $9,000 {unit} in the quarter.")
    assert reasons["$9,000"] == "price per unit"


def test_a_part_listed_after_including_is_no_amount_of_its_own_even_after_a_decimal() -> None:
    reasons = _reasons(
        "Borealis agreed to buy the mine for $618.5 million, including $318.5 million "
        "in cash and $300 million in shares."
    )
    assert reasons["$300 million"] == "part of an amount given before it"


@pytest.mark.parametrize(
    "text",
    [
        "The approval will raise planned capital spending to $3.5 billion from $2.5 billion.",
        "The company increased the budget of the plant from $2.5 billion to $3.5 billion.",
    ],
)
def test_the_amount_a_change_started_from_is_superseded(text: str) -> None:
    assert _reasons(text)["$2.5 billion"] == "the level a change started from"


def test_up_to_an_amount_is_a_cap_not_the_level_of_a_change() -> None:
    reasons = _reasons("Borealis agreed to buy a stake in the mine for up to $390 million.")
    assert reasons["$390 million"] is None


def test_a_part_an_amount_includes_is_no_amount_of_its_own() -> None:
    reasons = _reasons(
        "The $500 million, which includes $320 million for construction, will come from loans."
    )
    assert reasons["$500 million"] is None
    assert reasons["$320 million"] == "part of an amount given before it"


@pytest.mark.parametrize(
    "text",
    [
        "Northgate and Redwood agreed on Monday; the two companies will invest $1 billion.",
        "Freedonia will team up with foreign investors to build a steel plant worth $3 billion.",
    ],
)
def test_a_named_pair_or_a_plants_money_is_no_aggregate_of_many_parties(text: str) -> None:
    reasons = _reasons(text)
    amount = next(iter(reasons))
    assert reasons[amount] is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Total investment in the copper mining sector is around $4 billion.", "$4 billion"),
        ("Investments to develop the cement industry to 2030 will make up $2.1 million.",
         "$2.1 million"),
    ],
)  # fmt: skip
def test_the_money_of_a_whole_sector_is_an_aggregate(text: str, amount: str) -> None:
    assert _reasons(text)[amount] == "aggregate of many investments (a whole sector)"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("The province's plan lists 45 projects worth 900 billion tenge until 2035.",
         "900 billion tenge"),
        ("This year 7 projects worth $120 million were put into service in Freedonia.",
         "$120 million"),
    ],
)  # fmt: skip
def test_the_worth_of_a_count_of_projects_is_an_aggregate(text: str, amount: str) -> None:
    assert _reasons(text)[amount] == "aggregate of many investments (a count of projects)"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Zorba Metals will implement 12 projects worth $800 million at Zorba Smelting.",
         "$800 million"),
        ("Zorba Metals will carry out two projects worth $80 million.", "$80 million"),
    ],
)  # fmt: skip
def test_projects_of_a_named_company_or_a_pair_are_no_aggregate(text: str, amount: str) -> None:
    assert _reasons(text)[amount] is None


def test_a_company_named_industries_is_no_sector() -> None:
    text = "Emre Tarvo, founder of Tarvo Industries, announced a $400 million investment in a mill."
    assert _reasons(text)["$400 million"] is None


def test_money_of_parties_in_a_bare_plural_is_an_aggregate() -> None:
    reasons = _reasons("Foreign investors put $2 billion into the sector last year.")
    assert reasons["$2 billion"] == "aggregate of many investments (many parties)"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("A mining fund worth $1 billion is being discussed with Freedonia.", "$1 billion"),
        ("Each ingot weighs 12 kg and is worth $500,000.", "$500,000"),
    ],
)
def test_the_worth_of_a_thing_that_is_no_project_is_context(text: str, amount: str) -> None:
    assert (_reasons(text)[amount] or "").startswith("the value of a thing")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("The project worth $94.5 million will be implemented next year.", "$94.5 million"),
        ("Redwood Steel signed contracts worth $900 million.", "$900 million"),
        ("The deal is worth $300 million, Redwood Steel said.", "$300 million"),
    ],
)
def test_the_worth_of_a_project_or_a_deal_is_an_investment(text: str, amount: str) -> None:
    assert _reasons(text)[amount] is None


def test_an_output_measured_in_money_is_context_but_a_production_facility_is_not() -> None:
    # GUIDELINES 51: output stated as money fits no metric and is no investment.
    output = _reasons("This year the mill has achieved the production volume of $40 million.")
    assert output["$40 million"] == "context money (volume)"
    facility = _reasons("Dovrin plans to build a $40 million production facility near the port.")
    assert facility["$40 million"] is None


def test_a_state_s_money_for_no_project_is_context_in_either_currency() -> None:
    # GUIDELINES 5: a state's general spending is no deal; the USD telling inherits that.
    reasons = _reasons("The government has allocated 90 billion lei ($5 billion) to help farmers.")
    assert reasons["$5 billion"] == "a state's money for no project (GUIDELINES 5)"
    built = _reasons("Freedonia plans to build a $5 billion gas chemical plant near the port.")
    assert built["$5 billion"] is None


def test_money_from_the_state_budget_is_no_payment_to_it() -> None:
    reasons = _reasons(
        "Another 9 trillion som ($700mn) is to be allocated from the state budget for the "
        "exploration of copper deposits."
    )
    assert reasons["$700mn"] is None
    paid = _reasons("The smelter transferred $70 million to the state budget last year.")
    assert paid["$70 million"] is not None


def test_how_far_one_amount_is_from_another_is_a_difference() -> None:
    reasons = _reasons(
        "Norvale will spend $900 million on its smelters by 2030, $150 million more than "
        "it said in March."
    )
    assert reasons["$900 million"] is None
    assert reasons["$150 million"] == "a difference between two amounts"


def test_the_size_of_a_company_group_is_context() -> None:
    reasons = _reasons(
        "Part of the $40 billion Zorvan group, Acme Chemicals signed a supply agreement."
    )
    assert reasons["$40 billion"] == "context money (group)"


@pytest.mark.parametrize(
    ("text", "amount", "kept"),
    [
        ("Velcor Holding sold a 40% stake in its cement unit to Norvale Capital for €90 million.",
         "€90 million", True),
        ("Velcor Holding sold 3,000 tonnes of zinc to a trader for $8 million.", "$8 million",
         False),
    ],
)  # fmt: skip
def test_selling_a_stake_is_an_acquisition_but_selling_goods_is_trade(
    text: str, amount: str, kept: bool
) -> None:
    assert (_reasons(text)[amount] is None) is kept


def test_an_amount_a_plan_is_to_be_raised_to_is_no_statistic() -> None:
    reasons = _reasons("Spending on the mine is expected to be increased to $900 million by 2030.")
    assert reasons["$900 million"] is None


def test_a_loan_a_company_repaid_is_a_payment_not_an_investment() -> None:
    reasons = _reasons("Last year Dornfeld Metals repaid a loan of $45 million from its own cash.")
    assert reasons["$45 million"] == "trade or a payment (repay)"


def test_the_level_a_statistic_shot_up_to_and_the_one_it_is_compared_with_are_statistics() -> None:
    reasons = _reasons(
        "Spending on plants in the province shot up to $4 billion this year, "
        "compared with $2.5 billion a year earlier, the agency said."
    )
    assert reasons["$4 billion"] == "a statistic: the level a change reached"
    assert reasons["$2.5 billion"] == "a statistic: the level a change reached"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("The Borland smelter employs 300 people, with a payroll of $9 million.", "$9 million"),
        ("Acme booked a $120 million impairment on its Borland smelter.", "$120 million"),
        ("Freedonia was propped up by a $2.5 billion bailout last year.", "$2.5 billion"),
        ("The deal puts a $400 million valuation on the Borland mine.", "$400 million"),
    ],
)
def test_a_payroll_an_impairment_a_bailout_or_a_valuation_is_context(
    text: str, amount: str
) -> None:
    assert (_reasons(text)[amount] or "").startswith("context money")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (
            "Acme will pay $70 million to buy Borland Ltd's interest in the Tarvik mine.",
            "$70 million",
        ),
        ("Borland is also paying $20 million to increase its stake to 40 per cent.", "$20 million"),
        ("Acme paid $50 million for a 30% stake in the Tarvik mine.", "$50 million"),
    ],
)
def test_a_price_paid_for_a_holding_is_an_acquisition_not_a_payment(text: str, amount: str) -> None:
    assert _reasons(text)[amount] is None


def test_money_paid_to_a_budget_is_still_a_payment() -> None:
    assert _reasons("Acme paid $5 million to the state budget.")["$5 million"] is not None


def test_a_part_given_after_inclusive_of_is_no_amount_of_its_own() -> None:
    text = "The purchase values the Tarvik plant at $80 million, inclusive of $5 million in cash."
    assert _reasons(text)["$5 million"] == "part of an amount given before it"


def test_a_company_s_registered_capital_is_context_but_capital_it_raises_is_not() -> None:
    assert (
        _reasons("Borland Steel has a registered capital of 90 million yuan.")["90 million yuan"]
        == "context money (capital)"
    )
    assert (
        _reasons("Borland Steel will raise capital of $90 million for a new mill.")["$90 million"]
        is None
    )
