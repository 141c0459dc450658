"""The operator of each facility (guided/operator_fields.py)."""

from __future__ import annotations

from extract._schema import PlantFact
from extract._strategies.guided.operator_fields import with_operators


def _plant(operator: str) -> PlantFact:
    return PlantFact(facility="Kuma zinc smelter", operator=operator, metric="capacity",
                     value=2.0, unit="t", status="planned", evidence="It makes 2 t.")  # fmt: skip


def test_a_facility_named_by_no_owner_takes_the_company_most_of_its_figures_stand_near() -> None:
    # GUIDELINES 24: the operator is the facility's, one per facility.
    facts = [_plant("Velta Zinc"), _plant("Zenda Bank"), _plant("Velta Zinc")]
    assert {f.operator for f in with_operators(facts, {}, [])} == {"Velta Zinc"}
