"""`assay gold draft | check | agree`, offline: rules only or the fake backend, no model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from evals._agreement import AgreementReport
from evals._gold_check import canonical_json
from extract._backends.fake import FakeBackend
from extract._batch.inputs import BadInput, read_txt
from extract._cli.gold import draft_articles, gold_group, to_draft
from extract._cli.main import _register_optional_commands, cli
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article, ArticleExtraction, InvestmentDeal, PlantFact
from extract._strategies.guided.strategy import GuidedOptions

SAMPLE = Path(__file__).resolve().parents[3] / "extract/samples/sample_article.txt"
HEADER = "---\nsource: https://example.com/aksu\noutlet: Example News\npublished: 2024-06-03\n---\n"
TEXT = "ERG plans to spend $320 million on the Aksu ferroalloy plant. Shares rose 3 %."
DEAL: dict[str, Any] = {
    "investor": "ERG",
    "project": "Aksu ferroalloy plant",
    "amount": 320_000_000.0,
    "currency": "USD",
    "stage": "planned",
    "evidence": "ERG plans to spend $320 million on the Aksu ferroalloy plant.",
}


def _gold(*args: str) -> Result:
    return CliRunner().invoke(gold_group, list(args))


def _corpus(tmp_path: Path, articles: dict[str, str]) -> Path:
    """A corpus/<split>-like folder: articles/ now, gold/ beside it later."""
    folder = tmp_path / "split" / "articles"
    folder.mkdir(parents=True)
    for doc_id, text in articles.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


def _direct_extractor(*answers: dict[str, Any]) -> Extractor:
    return Extractor(ExtractionConfig(strategy="direct"), backend=FakeBackend(objects=answers))


def test_the_gold_group_is_registered_with_helpful_help_texts() -> None:
    _register_optional_commands()
    assert "gold" in CliRunner().invoke(cli, ["--help"]).output
    draft_help = " ".join(_gold("draft", "--help").output.split())
    assert "for an annotator to correct" in draft_help and "from scratch" in draft_help
    assert "never overwritten" in draft_help and "--backend" in draft_help
    assert "one line per problem" in _gold("check", "--help").output
    assert "both directions" in " ".join(_gold("agree", "--help").output.split())


def test_a_draft_is_canonical_gold_from_the_run_without_meta(tmp_path: Path) -> None:
    ungrounded = {**DEAL, "amount": 5e9, "evidence": "ERG will spend $5 billion."}
    extractor = _direct_extractor({"deals": [DEAL, ungrounded], "plant_facts": []})
    article = Article(id="aksu", text=TEXT)
    summary = draft_articles([article], tmp_path / "gold", extractor)
    path = tmp_path / "gold" / "aksu.json"
    assert summary.written == [path] and summary.failed == 0
    draft = ArticleExtraction.model_validate_json(path.read_text(encoding="utf-8"))
    assert draft.meta is None and path.read_text(encoding="utf-8") == canonical_json(draft)
    # The model's grounded deal, with its evidence sentence; the ungrounded one was dropped.
    assert [(d.amount, d.evidence) for d in draft.deals] == [(320_000_000.0, DEAL["evidence"])]


def test_a_failed_article_costs_one_line_and_the_others_are_drafted(tmp_path: Path) -> None:
    extractor = _direct_extractor({"deals": [DEAL], "plant_facts": []})  # one answer for two
    items: list[Article | BadInput] = [Article(id="a", text=TEXT), Article(id="b", text=TEXT)]
    items.append(BadInput("c.txt", "c.txt: x"))
    summary = draft_articles(items, tmp_path / "gold", extractor)
    assert [p.name for p in summary.written] == ["a.json"]
    assert summary.failed == 2 and summary.failures[0].startswith("b: ")


def test_to_draft_removes_meta_only() -> None:
    rules_only = ExtractionConfig(guided=GuidedOptions(use_model=False))
    result = Extractor(rules_only).extract(read_txt(SAMPLE))
    assert result.meta is not None
    draft = to_draft(result)
    assert draft.meta is None and draft.deals == result.deals
    assert draft.plant_facts == result.plant_facts


def test_draft_rules_only_then_check_with_the_articles_beside_it(tmp_path: Path) -> None:
    articles = _corpus(tmp_path, {"sample": HEADER + SAMPLE.read_text(encoding="utf-8")})
    gold_dir = articles.parent / "gold"
    drafted = _gold("draft", str(articles), "--out", str(gold_dir), "--rules-only")
    assert drafted.exit_code == 0, drafted.output
    assert "sample.json: 1 deals, 4 plant facts" in drafted.stderr
    draft = json.loads((gold_dir / "sample.json").read_text(encoding="utf-8"))
    assert "meta" not in draft and draft["doc_id"] == "sample"
    # Evidence offsets count after the header: the draft checks clean against the articles.
    checked = _gold("check", str(gold_dir), "--require-provenance")
    assert checked.exit_code == 0 and checked.stdout == "", checked.output


def test_draft_never_overwrites_a_label_unless_forced(tmp_path: Path) -> None:
    articles = _corpus(tmp_path, {"sample": SAMPLE.read_text(encoding="utf-8")})
    target = articles.parent / "gold" / "sample.json"
    target.parent.mkdir()
    target.write_text("corrected by hand\n", encoding="utf-8")
    kept = _gold("draft", str(articles), "--out", str(target.parent), "--rules-only")
    assert kept.exit_code == 0 and "exists, left alone (--force to overwrite)" in kept.stderr
    assert target.read_text(encoding="utf-8") == "corrected by hand\n"
    forced = _gold("draft", str(articles), "--out", str(target.parent), "--rules-only", "--force")
    assert forced.exit_code == 0 and json.loads(target.read_text())["doc_id"] == "sample"


def test_draft_reports_a_bad_article_and_exits_1(tmp_path: Path) -> None:
    articles = _corpus(tmp_path, {"bad": "---\nauthor: X\n---\nText.", "ok": TEXT})
    result = _gold("draft", str(articles), "--out", str(tmp_path / "gold"), "--rules-only")
    assert result.exit_code == 1
    assert "bad.txt: front matter line 2: unknown key 'author'" in result.stderr
    assert (tmp_path / "gold" / "ok.json").is_file()


def test_rules_only_is_not_for_the_direct_strategy(tmp_path: Path) -> None:
    result = _gold("draft", str(SAMPLE), "--out", str(tmp_path), "--rules-only",
                   "--strategy", "direct")  # fmt: skip
    assert result.exit_code == 2 and "--rules-only" in result.output


def test_check_prints_one_line_per_problem_and_exits_1(tmp_path: Path) -> None:
    articles = _corpus(tmp_path, {"aksu": TEXT, "unlabelled": TEXT})
    gold_dir = articles.parent / "gold"
    gold_dir.mkdir()
    bad = ArticleExtraction(doc_id="aksu", deals=[{**DEAL, "amount": 1e6}])
    (gold_dir / "aksu.json").write_text(bad.model_dump_json(), encoding="utf-8")
    result = _gold("check", str(gold_dir), "--require-provenance")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and len(lines) == 4, lines
    assert f"{gold_dir / 'aksu.json'}: not canonical JSON (GUIDELINES rule 2)" in lines
    assert any("deal 0: evidence does not contain the record's figure" in line for line in lines)
    assert f"{gold_dir}: article unlabelled has no gold file" in lines
    assert "its article has no front-matter header" in lines[-1]
    subset = _gold("check", str(gold_dir), "--subset")
    assert "unlabelled" not in subset.stdout and "2 problems" in subset.stderr


def test_check_without_articles_is_a_usage_error(tmp_path: Path) -> None:
    result = _gold("check", str(tmp_path))
    assert result.exit_code == 2 and "give --articles" in result.output


def _labels(directory: Path, *extractions: ArticleExtraction) -> Path:
    directory.mkdir(parents=True)
    for extraction in extractions:
        path = directory / f"{extraction.doc_id}.json"
        path.write_text(canonical_json(extraction), encoding="utf-8")
    return directory


def test_agree_reads_both_ways_per_field_and_writes_json(tmp_path: Path) -> None:
    articles = _corpus(tmp_path, {"aksu": TEXT, "other": TEXT})
    a = ArticleExtraction(doc_id="aksu", deals=[DEAL])
    b = ArticleExtraction(doc_id="aksu", deals=[{**DEAL, "stage": "agreed"}])
    dir_a = _labels(articles.parent / "gold", a, ArticleExtraction(doc_id="other"))
    dir_b = _labels(articles.parent / "gold_b", b)
    out = tmp_path / "agreement.json"
    result = _gold("agree", str(dir_a), str(dir_b), "--json", str(out))
    assert result.exit_code == 0, result.output
    assert "over 1 articles (1 field units differ)" in result.stdout
    assert "labelled by A only (not scored): other" in result.stdout
    stage = next(line for line in result.stdout.splitlines() if line.startswith("deal.stage"))
    assert stage.split()[1:] == ["0.000", "0.000", "0.000"]
    report = AgreementReport.model_validate_json(out.read_text(encoding="utf-8"))
    assert report.by_field["deal.amount"].f1 == 1.0 and report.articles == ["aksu"]


def test_agree_without_common_articles_exits_2(tmp_path: Path) -> None:
    dir_a = _labels(tmp_path / "a", ArticleExtraction(doc_id="x"))
    dir_b = _labels(tmp_path / "b", ArticleExtraction(doc_id="y"))
    result = _gold("agree", str(dir_a), str(dir_b))
    assert result.exit_code == 2 and "no article in common" in result.output


@pytest.mark.model
def test_draft_with_the_embedded_model(tmp_path: Path) -> None:
    result = _gold("draft", str(SAMPLE), "--out", str(tmp_path / "gold"))
    assert result.exit_code == 0, result.output
    path = tmp_path / "gold" / "sample_article.json"
    draft = ArticleExtraction.model_validate_json(path.read_text(encoding="utf-8"))
    assert draft.meta is None and path.read_text(encoding="utf-8") == canonical_json(draft)
    text = read_txt(SAMPLE).text
    records: list[InvestmentDeal | PlantFact] = [*draft.deals, *draft.plant_facts]
    assert records and all(record.evidence in text for record in records)
