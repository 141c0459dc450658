"""The metric cues of a tonnage: what the number reader's own hints add."""

from extract._strategies.guided.cues import mass_rules
from extract._text.numbers import Quantity, find_quantities


def _mass(text: str) -> Quantity:
    return next(q for q in find_quantities(text) if q.kind == "mass")


def test_ounces_are_never_throughput_even_after_a_processing_verb() -> None:
    text = "The mill processed 60,000 ounces of gold at its site."
    scores = mass_rules(text, _mass(text), facility_in_sentence=True)
    assert all(scores["throughput"] < v for k, v in scores.items() if k != "throughput")


def test_tonnes_of_ore_after_a_processing_verb_stay_throughput() -> None:
    text = "The mill processed 60,000 tonnes of ore at its site."
    scores = mass_rules(text, _mass(text), facility_in_sentence=True)
    assert max(scores, key=scores.__getitem__) == "throughput"
