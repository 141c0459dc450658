"""Snapshot and compare the extractor's output, to prove a change leaves behaviour alone.

Extracts gold/articles, devset/articles and the bundled sample article with the
embedded default in two modes, rules-only (``GuidedOptions(use_model=False)``)
and combined (the default ``GuidedOptions()``, which runs the model), and
writes every ArticleExtraction as canonical JSON (sorted keys, two-space
indent) to ``OUT/<mode>/<set>/<doc_id>.json``:

    python scripts/compare_outputs.py OUT                   # both modes (a few minutes)
    python scripts/compare_outputs.py OUT --modes rules     # rules only: seconds, no model
    python scripts/compare_outputs.py --compare DIR_A DIR_B # exit 1 on any difference

Dropped from each file, and only that: ``meta.seconds``, the wall-clock time
of the article, which differs from run to run. Everything else stays: the
records, grounding verdicts, dropped records, prompt ids, schema hash, model,
backend, package version, candidate count, model calls and token counts; a
change in any of them is a change of behaviour.

Only the public API (``extract``) and ``evals`` are imported, so the script runs
unchanged on either side of a refactoring of the package's insides.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

from evals import load_texts
from extract import Article, ArticleExtraction, ExtractionConfig, Extractor, GuidedOptions

ROOT = Path(__file__).resolve().parents[1]
MODES = {"rules": GuidedOptions(use_model=False), "combined": GuidedOptions()}
#: Fields of ``meta`` that vary from run to run of the same code: wall-clock time only.
VOLATILE_META = ("seconds",)
MAX_DIFF_LINES = 40


def article_sets() -> dict[str, Path]:
    """The directories of ``.txt`` articles to extract, by set name."""
    sample = Path(str(resources.files("extract").joinpath("samples/sample_article.txt")))
    return {"gold": ROOT / "gold/articles", "devset": ROOT / "devset/articles",
            "sample": sample.parent}  # fmt: skip


def canonical_json(result: ArticleExtraction) -> str:
    """``result`` as JSON with sorted keys, its volatile meta fields removed."""
    data: dict[str, Any] = result.model_dump(mode="json")
    for name in VOLATILE_META:
        if data.get("meta") is not None:
            data["meta"].pop(name, None)
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def snapshot(out: Path, modes: list[str]) -> int:
    """Extract every set in every mode into ``out``; return the number of files written."""
    written = 0
    for mode in modes:
        if (out / mode).exists():  # stale files from an earlier run would pass for fresh ones
            raise SystemExit(f"{out / mode}: already exists; write the snapshot to a new directory")
        extractor = Extractor(ExtractionConfig(guided=MODES[mode]))
        with extractor:
            for name, directory in article_sets().items():
                started = time.perf_counter()
                texts = load_texts(directory)
                target = out / mode / name
                target.mkdir(parents=True, exist_ok=True)
                for doc_id, text in texts.items():
                    result = extractor.extract(Article(id=doc_id, text=text))
                    (target / f"{doc_id}.json").write_text(canonical_json(result), "utf-8")
                written += len(texts)
                seconds = time.perf_counter() - started
                print(f"{mode:9} {name:7} {len(texts):3} articles  {seconds:6.1f} s", flush=True)
    return written


def compare(first: Path, second: Path) -> int:
    """Report every file that differs or exists on one side only; return their number."""
    for directory in (first, second):
        if not directory.is_dir():
            raise SystemExit(f"{directory}: not a directory")
    names_a = {p.relative_to(first) for p in first.rglob("*.json")}
    names_b = {p.relative_to(second) for p in second.rglob("*.json")}
    problems = 0
    for name in sorted(names_a | names_b):
        if name not in names_b or name not in names_a:
            missing = second if name not in names_b else first
            print(f"{name}: missing in {missing}")
            problems += 1
            continue
        a, b = (first / name).read_text("utf-8"), (second / name).read_text("utf-8")
        if a != b:
            problems += 1
            print(f"{name}: differs")
            diff = difflib.unified_diff(a.splitlines(), b.splitlines(), str(first / name),
                                        str(second / name), lineterm="")  # fmt: skip
            for line in list(diff)[:MAX_DIFF_LINES]:
                print(f"    {line}")
    print(f"compared {len(names_a | names_b)} files ({len(names_a & names_b)} on both sides): "
          f"{problems} different or missing")  # fmt: skip
    return problems


def main() -> None:
    """Write a snapshot, or compare two."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="directory to write the snapshot to")
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("DIR_A", "DIR_B"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(1 if compare(*args.compare) else 0)
    if args.out is None:
        parser.error("give an output directory, or --compare DIR_A DIR_B")
    print(f"wrote {snapshot(args.out, args.modes)} files to {args.out}")


if __name__ == "__main__":
    main()
