"""Batch at cluster scale: the corpus as a Ray Dataset, an actor pool of extractors, parquet out.

``assay batch CORPUS --engine ray --out DIR`` (and :func:`run_ray_batch`):

1. the corpus is planned as the local engine plans it (cache keys from
   :mod:`extract._batch.keys`, keys already in ``DIR`` skipped, repeated ids
   refused, repeated texts extracted once; :func:`ray_work.triage`): a parquet
   file or a saved ``datasets`` dataset (.csv/.json/.arrow) becomes a Ray
   Dataset that Ray tasks key (:func:`ray_work.plan_block`); a directory of .txt
   files, a .jsonl file or Python articles are read and keyed on the driver with
   the local engine's readers, and only the articles to extract become a Ray
   Dataset, so a run with nothing to extract starts no cluster at all;
2. the driver collects every row's key (not its text) and decides what to extract;
3. ``map_batches`` runs a fixed pool of :class:`ray_work.ExtractActor`, one
   ``Extractor`` each (the embedded model loaded once per actor, or an
   OpenAI-compatible client with ``concurrency`` requests in flight per actor);
   a killed actor is restarted and its block retried (Ray Data's defaults for
   actor pools: restarts and task retries without limit);
4. the driver streams the results into ``DIR`` (:mod:`parquet_store`), one file
   per ``flush_rows`` rows or ``flush_seconds`` seconds, so a killed driver
   loses only what it had not flushed, and the next run extracts just that.

This module and :mod:`ray_cluster` (which starts or joins the cluster) are the only
modules that import ``ray`` (an import-linter contract).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract._backends.base import api_key_from_env
from extract._batch.corpus import DATASET_FORMATS, article_columns, load_corpus
from extract._batch.inputs import BadInput
from extract._batch.keys import article_hash, cache_key
from extract._batch.parquet_store import ParquetStore
from extract._batch.progress import Progress
from extract._batch.ray_cluster import cluster, first_line
from extract._batch.ray_results import RayBatchSummary, RunWriter
from extract._batch.ray_work import (
    ARTICLE_COLUMNS,
    PLAN_COLUMNS,
    ExtractActor,
    plan_block,
    select_block,
    triage,
    worker_config,
)
from extract._batch.runner import Corpus, reporter
from extract._batch.work import manifest_for
from extract._errors import AssayError, BackendError, BackendUnavailable, InputError
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article

SLICE_ROWS = 1000  # rows per block of a corpus the driver hands to Ray
CorpusDataset = tuple[Any, str, str]  # dataset, id column, source label
PlanRow = tuple[str, str | None, str | None, str | None]  # doc_id, key, content hash, error


@dataclass(frozen=True)
class RayOptions:
    """How a Ray batch runs (none of it enters a cache key).

    Args:
        address: The cluster (``ray://`` or ``host:port``); None: ``$RAY_ADDRESS``,
            else a local cluster on 127.0.0.1 for the duration of the batch.
        actors: Extractor actors, each with its own model or HTTP client.
        concurrency: Requests in flight per actor for a remote backend.
        actor_cpus: CPUs each actor reserves; leave some for the read tasks.
        batch_size: Articles per actor call; None: 2 x concurrency, at least 8 (remote),
            or 1 (local).
        flush_rows: Result rows per parquet file the driver writes.
        flush_seconds: At most this long between two files while results arrive.

    """

    address: str | None = None
    actors: int = 2
    concurrency: int = 4
    actor_cpus: float = 0.5
    batch_size: int | None = None
    flush_rows: int = 100
    flush_seconds: float = 5.0


def run_ray_batch(corpus: Corpus, config: ExtractionConfig, out: Path | str,
                  options: RayOptions | None = None, *, retry_failed: bool = False,
                  progress: Progress | bool = False) -> RayBatchSummary:  # fmt: skip
    """Extract a corpus on a Ray cluster into the parquet store ``out``, reusing stored results.

    Raises:
        InputError: The corpus cannot be read at all.
        StoreError: ``out`` is not a parquet store or cannot be written.
        BackendUnavailable: Ray is not installed or the cluster cannot be reached.
        BackendError: The Ray job failed.

    """
    options = options or RayOptions()
    started = time.perf_counter()
    _check_api_key(config)
    store = ParquetStore(out, create=True)
    with Extractor(config) as extractor, ExitStack() as stack:
        identity = extractor.identity()
        items, planned = driver_items(corpus), None
        if items is None:  # read by Ray: planned there too
            stack.enter_context(cluster(options.address))
            planned, bad = _planned(corpus, identity)
            rows = list(_plan_rows(planned, bad))
        else:  # read here: planned here, and no cluster at all when nothing needs the model
            rows = driver_rows(items, identity)
        plan = triage(rows, store.key_states(identity), retry_failed)
        settings = {"engine": "ray", "actors": options.actors, "concurrency": options.concurrency,
                    "retry_failed": retry_failed, "timeout": config.backend.timeout,
                    "max_retries": config.backend.max_retries}  # fmt: skip
        manifest = manifest_for(extractor, plan.pairs, plan.articles, plan.unreadable, settings)
        run = RunWriter(store, store.start_run(manifest), identity, reporter(progress),
                        options.flush_rows, options.flush_seconds)  # fmt: skip
        run.open(plan, started)
        if plan.todo:
            if planned is None:
                stack.enter_context(cluster(options.address))
                planned = _slices(todo_table(items or [], rows, plan.todo))
            run.consume(_guarded(_extract(planned, plan.todo, config, options)))
        run.settle(plan)
    return run.finish()


def _check_api_key(config: ExtractionConfig) -> None:
    """Refuse a key that only the driver has: it is never sent to the workers."""
    if config.backend.api_key and not api_key_from_env():
        raise BackendUnavailable("--engine ray reads the API key from the workers' environment "
                                 "(ASSAY_API_KEY or OPENAI_API_KEY); set it there, it is never "
                                 "sent with the work")  # fmt: skip


# -- the corpus and its plan --------------------------------------------------------------


def _planned(corpus: Corpus, identity: dict[str, Any]) -> tuple[Any, list[BadInput]]:
    """A Ray-read corpus as a materialized Ray Dataset of planned rows (it has no bad inputs)."""
    import ray.data

    dataset, id_column, source = corpus_dataset(Path(str(corpus)))
    planned = dataset.map_batches(plan_block, batch_format="pyarrow", batch_size=None,
                                  fn_kwargs={"identity": identity, "id_column": id_column,
                                             "source": source})  # fmt: skip
    options = ray.data.DataContext.get_current().execution_options
    saved, options.preserve_order = options.preserve_order, True  # the plan sees corpus order
    try:
        return _job(lambda: planned.materialize()), []
    finally:
        options.preserve_order = saved


def driver_items(corpus: Corpus) -> list[Article | BadInput] | None:
    """The articles of a corpus the driver reads (.txt files, .jsonl, Python objects), else None.

    Raises:
        InputError: The corpus is missing or of an unknown format.

    """
    if not isinstance(corpus, str | Path):
        return list(corpus)
    path = Path(corpus)
    if (path.is_dir() and (path / "dataset_info.json").is_file()) or path.suffix in DATASET_FORMATS:
        return None
    return list(load_corpus(path))  # the local engine's readers and one-line errors


def driver_rows(items: list[Article | BadInput], identity: dict[str, Any]) -> list[PlanRow]:
    """``(doc_id, key, content hash, error)`` of every item, as :func:`plan_block` gives them."""
    rows: list[PlanRow] = []
    for item in items:
        if isinstance(item, BadInput):
            rows.append((item.source, None, None, item.error))
        else:
            digest = article_hash(item)
            rows.append((item.id, cache_key(digest, identity), digest, None))
    return rows


def todo_table(items: list[Article | BadInput], rows: list[PlanRow], todo: dict[str, str]) -> Any:
    """The planned rows, with their articles, of the driver-read articles that ``todo`` names."""
    import pyarrow as pa

    columns: dict[str, list[Any]] = {name: [] for name in (*PLAN_COLUMNS, *ARTICLE_COLUMNS)}
    taken: set[str] = set()  # a repeated id is extracted once, as its first article
    for item, (doc_id, key, digest, _) in zip(items, rows, strict=True):
        if isinstance(item, Article) and doc_id not in taken and todo.get(doc_id) == key:
            taken.add(doc_id)
            values = {"doc_id": doc_id, "key": key, "content_hash": digest, "error": None,
                      **{name: getattr(item, name) for name in ARTICLE_COLUMNS}}  # fmt: skip
            for name, column in columns.items():
                column.append(values[name])
    return pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})


def corpus_dataset(path: Path) -> CorpusDataset:
    """A parquet file or ``datasets`` corpus as a Ray Dataset: ``(dataset, id column, source)``.

    Raises:
        InputError: The corpus cannot be loaded, or lacks an id or text column.

    """
    import ray.data

    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        id_column, wanted = article_columns(_parquet_columns(pq, path), path)
        return ray.data.read_parquet(str(path)).select_columns(wanted), id_column, str(path)
    table = _arrow_table(path)
    id_column, wanted = article_columns(table.column_names, path)
    return _slices(table.select(wanted)), id_column, str(path)


def _parquet_columns(pq: Any, path: Path) -> list[str]:
    try:
        return list(pq.read_schema(str(path)).names)
    except Exception as exc:  # pyarrow raises several types for a file that is not parquet
        raise InputError(f"{path}: cannot load: {first_line(exc)}") from exc


def _arrow_table(path: Path) -> Any:
    """A datasets-loadable corpus as one (memory-mapped) pyarrow table, via the local readers."""
    from extract._batch.corpus import _load_file, _load_saved

    loaded = _load_saved(path) if path.is_dir() else _load_file(path)
    return loaded.flatten_indices().data.table


def _slices(table: Any) -> Any:
    import ray.data

    count = max(1, -(-table.num_rows // SLICE_ROWS))
    return ray.data.from_arrow([table.slice(i * SLICE_ROWS, SLICE_ROWS) for i in range(count)])


def _plan_rows(planned: Any, bad: list[BadInput]) -> Iterator[tuple[Any, ...]]:
    """Every row's ``(doc_id, key, content hash, error)``: unreadable inputs first, as locally."""
    for item in bad:
        yield item.source, None, None, item.error
    plan = planned.select_columns(list(PLAN_COLUMNS))
    for block in _job(lambda: list(plan.iter_batches(batch_size=None, batch_format="pyarrow"))):
        yield from zip(*(block.column(name).to_pylist() for name in PLAN_COLUMNS), strict=True)


def _extract(planned: Any, todo: dict[str, str], config: ExtractionConfig,
             options: RayOptions) -> Iterator[Any]:  # fmt: skip
    """Result blocks of the articles in ``todo``, streamed from the actor pool as they finish."""
    import ray.data

    local = config.backend.backend == "local"
    # A remote backend's block: a few waves of requests, so Ray's per-call cost is spread thin.
    batch = options.batch_size or (1 if local else max(8, 2 * options.concurrency))
    threads = max(1, int(options.actor_cpus))
    selected = planned.map_batches(select_block, batch_format="pyarrow", batch_size=None,
                                   fn_kwargs={"todo": todo})  # fmt: skip
    # One actor call per block: blocks of one batch each keep every actor busy.
    selected = selected.repartition(target_num_rows_per_block=batch)
    # No more actors than blocks: an idle actor holds a model (and Ray warns about it).
    pool = ray.data.ActorPoolStrategy(size=min(options.actors, -(-len(todo) // batch)))
    results = selected.map_batches(
        ExtractActor, batch_size=batch, batch_format="pyarrow", compute=pool,
        fn_constructor_kwargs={"config": worker_config(config, threads),
                               "concurrency": options.concurrency},
        num_cpus=options.actor_cpus)  # fmt: skip
    return iter(_job(lambda: results.iter_batches(batch_size=None, batch_format="pyarrow")))


def _job(call: Any) -> Any:
    """Run a Ray Data call; a failed job becomes a one-line :class:`BackendError`."""
    import ray.exceptions

    try:
        return call()
    except AssayError:
        raise
    except ray.exceptions.RayError as exc:
        raise BackendError(f"the Ray job failed: {first_line(exc)}") from exc


def _guarded(blocks: Iterator[Any]) -> Iterator[Any]:
    """The result blocks; a failed Ray job becomes a one-line :class:`BackendError`."""
    while True:
        block = _job(lambda: next(blocks, None))
        if block is None:
            return
        yield block
