"""JSON report structure, manifest, text and HTML rendering, baseline diff."""

from __future__ import annotations

import json
import re

import pytest
from evals_helpers import FACT_CAPACITY, article, fact, gold_set, texts

from evals import diff_reports, evaluate, format_diff, format_report, render_html
from evals._manifest import gold_hash
from extract._schema import ArticleExtraction, ExtractionMeta


def _with_meta(extraction: ArticleExtraction, **meta: object) -> ArticleExtraction:
    return extraction.model_copy(update={"meta": ExtractionMeta.model_validate(meta)})


def test_json_report_structure() -> None:
    gold = gold_set()
    data = json.loads(evaluate(gold, gold, texts()).model_dump_json())
    assert set(data) == {
        "overall",
        "by_type",
        "by_field",
        "by_article",
        "manifest",
        "missing_predictions",
        "unexpected_predictions",
        "grounding",
        "fields",
    }
    assert {"precision", "recall", "f1", "tp", "fp", "fn", "macro", "records"} <= set(
        data["overall"]
    )
    assert set(data["by_type"]) == {"deal", "plant_fact"}
    assert "plant_fact.metric" in data["by_field"] and "deal.investor" in data["by_field"]
    assert set(data["by_article"]) == {"a", "b", "empty"}
    record = data["fields"]["a"][0]
    assert {"record_type", "key", "gold_index", "pred_index", "fields", "grounding"} <= set(record)
    assert {"field", "outcome", "tp", "fp", "fn", "gold", "pred"} == set(record["fields"][0])
    manifest = data["manifest"]
    for key in (
        "prompt_ids",
        "model",
        "strategy",
        "backend",
        "gold_hash",
        "package_version",
        "git_revision",
    ):
        assert key in manifest
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["gold_hash"])
    assert manifest["package_version"]


def test_manifest_comes_from_prediction_meta() -> None:
    gold = gold_set()
    pred = {
        "a": _with_meta(
            gold["a"],
            model="gemma",
            strategy="guided",
            backend="local",
            prompt_ids={"system": "sys@1"},
        ),
        "b": _with_meta(
            gold["b"],
            model="gemma",
            strategy="direct",
            backend="local",
            prompt_ids={"system": "sys@1", "fewshot": "fs@2"},
        ),
    }
    manifest = evaluate(gold, pred, texts()).manifest
    assert (manifest.model, manifest.backend) == ("gemma", "local")
    assert manifest.strategy == "direct, guided"  # a mixed run shows its mix
    assert manifest.prompt_ids == {"fewshot": "fs@2", "system": "sys@1"}
    assert manifest.gold_articles == 3 and manifest.predicted_articles == 2


def test_gold_hash_depends_on_content_only() -> None:
    gold = gold_set()
    reordered = dict(reversed(list(gold.items())))
    assert gold_hash(reordered) == gold_hash(gold)
    changed = {**gold, "b": gold["b"].model_copy(update={"deals": []})}
    assert gold_hash(changed) != gold_hash(gold)


def test_text_report_has_every_table() -> None:
    gold = gold_set()
    pred = {"a": gold["a"], "zzz": article("zzz")}
    text = format_report(evaluate(gold, pred, texts()))
    for expected in (
        "fields (micro)",
        "fields (macro, 2 articles)",
        "records",
        "plant_fact.value",
        "deal.investor",
        "b (no prediction)",
        "predictions not in gold (not scored): zzz",
        "grounding: 4/4 grounded",
    ):
        assert expected in text
    micro = next(line for line in text.splitlines() if line.startswith("fields (micro)"))
    assert micro.split()[2:] == ["1.000", "0.739", "0.850", "34", "0", "12"]


def test_html_report_marks_fields_and_escapes_everything() -> None:
    gold = {"x<y": article("x<y", facts=[fact(FACT_CAPACITY, facility="<b>Almaly</b> & co")])}
    pred = {
        "x<y": article(
            "x<y", facts=[fact(FACT_CAPACITY, value=9500.0, facility="<b>Almaly</b> & co")]
        )
    }
    text = "<script>alert(1)</script> " + FACT_CAPACITY["evidence"]
    page = render_html(evaluate(gold, pred, {"x<y": text}), {"x<y": text})
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>Almaly" not in page and "&lt;b&gt;Almaly&lt;/b&gt; &amp; co" in page
    assert 'id="article-x_y"' in page
    assert '<tr class="right right"><td>facility</td>' in page
    assert '<tr class="wrong wrong"><td>value</td>' in page
    assert '<table class="results" id="overall">' in page
    mark = re.search(r'<mark class="evidence plant_fact ungrounded"[^>]*>([^<]*)</mark>', page)
    assert mark is not None and mark.group(1) == FACT_CAPACITY["evidence"]
    assert "http" not in page.split("<body>")[0]  # no external assets


def test_html_shows_missing_fields_and_articles_without_text() -> None:
    gold = gold_set()
    page = render_html(evaluate(gold, {}, {}), {})
    assert '<tr class="missing missing"><td>investor</td>' in page
    assert "Article text not available." in page


def test_baseline_diff_lists_flips_and_deltas() -> None:
    gold = gold_set()
    base = evaluate(gold, gold, texts())
    facts = [fact(FACT_CAPACITY, value=9500.0), *gold["a"].plant_facts[1:]]
    new = evaluate(
        gold, {**gold, "a": gold["a"].model_copy(update={"plant_facts": facts})}, texts()
    )
    diff = diff_reports(base, new)
    assert [(f.doc_id, f.record_key, f.field, f.old, f.new) for f in diff.flips] == [
        ("a", "Almaly plant / capacity / 9,000 t", "value", "right", "wrong")
    ]
    assert diff.overall["f1"].old == 1.0
    assert diff.overall["f1"].delta == pytest.approx(new.overall.f1 - 1.0)
    assert diff.f1_drop == pytest.approx(1.0 - new.overall.f1)
    assert diff.by_field["plant_fact.value"]["precision"].new == pytest.approx(2 / 3)
    assert diff.by_type["deal"]["f1"].delta == 0.0
    assert not diff.gold_changed
    text = format_diff(diff)
    assert "a | plant_fact | Almaly plant / capacity / 9,000 t | value: right -> wrong" in text
    assert "plant_fact.value precision" in text and "deal f1" not in text
    assert diff_reports(new, new).flips == []


def test_baseline_diff_sees_records_appear_and_gold_change() -> None:
    gold = gold_set()
    base = evaluate(gold, gold, texts())
    extra = fact(FACT_CAPACITY, facility="Other mine", metric="reserves", value=5e6)
    pred = {
        **gold,
        "b": gold["b"].model_copy(update={"plant_facts": [*gold["b"].plant_facts, extra]}),
    }
    new_gold = {**gold, "empty": article("empty", facts=[fact(FACT_CAPACITY)])}
    diff = diff_reports(base, evaluate(new_gold, pred, texts()))
    assert diff.gold_changed
    flips = {(f.doc_id, f.record_key, f.old, f.new) for f in diff.flips}
    assert ("b", "pred: Other mine / reserves / 5,000,000 t", "none", "spurious") in flips
    assert ("empty", "Almaly plant / capacity / 9,000 t", "none", "missing") in flips
