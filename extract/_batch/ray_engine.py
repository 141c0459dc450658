"""Batch at cluster scale: the corpus as a Ray Dataset, an actor pool of extractors, parquet out.

``assay batch CORPUS --engine ray --out DIR`` (and :func:`run_ray_batch`):

1. the corpus becomes a Ray Dataset: a parquet file is read by Ray itself, a
   saved ``datasets`` dataset (or a .csv/.json/.arrow file) through ``datasets``
   in memory-mapped slices, a directory of .txt files or a .jsonl file on the
   driver (:mod:`extract._batch.inputs`, the same readers as the local engine);
2. Ray tasks give each row its cache key (:func:`ray_work.plan_block`, the
   local engine's key functions), the driver plans the run from the keys and
   the store (:func:`ray_work.triage`): keys already in ``DIR`` are skipped;
3. ``map_batches`` runs a fixed pool of :class:`ray_work.ExtractActor`, one
   ``Extractor`` each (the embedded model loaded once per actor, or an
   OpenAI-compatible client with ``concurrency`` requests in flight per actor);
   a killed actor is restarted and its block retried (Ray Data's defaults for
   actor pools: restarts and task retries without limit);
4. the driver streams the results into ``DIR`` (:mod:`parquet_store`), one file
   per ``flush_rows`` rows or ``flush_seconds`` seconds, so a killed driver
   loses only what it had not flushed, and the next run extracts just that.

This is the only module that imports ``ray`` (an import-linter contract).
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract._backends.base import api_key_from_env
from extract._batch.corpus import DATASET_FORMATS, article_columns, load_corpus
from extract._batch.inputs import BadInput, iter_articles
from extract._batch.parquet_store import ParquetStore
from extract._batch.progress import Progress
from extract._batch.ray_work import (
    PLAN_COLUMNS,
    ExtractActor,
    Plan,
    plan_block,
    select_block,
    triage,
    worker_config,
)
from extract._batch.runner import BatchSummary, Corpus, reporter
from extract._batch.work import manifest_for
from extract._errors import AssayError, BackendError, BackendUnavailable, InputError
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article

SLICE_ROWS = 1000  # rows per block of a corpus the driver hands to Ray
LOCAL_OBJECT_STORE = 1 << 30  # bytes of object store for a cluster this process starts
CorpusDataset = tuple[Any, str, str, list[BadInput]]  # dataset, id column, source, bad inputs


@dataclass(frozen=True)
class RayOptions:
    """How a Ray batch runs (none of it enters a cache key).

    Args:
        address: The cluster (``ray://`` or ``host:port``); None: ``$RAY_ADDRESS``,
            else a local cluster on 127.0.0.1 for the duration of the batch.
        actors: Extractor actors, each with its own model or HTTP client.
        concurrency: Requests in flight per actor for a remote backend.
        actor_cpus: CPUs each actor reserves; leave some for the read tasks.
        batch_size: Articles per actor call; None: 2 x concurrency (remote) or 1 (local).
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


@dataclass
class RayBatchSummary(BatchSummary):
    """A batch summary with the peak memory (MB) of each actor process, by pid."""

    actors: dict[str, float] = field(default_factory=dict)


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
    with Extractor(config) as extractor, cluster(options.address):
        identity = extractor.identity()
        planned, bad = _planned(corpus, identity)
        plan = triage(_plan_rows(planned, bad), store.key_states(identity), retry_failed)
        settings = {"engine": "ray", "actors": options.actors, "concurrency": options.concurrency,
                    "retry_failed": retry_failed, "timeout": config.backend.timeout,
                    "max_retries": config.backend.max_retries}  # fmt: skip
        manifest = manifest_for(extractor, plan.pairs, plan.articles, plan.unreadable, settings)
        run = _Run(store, store.start_run(manifest), identity, options, reporter(progress))
        run.open(plan, started)
        if plan.todo:
            blocks = _extract(planned, plan.todo, config, options)
            run.consume(blocks)
        run.settle(plan)
    return run.finish()


def _check_api_key(config: ExtractionConfig) -> None:
    """Refuse a key that only the driver has: it is never sent to the workers."""
    if config.backend.api_key and not api_key_from_env():
        raise BackendUnavailable("--engine ray reads the API key from the workers' environment "
                                 "(ASSAY_API_KEY or OPENAI_API_KEY); set it there, it is never "
                                 "sent with the work")  # fmt: skip


# -- the cluster --------------------------------------------------------------------------


@contextmanager
def cluster(address: str | None = None) -> Iterator[None]:
    """Use the running Ray session, connect to ``address`` (or ``$RAY_ADDRESS``), or start one.

    A cluster this function starts listens on 127.0.0.1 only and is shut down on exit.
    """
    ray = _ray()
    if ray.is_initialized():
        with _data_context():
            yield
        return
    try:
        target = address or os.environ.get("RAY_ADDRESS")
        if target:
            # A cluster on the loopback: reach it there (Ray would swap in the machine's address).
            loopback = target.split("://")[-1].startswith(("127.", "localhost"))
            with loopback_only() if loopback else nullcontext():
                ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
        else:
            with loopback_only():
                ray.init(address="local", include_dashboard=False, logging_level=logging.WARNING,
                         log_to_driver=False, object_store_memory=LOCAL_OBJECT_STORE)  # fmt: skip
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = address or os.environ.get("RAY_ADDRESS") or "a local cluster"
        raise BackendUnavailable(f"cannot start or reach Ray at {where}: {_line(exc)}") from exc
    try:
        with _data_context():
            yield
    finally:
        ray.shutdown()


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise BackendUnavailable(
            f'--engine ray needs Ray: pip install "assay[ray]" ({exc})'
        ) from exc
    return ray


@contextmanager
def loopback_only() -> Iterator[None]:
    """Bind a cluster started inside the block to 127.0.0.1 only.

    On Linux Ray binds every interface and advertises the machine's address;
    with multi-node clusters off it uses the loopback. Ray reads that switch
    from the environment when imported (the processes it spawns read it again),
    so both the variable and the imported constant are set for the block.
    """
    from ray._private import ray_constants

    name = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
    previous, constant = os.environ.get(name), ray_constants.ENABLE_RAY_CLUSTER
    os.environ[name], ray_constants.ENABLE_RAY_CLUSTER = "0", False
    try:
        yield
    finally:
        ray_constants.ENABLE_RAY_CLUSTER = constant
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


@contextmanager
def _data_context() -> Iterator[None]:
    """Quiet, ordered Ray Data execution for the batch; the previous settings come back after."""
    import ray.data

    with warnings.catch_warnings():  # Ray's own settings emit DeprecationWarnings when created
        warnings.simplefilter("ignore", DeprecationWarning)
        context = ray.data.DataContext.get_current()
        saved = (context.enable_progress_bars, context.print_on_execution_start)
        context.enable_progress_bars = False
        context.print_on_execution_start = False
    logger = logging.getLogger("ray.data")
    level = logger.level
    logger.setLevel(logging.ERROR)  # not even "progress bars disabled"
    try:
        yield
    finally:
        logger.setLevel(level)
        context.enable_progress_bars, context.print_on_execution_start = saved


# -- the corpus and its plan --------------------------------------------------------------


def _planned(corpus: Corpus, identity: dict[str, Any]) -> tuple[Any, list[BadInput]]:
    """The corpus as a materialized Ray Dataset of planned rows, and the inputs read as bad."""
    import ray.data

    dataset, id_column, source, bad = corpus_dataset(corpus)
    planned = dataset.map_batches(plan_block, batch_format="pyarrow", batch_size=None,
                                  fn_kwargs={"identity": identity, "id_column": id_column,
                                             "source": source})  # fmt: skip
    options = ray.data.DataContext.get_current().execution_options
    saved, options.preserve_order = options.preserve_order, True  # the plan sees corpus order
    try:
        return _job(lambda: planned.materialize()), bad
    finally:
        options.preserve_order = saved


def corpus_dataset(corpus: Corpus) -> CorpusDataset:
    """The corpus as a Ray Dataset: ``(dataset, id column, source label, unreadable inputs)``.

    Raises:
        InputError: The corpus is missing, of an unknown format, or lacks an id or text column.

    """
    import ray.data

    if not isinstance(corpus, str | Path):
        return _from_items(corpus, "corpus")
    path = Path(corpus)
    saved = path.is_dir() and (path / "dataset_info.json").is_file()
    if saved or path.suffix in DATASET_FORMATS:
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            id_column, wanted = article_columns(_parquet_columns(pq, path), path)
            dataset = ray.data.read_parquet(str(path)).select_columns(wanted)
            return dataset, id_column, str(path), []
        table = _arrow_table(path)
        id_column, wanted = article_columns(table.column_names, path)
        return _slices(table.select(wanted)), id_column, str(path), []
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_dir() or path.suffix in (".txt", ".jsonl"):
        return _from_items(iter_articles([path]), str(path))
    load_corpus(path)  # raises the local engine's one-line error for an unknown format
    raise InputError(f"{path}: unknown corpus format")  # pragma: no cover - load_corpus raised


def _parquet_columns(pq: Any, path: Path) -> list[str]:
    try:
        return list(pq.read_schema(str(path)).names)
    except Exception as exc:  # pyarrow raises several types for a file that is not parquet
        raise InputError(f"{path}: cannot load: {_line(exc)}") from exc


def _arrow_table(path: Path) -> Any:
    """A datasets-loadable corpus as one (memory-mapped) pyarrow table, via the local readers."""
    from extract._batch.corpus import _load_file, _load_saved

    loaded = _load_saved(path) if path.is_dir() else _load_file(path)
    return loaded.flatten_indices().data.table


def _from_items(items: Iterable[Article | BadInput], source: str) -> CorpusDataset:
    import pyarrow as pa

    bad: list[BadInput] = []
    columns: dict[str, list[Any]] = {"doc_id": [], "text": [], "title": [], "published": [],
                                     "source": []}  # fmt: skip
    for item in items:
        if isinstance(item, BadInput):
            bad.append(item)
            continue
        for name, values in columns.items():
            values.append(item.id if name == "doc_id" else getattr(item, name))
    table = pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    return _slices(table), "doc_id", source, bad


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
    batch = options.batch_size or (1 if local else 2 * options.concurrency)
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
        raise BackendError(f"the Ray job failed: {_line(exc)}") from exc


def _line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# -- the run: results into the store ------------------------------------------------------


class _Run:
    """One run's writes and counts on the driver: buffered result rows, flushed as files."""

    def __init__(self, store: ParquetStore, run_id: str, identity: dict[str, Any],
                 options: RayOptions, progress: Progress) -> None:  # fmt: skip
        self.store, self.identity, self.options, self.progress = store, identity, options, progress
        self.summary = RayBatchSummary(run_id)
        self.rows: list[dict[str, Any]] = []
        self.flushed_at = time.monotonic()
        self.outcomes: dict[str, str | None] = {}  # key -> None (extracted) or its error
        self.started = 0.0

    def open(self, plan: Plan, started: float) -> None:
        """Record what the plan settled (cached, failed earlier, unreadable) and start timing."""
        self.started = started
        summary = self.summary
        summary.articles, summary.cached = plan.articles, plan.cached
        summary.failed_earlier = plan.failed_earlier
        for item in plan.items:
            if item["status"] == "failed":
                self._failed(item["doc_id"], item["error"])
        self.store.write_items(summary.run_id, plan.items)
        self.progress.start(summary, len(plan.todo))

    def consume(self, blocks: Iterator[Any]) -> None:
        """Count and buffer every result row; flush a file when enough rows or time has passed."""
        try:
            for row in _rows(blocks):
                self._count(row)
                self.rows.append(row)
                self.progress.update(self.summary)
                if len(self.rows) >= self.options.flush_rows or self._due():
                    self.flush()
        finally:
            self.flush()

    def settle(self, plan: Plan) -> None:
        """Record articles lost with their block, and those repeating another's content."""
        items: list[dict[str, Any]] = []
        for doc_id, key in plan.todo.items():
            if key not in self.outcomes:
                lost = "not extracted: its block failed on every attempt (see the Ray logs)"
                items.append({"doc_id": doc_id, "cache_key": key, "status": "failed",
                              "error": lost})  # fmt: skip
                self._failed(doc_id, lost)
        for doc_id, key in plan.followers:
            error: str | None = self.outcomes.get(key, "not extracted")
            if error is None:
                self.summary.cached += 1
            else:
                self._failed(doc_id, error)
            status = "cached" if error is None else "failed"
            items.append({"doc_id": doc_id, "cache_key": key, "status": status, "error": error})
        self.store.write_items(self.summary.run_id, items)

    def flush(self) -> None:
        """Write the buffered rows as one results file and one items file."""
        if self.rows:
            rows, self.rows = self.rows, []
            self.store.write_results(self.summary.run_id, self.identity, rows)
            self.store.write_items(self.summary.run_id, [
                {"doc_id": r["doc_id"], "cache_key": r["cache_key"], "status": r["status"],
                 "error": r["error"]} for r in rows])  # fmt: skip
        self.flushed_at = time.monotonic()

    def finish(self) -> RayBatchSummary:
        """Close the run with its counts."""
        self.summary.seconds = round(time.perf_counter() - self.started, 3)
        self.store.finish_run(self.summary.run_id, self.summary.counts())
        self.progress.finish(self.summary)
        return self.summary

    def _count(self, row: dict[str, Any]) -> None:
        pid, peak = str(row.pop("worker_pid")), row.pop("worker_peak_rss_mb")
        self.summary.actors[pid] = max(peak, self.summary.actors.get(pid, 0.0))
        self.outcomes[row["cache_key"]] = row["error"] if row["status"] == "failed" else None
        if row["status"] == "failed":
            self._failed(row["doc_id"], row["error"])
            return
        self.summary.extracted += 1
        self.summary.model_calls += row["model_calls"] or 0
        self.summary.prompt_tokens += row["prompt_tokens"] or 0
        self.summary.completion_tokens += row["completion_tokens"] or 0

    def _failed(self, doc_id: str, error: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append({"doc_id": doc_id, "error": error})

    def _due(self) -> bool:
        return time.monotonic() - self.flushed_at >= self.options.flush_seconds


def _rows(blocks: Iterator[Any]) -> Iterator[dict[str, Any]]:
    while True:
        block = _job(lambda: next(blocks, None))
        if block is None:
            return
        yield from block.to_pylist()
