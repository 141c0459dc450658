"""``assay runs``: list, compare and export the runs of a result store.

Exit codes: 0 on success, 2 on usage errors, an unknown run or an unusable store.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from extract._batch.export import export_run_parquet
from extract._batch.rundiff import RunDiff
from extract._batch.stores import copy_run, diff_runs, list_runs, load_run_predictions
from extract._cli.formatting import format_diff, format_runs, format_score_changes
from extract._cli.options import or_fatal, store_option
from extract._cli.runs_html import render_runs_diff
from extract._cli.runs_page import RunsPage, gather_texts, score_runs
from extract._errors import AssayError


@click.group("runs")
def runs_group() -> None:
    """List, compare and export the runs of a result store."""


@runs_group.command("list")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of runs.")
def runs_list(store_path: Path, as_json: bool) -> None:
    """List the runs of the store, oldest first, with their counts and status."""
    runs = or_fatal(lambda: list_runs(store_path))
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
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the differences as one JSON object.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the differences as one self-contained HTML page.",
)
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(exists=True, path_type=Path),
    help="Score both runs against this gold set (its articles in either run): F1 deltas.",
)
@click.option(
    "--articles",
    "articles_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Article texts (<doc_id>.txt) for --html when the store keeps none.",
)
def runs_diff(run_a: str, run_b: str, store_path: Path, as_json: bool, html_path: Path | None,
              gold_path: Path | None, articles_dir: Path | None) -> None:  # fmt: skip
    """Show per article what changed from RUN_A to RUN_B: records added, removed, changed.

    Records are matched by type plus amount and currency (deals) or metric and
    value (plant facts). A unique prefix of a run id is enough. --gold adds both
    runs' F1 (text output and page); --json prints only the diff, unchanged.

    \b
    assay runs diff RUN_A RUN_B --html diff.html --gold gold
    """  # noqa: D301
    diff = or_fatal(lambda: diff_runs(store_path, run_a, run_b))
    click.echo(diff.model_dump_json() if as_json else format_diff(diff))
    if gold_path is None and html_path is None:
        return
    page = or_fatal(lambda: _page(diff, store_path, gold_path, articles_dir))
    if page.scored is not None and not as_json:
        click.echo("\n" + format_score_changes(page.scored.a, page.scored.b))
    if html_path is not None:
        or_fatal(lambda: _write(html_path, render_runs_diff(page)))
        click.echo(f"wrote {html_path}", err=True)


def _page(
    diff: RunDiff, store_path: Path, gold_path: Path | None, articles_dir: Path | None
) -> RunsPage:
    """Gather what the page shows: both runs' records and manifests, texts, scores."""
    runs = {run.run_id: run.manifest for run in list_runs(store_path)}
    pred_a = load_run_predictions(store_path, diff.run_a)
    pred_b = load_run_predictions(store_path, diff.run_b)
    texts = gather_texts(store_path, [diff.run_a, diff.run_b], gold_path, articles_dir)
    scored = score_runs(gold_path, pred_a, pred_b, texts) if gold_path is not None else None
    manifests = (runs.get(diff.run_a, {}), runs.get(diff.run_b, {}))
    return RunsPage(diff, manifests, pred_a, pred_b, texts, str(store_path), scored)


def _write(path: Path, content: str) -> None:
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise AssayError(f"{path}: cannot write: {exc.strerror or exc}") from exc


@runs_group.command("export")
@click.argument("run_id")
@store_option
@click.option(
    "--parquet",
    "parquet_path",
    type=click.Path(path_type=Path),
    help="Write the run to this parquet file, one row per article.",
)
@click.option(
    "--to",
    "target",
    type=click.Path(path_type=Path),
    help="Copy the run into this store: a .db file, or a directory (parquet store).",
)
def runs_export(run_id: str, store_path: Path, parquet_path: Path | None,
                target: Path | None) -> None:  # fmt: skip
    """Export a run to parquet (deals and plant facts as JSON strings, meta as columns).

    --to copies the run, with its results, into another store: from the SQLite
    store to a parquet store directory (``assay batch --engine ray --out``) or back.
    """
    if parquet_path is not None and target is None:
        rows = or_fatal(lambda: export_run_parquet(store_path, run_id, parquet_path))
        click.echo(f"wrote {rows} rows to {parquet_path}", err=True)
    elif target is not None and parquet_path is None:
        copied = or_fatal(lambda: copy_run(store_path, run_id, target))
        click.echo(f"copied {copied} items of run {run_id} to {target}", err=True)
    else:
        raise click.UsageError("give --parquet FILE or --to STORE")
