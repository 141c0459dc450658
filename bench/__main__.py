"""``python -m bench [--quick] [--out PATH]``: run every benchmark, print JSON, write Markdown."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import _batches, _memory, _model, _ray, _scorer
from bench._machine import ROOT, CpuShare, load_average, machine
from bench._report import render_markdown, verdicts

Benchmark = Callable[[bool], dict[str, Any]]
# Cheap and model-free first: a model benchmark that breaks still leaves their numbers.
BENCHMARKS: tuple[tuple[str, Benchmark], ...] = (
    ("scorer", _scorer.run), ("cached", _batches.run_cached),
    ("concurrency", _batches.run_concurrency), ("model", _model.run), ("memory", _memory.run),
)  # fmt: skip
# Run only when named with --only: they need an optional extra (pip install "assay[ray]").
OPTIONAL: tuple[tuple[str, Benchmark], ...] = (("ray", _ray.run),)


def run_all(quick: bool, only: set[str] | None = None) -> dict[str, Any]:
    """Run the benchmarks; one that raises is reported under ``errors`` and the rest go on."""
    started = time.perf_counter()
    results: dict[str, Any] = {"quick": quick, "machine": machine(), "errors": {}}
    results["machine"]["other_cpu_share"] = {}
    for name, benchmark in (*BENCHMARKS, *OPTIONAL):
        if (only and name not in only) or (not only and (name, benchmark) in OPTIONAL):
            continue
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        began, others = time.perf_counter(), CpuShare()
        try:
            results.update(benchmark(quick))
        except Exception as exc:  # report and go on: one broken benchmark must not hide the others
            results["errors"][name] = f"{type(exc).__name__}: {exc}"
        results["machine"]["other_cpu_share"][name] = others.share()
        took = time.perf_counter() - began
        print(f"bench: {name} done in {took:.1f} s", file=sys.stderr, flush=True)
    results["machine"]["load_average_end"] = load_average()
    results["passed"] = verdicts(results)
    results["wall_seconds"] = round(time.perf_counter() - started, 1)
    return results


def main(argv: list[str] | None = None) -> int:
    """Parse options, run, print one JSON object, write the Markdown page."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="CI mode: fewer articles where the model or real waiting costs time.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="Markdown page to write (default: docs/benchmarks.md for a run of every "
        "benchmark; none for --only, whose page would lack the others' numbers).",
    )
    parser.add_argument("--only", action="append",
                        choices=[name for name, _ in (*BENCHMARKS, *OPTIONAL)],
                        help="Run only this benchmark (repeatable); 'ray' only so.")  # fmt: skip
    args = parser.parse_args(argv)
    results = run_all(args.quick, set(args.only) if args.only else None)
    print(json.dumps(results))
    out = args.out or (None if args.only else ROOT / "docs" / "benchmarks.md")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_markdown(results), encoding="utf-8")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
