"""The ``eval`` click command: score predictions against gold, report, gate.

Exit codes: 0 scored (and passed the gates), 1 a gate failed (``--fail-under``,
``--max-drop``), 2 bad usage or bad input (one line naming the file and problem).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import cast

import click

from evals._baseline import BaselineDiff, diff_reports
from evals._evaluate import evaluate
from evals._loaders import load_extractions, load_report, load_texts
from evals._models import EvalReport
from evals._parquet_store import is_parquet_store, load_store_predictions
from evals._report_html import render_html
from evals._report_text import format_diff, format_report
from extract._errors import AssayError
from extract._schema import ArticleExtraction

StoreLoader = Callable[[Path, str], dict[str, ArticleExtraction]]


class BadInput(click.ClickException):
    """Bad input or arguments: printed as one ``Error: ...`` line, exit code 2."""

    exit_code = 2


_HELP = """Score predicted extractions against a gold set.

GOLD and PRED are each a directory of <doc_id>.json files, a .jsonl file (one
ArticleExtraction per line) or a Hugging Face dataset saved with save_to_disk
(an 'extraction' JSON column, or columns doc_id, deals, plant_facts); PRED may
also be a parquet result store (assay batch --engine ray --out DIR: its latest
finished run). Instead of --pred, --run RUN_ID --store PATH scores a run from
a result store (SQLite file or parquet directory).

Prints overall, per-type, per-field and per-article precision, recall and F1;
--json and --html write full reports. With --baseline (an earlier --json report)
it also lists metric deltas and every field that flipped.

Exit status: 0 ok, 1 a --fail-under or --max-drop gate failed, 2 bad input.

\b
Example:
  assay eval --gold gold --pred runs/today.jsonl --json report.json \\
      --baseline runs/main.json --max-drop 0.02 --fail-under 0.6
"""


@click.command("eval", help=_HELP)
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Gold extractions: directory, .jsonl or saved dataset.",
)
@click.option(
    "--pred",
    "pred_path",
    type=click.Path(exists=True, path_type=Path),
    help="Predicted extractions, same shapes as --gold.",
)
@click.option("--run", "run_id", metavar="RUN_ID", help="Score this run from --store instead.")
@click.option(
    "--store", "store_path", type=click.Path(path_type=Path), help="Result store that holds --run."
)
@click.option(
    "--articles",
    "articles_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Article texts <doc_id>.txt [default: articles/ beside gold].",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the JSON report here.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the self-contained HTML report here (compared with --baseline, if given).",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="REPORT.json",
    help="Earlier JSON report to compare to.",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 1),
    metavar="F1",
    help="Exit 1 when overall F1 is below F1.",
)
@click.option(
    "--max-drop",
    type=click.FloatRange(0, 1),
    metavar="X",
    help="Exit 1 when overall F1 fell more than X below --baseline.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but gate failures.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    gold_path: Path,
    pred_path: Path | None,
    run_id: str | None,
    store_path: Path | None,
    articles_dir: Path | None,
    json_path: Path | None,
    html_path: Path | None,
    baseline_path: Path | None,
    fail_under: float | None,
    max_drop: float | None,
    quiet: bool,
) -> None:
    _check_options(pred_path, run_id, store_path, baseline_path, max_drop)
    try:
        gold = load_extractions(gold_path)
        pred, pred_source = _predictions(pred_path, run_id, store_path)
        texts = _texts(gold_path, articles_dir)
        baseline = load_report(baseline_path) if baseline_path is not None else None
    except AssayError as exc:
        raise BadInput(str(exc)) from exc
    report = evaluate(gold, pred, texts)
    report.manifest.gold_source, report.manifest.pred_source = str(gold_path), pred_source
    diff = diff_reports(baseline, report) if baseline is not None else None
    if not quiet:
        click.echo(format_report(report))
        if diff is not None:
            click.echo("\n" + format_diff(diff))
    _write(json_path, report.model_dump_json(indent=2))
    if html_path is not None:
        _write(html_path, render_html(report, texts, baseline=baseline, gold=gold))
    failures = _gate_failures(report, diff, fail_under, max_drop)
    for failure in failures:
        click.echo(f"FAIL: {failure}", err=True)
    if failures:
        ctx.exit(1)


def _check_options(
    pred_path: Path | None,
    run_id: str | None,
    store_path: Path | None,
    baseline_path: Path | None,
    max_drop: float | None,
) -> None:
    if (pred_path is None) == (run_id is None):
        raise click.UsageError("give exactly one of --pred PATH or --run RUN_ID")
    if (run_id is None) != (store_path is None):
        raise click.UsageError("--run RUN_ID and --store PATH go together")
    if max_drop is not None and baseline_path is None:
        raise click.UsageError("--max-drop needs --baseline REPORT.json")


def _predictions(
    pred_path: Path | None, run_id: str | None, store_path: Path | None
) -> tuple[dict[str, ArticleExtraction], str]:
    if pred_path is not None and is_parquet_store(pred_path):
        return load_store_predictions(pred_path), f"{pred_path} (latest finished run)"
    if pred_path is not None:
        return load_extractions(pred_path), str(pred_path)
    assert store_path is not None and run_id is not None  # _check_options made sure
    return _store_predictions(store_path, run_id), f"{store_path}#{run_id}"


def _store_predictions(store_path: Path, run_id: str) -> dict[str, ArticleExtraction]:
    """Load a run's predictions from the result store (``extract._batch.store``) or a parquet store.

    Imported here, by name, because the store is an optional neighbour: scoring
    files must work without it, and it must not load at ``import evals``.
    """
    if is_parquet_store(store_path):
        return load_store_predictions(store_path, run_id)
    try:
        module = importlib.import_module("extract._batch.store")
    except ImportError as exc:
        raise BadInput(f"{store_path}: the result store is not available: {exc}") from exc
    loader = cast(StoreLoader, module.load_run_predictions)
    try:
        return loader(store_path, run_id)
    except AssayError as exc:
        raise BadInput(str(exc)) from exc


def _texts(gold_path: Path, articles_dir: Path | None) -> Mapping[str, str]:
    if articles_dir is not None:
        return load_texts(articles_dir)
    default = (gold_path if gold_path.is_dir() else gold_path.parent) / "articles"
    # Without texts, scoring still works; grounding lists the articles it skipped.
    return load_texts(default) if default.is_dir() else {}


def _write(path: Path | None, content: str) -> None:
    if path is None:
        return
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"{path}: cannot write: {exc.strerror or exc}") from exc


def _gate_failures(
    report: EvalReport, diff: BaselineDiff | None, fail_under: float | None, max_drop: float | None
) -> list[str]:
    f1 = report.overall.f1
    failures = []
    if fail_under is not None and f1 < fail_under:
        failures.append(f"overall F1 {f1:.4f} is below --fail-under {fail_under:g}")
    if max_drop is not None and diff is not None and diff.f1_drop > max_drop:
        old = diff.overall["f1"].old
        failures.append(
            f"overall F1 fell {diff.f1_drop:.4f} (from {old:.4f} to {f1:.4f}), "
            f"more than --max-drop {max_drop:g}"
        )
    return failures
