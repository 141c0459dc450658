"""Gold and prediction files that fail validation: exit 2, one line, nothing scored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from reliability_helpers import ARTICLE, DEAL, FACT

from evals import eval_command

GOOD = {"doc_id": "a", "deals": [DEAL], "plant_facts": [FACT, {**FACT, "value": 186.0}]}


def _with(path: str, value: Any) -> dict[str, Any]:
    """GOOD with one field, addressed like ``plant_facts.1.metric``, set to ``value``."""
    record = json.loads(json.dumps(GOOD))
    *parents, name = path.split(".")
    node: Any = record
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[name] = value
    return record


def _line(record: dict[str, Any] | str) -> str:
    return record if isinstance(record, str) else json.dumps(record)


# content of line 2 of a .jsonl file (line 1 is good) -> what the one-line error says after it
BAD_LINES = {
    "invalid JSON": ('{"doc_id": "b", "deals": [', "invalid JSON at line 1 column 27"),
    "NaN": (_line(_with("plant_facts.0.value", 1)).replace("1,", "NaN,", 1),
            "invalid JSON: NaN is not a JSON number"),
    "deep nesting": ('{"doc_id": "b", "deals": ' + "[" * 50_000 + "]" * 50_000 + "}",
                     "invalid JSON: nested too deeply"),
    "unknown field": (_with("plant_facts.1.valu", 3),
                      "plant_facts[1].valu: Extra inputs are not permitted"),
    "unknown top-level field": (_with("notes", "x"), "notes: Extra inputs are not permitted"),
    "wrong type": (_with("deals.0.amount", "lots"),
                   "deals[0].amount: Input should be a valid number"),
    "wrong list type": (_with("deals", {"a": 1}), "deals: Input should be a valid list"),
    "wrong enum": (_with("plant_facts.1.metric", "capcity"),
                   "plant_facts[1].metric: Input should be 'capacity', 'production'"),
    "wrong stage": (_with("deals.0.stage", "signed"),
                    "deals[0].stage: Input should be 'discussed'"),
    "missing evidence": (_with("deals.0.evidence", None), "deals[0].evidence: Input should be a"),
    "not an object": ("[1, 2]", "(top level): Input should be a valid dictionary"),
}  # fmt: skip


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    directory = tmp_path / "gold"
    (directory / "articles").mkdir(parents=True)
    (directory / "a.json").write_text(json.dumps(GOOD))
    (directory / "articles" / "a.txt").write_text(ARTICLE)
    return directory


def _eval(tmp_path: Path, gold: Path, pred: Path) -> tuple[Any, Path, Path]:
    report, html = tmp_path / "report.json", tmp_path / "report.html"
    args = ["--gold", gold, "--pred", pred, "--json", report, "--html", html]
    result = CliRunner().invoke(eval_command, [str(a) for a in args], catch_exceptions=False)
    return result, report, html


def _assert_rejected(result: Any, report: Path, html: Path) -> None:
    assert result.exit_code == 2
    assert result.stdout == "", "nothing is scored from an invalid file"
    assert not report.exists() and not html.exists()
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_a_bad_prediction_line_is_named_and_nothing_is_scored(
    tmp_path: Path, gold: Path, case: str
) -> None:
    content, problem = BAD_LINES[case]
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({**GOOD, "doc_id": "z"}) + "\n" + _line(content) + "\n")
    result, report, html = _eval(tmp_path, gold, pred)
    _assert_rejected(result, report, html)
    assert result.stderr.startswith(f"Error: {pred}:2: {problem}"), result.stderr


@pytest.mark.parametrize("case", ["invalid JSON", "unknown field", "wrong type", "wrong enum"])
def test_a_bad_gold_file_is_named_and_nothing_is_scored(
    tmp_path: Path, gold: Path, case: str
) -> None:
    content, problem = BAD_LINES[case]
    (gold / "b.json").write_text(_line(content).replace('"doc_id": "a"', '"doc_id": "b"'))
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(GOOD) + "\n")
    result, report, html = _eval(tmp_path, gold, pred)
    _assert_rejected(result, report, html)
    assert result.stderr.startswith(f"Error: {gold / 'b.json'}: {problem}"), result.stderr


def test_several_bad_files_are_counted_in_the_one_line(tmp_path: Path, gold: Path) -> None:
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "a.json").write_text(json.dumps(_with("deals.0.currency", 5)))
    (pred / "b.json").write_text("{")
    result, report, html = _eval(tmp_path, gold, pred)
    _assert_rejected(result, report, html)
    assert result.stderr.startswith(f"Error: {pred / 'a.json'}: deals[0].currency: ")
    assert result.stderr.endswith(" (and 1 more problem)\n")


def test_a_valid_pair_is_scored(tmp_path: Path, gold: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(GOOD) + "\n")
    result, report, html = _eval(tmp_path, gold, pred)
    assert result.exit_code == 0 and report.exists() and html.exists()
    assert json.loads(report.read_text())["overall"]["f1"] == 1.0
