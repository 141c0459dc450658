"""A proper name the text gives a facility it describes by kind (guided/facility_names.py)."""

import pytest

from extract._schema import PlantFact
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.facility_names import (
    described_names,
    with_described_names,
    with_member_names,
)


@pytest.mark.parametrize(
    "text",
    [
        "Korvala is one of the largest zinc mines in the region. The zinc mine employs 900.",
        "Korvala, the largest open-pit zinc mine in the region, employs 900.",
        "Korvala is the region's most important zinc mine.",
    ],
)
def test_a_described_facility_takes_the_name_a_copula_or_apposition_gives(text: str) -> None:
    index = ArticleIndex.build(text, 2024)
    names = described_names(index)
    described = next(f.text for f in index.facilities if f.text in names)
    fact = PlantFact(facility=described, metric="jobs", value=900.0, unit="jobs",
                     evidence=text)  # fmt: skip
    assert with_described_names([fact], names)[0].facility == "Korvala"


def test_a_country_said_to_hold_a_mine_names_no_facility() -> None:
    index = ArticleIndex.build("Norway is one of the largest zinc mines of the world.", 2024)
    assert "Norway" not in described_names(index).values()


def test_a_figure_of_one_of_two_facilities_named_together_takes_its_own_name() -> None:
    text = ("Velta owns 100% interest in the Korvala and Ostra zinc mines in the north. "
            "Korvala has a capacity of 900 tons of zinc per year.")  # fmt: skip
    index = ArticleIndex.build(text, 2024)
    evidence = "Korvala has a capacity of 900 tons of zinc per year."
    fact = PlantFact(facility="Korvala and Ostra zinc mines", metric="capacity", value=900.0,
                     unit="t", evidence=evidence)  # fmt: skip
    assert with_member_names(index, [fact])[0].facility == "Korvala zinc mine"
