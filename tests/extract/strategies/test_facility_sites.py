"""A named industrial zone or park a plant is put in is its most specific location."""

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.facility_fields import location_for
from extract._strategies.guided.facility_sites import zone_sites


def _location(text: str, facility: str, sentence_no: int) -> str | None:
    """The location read for ``facility``'s figure at the start of sentence ``sentence_no``."""
    index = ArticleIndex.build(text, 2025)
    return location_for(index, facility, sentence_no, index.sentences[sentence_no].start)


def test_a_zone_named_by_of_and_a_town_runs_to_the_town() -> None:
    text = "The smelter will stand in the industrial zone of Vornek, the governor said."
    assert [s.text for s in zone_sites(text)] == ["industrial zone of Vornek"]


def test_an_unnamed_zone_is_no_site() -> None:
    assert zone_sites("The plant will be built in an industrial zone near the river.") == []


def test_the_zone_a_plant_is_located_in_beats_its_town() -> None:
    text = (
        "Norvale Metals will build a zinc plant in Vornek. The plant will be located in "
        "the Ostrava Green industrial park. It will produce 50,000 tonnes of zinc a year."
    )
    assert _location(text, "zinc plant", 2) == "Ostrava Green industrial park"


def test_the_venue_of_a_forum_does_not_place_the_plant() -> None:
    text = (
        "Norvale Metals signed a deal at the Mining Cooperation Forum in Darnholm. "
        "The Kuma zinc mine will produce 50,000 tonnes of zinc a year."
    )
    assert _location(text, "Kuma zinc mine", 1) is None


def test_a_named_deposit_a_plant_stands_at_places_it_when_nothing_else_does() -> None:
    text = (
        "Norvale Metals will build a power plant at the Kuma deposit. "
        "The power plant will have a capacity of 300 MW."
    )
    assert _location(text, "power plant at the Kuma deposit", 1) == "Kuma deposit"


def test_a_place_adjective_qualifying_a_market_does_not_place_the_plant() -> None:
    text = (
        "Norvale Metals wants a foothold in the European battery market. "
        "Its Kuma zinc refinery will produce 50,000 tonnes of zinc a year."
    )
    assert _location(text, "Kuma zinc refinery", 1) is None


def test_a_place_the_text_names_only_as_holding_another_does_not_place_the_plant() -> None:
    text = (
        "Norvale Metals will expand its potash mine in Vornek province in central Freedonia. "
        "The expansion will add 1 million tonnes of potash a year."
    )
    assert _location(text, "potash mine", 1) == "Vornek province"
