"""Shared pieces of the Ray engine tests (imported, not collected): the cluster, stores, actors."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pyarrow.dataset as pads

from extract._batch.store import ResultStore
from extract._schema import ArticleExtraction


def start_local_cluster() -> str:
    """Start a 2-CPU Ray cluster on 127.0.0.1 in this process; return its GCS address."""
    import ray

    from extract._batch.ray_cluster import LOCAL_SYSTEM_CONFIG, loopback_only

    with loopback_only():
        ray.init(address="local", include_dashboard=False, num_cpus=2,
                 object_store_memory=300 * 2**20, logging_level=logging.WARNING,
                 log_to_driver=False, _system_config=LOCAL_SYSTEM_CONFIG)  # fmt: skip
    address: str = ray.get_runtime_context().gcs_address
    assert address.startswith("127.0.0.1:"), address
    return address


def live_extract_actor_ids(this_job: bool = False) -> list[str]:
    """Ids of the live extraction actors (of this driver's job only, if asked)."""
    import ray
    from ray._private.state import actors

    job = ray.get_runtime_context().get_job_id()
    return [actor_id for actor_id, info in actors().items()
            if "ExtractActor" in info["ActorClassName"] and info["State"] == "ALIVE"
            and (not this_job or info["JobID"] == job)]  # fmt: skip


def live_extract_actors() -> list[Any]:
    """Handles of this job's live extraction actors (Ray has no public lookup of unnamed ones).

    Only actors this driver created: asking Ray for a handle of another job's
    actor aborts the process.
    """
    import ray
    from ray._raylet import ActorID

    core = ray._private.worker.global_worker.core_worker
    return [core.get_actor_handle(ActorID.from_hex(i)) for i in live_extract_actor_ids(True)]


def extract_actor_restarts() -> list[int]:
    """How often each extraction actor this cluster ever had was restarted."""
    from ray._private.state import actors

    return [int(info["NumRestarts"]) for info in actors().values()
            if "ExtractActor" in info["ActorClassName"]]  # fmt: skip


def written_parquet_files(folder: Path) -> list[Path]:
    """The parquet files under ``folder`` that a writer finished (renamed from ``.tmp-``)."""
    return [path for path in folder.rglob("*.parquet") if not path.name.startswith(".")]


def result_rows(out: Path) -> list[dict[str, Any]]:
    """Every physical row of a parquet store's results, duplicates included."""
    folder = out / "results"
    if not written_parquet_files(folder):
        return []
    table = pads.dataset(str(folder), format="parquet", partitioning="hive").to_table()
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


def comparable(extraction_json: str) -> dict[str, Any]:
    """An extraction as JSON data without its timing (the one field that differs per run)."""
    extraction = ArticleExtraction.model_validate_json(extraction_json)
    if extraction.meta is not None:
        extraction.meta.seconds = None
    data: dict[str, Any] = json.loads(extraction.model_dump_json())
    return data


def sqlite_records(path: Path) -> dict[str, tuple[str, dict[str, Any], tuple[int, int, int]]]:
    """doc_id -> (cache key, extraction, usage) of every result in a SQLite store."""
    with ResultStore(path, create=False) as store:
        rows = store._db.execute("""SELECT doc_id, cache_key, extraction, model_calls,
            prompt_tokens, completion_tokens FROM results""").fetchall()
    return {row[0]: (row[1], comparable(row[2]), tuple(row[3:])) for row in rows}


def parquet_records(out: Path) -> dict[str, tuple[str, dict[str, Any], tuple[int, int, int]]]:
    """doc_id -> (cache key, extraction, usage) of every extracted row of a parquet store."""
    return {row["doc_id"]: (row["cache_key"], comparable(row["extraction"]),
                            (row["model_calls"], row["prompt_tokens"], row["completion_tokens"]))
            for row in result_rows(out) if row["status"] == "extracted"}  # fmt: skip
