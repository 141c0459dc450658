"""One rules-only pass over corpus/tune: every decided figure with features and its gold label.

    python scripts/learned/collect.py

Writes out/learned/figures.jsonl (one row per money or tonnage figure the rules
decided), the rules-only predictions out/learned/pred-rules/, and the spaCy
parses out/learned/docs.spacy (reused by crossfit.py). Prints label counts.
"""

from __future__ import annotations

import json
import time
from collections import Counter

from stack_data import OUT, articles, cached_parses, gold, half, label
from stack_features import features
from stack_hook import run_all


def main() -> None:
    """Collect the figures and write the rules-only predictions."""
    truth, rows, current = gold(), [], {"id": ""}

    def record(figure, decision, index):  # type: ignore[no-untyped-def]
        q = figure.candidate.quantity
        rows.append({"id": current["id"], "half": half(current["id"]), "kind": q.kind,
                     "value": q.value, "unit": q.unit, "rule": figure.role,
                     "label": label(q.kind, q.value, q.unit, truth[current["id"]]),
                     "features": features(figure, decision, index)})  # fmt: skip

    started = time.time()
    with cached_parses():
        predictions = run_all(articles(), record, current)
    folder = OUT / "pred-rules"
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, extraction in predictions.items():
        (folder / f"{doc_id}.json").write_text(extraction.model_dump_json(indent=2))
    with (OUT / "figures.jsonl").open("w") as sink:
        sink.writelines(json.dumps(row) + "\n" for row in rows)
    print(f"{len(predictions)} articles, {len(rows)} figures, {time.time() - started:.0f} s")
    for part in ("A", "B"):
        counts = Counter((r["kind"], r["label"], r["rule"]) for r in rows if r["half"] == part)
        print(part, "(kind, gold label, rule role): count", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
