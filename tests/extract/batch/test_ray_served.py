"""The Ray engine against a served model: 2 actors as clients of a real llama.cpp server.

The served-fleet path of ``--engine ray`` (``--backend openai --base-url URL``):
every actor opens its own OpenAI-compatible client to one URL, the model runs
in the server, and the records are those ``--engine local`` gets from the same
server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ray_helpers import parquet_records, sqlite_records
from served_helpers import llama_cpp_server

from extract._backends.base import BackendSettings
from extract._batch.runner import run_batch
from extract._batch.store import ResultStore
from extract._pipeline.pipeline import ExtractionConfig, Extractor

ray = pytest.importorskip("ray")
from extract._batch.ray_engine import RayOptions, run_ray_batch  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.model, pytest.mark.server]
PLANTS = ("Aksu", "Pavlodar", "Tikhvin")


def _article(plant: str, tonnes: int, dollars: int) -> str:
    return (f"The {plant} smelter produced {tonnes},000 tonnes of ferrochrome last year. "
            f"The company plans to invest ${dollars} million in a new furnace.\n")  # fmt: skip


def _corpus(directory: Path) -> dict[str, str]:
    directory.mkdir()
    texts = {p.lower(): _article(p, 100 + 10 * n, 40 + n) for n, p in enumerate(PLANTS)}
    for doc_id, text in texts.items():
        (directory / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return texts


def test_two_actors_against_a_llama_cpp_server_match_the_local_engine(
    ray_cluster: str, tmp_path: Path
) -> None:
    texts = _corpus(tmp_path / "corpus")
    with llama_cpp_server() as base_url:
        # No API key anywhere: the server asks for none, and the engine never sends one.
        settings = BackendSettings(backend="openai", model="gemma", base_url=base_url,
                                   api_key=None, max_retries=1)  # fmt: skip
        config = ExtractionConfig(backend=settings, strategy="guided")
        with Extractor(config) as extractor, ResultStore(tmp_path / "local.db") as store:
            local = run_batch(tmp_path / "corpus", extractor, store, concurrency=2)
        # Blocks of one article: Ray Data gives an actor 2 blocks at a time, so 3 blocks keep
        # both actors busy whichever starts first.
        options = RayOptions(actors=2, concurrency=2, batch_size=1)
        first = run_ray_batch(tmp_path / "corpus", config, tmp_path / "out", options)
        again = run_ray_batch(tmp_path / "corpus", config, tmp_path / "out", options)
    assert (local.extracted, first.extracted, first.failed) == (3, 3, 0), first.errors
    assert len(first.actors) == 2, "both actors were clients of the server"
    assert first.model_calls == local.model_calls >= 3 and first.completion_tokens > 0
    assert (again.cached, again.extracted, again.model_calls) == (3, 0, 0)
    served = parquet_records(tmp_path / "out")
    for doc_id, (_, extraction, _) in served.items():
        records = [*extraction["deals"], *extraction["plant_facts"]]
        assert records and all(r["evidence"] in texts[doc_id] for r in records), doc_id
    assert _records(served) == _records(sqlite_records(tmp_path / "local.db"))


def _records(by_doc: dict[str, Any]) -> dict[str, Any]:
    """Key, records and model calls; not the token counts (the server's KV-cache reuse)."""
    return {doc_id: (key, {k: v for k, v in extraction.items() if k != "meta"}, usage[0])
            for doc_id, (key, extraction, usage) in by_doc.items()}  # fmt: skip
