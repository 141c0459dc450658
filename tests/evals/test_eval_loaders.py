"""Loaders: directory, .jsonl, saved datasets, texts, reports; one-line validation errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from evals_helpers import FACT_CAPACITY, gold_set, texts, write_dir, write_jsonl, write_texts

from evals import evaluate, load_extractions, load_report, load_texts
from extract._errors import InputError, ValidationFailed


def test_directory_of_json_files(tmp_path: Path) -> None:
    gold = gold_set()
    directory = write_dir(tmp_path / "gold", gold)
    (directory / "schema.json").write_text('{"$schema": "x"}')  # a JSON Schema is no record
    write_texts(directory / "articles", texts())
    assert load_extractions(directory) == gold
    assert list(load_extractions(directory)) == ["a", "b", "empty"]


def test_jsonl_and_single_file(tmp_path: Path) -> None:
    gold = gold_set()
    path = write_jsonl(tmp_path / "pred.jsonl", gold)
    path.write_text(path.read_text() + "\n\n")  # blank lines are skipped
    assert load_extractions(path) == gold
    single = tmp_path / "a.json"
    single.write_text(gold["a"].model_dump_json())
    assert load_extractions(single) == {"a": gold["a"]}


def test_saved_dataset_with_extraction_json_column(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    gold = gold_set()
    rows = [
        {"doc_id": k, "extraction": v.model_dump_json(), "text": texts()[k]}
        for k, v in gold.items()
    ]
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "ds"))
    assert load_extractions(tmp_path / "ds") == gold


def test_saved_dataset_with_structured_columns(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    gold = gold_set()
    rows = [extraction.model_dump(exclude={"meta"}) for extraction in gold.values()]
    datasets.DatasetDict({"test": datasets.Dataset.from_list(rows)}).save_to_disk(
        str(tmp_path / "dd")
    )
    assert load_extractions(tmp_path / "dd") == gold


def test_saved_dataset_errors_name_row_and_column(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    bad = [
        {"doc_id": "a", "extraction": '{"doc_id": "a"}'},
        {"doc_id": "b", "extraction": '{"doc_id": "b", "deals": 3}'},
    ]
    datasets.Dataset.from_list(bad).save_to_disk(str(tmp_path / "bad"))
    with pytest.raises(ValidationFailed, match=r"bad: row 1: deals: Input should be a valid list"):
        load_extractions(tmp_path / "bad")
    datasets.Dataset.from_list([{"doc_id": "a", "deals": [], "notes": "x"}]).save_to_disk(
        str(tmp_path / "extra")
    )
    with pytest.raises(ValidationFailed, match="unknown column 'notes'"):
        load_extractions(tmp_path / "extra")


def _gold_dir_with(tmp_path: Path, name: str, content: str) -> Path:
    directory = write_dir(tmp_path / "gold", gold_set())
    (directory / name).write_text(content)
    return directory


def _fact_list(**changes: object) -> str:
    facts = [dict(FACT_CAPACITY), {**FACT_CAPACITY, **changes}]
    return json.dumps({"doc_id": "002", "plant_facts": facts})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            _fact_list(metric="capcity"),
            "002.json: plant_facts[1].metric: Input should be 'capacity', 'production', "
            "'throughput', 'reserves', 'cost' or 'jobs' (got 'capcity')",
        ),
        (_fact_list(valu=3), "002.json: plant_facts[1].valu: Extra inputs are not permitted"),
        (
            _fact_list(value="lots"),
            "002.json: plant_facts[1].value: Input should be a valid number",
        ),
        (_fact_list(period="week"), "002.json: plant_facts[1].period: Input should be 'year'"),
        (
            '{"doc_id": "002", "deals": [{"investor": "X"}]}',
            "002.json: deals[0].evidence: Field required",
        ),
        (
            '{"doc_id": "002", "deals": [',
            "002.json: invalid JSON at line 1 column 29: Expecting value",
        ),
        ('{"doc_id": "003"}', "002.json: doc_id: '003' does not match '002'"),
        ("[1, 2]", "002.json: (top level): Input should be a valid dictionary"),
    ],
)
def test_validation_errors_name_file_index_and_field(
    tmp_path: Path, content: str, message: str
) -> None:
    directory = _gold_dir_with(tmp_path, "002.json", content)
    with pytest.raises(ValidationFailed) as caught:
        load_extractions(directory)
    text = str(caught.value)
    assert text.startswith(str(directory / message.split(":")[0]))
    assert message in text
    assert "\n" not in text


def test_errors_in_several_files_are_counted_and_nothing_is_returned(tmp_path: Path) -> None:
    directory = _gold_dir_with(tmp_path, "002.json", "{")
    (directory / "003.json").write_text('{"doc_id": "003", "extra": 1}')
    with pytest.raises(ValidationFailed, match=r"002\.json: .* \(and 1 more problem\)$"):
        load_extractions(directory)


def test_jsonl_errors_name_the_line_and_repeated_ids(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    good = gold_set()["a"].model_dump_json()
    path.write_text(good + "\n" + '{"doc_id": "b", "deals": [{"amount": "x", "evidence": "e"}]}\n')
    with pytest.raises(ValidationFailed, match=r"pred\.jsonl:2: deals\[0\]\.amount: Input should"):
        load_extractions(path)
    path.write_text(good + "\n" + good + "\n")
    with pytest.raises(
        ValidationFailed, match=r"pred\.jsonl:2: doc_id: 'a' repeats .*pred\.jsonl:1"
    ):
        load_extractions(path)


def test_bad_paths_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        load_extractions(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no <doc_id>\.json files"):
        load_extractions(tmp_path / "empty")
    (tmp_path / "x.csv").write_text("a,b")
    with pytest.raises(InputError, match="expected a directory"):
        load_extractions(tmp_path / "x.csv")
    with pytest.raises(InputError, match="not a directory"):
        load_texts(tmp_path / "nope")
    (tmp_path / "latin.txt").write_bytes(b"\xff\xfe caf\xe9")
    with pytest.raises(InputError, match=r"latin\.txt: cannot read"):
        load_texts(tmp_path)


def test_texts_and_report_roundtrip(tmp_path: Path) -> None:
    directory = write_texts(tmp_path / "articles", texts())
    assert load_texts(directory) == texts()
    report = evaluate(gold_set(), gold_set(), texts())
    path = tmp_path / "report.json"
    path.write_text(report.model_dump_json(indent=2))
    assert load_report(path) == report
    path.write_text('{"overall": {}}')
    with pytest.raises(ValidationFailed, match=r"report\.json: "):
        load_report(path)
