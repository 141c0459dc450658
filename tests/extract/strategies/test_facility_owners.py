"""Facility owners: the company a participle, a possessive or a verb says owns a facility."""

import pytest

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.facility_owners import facility_owners


@pytest.mark.parametrize(
    "text",
    [
        "Velta opened the Kuma zinc smelter. The smelter, belonging to Ostra Metals LLC, "
        "employs 400.",
        "Velta opened the Kuma zinc smelter. The smelter, owned by Ostra Metals LLC, employs 400.",
    ],
)
def test_a_participle_after_the_facility_names_its_owner(text: str) -> None:
    owners = facility_owners(ArticleIndex.build(text, 2024))
    assert owners == {"Kuma zinc smelter": "Ostra Metals LLC"}
