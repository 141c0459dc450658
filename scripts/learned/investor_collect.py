"""One rules-only pass over tune-370: every deal figure's investor candidates, features, labels.

    python scripts/learned/investor_collect.py

Writes out/learned/investor_rows.jsonl (one row per deal figure whose investor the
rules take from the span decision, with every candidate's features and label), the
rules-only predictions out/learned/pred-inv-rules/, and prints the ceiling: how often
the gold investor is among the candidates, and how often the rules pick it.

A candidate is positive when it agrees (``evals._compare.values_agree``, kind "name")
with the gold investor of the deal its figure's predicted deal aligns to
(``evals._align.align``); a figure whose deal was merged away or aligns to nothing
takes the gold deal with its amount (1 %) and currency, if one.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from investor_features import features
from investor_hook import run_all
from stack_data import OUT, ROOT, articles, cached_parses, gold

from evals._align import align
from extract._schema import ArticleExtraction, InvestmentDeal

TIERS = ("priors", "companies", "names")
ROWS = OUT / "investor_rows.jsonl"
TUNE370 = Path("/work/notes/proto/tune370.txt")


def half(doc_id: str) -> str:
    """Half A (sha256 of "s11c:" + id even) or B (odd), as /work/notes/proto/halves17.py."""
    digest = hashlib.sha256(("s11c:" + doc_id).encode()).hexdigest()
    return "A" if int(digest, 16) % 2 == 0 else "B"


def tune_articles() -> list[Any]:
    """The 370 tune articles of session 17, sorted by id."""
    keep = {line.strip().removesuffix(".json") for line in TUNE370.read_text().split()}
    return [a for a in articles() if a.id in keep]


def agrees(gold_name: str | None, name: str | None) -> bool:
    """Whether a predicted investor agrees with gold's (the eval's comparison; both set)."""
    from evals._compare import values_agree

    return bool(gold_name and name) and values_agree("name", gold_name, name)


def _close(a: float | None, b: float | None) -> bool:
    from evals._compare import numbers_agree

    return a is not None and b is not None and numbers_agree(a, b)


def gold_deal_of(
    row: dict[str, Any], pred: ArticleExtraction, truth: ArticleExtraction
) -> tuple[InvestmentDeal | None, str]:
    """The gold deal a deal figure stands for, and how it was found (align / amount / none)."""
    pairs = {p: g for g, p, _ in align("deal", truth.deals, pred.deals).pairs}
    for k, deal in enumerate(pred.deals):
        mine = _close(deal.amount, row["amount"]) and deal.currency == row["unit"]
        if mine and row["sentence"] in deal.evidence and k in pairs:
            return truth.deals[pairs[k]], "align"
    same = [d for d in truth.deals if _close(row["amount"], d.amount) and d.currency == row["unit"]]
    return (same[0], "amount") if same else (None, "none")


def main() -> None:
    """Collect, label, write; print the ceiling per half."""
    truth, rows, current = gold(), [], {"id": ""}

    def record(figure, index, cands):  # type: ignore[no-untyped-def]
        q = figure.candidate.quantity
        pool = cands.all("names")
        tier = {n: next(t for t in TIERS if n in cands.all(t)) for n in pool}
        rows.append(
            {
                "id": current["id"],
                "half": half(current["id"]),
                "amount": q.value,
                "unit": q.unit,
                "sentence": figure.candidate.sentence.text,
                "rules": cands.rules,
                "candidates": [
                    {
                        "name": n,
                        "tier": tier[n],
                        "features": features(index, figure, cands, n, pool),
                    }
                    for n in pool
                ],
            }
        )
        return None

    started = time.time()
    arts = tune_articles()
    with cached_parses():
        predictions = run_all(arts, record, current)
    folder = OUT / "pred-inv-rules"
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, extraction in predictions.items():
        (folder / f"{doc_id}.json").write_text(extraction.model_dump_json(indent=2))
    for row in rows:
        deal, how = gold_deal_of(row, predictions[row["id"]], truth[row["id"]])
        row["gold"], row["source"] = (deal.investor if deal else None), how
        for cand in row["candidates"]:
            cand["label"] = int(agrees(row["gold"], cand["name"]))
    with ROWS.open("w") as sink:
        sink.writelines(json.dumps(row) + "\n" for row in rows)
    print(f"{len(predictions)} articles, {len(rows)} deal figures, {time.time() - started:.0f} s")
    ceiling(rows)


def ceiling(rows: list[dict[str, Any]]) -> None:
    """Per half: labelled figures, gold among each tier's candidates, rules right."""
    for part in ("A", "B"):
        mine = [r for r in rows if r["half"] == part]
        print(
            part,
            "figures",
            len(mine),
            "sources",
            dict(Counter(r["source"] for r in mine)),
            "gold investor null",
            sum(r["source"] != "none" and not r["gold"] for r in mine),
        )
        known = [r for r in mine if r["gold"]]
        rules_right = sum(agrees(r["gold"], r["rules"]) for r in known)
        print(f"  with a gold investor {len(known)}; rules right {rules_right}")
        for tier in TIERS:
            allowed = TIERS[: TIERS.index(tier) + 1]
            hit = [
                r
                for r in known
                if any(c["label"] and c["tier"] in allowed for c in r["candidates"])
            ]
            right = sum(agrees(r["gold"], r["rules"]) for r in hit)
            sizes = [sum(c["tier"] in allowed for c in r["candidates"]) for r in known]
            print(
                f"  tier {tier:9}: gold among candidates {len(hit)}/{len(known)}, "
                f"rules right on those {right}, mean candidates {sum(sizes) / len(sizes):.1f}"
            )


if __name__ == "__main__":
    print(ROOT)
    main()
