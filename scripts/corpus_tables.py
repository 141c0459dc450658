"""Print docs/corpus.md's tables "By region and outlet" from the corpus files.

    python scripts/corpus_tables.py     # Markdown: outlets, regions, outlets in both regions

Counts come from each article's front matter (`region`, `outlet`, `kind`) and its
gold file (records). Test articles are counted only, never described: per outlet the
first table gives their number, and their records are summed per region in the
second. Rows run by articles, then tune articles (most first), then outlet name.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from evals import load_extractions
from evals._loaders import load_headers

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SPLITS = ("tune", "test")
Tallies = dict[str, list[tuple[str, str, Counter[str]]]]  # split -> (region, outlet, counts)


def _tallies(split: str) -> list[tuple[str, str, Counter[str]]]:
    """(region, outlet, counts) per article of one split, in file-name order."""
    headers = load_headers(CORPUS / split / "articles")
    gold = load_extractions(CORPUS / split / "gold")
    rows = []
    for doc_id in sorted(headers):
        header = headers[doc_id]
        if header is None:
            raise SystemExit(f"{CORPUS / split / 'articles' / doc_id}.txt: no front matter")
        deals, facts = len(gold[doc_id].deals), len(gold[doc_id].plant_facts)
        counts = Counter({split: 1, "distractor": int(header["kind"] == "distractor"),
                          "no record": int(deals + facts == 0), "deals": deals,
                          "plant facts": facts})  # fmt: skip
        rows.append((header["region"], header["outlet"], counts))
    return rows


def outlet_table(tallies: Tallies) -> str:
    """Per region and outlet: articles per split, and tune's distractors and records."""
    per_outlet: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for split, rows in tallies.items():
        for region, outlet, counts in rows:
            tune_only = counts if split == "tune" else Counter({split: 1})
            per_outlet[region, outlet].update(tune_only)
    order = sorted(per_outlet, key=lambda k: (k[0], -sum(per_outlet[k][s] for s in SPLITS),
                                              -per_outlet[k]["tune"], k[1].lower()))  # fmt: skip
    lines = ["| region | outlet | articles | tune | test | tune: distractor | tune: no record "
             "| tune: deals | tune: plant facts |", "|---" * 9 + "|"]  # fmt: skip
    for region, outlet in order:
        c = per_outlet[region, outlet]
        cells = [c["tune"] + c["test"], c["tune"], c["test"], c["distractor"], c["no record"],
                 c["deals"], c["plant facts"]]  # fmt: skip
        lines.append(f"| {region} | {outlet} | " + " | ".join(map(str, cells)) + " |")
    return "\n".join(lines)


def region_table(tallies: Tallies) -> str:
    """Per region and split (and both): outlets, articles, distractors and records."""
    lines = ["| region | split | outlets | articles | distractor | no record | deals "
             "| plant facts | records |", "|---" * 9 + "|"]  # fmt: skip
    for region in sorted({row[0] for rows in tallies.values() for row in rows}):
        for label, splits in (*((s, (s,)) for s in SPLITS), ("both", SPLITS)):
            rows = [row for s in splits for row in tallies[s] if row[0] == region]
            total: Counter[str] = sum((row[2] for row in rows), Counter())
            cells = [len({row[1] for row in rows}), len(rows), total["distractor"],
                     total["no record"], total["deals"], total["plant facts"],
                     total["deals"] + total["plant facts"]]  # fmt: skip
            lines.append(f"| {region} | {label} | " + " | ".join(map(str, cells)) + " |")
    return "\n".join(lines)


def both_regions(tallies: Tallies) -> str:
    """The sentence under the tables: outlets counted in both regions."""
    regions: dict[str, set[str]] = defaultdict(set)
    for rows in tallies.values():
        for region, outlet, _ in rows:
            regions[outlet].add(region)
    shared = sorted(outlet for outlet, seen in regions.items() if len(seen) > 1)
    pairs = sum(len(seen) for seen in regions.values())
    return (f"({len(shared)} outlets published articles in both regions: {', '.join(shared)}; "
            f"hence {len(regions)} outlets and not {pairs}.)")  # fmt: skip


def main() -> int:
    """Print the three pieces, a blank line between them."""
    tallies = {split: _tallies(split) for split in SPLITS}
    print(outlet_table(tallies), region_table(tallies), both_regions(tallies), sep="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
