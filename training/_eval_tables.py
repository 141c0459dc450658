"""The evaluation's tables as Markdown, and the rule that decides the default.

A tuned path becomes the default only where it wins on the test split with no
field group more than 0.05 worse than the current default (issue 16): a group
is a record type (all its fields) or one field of the contract.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from training.evaluate import Result

DEFAULT = "guided+base"
MAX_GROUP_DROP = 0.05
ORDER = ("rules", "default", "guided+base", "guided+decisions", "records+records")
FIXED_CANDIDATES = ("guided+decisions", "records+records")
SET_ORDER = ("test", "gold", "devset", "tune")


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    return "\n".join([_row(header), "|" + "---|" * len(header), *map(_row, rows)])


def _configs(results: Mapping[str, Result], dataset: str) -> list[str]:
    """The configurations with a result on ``dataset``: ORDER's first, then the others."""
    present = {key.split("/", 1)[0] for key in results if key.endswith(f"/{dataset}")}
    return [c for c in ORDER if c in present] + sorted(present - set(ORDER))


def _present(results: Mapping[str, Result], dataset: str) -> list[Result]:
    """The results on ``dataset`` of the set as it is now.

    A result made when the set had another number of articles (an older corpus) is
    stale: the newest result gives the set's size, and only results of that size are
    shown, so an adapter's card never lists another set's scores as its own.
    """
    rows = [results[f"{c}/{dataset}"] for c in _configs(results, dataset)]
    if not rows:
        return []
    size = max(rows, key=lambda r: r.when).articles
    return [r for r in rows if r.articles == size]


def overall_table(results: Mapping[str, Result]) -> str:
    """Every configuration on every set: overall and per-type F1, grounding, cost."""
    rows = []
    for dataset in SET_ORDER:
        for r in _present(results, dataset):
            rows.append([
                dataset, f"`{r.config}`", str(r.articles), f"{r.overall['f1']:.3f}",
                f"{r.by_type.get('plant_fact', 0.0):.3f}", f"{r.by_type.get('deal', 0.0):.3f}",
                f"{r.grounded:.0%}", f"{r.seconds_per_article:.1f}",
                f"{r.tokens_per_article:.0f}", str(len(r.failures)), f"{r.load:.1f}",
            ])  # fmt: skip
    header = ["set", "configuration", "articles", "F1", "PlantFact F1", "Deal F1", "grounded",
              "s/article", "tokens/article", "failed", "load"]  # fmt: skip
    return _table(header, rows)


def field_table(results: Mapping[str, Result], dataset: str) -> str:
    """Per-field F1 of every configuration on one set (a field per row)."""
    present = _present(results, dataset)
    if not present:
        return ""
    fields = sorted({name for r in present for name in r.by_field})
    rows = [[f"`{name}`", *(f"{r.by_field.get(name, float('nan')):.3f}" for r in present)]
            for name in fields]  # fmt: skip
    return _table(["field", *(f"`{r.config}`" for r in present)], rows)


def groups(result: Result) -> dict[str, float]:
    """The field groups compared for the default: each record type and each field."""
    return {**{f"{k} (all fields)": v for k, v in result.by_type.items()}, **result.by_field}


def verdict(results: Mapping[str, Result], candidate: str) -> tuple[bool, str]:
    """Whether ``candidate`` may become the default, and why, from the test split."""
    tuned, base = results.get(f"{candidate}/test"), results.get(f"{DEFAULT}/test")
    if tuned is None:
        return False, f"`{candidate}`: no test-split result to decide on"
    if base is None:
        return False, f"`{candidate}`: no `{DEFAULT}` result on test to compare with"
    gain = tuned.overall["f1"] - base.overall["f1"]
    base_groups = groups(base)
    drops = {name: base_groups[name] - value for name, value in groups(tuned).items()
             if name in base_groups and base_groups[name] - value > MAX_GROUP_DROP}  # fmt: skip
    worst = ", ".join(f"`{n}` -{d:.3f}" for n, d in sorted(drops.items(), key=lambda x: -x[1]))
    ok = gain > 0 and not drops
    why = (f"`{candidate}` on test: overall F1 {tuned.overall['f1']:.3f} vs "
           f"{base.overall['f1']:.3f} ({gain:+.3f}); groups more than {MAX_GROUP_DROP} worse: "
           f"{worst or 'none'}")  # fmt: skip
    return ok, why


def _current(results: Mapping[str, Result]) -> dict[str, Result]:
    """The results that are not stale (see :func:`_present`), by their keys."""
    datasets = {key.split("/", 1)[1] for key in results}
    return {f"{r.config}/{d}": r for d in datasets for r in _present(results, d)}


def render_all(results: Mapping[str, Result]) -> str:
    """Every table, then the default verdict of each tuned path (stale results left out)."""
    results = _current(results)
    parts = ["### Overall\n", overall_table(results)]
    for dataset in SET_ORDER:
        table = field_table(results, dataset)
        if table:
            parts += [f"\n### Per-field F1, {dataset}\n", table]
    parts.append("\n### Default\n")
    tuned = [c for c in _configs(results, "test") if c not in ("rules", "default", DEFAULT)]
    for candidate in dict.fromkeys([*tuned, *FIXED_CANDIDATES]):
        ok, why = verdict(results, candidate)
        decided = f"{candidate}/test" in results and f"{DEFAULT}/test" in results
        outcome = "becomes the default" if ok else "stays off by default"
        parts.append(f"- {why}: {outcome if decided else 'no verdict from these results'}.")
    return "\n".join(parts) + "\n"
