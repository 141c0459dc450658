"""Gold-set checks and annotator agreement (behind `assay gold check` and `assay gold agree`)."""

from __future__ import annotations

from pathlib import Path

from evals_helpers import DEAL_ERG, FACT_CAPACITY, article, deal, fact, gold_set, texts

from evals._agreement import agreement, format_agreement
from evals._gold_check import canonical_json, check_gold_set

HEADER = {"source": "https://example.com/a", "outlet": "Example News", "published": "2024-06-03"}


def _write_gold(directory: Path, extractions: dict[str, object]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for doc_id, extraction in gold_set().items():
        if doc_id in extractions:
            (directory / f"{doc_id}.json").write_text(canonical_json(extraction), encoding="utf-8")
    return directory


def test_a_clean_gold_set_has_no_problem(tmp_path: Path) -> None:
    gold_dir = _write_gold(tmp_path / "gold", dict(gold_set()))
    headers = {doc_id: HEADER for doc_id in texts()}
    assert check_gold_set(gold_dir, texts(), headers, require_provenance=True) == []


def test_every_problem_is_one_line_naming_the_file(tmp_path: Path) -> None:
    gold_dir = _write_gold(tmp_path / "gold", dict(gold_set()))
    bad = article("b", [deal(DEAL_ERG, evidence="ERG plans to spend money.")],
                  [fact(FACT_CAPACITY, period=None, value_max=100.0)])  # fmt: skip
    (gold_dir / "b.json").write_text(bad.model_dump_json(), encoding="utf-8")
    (gold_dir / "empty.json").write_text('{"doc_id": "empty", "deals": 3}', encoding="utf-8")
    problems = check_gold_set(gold_dir, texts(), {"a": HEADER, "b": None, "empty": None})
    text = "\n".join(problems)
    assert all(line.startswith(str(gold_dir)) and "\n" not in line for line in problems)
    assert "b.json: not canonical JSON" in text
    assert "b.json: deal 0: evidence is not verbatim" in text
    assert "b.json: plant_fact 0: a capacity is a flow and needs a period" in text
    assert "b.json: plant_fact 0: value_max must be above value" in text
    assert "empty.json: not a valid ArticleExtraction" in text


def test_evidence_without_its_figure_is_reported(tmp_path: Path) -> None:
    gold_dir = _write_gold(tmp_path / "gold", dict(gold_set()))
    wrong_value = article("b", [deal(DEAL_ERG, amount=999_000_000.0)])
    (gold_dir / "b.json").write_text(canonical_json(wrong_value), encoding="utf-8")
    problems = check_gold_set(gold_dir, texts(), {})
    assert any("b.json: deal 0: evidence does not contain the record's figure" in p
               for p in problems)  # fmt: skip


def test_provenance_is_checked_when_required_or_present(tmp_path: Path) -> None:
    gold_dir = _write_gold(tmp_path / "gold", dict(gold_set()))
    partial = {"a": {"source": "not a url", "published": "June 2024"}, "b": None, "empty": HEADER}
    relaxed = "\n".join(check_gold_set(gold_dir, texts(), partial))
    assert "a.json: its article's header has no 'outlet'" in relaxed
    assert "a.json: source is not an http(s) URL" in relaxed
    assert "a.json: published is not an ISO date" in relaxed
    assert "b.json" not in relaxed
    strict = check_gold_set(gold_dir, texts(), partial, require_provenance=True)
    assert any("b.json: its article has no front-matter header" in p for p in strict)


def test_unlabelled_articles_and_missing_texts_are_reported(tmp_path: Path) -> None:
    gold_dir = _write_gold(tmp_path / "gold", {"a": None, "b": None})
    problems = check_gold_set(gold_dir, {"a": texts()["a"], "empty": ""}, {})
    assert f"{gold_dir}: article empty has no gold file" in problems
    assert f"{gold_dir / 'b.json'}: no article b.txt beside it" in problems


def test_identical_annotators_agree_fully() -> None:
    report = agreement(gold_set(), gold_set(), texts())
    assert report.overall.f1 == 1.0 and report.disagreements == 0
    assert report.articles == ["a", "b", "empty"]


def test_agreement_is_read_both_ways_over_shared_articles() -> None:
    other = dict(gold_set())
    changed = [fact(FACT_CAPACITY, metric="production"), *other["a"].plant_facts[1:]]
    other["a"] = other["a"].model_copy(update={"plant_facts": changed})
    del other["empty"]
    report = agreement(gold_set(), other, texts())
    metric = report.by_field["plant_fact.metric"]
    # 2 of 3 metrics agree: TP 2, FP 1, FN 1 either way
    assert metric.a_as_gold.f1 == metric.b_as_gold.f1 == 2 / 3
    assert report.only_in_a == ["empty"] and report.disagreements == 1
    table = format_agreement(report, "A1", "B")
    assert "plant_fact.metric" in table and "0.667" in table
    assert "labelled by A1 only (not scored): empty" in table
