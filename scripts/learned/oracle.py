"""Ceiling of the decision: each figure's role taken from gold, all else from the rules.

python scripts/learned/oracle.py     # prints aggregate half numbers only
"""

from __future__ import annotations

from crossfit import save, score
from stack_data import OUT, articles, cached_parses, gold, half, label
from stack_hook import run_all


def main() -> None:
    """Extract tune with gold roles for every money and tonnage figure; score the halves."""
    truth, current = gold(), {"id": ""}

    def visit(figure, decision, index):  # type: ignore[no-untyped-def]
        q = figure.candidate.quantity
        return label(q.kind, q.value, q.unit, truth[current["id"]])

    with cached_parses():
        folder = save(run_all(articles(), visit, current), OUT / "pred-oracle")
    for part in ("A", "B"):
        ids = sorted(a.id for a in articles() if half(a.id) == part)
        oracle, rules = score(folder, ids), score(OUT / "pred-rules", ids)
        for key in oracle:
            print(f"{part} {key:14} oracle {oracle[key]:.4f}  rules {rules[key]:.4f}")


if __name__ == "__main__":
    main()
