"""``assay batch``: every article of a corpus into the result store, cached and resumable.

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
from extract._pipeline.pipeline import Extractor


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
