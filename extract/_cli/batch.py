"""``assay batch`` and ``assay runs``: the cached, resumable many-articles commands.

Exit codes: 0 when every article has a result, 1 when some failed (the others
are stored), 2 on usage errors, an unreadable corpus or an unusable store.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from extract._batch.runner import DEFAULT_CONCURRENCY, BatchSummary, run_batch
from extract._batch.store import (
    DEFAULT_STORE,
    ResultStore,
    diff_runs,
    export_run_parquet,
    list_runs,
)
from extract._cli.formatting import format_diff, format_runs, format_summary
from extract._cli.options import config_from_options, model_options
from extract._errors import AssayError
from extract._pipeline.pipeline import Extractor


class Fatal(click.ClickException):
    """A one-line error that ends the command with exit code 2."""

    exit_code = 2


def _store_option(function: Any) -> Any:
    option = click.option("--store", "store_path", type=click.Path(path_type=Path),
                          default=DEFAULT_STORE, envvar="ASSAY_STORE", show_envvar=True,
                          show_default=True, help="The result store (a SQLite file).")  # fmt: skip
    return option(function)


@click.command("batch")
@click.argument("corpus", type=click.Path(path_type=Path))
@_store_option
@click.option(
    "--concurrency",
    "-j",
    type=click.IntRange(min=1),
    default=DEFAULT_CONCURRENCY,
    envvar="ASSAY_CONCURRENCY",
    show_default=True,
    show_envvar=True,
    help="Requests in flight to a remote endpoint (the local model runs one at a time).",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Attempt again the articles that failed in an earlier batch (default: report them).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary object on stdout.")
@model_options
def batch_command(corpus: Path, store_path: Path, concurrency: int, retry_failed: bool,
                  as_json: bool, **options: Any) -> None:  # fmt: skip
    """Extract every article of CORPUS into the result store, reusing stored results.

    CORPUS is a directory of .txt files, a .jsonl file of {"id", "text"} objects,
    or a .parquet, .csv, .json or .arrow file (or a save_to_disk directory) with
    an id (or doc_id) and a text column.

    A result is reused when the article's text and everything that decides the
    output (strategy, prompt ids, schema, model and its parameters) are the same;
    timeouts, concurrency and the endpoint's URL or key do not matter. So a
    second batch costs no model calls, a prompt edit re-extracts only the articles
    it affects, and a killed batch resumes where it stopped.

    \b
    assay batch articles/ --store runs.db
    assay batch corpus.parquet --backend openai --model gpt-4o-mini -j 8 --json
    """  # noqa: D301
    try:
        with (
            Extractor(config_from_options(**options)) as extractor,
            ResultStore(store_path) as store,
        ):
            summary = run_batch(corpus, extractor, store, concurrency=concurrency,
                                retry_failed=retry_failed, progress=True)  # fmt: skip
    except AssayError as exc:
        raise Fatal(str(exc)) from exc
    _report(summary, store_path, as_json)
    if summary.failed:
        sys.exit(1)


def _report(summary: BatchSummary, store_path: Path, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({**summary.to_dict(), "store": str(store_path)}))
    else:
        click.echo(format_summary(summary, store_path))


@click.group("runs")
def runs_group() -> None:
    """List, compare and export the runs of a result store."""


@runs_group.command("list")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of runs.")
def runs_list(store_path: Path, as_json: bool) -> None:
    """List the runs of the store, oldest first, with their counts and status."""
    runs = _or_fatal(lambda: list_runs(store_path))
    if as_json:
        click.echo(json.dumps([{"run_id": r.run_id, "status": r.status, "started_at": r.started_at,
                                "finished_at": r.finished_at, "extracted": r.extracted,
                                "cached": r.cached, "failed": r.failed, "manifest": r.manifest}
                               for r in runs]))  # fmt: skip
    else:
        click.echo(format_runs(runs))


@runs_group.command("diff")
@click.argument("run_a")
@click.argument("run_b")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print the differences as one JSON object.")
def runs_diff(run_a: str, run_b: str, store_path: Path, as_json: bool) -> None:
    """Show per article what changed from RUN_A to RUN_B: records added, removed, changed.

    Records are matched by type plus amount and currency (deals) or metric and
    value (plant facts). A unique prefix of a run id is enough.
    """
    diff = _or_fatal(lambda: diff_runs(store_path, run_a, run_b))
    click.echo(diff.model_dump_json() if as_json else format_diff(diff))


@runs_group.command("export")
@click.argument("run_id")
@_store_option
@click.option(
    "--parquet",
    "parquet_path",
    type=click.Path(path_type=Path),
    required=True,
    help="Write the run to this parquet file, one row per article.",
)
def runs_export(run_id: str, store_path: Path, parquet_path: Path) -> None:
    """Export a run to parquet (deals and plant facts as JSON strings, meta as columns)."""
    rows = _or_fatal(lambda: export_run_parquet(store_path, run_id, parquet_path))
    click.echo(f"wrote {rows} rows to {parquet_path}", err=True)


def _or_fatal(call: Any) -> Any:
    try:
        return call()
    except AssayError as exc:
        raise Fatal(str(exc)) from exc
