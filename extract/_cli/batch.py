"""``assay batch``: every article of a corpus into a result store, cached and resumable.

``--engine local`` (the default) extracts in this process into the SQLite
store (``--store``); ``--engine ray`` runs an actor pool on a Ray cluster and
writes the parquet store ``--out DIR`` (:mod:`extract._batch.ray_engine`).

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
from extract._batch.store import ResultStore
from extract._cli.formatting import format_summary
from extract._cli.options import Fatal, config_from_options, model_options, store_option
from extract._errors import AssayError
from extract._pipeline.pipeline import ExtractionConfig, Extractor

_RAY_OPTIONS = [
    click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
                 envvar="ASSAY_ENGINE", show_default=True, show_envvar=True,
                 help="local: this process, SQLite --store. ray: an actor pool on a Ray "
                      "cluster, parquet --out DIR (pip install 'assay[ray]')."),
    click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                 help="--engine ray: the parquet result store (a directory)."),
    click.option("--address", help="--engine ray: the Ray cluster (default: $RAY_ADDRESS, "
                                   "else a local cluster on 127.0.0.1 for this batch)."),
    click.option("--actors", type=click.IntRange(min=1), default=2, show_default=True,
                 help="--engine ray: extractor actors (each loads the model or opens a client)."),
    click.option("--actor-cpus", type=click.FloatRange(min=0.01), default=0.5,
                 show_default=True, help="--engine ray: CPUs each actor reserves."),
]  # fmt: skip


def ray_options(function: Any) -> Any:
    """Add the engine options (``--engine``, ``--out``, ``--address``, ...) to a command."""
    for option in reversed(_RAY_OPTIONS):
        function = option(function)
    return function


@click.command("batch")
@click.argument("corpus", type=click.Path(path_type=Path))
@store_option
@click.option(
    "--concurrency",
    "-j",
    type=click.IntRange(min=1),
    default=DEFAULT_CONCURRENCY,
    envvar="ASSAY_CONCURRENCY",
    show_default=True,
    show_envvar=True,
    help="Requests in flight to a remote endpoint, per actor with --engine ray "
    "(the local model runs one at a time).",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Attempt again the articles that failed in an earlier batch (default: report them).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary object on stdout.")
@ray_options
@model_options
def batch_command(corpus: Path, store_path: Path, concurrency: int, retry_failed: bool,
                  as_json: bool, engine: str, out_dir: Path | None, address: str | None,
                  actors: int, actor_cpus: float, **options: Any) -> None:  # fmt: skip
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
    assay batch corpus.parquet --engine ray --out results/ --actors 8
    """  # noqa: D301
    config = config_from_options(**options)
    if engine == "ray":
        if out_dir is None:
            raise click.UsageError("--engine ray writes a parquet store: give --out DIR")
        summary: BatchSummary = _ray_batch(corpus, config, out_dir, address, actors, actor_cpus,
                                           concurrency, retry_failed)  # fmt: skip
        where = out_dir
    else:
        if out_dir is not None or address is not None:
            raise click.UsageError("--out and --address go with --engine ray (local: --store)")
        summary = _local_batch(corpus, config, store_path, concurrency, retry_failed)
        where = store_path
    _report(summary, where, as_json)
    if summary.failed:
        sys.exit(1)


def _local_batch(corpus: Path, config: ExtractionConfig, store_path: Path, concurrency: int,
                 retry_failed: bool) -> BatchSummary:  # fmt: skip
    try:
        with Extractor(config) as extractor, ResultStore(store_path) as store:
            return run_batch(corpus, extractor, store, concurrency=concurrency,
                             retry_failed=retry_failed, progress=True)  # fmt: skip
    except AssayError as exc:
        raise Fatal(str(exc)) from exc


def _ray_batch(corpus: Path, config: ExtractionConfig, out_dir: Path, address: str | None,
               actors: int, actor_cpus: float, concurrency: int,
               retry_failed: bool) -> BatchSummary:  # fmt: skip
    try:
        from extract._batch.ray_engine import RayOptions, run_ray_batch

        options = RayOptions(address=address, actors=actors, concurrency=concurrency,
                             actor_cpus=actor_cpus)  # fmt: skip
        return run_ray_batch(corpus, config, out_dir, options, retry_failed=retry_failed,
                             progress=True)  # fmt: skip
    except AssayError as exc:
        raise Fatal(str(exc)) from exc


def _report(summary: BatchSummary, store_path: Path, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({**summary.to_dict(), "store": str(store_path)}))
    else:
        click.echo(format_summary(summary, store_path))
