"""Score eval reports per tune half: the split rule work is read on and checked against.

    assay eval --gold corpus/tune/gold --pred DIR --json before.json -q
    python scripts/tune_halves.py before.json after.json

Each article falls in half A or B by the parity of sha256("s11c:" + doc_id) (even: A),
the rule docs/quality.md has used since its eighth pass: a change is read on one half's
errors and kept when the other half does not fall. The script prints field-level micro
F1 per half and over all articles of each report (`assay eval --json`; its per-article
counts). Reports of the test split are refused: test is read only to report.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

SALT = "s11c:"


def half(doc_id: str) -> str:
    """``"A"`` when sha256(SALT + doc_id) is even, else ``"B"``."""
    digest = hashlib.sha256((SALT + doc_id).encode()).hexdigest()
    return "A" if int(digest, 16) % 2 == 0 else "B"


def half_scores(report: dict[str, object]) -> dict[str, tuple[int, float]]:
    """Articles and micro F1 per half, and over all (``"all"``), of one eval report."""
    counts: dict[str, list[int]] = {"A": [0, 0, 0, 0], "B": [0, 0, 0, 0], "all": [0, 0, 0, 0]}
    by_article = report["by_article"]
    assert isinstance(by_article, dict)
    for doc_id, scores in by_article.items():
        for key in (half(doc_id), "all"):
            tally = counts[key]
            tally[0] += scores["tp"]
            tally[1] += scores["fp"]
            tally[2] += scores["fn"]
            tally[3] += 1
    return {key: (n, _f1(tp, fp, fn)) for key, (tp, fp, fn, n) in counts.items()}


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv: list[str] | None = None) -> int:
    """Print one line per report; exit 2 on an unreadable or test report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", type=Path, help="assay eval --json reports")
    args = parser.parse_args(argv)
    for path in args.reports:
        try:
            report = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            print(f"{path}: not a readable JSON report ({exc})", file=sys.stderr)
            return 2
        if "by_article" not in report or _is_test(report):
            print(f"{path}: no per-article scores of a tune report", file=sys.stderr)
            return 2
        scores = half_scores(report)
        cells = "  ".join(f"{key} {f1:.4f} ({n})" for key, (n, f1) in scores.items())
        print(f"{path}: {cells}")
    return 0


def _is_test(report: dict[str, object]) -> bool:
    manifest = report.get("manifest")
    return isinstance(manifest, dict) and "corpus/test" in str(manifest.get("gold_source", ""))


if __name__ == "__main__":
    sys.exit(main())
