"""``assay runs``: list, compare and export the runs of a result store.

Exit codes: 0 on success, 2 on usage errors, an unknown run or an unusable store.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from extract._batch.export import export_run_parquet
from extract._batch.store import diff_runs, list_runs
from extract._cli.formatting import format_diff, format_runs
from extract._cli.options import or_fatal, store_option


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
def runs_diff(run_a: str, run_b: str, store_path: Path, as_json: bool) -> None:
    """Show per article what changed from RUN_A to RUN_B: records added, removed, changed.

    Records are matched by type plus amount and currency (deals) or metric and
    value (plant facts). A unique prefix of a run id is enough.
    """
    diff = or_fatal(lambda: diff_runs(store_path, run_a, run_b))
    click.echo(diff.model_dump_json() if as_json else format_diff(diff))


@runs_group.command("export")
@click.argument("run_id")
@store_option
@click.option(
    "--parquet",
    "parquet_path",
    type=click.Path(path_type=Path),
    required=True,
    help="Write the run to this parquet file, one row per article.",
)
def runs_export(run_id: str, store_path: Path, parquet_path: Path) -> None:
    """Export a run to parquet (deals and plant facts as JSON strings, meta as columns)."""
    rows = or_fatal(lambda: export_run_parquet(store_path, run_id, parquet_path))
    click.echo(f"wrote {rows} rows to {parquet_path}", err=True)
