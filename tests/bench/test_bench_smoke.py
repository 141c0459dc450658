"""Offline checks of the benchmark harness: JSON keys and the Markdown page, on fake numbers.

Nothing here times anything or loads a model: benchmarks print numbers, tests
check plumbing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # bench/ sits at the repository top and is not installed
    sys.path.insert(0, str(ROOT))

import bench.__main__ as bench_main  # noqa: E402
from bench._report import HEADLINE_KEYS, TARGETS, render_markdown, verdicts  # noqa: E402
from bench._synthetic import article_text, articles, gold_extraction, perturbed  # noqa: E402

REQUIRED = {"seconds_per_article", "raw_model_seconds_per_article", "pipeline_overhead_ratio",
            "prefill_tokens_per_article", "cached_rerun_seconds_1000", "eval_seconds_1000",
            "concurrency_speedup_32", "peak_rss_mb"}  # fmt: skip

FAKE: dict[str, dict[str, Any]] = {
    "scorer": {"eval_seconds_1000": 2.5, "scorer": {"articles": 1000}},
    "cached": {"cached_rerun_seconds_1000": 0.4, "cached": {"rerun_model_calls": 0}},
    "concurrency": {"concurrency_speedup_32": 12.0, "concurrency": {"articles": 64}},
    "model": {"seconds_per_article": 6.0, "raw_model_seconds_per_article": 5.5,
              "pipeline_overhead_ratio": 1.09, "prefill_tokens_per_article": 1500.0,
              "article_tokens": 520.0, "prefill_tok_s": 300.0, "decode_tok_s": 40.0,
              "model": {"articles": 1, "per_article": [
                  {"doc_id": "a1", "article_tokens": 520, "model_calls": 9, "decodes": 20,
                   "prompt_tokens": 1500, "seconds": 6.0, "raw_seconds": 5.5}]}},
    "memory": {"peak_rss_mb": 480.0, "memory": {"articles": 3}},
}  # fmt: skip


@pytest.fixture
def fake_benchmarks(monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = tuple((name, lambda quick, name=name: FAKE[name]) for name, _ in bench_main.BENCHMARKS)
    monkeypatch.setattr(bench_main, "BENCHMARKS", fakes)


@pytest.mark.usefixtures("fake_benchmarks")
def test_main_prints_one_json_object_with_every_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "benchmarks.md"
    assert bench_main.main(["--quick", "--out", str(out)]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results.keys() >= REQUIRED
    assert results["quick"] is True and results["errors"] == {}
    assert results["passed"]["concurrency_speedup_32"] is False
    assert results["passed"]["peak_rss_mb"] is True
    row = "| Peak RSS, embedded default batch | `peak_rss_mb` | 480 MB | < 1500 MB | pass |"
    page = out.read_text()
    assert row in page and "> Quick mode: 2 seed articles" in page


@pytest.mark.usefixtures("fake_benchmarks")
def test_a_failing_benchmark_is_reported_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(quick: bool) -> dict[str, Any]:
        raise RuntimeError("no model here")

    monkeypatch.setattr(bench_main, "BENCHMARKS", (("model", broken), *bench_main.BENCHMARKS[:1]))
    assert bench_main.main(["--out", str(tmp_path / "b.md")]) == 1
    results = json.loads(capsys.readouterr().out)
    assert results["errors"] == {"model": "RuntimeError: no model here"}
    assert results["eval_seconds_1000"] == 2.5
    assert results["passed"]["pipeline_overhead_ratio"] is None
    page = (tmp_path / "b.md").read_text()
    assert "> Not measured: model: RuntimeError: no model here" in page


def test_targets_cover_the_headline_keys() -> None:
    assert set(HEADLINE_KEYS) == {*REQUIRED, "article_tokens"}
    assert {t.key: t.describe() for t in TARGETS if t.bound is not None} == {
        "pipeline_overhead_ratio": "<= 1.15x", "cached_rerun_seconds_1000": "< 3 s",
        "eval_seconds_1000": "< 5 s", "concurrency_speedup_32": ">= 20x",
        "peak_rss_mb": "< 1500 MB"}  # fmt: skip


def test_verdicts_at_the_bounds() -> None:
    results = {"pipeline_overhead_ratio": 1.15, "cached_rerun_seconds_1000": 3.0,
               "concurrency_speedup_32": 20.0, "peak_rss_mb": None}  # fmt: skip
    checks = verdicts(results)
    assert checks["pipeline_overhead_ratio"] is True
    assert checks["cached_rerun_seconds_1000"] is False
    assert checks["concurrency_speedup_32"] is True
    assert checks["peak_rss_mb"] is None and checks["seconds_per_article"] is None


def test_markdown_has_results_details_definitions_and_machine() -> None:
    machine = {"cpu": "Test CPU", "cores": 2, "git_revision": "abc"}
    results: dict[str, Any] = {"quick": False, "wall_seconds": 300.0, "errors": {},
                               "machine": machine}  # fmt: skip
    for part in FAKE.values():
        results.update(part)
    page = render_markdown(results)
    headings = (
        "# Benchmarks",
        "## Results",
        "## Details",
        "## What the numbers mean",
        "## Machine",
    )
    assert all(heading in page for heading in headings)
    assert "full mode" in page and "| CPU | Test CPU |" in page
    assert "| a1 | 520 | 9 | 20 | 1500 | 6 | 5.5 | not measured | 1.091 |" in page
    assert "Quick mode" not in page and "competed for the CPU" not in page
    label = "Speed-up at concurrency 32 (200 ms/request)"
    assert f"| {label} | `concurrency_speedup_32` | 12x | >= 20x | **FAIL** |" in page


def test_synthetic_records_are_grounded_in_their_article_and_articles_are_distinct() -> None:
    gold = gold_extraction(7)
    text = article_text(gold)
    assert len(gold.deals) + len(gold.plant_facts) == 10
    assert all(r.evidence in text for r in [*gold.deals, *gold.plant_facts])
    assert perturbed(gold, 7) != gold
    texts = [a.text for a in articles(200)]
    assert len(set(texts)) == 200


def test_markdown_warns_when_other_work_loaded_the_machine() -> None:
    machine = {"cores": 2, "other_cpu_share": {"scorer": 0.01, "model": 0.42, "memory": None}}
    page = render_markdown({"quick": False, "errors": {}, "machine": machine})
    assert "> Other processes used part of the CPU during this run (model 42% of" in page
    assert "| CPU used by other processes during model | 42% |" in page
    assert "| CPU used by other processes during memory | not measured |" in page
