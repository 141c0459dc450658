"""The operator of each facility: the company the text says runs it, else a fallback.

GUIDELINES 24: the operator is the facility's, one per facility, whichever of its
figures the company was read near.
"""

from __future__ import annotations

from collections import Counter

from extract._schema import InvestmentDeal, PlantFact


def with_operators(
    facts: list[PlantFact], owners: dict[str, str], deals: list[InvestmentDeal]
) -> list[PlantFact]:
    """One operator per facility: the owner named, the one investor, or the company most near."""
    investors = {d.investor for d in deals if d.investor}
    fallback = investors.pop() if len(investors) == 1 else None
    # Else the company most of the facility's figures stand nearest to: one per facility.
    nearest: dict[str, Counter[str]] = {}
    for fact in facts:
        if fact.operator:
            nearest.setdefault(fact.facility, Counter())[fact.operator] += 1
    result = []
    for fact in facts:
        near = nearest[fact.facility].most_common(1)[0][0] if fact.facility in nearest else None
        operator = owners.get(fact.facility) or fallback or near
        result.append(fact.model_copy(update={"operator": operator}))
    return result
