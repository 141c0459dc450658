r"""Score the task-tuned paths against the base model and rules (issue 16, point 4).

    python -m training.evaluate --sets tune gold devset [--configs ...]
    python -m training.evaluate --sets test --final      # the test split: once, for the table
    python -m training.evaluate --render                 # the tables from the saved results
    python -m training.evaluate --card adapters/NAME     # ... written into the adapter's card

Each configuration extracts each set's articles in process (as ``assay extract
DIR`` reads them: the front matter gives the publication date), keeps every
prediction under ``out/training/eval/<config>/<set>/`` and scores them with the
eval suite. A result (per-field F1, seconds and tokens per article, grounding,
failures, the machine's load, the commit) goes to ``out/training/eval/results.json``.
No model trains here; only llama.cpp runs, so the ``train`` extra is not needed.

The test split is read only with ``--final``, and its per-article results are
never printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from evals import evaluate, load_extractions, load_texts
from extract import ArticleExtraction, BackendSettings, ExtractionConfig, Extractor, GuidedOptions
from extract._backends.model_files import DEFAULT_ADAPTER
from extract._batch.inputs import read_txt
from extract._errors import AssayError
from training._data import ROOT

OUT = ROOT / "out" / "training" / "eval"
ADAPTERS = ROOT / "adapters"
DECISIONS, RECORDS = "gemma3-270m-decisions", "gemma3-270m-records"
# name -> (strategy, adapter directory or "none", guided options)
# An adapter is measured answering every guided question, whatever the library's
# GuidedOptions.model_questions says; "default" is the library's own setting.
EVERY_QUESTION = GuidedOptions(model_questions=GuidedOptions.QUESTIONS)
CONFIGS: dict[str, tuple[str, str, GuidedOptions]] = {
    "rules": ("guided", "none", GuidedOptions(use_model=False)),
    "default": ("guided", DEFAULT_ADAPTER, GuidedOptions()),
    "guided+base": ("guided", "none", EVERY_QUESTION),
    "guided+decisions": ("guided", DECISIONS, EVERY_QUESTION),
    "records+records": ("records", RECORDS, GuidedOptions()),
}
SETS = {
    "tune": ROOT / "corpus" / "tune",
    "gold": ROOT / "gold",
    "devset": ROOT / "devset",
    "test": ROOT / "corpus" / "test",
}


@dataclass
class Result:
    """One configuration on one set."""

    config: str
    dataset: str
    articles: int
    overall: dict[str, float]
    by_type: dict[str, float]
    by_field: dict[str, float]
    grounded: float
    seconds_per_article: float
    tokens_per_article: float
    failures: list[str] = field(default_factory=list)
    load: float = 0.0
    commit: str = ""
    when: str = ""


def gold_dir(dataset: str) -> Path:
    """Where a set's gold files are (``gold/`` holds them beside its articles)."""
    root = SETS[dataset]
    return root / "gold" if (root / "gold").is_dir() and dataset != "gold" else root


def config_parts(name: str) -> tuple[str, str, GuidedOptions]:
    """``(strategy, adapter, guided options)`` of a named configuration.

    Besides the fixed :data:`CONFIGS`, ``guided+NAME`` names the guided strategy with
    the adapter ``adapters/NAME`` (a retrained adapter is measured before it is named).

    Raises:
        ValueError: neither a fixed configuration nor an adapter directory.

    """
    if name in CONFIGS:
        return CONFIGS[name]
    strategy, _, adapter = name.partition("+")
    if strategy == "guided" and adapter and (ADAPTERS / adapter / "adapter.gguf").is_file():
        return ("guided", adapter, EVERY_QUESTION)
    known = ", ".join(CONFIGS)
    raise ValueError(f"unknown configuration {name!r}: one of {known}, or guided+NAME "
                     f"for an adapter in {ADAPTERS}/NAME")  # fmt: skip


def config_of(name: str) -> ExtractionConfig:
    """The extraction config a configuration name stands for."""
    strategy, adapter, guided = config_parts(name)
    settings = BackendSettings(adapter=adapter if adapter == "none" else str(ADAPTERS / adapter))
    return ExtractionConfig(backend=settings, strategy=strategy, guided=guided)


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True)  # fmt: skip
    return done.stdout.strip()


def _extract_all(name: str, dataset: str, quiet: bool) -> tuple[dict[str, ArticleExtraction],
                                                                 list[str]]:  # fmt: skip
    """Every article of the set through one Extractor; failures named, not fatal."""
    paths = sorted((SETS[dataset] / "articles").glob("*.txt"))
    out = OUT / name / dataset
    out.mkdir(parents=True, exist_ok=True)
    predictions, failures = {}, []
    with Extractor(config_of(name)) as extractor:
        for number, path in enumerate(paths, start=1):
            try:
                result = extractor.extract(read_txt(path))
            except AssayError as exc:
                failures.append(f"{path.stem}: {exc}"[:300])
                continue
            predictions[path.stem] = result
            (out / f"{path.stem}.json").write_text(result.model_dump_json(indent=1) + "\n")
            if not quiet:
                seconds = result.meta.seconds if result.meta else None
                print(f"  [{number}/{len(paths)}] {path.stem} {seconds} s", file=sys.stderr,
                      flush=True)  # fmt: skip
    return predictions, failures


def run(name: str, dataset: str) -> Result:
    """Extract and score one set with one configuration."""
    loads = [os.getloadavg()[0]]
    predictions, failures = _extract_all(name, dataset, quiet=dataset == "test")
    loads.append(os.getloadavg()[0])
    return score(name, dataset, predictions, failures, sum(loads) / len(loads))


def kept(name: str, dataset: str, directory: Path) -> Result:
    """Score predictions another run kept (``DOC_ID.json`` files), e.g. the ablation's."""
    predictions = {p.stem: ArticleExtraction.model_validate_json(p.read_text())
                   for p in sorted(directory.glob("*.json"))}  # fmt: skip
    return score(name, dataset, predictions, [], float("nan"))


def score(name: str, dataset: str, predictions: dict[str, ArticleExtraction],
          failures: list[str], load: float) -> Result:  # fmt: skip
    """Score one configuration's predictions on one set."""
    texts = load_texts(SETS[dataset] / "articles")
    report = evaluate(load_extractions(gold_dir(dataset)), predictions, texts)
    metas = [p.meta for p in predictions.values() if p.meta is not None]
    count = max(1, len(metas))
    return Result(
        name, dataset, len(texts),
        {"f1": report.overall.f1, "precision": report.overall.precision,
         "recall": report.overall.recall},
        {kind: scores.f1 for kind, scores in report.by_type.items()},
        {name: scores.f1 for name, scores in report.by_field.items()},
        report.grounding.rate or 0.0,
        sum(m.seconds or 0.0 for m in metas) / count,
        sum(m.prompt_tokens + m.completion_tokens for m in metas) / count,
        failures if dataset != "test" else [f.split(":")[0] for f in failures],
        load, _commit(), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    )  # fmt: skip


def load_results(path: Path = OUT / "results.json") -> dict[str, Result]:
    """Saved results keyed by ``config/set``."""
    if not path.is_file():
        return {}
    return {key: Result(**value) for key, value in json.loads(path.read_text()).items()}


def load_all(directory: Path = OUT) -> dict[str, Result]:
    """Every saved result: the kept predictions' scores, then (overriding) the extracted ones."""
    found: dict[str, Result] = {}
    for name in ("results-kept.json", "results.json"):
        found.update(load_results(directory / name))
    return found


def save_result(result: Result, path: Path = OUT / "results.json") -> None:
    """Add (or replace) one result in the saved results."""
    results = load_results(path)
    results[f"{result.config}/{result.dataset}"] = result
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({k: asdict(v) for k, v in results.items()}, indent=1) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the configurations over the sets, or render the saved results."""
    parser = argparse.ArgumentParser(prog="python -m training.evaluate")
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=[])
    parser.add_argument(
        "--configs",
        nargs="+",
        default=list(CONFIGS),
        metavar="CONFIG",
        help=f"{', '.join(CONFIGS)}, or guided+NAME for adapters/NAME",
    )
    parser.add_argument("--final", action="store_true", help="allow the test split (read once)")
    parser.add_argument("--render", action="store_true", help="print the tables as Markdown")
    parser.add_argument(
        "--kept",
        metavar="CONFIG=DIR",
        help="score kept predictions instead of "
        "extracting: DIR with {set} in it, e.g. guided+base=out/ablation/combined-{set}",
    )
    parser.add_argument(
        "--card",
        type=Path,
        action="append",
        default=[],
        help="also write the tables into this adapter's card (ADAPTER/README.md)",
    )
    args = parser.parse_args(argv)
    for name in args.configs:
        try:
            config_parts(name)
        except ValueError as exc:
            parser.error(str(exc))
    if "test" in args.sets and not args.final:
        parser.error("the test split is read once, for the final table: add --final")
    for dataset in args.sets:
        for name in args.configs if not args.kept else [args.kept.split("=")[0]]:
            if args.kept:
                directory = Path(args.kept.split("=", 1)[1].format(set=dataset))
                result = kept(name, dataset, directory)
                save_result(result, OUT / "results-kept.json")
            else:
                result = run(name, dataset)
                save_result(result)
            print(f"{name:18} {dataset:7} F1 {result.overall['f1']:.3f} "
                  f"{result.seconds_per_article:.1f} s/article "
                  f"{result.tokens_per_article:.0f} tokens/article "
                  f"failures {len(result.failures)}", flush=True)  # fmt: skip
    if args.render or args.card:
        from training._card import write_scores
        from training._eval_tables import render_all

        tables = render_all(load_all())
        for directory in args.card:
            write_scores(directory / "README.md", tables)
        if args.render:
            print(tables)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
