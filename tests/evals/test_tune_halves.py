"""scripts/tune_halves.py: per-half F1 of tune eval reports, and its refusals."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "tune_halves.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scripts_tune_halves", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["scripts_tune_halves"] = module
    spec.loader.exec_module(module)
    return module


th = _load()


def _report(gold_source: str = "corpus/tune/gold") -> dict[str, object]:
    return {
        "manifest": {"gold_source": gold_source},
        "by_article": {
            "ca_00a782f71a": {"tp": 3, "fp": 1, "fn": 0},  # half A
            "ww_000af6202a": {"tp": 1, "fp": 0, "fn": 3},  # half B
        },
    }


def test_an_article_s_half_is_the_parity_of_its_salted_hash() -> None:
    assert (th.half("ca_00a782f71a"), th.half("ww_000af6202a")) == ("A", "B")


def test_scores_are_micro_f1_per_half_and_over_all() -> None:
    scores = th.half_scores(_report())
    assert scores["A"] == (1, pytest.approx(6 / 7))
    assert scores["B"] == (1, pytest.approx(2 / 5))
    assert scores["all"] == (2, pytest.approx(8 / 12))


def test_prints_one_line_per_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tune.json"
    path.write_text(json.dumps(_report()))
    assert th.main([str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: A 0.8571 (1)  B 0.4000 (1)  all 0.6667 (2)\n"


@pytest.mark.parametrize(
    "text", [json.dumps(_report("corpus/test/gold")), json.dumps({"overall": {}}), "{not json"]
)
def test_a_test_report_or_a_bad_file_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    path = tmp_path / "report.json"
    path.write_text(text)
    assert th.main([str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"{path}: ") and error.count("\n") == 1
