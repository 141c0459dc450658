"""What a tonnage measures when the number reader reads no "of X" after it."""

from extract._strategies.guided.figure_fields import commodity_for
from extract._text.numbers import find_quantities


def _commodities(text: str) -> list[str | None]:
    return [commodity_for(q, text, None) for q in find_quantities(text) if q.kind == "mass"]


def test_each_item_of_a_list_keeps_its_own_commodity() -> None:
    # A comma starts the next item: the first figure is not of the commodity named after it.
    text = "Zinc reserves are put at 45 million tonnes, silver reserves - at 300 tonnes."
    assert _commodities(text) == ["zinc", "silver"]


def test_a_commodity_after_the_figure_in_its_own_item_still_comes_first() -> None:
    assert _commodities("The copper smelter will also yield 9 tonnes a year in gold bars.") == [
        "gold"
    ]


def test_the_clause_is_read_when_the_item_names_nothing() -> None:
    assert _commodities("The mill will produce 10,000 tonnes a year, mostly zinc.") == ["zinc"]
