"""A facility named once and then called by its head noun ("the plant") is still named."""

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.facility_fields import names_a_facility
from extract._strategies.guided.strategy import GuidedOptions, decide_figures

_TEXT = (
    "New cement plant launched\n\nThe President inaugurated a new cement plant of Huaxin Cement "
    "in the Sugd region. The plant has an annual production capacity of one million tons of "
    "cement, and can produce 3,300 tons of cement per day. Cement prices rose to 20 tons."
)


def test_the_head_noun_of_a_facility_named_before_names_it() -> None:
    index = ArticleIndex.build(_TEXT, 2025)
    assert names_a_facility(index, 2)  # "The plant has ..."
    assert not names_a_facility(index, 3)  # "Cement prices rose ..."


def test_a_tonnage_of_the_plant_referred_to_by_its_head_is_a_plant_fact() -> None:
    run = decide_figures(_TEXT, None, 2025, GuidedOptions(use_model=False))
    roles = {f.candidate.quantity.text: (f.role, f.metric) for f in run.figures}
    assert roles["3,300 tons"] == ("plant_fact", "capacity")


def test_a_facility_noun_with_no_name_before_it_still_speaks_of_a_facility() -> None:
    text = ("Ministers met in the capital. The concentrator of the group opened in May. "
            "The complex will have a capacity of 2 million tons of steel a year. "
            "The plant will treat 3 million tons of ore a year.")  # fmt: skip
    index = ArticleIndex.build(text, 2025)
    assert not names_a_facility(index, 0)
    assert names_a_facility(index, 2)  # no "... complex" named before
    assert names_a_facility(index, 3)  # "the plant" after a concentrator
    run = decide_figures(text, None, 2025, GuidedOptions(use_model=False))
    roles = {f.candidate.quantity.text: (f.role, f.metric) for f in run.figures}
    assert roles["2 million tons"] == ("plant_fact", "capacity")
