"""The ``eval`` command through click's CliRunner: outputs, gates, exit codes."""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from evals_helpers import FACT_CAPACITY, fact, gold_set, texts, write_dir, write_jsonl, write_texts

from evals import eval_command
from extract._errors import StoreError


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    gold = gold_set()
    gold_dir = write_dir(tmp_path / "gold", gold)
    write_texts(gold_dir / "articles", texts())
    facts = [fact(FACT_CAPACITY, value=9500.0), *gold["a"].plant_facts[1:]]
    worse = {**gold, "a": gold["a"].model_copy(update={"plant_facts": facts})}
    return {
        "gold": gold_dir,
        "perfect": write_jsonl(tmp_path / "perfect.jsonl", gold),
        "worse": write_dir(tmp_path / "worse", worse),
        "tmp": tmp_path,
    }


def _run(*args: object) -> Result:
    return CliRunner().invoke(eval_command, [str(arg) for arg in args], catch_exceptions=False)


def test_scores_and_writes_reports(files: dict[str, Path]) -> None:
    out_json, out_html = files["tmp"] / "r.json", files["tmp"] / "r.html"
    result = _run(
        "--gold", files["gold"], "--pred", files["worse"], "--json", out_json, "--html", out_html
    )
    assert result.exit_code == 0, result.output
    assert "fields (micro)" in result.stdout and "plant_fact.value" in result.stdout
    data = json.loads(out_json.read_text())
    assert data["overall"]["f1"] < 1.0
    assert data["manifest"]["gold_source"] == str(files["gold"])
    assert data["grounding"]["articles_without_text"] == []  # texts found in gold/articles
    assert out_html.read_text().startswith("<!DOCTYPE html>")


def test_quiet_prints_nothing(files: dict[str, Path]) -> None:
    result = _run("--gold", files["gold"], "--pred", files["perfect"], "--quiet")
    assert result.exit_code == 0 and result.stdout == ""


def test_fail_under(files: dict[str, Path]) -> None:
    result = _run("--gold", files["gold"], "--pred", files["worse"], "--fail-under", 0.99, "-q")
    assert result.exit_code == 1
    assert "FAIL: overall F1 0.97" in result.stderr and "--fail-under 0.99" in result.stderr
    assert (
        _run("--gold", files["gold"], "--pred", files["worse"], "--fail-under", 0.9).exit_code == 0
    )


def test_baseline_and_max_drop(files: dict[str, Path]) -> None:
    baseline = files["tmp"] / "base.json"
    assert (
        _run("--gold", files["gold"], "--pred", files["perfect"], "--json", baseline).exit_code == 0
    )
    result = _run(
        "--gold",
        files["gold"],
        "--pred",
        files["worse"],
        "--baseline",
        baseline,
        "--max-drop",
        0.01,
    )
    assert result.exit_code == 1
    assert "value: right -> wrong" in result.stdout
    assert "more than --max-drop 0.01" in result.stderr
    result = _run(
        "--gold",
        files["gold"],
        "--pred",
        files["worse"],
        "--baseline",
        baseline,
        "--max-drop",
        0.05,
    )
    assert result.exit_code == 0, result.stderr


def test_html_report_compares_with_the_baseline(files: dict[str, Path]) -> None:
    baseline, page = files["tmp"] / "base.json", files["tmp"] / "r.html"
    assert (
        _run("--gold", files["gold"], "--pred", files["perfect"], "--json", baseline).exit_code == 0
    )
    result = _run(
        "--gold",
        files["gold"],
        "--pred",
        files["worse"],
        "--baseline",
        baseline,
        "--html",
        page,
        "-q",
    )
    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert 'class="bar base"' in html  # the baseline's bars beside this run's
    assert '<span class="flip worse" title="baseline: right">▼ was right</span>' in html
    assert re.search(r'<mark class="evidence[^"]* gold[^"]*" data-refs', html)  # from gold files


def test_bad_input_exits_2_with_one_line(files: dict[str, Path]) -> None:
    (files["gold"] / "002.json").write_text(
        json.dumps({"doc_id": "002", "plant_facts": [{**FACT_CAPACITY, "metric": "capcity"}]})
    )
    result = _run("--gold", files["gold"], "--pred", files["perfect"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Error: {files['gold'] / '002.json'}: plant_facts[0].metric:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "exactly one of --pred PATH or --run RUN_ID"),
        (["--pred", "PERFECT", "--run", "r1", "--store", "s.db"], "exactly one of"),
        (["--run", "r1"], "--run RUN_ID and --store PATH go together"),
        (["--pred", "PERFECT", "--max-drop", "0.1"], "--max-drop needs --baseline"),
        (["--pred", "PERFECT", "--fail-under", "1.5"], "1.5 is not in the range"),
        (["--pred", "PERFECT", "--articles", "NOPE"], "does not exist"),
    ],
)
def test_usage_errors_exit_2(files: dict[str, Path], args: list[str], message: str) -> None:
    swap = {"PERFECT": str(files["perfect"]), "NOPE": str(files["tmp"] / "nope")}
    result = _run("--gold", files["gold"], *[swap.get(arg, arg) for arg in args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_unwritable_output_exits_2(files: dict[str, Path]) -> None:
    target = files["tmp"] / "no" / "such" / "dir" / "r.json"
    result = _run("--gold", files["gold"], "--pred", files["perfect"], "--json", target, "-q")
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_help_explains_inputs_and_exit_codes() -> None:
    result = _run("--help")
    assert result.exit_code == 0
    for text in (
        "--gold",
        "--pred",
        "--run",
        "--store",
        "--fail-under",
        "--max-drop",
        "save_to_disk",
        "Exit status",
    ):
        assert text in result.stdout


def _fake_store(monkeypatch: pytest.MonkeyPatch, loader: object) -> list[tuple[Path, str]]:
    calls: list[tuple[Path, str]] = []

    def load_run_predictions(store: Path, run_id: str) -> object:
        calls.append((store, run_id))
        return loader(store, run_id) if callable(loader) else loader

    module = types.ModuleType("extract._batch.store")
    module.load_run_predictions = load_run_predictions  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "extract._batch.store", module)
    return calls


def test_run_from_store_hook(files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_store(monkeypatch, gold_set())
    out = files["tmp"] / "r.json"
    result = _run(
        "--gold",
        files["gold"],
        "--run",
        "r1",
        "--store",
        files["tmp"] / "s.db",
        "--json",
        out,
        "-q",
    )
    assert result.exit_code == 0, result.stderr
    assert calls == [(files["tmp"] / "s.db", "r1")]
    assert json.loads(out.read_text())["overall"]["f1"] == 1.0


def test_store_errors_exit_2(files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(store: Path, run_id: str) -> None:
        raise StoreError(f"{store}: no run {run_id!r}")

    _fake_store(monkeypatch, fail)
    result = _run("--gold", files["gold"], "--run", "r9", "--store", "s.db")
    assert result.exit_code == 2 and "Error: s.db: no run 'r9'" in result.stderr
    monkeypatch.setitem(sys.modules, "extract._batch.store", None)  # the store is not installed
    result = _run("--gold", files["gold"], "--run", "r9", "--store", "s.db")
    assert result.exit_code == 2 and "result store is not available" in result.stderr
