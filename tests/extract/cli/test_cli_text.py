"""Text output writes numbers as a person does and never shows None; --json stays the model dump."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extract._batch.rundiff import RunDiff, diff_article
from extract._cli.formatting import (
    deal_line,
    fact_line,
    field_words,
    format_diff,
    format_runs,
    key_words,
    quantity_words,
)
from extract._cli.main import cli
from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact
from extract._testing import FakeOpenAIServer

SAMPLE = Path(__file__).resolve().parents[3] / "extract/samples/sample_article.txt"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((62e9, "KZT"), "62 billion KZT"),
        ((1.2e6, "t", "year"), "1.2 Mt/year"),
        ((1.5e8, "USD"), "$150 million"),
        ((9000.0, "t", "year"), "9,000 t/year"),
        ((450_000.0, "oz", "year"), "450,000 oz/year"),
        ((1000.0, "jobs"), "1,000 jobs"),
        ((300.0, "MW"), "300 MW"),
        ((240_000.0, "t", "year"), "240,000 t/year"),
        ((1500.0, "t", "day"), "1,500 t/day"),
        ((2.5, "t", "half_year"), "2.5 t/half-year"),
        ((1.25e9, "EUR"), "€1.25 billion"),
        ((500_000.0, "USD"), "$500,000"),
        ((12.0, "%"), "12%"),
        ((1e8, "USD", None, 1.5e8), "$100–150 million"),
        ((5e5, "USD", None, 1.2e6), "$500,000–$1.2 million"),
        ((1.2e6, "t", "year", 1.5e6), "1.2–1.5 Mt/year"),
        ((1_234_567.0, None), "1.235 million"),
    ],
)
def test_quantities_read_as_people_write_them(args: tuple[Any, ...], words: str) -> None:
    assert quantity_words(*args) == words


def test_records_leave_empty_fields_out() -> None:
    cost = PlantFact(facility="Aksu works", metric="cost", value=6.2e10, unit="KZT", evidence="e")
    assert fact_line(cost) == "fact  cost       62 billion KZT  Aksu works"
    bare = InvestmentDeal(evidence="e")
    assert deal_line(bare) == "deal"
    deal = InvestmentDeal(amount=1.5e8, currency="USD", stage="planned", evidence="e")
    assert deal_line(deal) == "deal  $150 million  stage=planned"
    assert [field_words(n, v) for n, v in [("year", 2024), ("jobs", 1000), ("x", None),
                                           ("commodities", ["zinc", "lead"])]] == [
        "2024", "1,000", "(not set)", "zinc, lead"]  # fmt: skip
    assert key_words("deal 150000000 USD") == "deal $150 million"
    assert key_words("deal - -") == "deal no amount"
    assert key_words("plant_fact capacity 5000") == "plant fact capacity 5,000"
    assert key_words("plant_fact cost 14000000000") == "plant fact cost 14 billion"


def test_run_diff_text_has_no_none_and_readable_numbers() -> None:
    old = ArticleExtraction(
        doc_id="a",
        deals=[InvestmentDeal(amount=1.5e8, currency="USD", counterparty="KI", evidence="e")],
        plant_facts=[PlantFact(facility="F", metric="cost", value=62e9, unit="KZT", evidence="e")],
    )
    new = ArticleExtraction(
        doc_id="a",
        deals=[InvestmentDeal(amount=1.5e8, currency="USD", jobs=1000, year=2027, evidence="e")],
        plant_facts=[PlantFact(facility="F", metric="capacity", value=1.2e6, unit="t",
                               period="year", evidence="e")],
    )  # fmt: skip
    diff = RunDiff(run_a="A", run_b="B", articles=[diff_article("a", old, new)])
    text = format_diff(diff)
    assert "None" not in text and "null" not in text
    assert "  + plant fact capacity 1.2 Mt/year  F" in text
    assert "  - plant fact cost 62 billion KZT  F" in text
    assert "  ~ deal $150 million  counterparty: KI -> (not set); jobs: (not set) -> 1,000; " \
        "year: (not set) -> 2027" in text  # fmt: skip


def test_run_list_without_strategy_or_model_shows_no_none() -> None:
    from extract._batch.store import RunInfo

    run = RunInfo("r1", "2025-01-01T00:00:00", None, {}, 1, 0, 0)
    assert "None" not in format_runs([run])


def _sample_records(body: dict[str, Any]) -> dict[str, Any]:
    """The sample article's deal and two of its plant facts, as the direct strategy asks."""
    deal = {
        "amount": 150_000_000.0,
        "currency": "USD",
        "stage": "planned",
        "evidence": "The company plans to invest $150 million in a second smelting shop",
    }
    cost = {
        "facility": "Aksu Ferroalloy Works",
        "metric": "cost",
        "value": 62e9,
        "unit": "KZT",
        "evidence": "The cost of the plant's first stage was estimated at 62 billion tenge.",
    }
    capacity = {"facility": "Aksu Ferroalloy Works", "metric": "capacity", "value": 240_000.0,
                "unit": "t", "period": "year", "evidence": "The plant's design capacity is "
                "240,000 tonnes of ferrochrome per year"}  # fmt: skip
    return {"deals": [deal], "plant_facts": [cost, capacity]}


@pytest.mark.server
def test_extract_text_reads_well_and_json_is_the_model_dump(tmp_path: Path) -> None:
    runner = CliRunner()
    with FakeOpenAIServer(responder=_sample_records) as server:
        args = [str(SAMPLE), "--backend", "openai", "--base-url", server.base_url,
                "--model", "fake"]  # fmt: skip
        text = runner.invoke(cli, ["extract", *args])
        out = tmp_path / "out.jsonl"
        as_json = runner.invoke(cli, ["extract", *args, "--json", "--out", str(out)])
    assert text.exit_code == 0 and as_json.exit_code == 0, text.output + as_json.output
    lines = text.stdout.splitlines()
    assert lines[1:] == [
        "  deal  $150 million  stage=planned",
        "  fact  cost       62 billion KZT  Aksu Ferroalloy Works",
        "  fact  capacity   240,000 t/year  Aksu Ferroalloy Works",
    ]
    assert "None" not in text.stdout
    (line,) = as_json.stdout.splitlines()
    result = ArticleExtraction.model_validate_json(line)
    assert line == result.model_dump_json()  # byte for byte the model's own dump
    assert out.read_text(encoding="utf-8") == line + "\n"
    assert json.loads(line)["plant_facts"][0]["value"] == 62e9 and "62 billion KZT" not in line
