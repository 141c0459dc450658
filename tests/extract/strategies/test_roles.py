"""Who does what around a figure: roles read from the parse."""

import pytest

from extract._strategies.guided.roles import figure_owner, roles_at
from extract._text.names import names


def _actors(text: str, figure: str) -> set[str]:
    roles = roles_at(text, names(text), text.index(figure))
    return {name.text for name in roles.actors}


@pytest.mark.parametrize(
    "text",
    [
        "Redwood Cobalt Group has pledged to invest $50 million in the mine.",
        "Redwood Cobalt Group vowed to put $50 million into the mine.",
    ],
)
def test_the_subject_of_any_verb_governing_the_figure_is_its_actor(text: str) -> None:
    assert _actors(text, "$50 million") == {"Redwood Cobalt Group"}


def test_the_subject_of_a_passive_is_not_its_actor() -> None:
    text = "The Redwood Cobalt Group plant was built for $50 million."
    assert _actors(text, "$50 million") == set()


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Altyn Copper reported that its copper output was 300,000 tonnes.", "Altyn Copper"),
        ("Altyn Copper said it produced 300,000 tonnes of copper.", "Altyn Copper"),
        ("Altyn Copper, which produced 300,000 tonnes of copper, grew.", "Altyn Copper"),
        ("Altyn Copper runs the Ulken plant, which produced 300,000 tonnes.", None),
        ("The Ulken plant opened in May. It produced 300,000 tonnes of copper.", None),
    ],
)
def test_a_pronoun_owner_stands_for_the_name_the_clause_above_gives(
    text: str, owner: str | None
) -> None:
    found = figure_owner(text, names(text), text.index("300,000"))
    assert (found.text if found else None) == owner


def _sellers(text: str, figure: str) -> set[str]:
    roles = roles_at(text, names(text), text.index(figure))
    return {name.text for name in roles.sellers}


def test_from_names_a_seller_only_of_what_is_bought() -> None:
    bought = "Polymetal agreed to buy the Kyzyl project from Sumeru Gold for $618 million."
    assert _sellers(bought, "$618 million") == {"Sumeru Gold"}
    funded = "The $769 million will come from Redwood Copper Holdings' own cash flows."
    assert _sellers(funded, "$769 million") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Redwood Cobalt Group sold 40% of the Ulken mine to Bastion Mining Corp for $50 million.",
        "Redwood Cobalt Group is expected to sell the Ulken mine to Bastion Mining Corp this year.",
    ],
)
def test_a_seller_gives_up_what_the_one_it_goes_to_buys(text: str) -> None:
    roles = roles_at(text, names(text), text.index("Bastion"))
    assert {name.text for name in roles.actors} == {"Bastion Mining Corp"}
    assert {name.text for name in roles.sellers} == {"Redwood Cobalt Group"}


def test_a_site_s_name_in_a_subject_of_construction_is_not_its_actor() -> None:
    text = (
        "Tarvik Metals said on Monday it would go ahead with the project. The $300 million "
        "construction of the Velkarra nickel refinery will mark the first phase of the project."
    )
    kinds = {n.text: n.kind for n in names(text)}
    assert kinds.get("Velkarra") == "other"
    assert "Velkarra" not in _actors(text, "$300 million")


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        (
            "Redwood Cobalt Group, the miner founded by Halvard Brennick Holdings, said "
            "a new $50 million mine will open.",
            {"Redwood Cobalt Group"},
        ),
        ("The Ulken copper deposit controlled by Redwood Cobalt Group got $50 million.", set()),
        (
            "A $50 million plant to be built by Redwood Cobalt Group will open.",
            {"Redwood Cobalt Group"},
        ),
    ],
)
def test_a_clause_describing_another_noun_names_no_actor(text: str, actors: set[str]) -> None:
    assert _actors(text, "$50 million") >= actors
    assert "Halvard Brennick Holdings" not in _actors(text, "$50 million")


def test_a_name_told_only_in_a_clause_describing_another_noun_is_a_bystander() -> None:
    text = "A further $50 million will go to a new pit at Ulken, a mine operated by Redwood Cobalt."
    roles = roles_at(text, names(text), text.index("$50 million"))
    assert {name.text for name in roles.bystanders} == {"Redwood Cobalt"}
