"""Every labelled set passes `assay gold check`; the corpus is unreserved and split by its rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_tools import require_check_reserved

from extract._cli.gold import gold_group

ROOT = Path(__file__).resolve().parents[2]
CORPUS_ARTICLES = sorted((ROOT / "corpus").glob("*/articles/*.txt"))

# (gold set, options): the real-news corpus must carry provenance; gold_b labels a sample.
LABELLED_SETS = [
    ("gold", []),
    ("devset/gold", []),
    ("corpus/tune/gold", ["--require-provenance"]),
    ("corpus/test/gold", ["--require-provenance"]),
    ("corpus/tune/gold_b", ["--require-provenance", "--subset"]),
    ("corpus/test/gold_b", ["--require-provenance", "--subset"]),
]


@pytest.mark.parametrize(("gold_dir", "options"), LABELLED_SETS, ids=[s for s, _ in LABELLED_SETS])
def test_gold_check_passes(gold_dir: str, options: list[str]) -> None:
    result = CliRunner().invoke(gold_group, ["check", str(ROOT / gold_dir), *options])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "" and "no problems" in result.stderr


def test_the_corpus_is_large_enough_and_split() -> None:
    tune = [p for p in CORPUS_ARTICLES if p.parent.parent.name == "tune"]
    assert len(CORPUS_ARTICLES) >= 60 and 0.55 < len(tune) / len(CORPUS_ARTICLES) < 0.8


def test_no_corpus_article_is_reserved() -> None:
    check_reserved = require_check_reserved("the reserved-set check")
    run = subprocess.run([sys.executable, str(check_reserved), *map(str, CORPUS_ARTICLES)],
                         capture_output=True, text=True, check=False)  # fmt: skip
    verdicts = run.stdout.splitlines()
    assert len(verdicts) == len(CORPUS_ARTICLES), run.stderr
    reserved = [line for line in verdicts if not line.startswith("ok")]
    assert run.returncode == 0 and not reserved, reserved


def test_every_article_is_in_the_split_its_rule_gives_it() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "corpus_split.py"), "--check"],
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
