"""The assay command line, offline: the fake OpenAI-compatible server stands in for a model."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract._cli.main import cli
from extract._testing import FakeOpenAIServer

SAMPLE = Path(__file__).resolve().parents[3] / "extract/samples/sample_article.txt"


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "explain"):
        assert command in result.output


def test_extract_help_names_every_environment_variable() -> None:
    result = CliRunner().invoke(cli, ["extract", "--help"], terminal_width=200)
    for variable in ("ASSAY_BACKEND", "ASSAY_MODEL", "ASSAY_BASE_URL", "ASSAY_STRATEGY"):
        assert variable in result.output


def test_extract_without_paths_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["extract"])
    assert result.exit_code == 2 and "give at least one PATH" in result.output


@pytest.mark.server
def test_a_bad_file_costs_one_line_and_the_others_are_written(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "good.txt").write_text(SAMPLE.read_text())
    out = tmp_path / "out"
    with FakeOpenAIServer() as server:
        result = CliRunner().invoke(
            cli,
            ["extract", str(tmp_path / "empty.txt"), str(tmp_path / "good.txt"), "--out", str(out),
             "--backend", "openai", "--base-url", server.base_url, "--model", "fake", "--json"],
        )  # fmt: skip
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty.txt" in errors[0] and "empty" in errors[0]
    written = json.loads((out / "good.json").read_text())
    assert written["doc_id"] == "good" and written["meta"]["backend"] == "openai"
    assert json.loads(result.stdout.strip().splitlines()[-1])["doc_id"] == "good"
