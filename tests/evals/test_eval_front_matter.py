"""Article texts with a front-matter header in the eval suite: text after it, header apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from evals_helpers import DEAL_ERG, TEXT_B, article, deal

from evals import evaluate
from evals._loaders import load_headers, load_texts
from extract._errors import InputError

HEADER = "---\nsource: https://example.com/erg\noutlet: Example News\npublished: 2024-06-03\n---\n"


def test_texts_start_after_the_header_and_headers_are_loaded_apart(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(HEADER + TEXT_B, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(TEXT_B, encoding="utf-8")
    assert load_texts(tmp_path) == {"b": TEXT_B, "plain": TEXT_B}
    assert load_headers(tmp_path) == {
        "b": {"source": "https://example.com/erg", "outlet": "Example News",
              "published": "2024-06-03"},
        "plain": None,
    }  # fmt: skip


def test_grounding_offsets_count_from_after_the_header(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(HEADER + TEXT_B, encoding="utf-8")
    gold = {"b": article("b", [deal(DEAL_ERG)])}
    report = evaluate(gold, gold, load_texts(tmp_path))
    [grounding] = [record.grounding for record in report.fields["b"] if record.grounding]
    assert grounding.grounded and grounding.start == TEXT_B.index(DEAL_ERG["evidence"])


def test_a_malformed_header_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("---\nsource: https://example.com\n" + TEXT_B)
    with pytest.raises(InputError, match=r"bad\.txt: front matter .* never closed"):
        load_texts(tmp_path)
    with pytest.raises(InputError, match=r"bad\.txt: front matter .* never closed"):
        load_headers(tmp_path)
