"""Who does what around a figure: roles read from the parse."""

import pytest

from extract._strategies.guided.roles import roles_at
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
