"""JSON report structure, manifest, text and HTML rendering, baseline diff."""

from __future__ import annotations

import base64
import hashlib
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


def _field_row(page: str, outcome: str, field: str) -> re.Match[str] | None:
    """The row of one scored field: its outcome class, filter values and name cell."""
    pattern = (
        rf'<tr class="field {outcome}" data-row data-f-outcome="{outcome}" '
        rf'data-f-field="[a-z_]+\.{field}"[^>]*><th scope="row">{field}</th>'
    )
    return re.search(pattern, page)


def test_html_report_marks_fields_and_escapes_everything() -> None:
    gold = {"x<y": article("x<y", facts=[fact(FACT_CAPACITY, facility="<b>Almaly</b> & co")])}
    pred = {
        "x<y": article(
            "x<y", facts=[fact(FACT_CAPACITY, value=9500.0, facility="<b>Almaly</b> & co")]
        )
    }
    text = "<script>alert(1)</script> " + FACT_CAPACITY["evidence"]
    page = render_html(evaluate(gold, pred, {"x<y": text}), {"x<y": text})
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # the page's own filter script, and nothing else
    assert "<b>Almaly" not in page and "&lt;b&gt;Almaly&lt;/b&gt; &amp; co" in page
    assert 'id="article-x_y"' in page and 'data-f-article="x&lt;y"' in page
    assert _field_row(page, "right", "facility") and _field_row(page, "wrong", "value")
    assert '<table class="results" id="overall">' in page
    mark = re.search(r'<mark class="evidence pred plant_fact ungrounded"[^>]*>([^<]*)</mark>', page)
    assert mark is not None and mark.group(1) == FACT_CAPACITY["evidence"]
    assert "://" not in page  # no external assets, no links out
    assert re.search(r'(?:src|href)="(?!#)', page) is None


def test_html_policy_allows_only_the_inline_style_and_script() -> None:
    page = render_html(evaluate(gold_set(), gold_set(), texts()), texts())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert style is not None and script is not None
    expected = (
        f"default-src 'none'; style-src '{_sha256(style.group(1))}'; "
        f"script-src '{_sha256(script.group(1))}'"
    )
    assert policy.group(1) == expected


def _sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()


def test_html_shows_missing_fields_and_articles_without_text() -> None:
    gold = gold_set()
    page = render_html(evaluate(gold, {}, {}), {})
    assert _field_row(page, "missing", "investor")
    assert "Article text not available." in page


def test_html_with_baseline_and_gold_marks_flips_and_gold_evidence() -> None:
    gold = gold_set()
    base = evaluate(gold, gold, texts())
    facts = [fact(FACT_CAPACITY, value=9500.0), *gold["a"].plant_facts[1:]]
    pred = {**gold, "a": gold["a"].model_copy(update={"plant_facts": facts})}
    report = evaluate(gold, pred, texts())
    page = render_html(report, texts(), baseline=base, gold=gold)
    value_row = _field_row(page, "wrong", "value")
    assert value_row is not None and 'data-f-flipped="yes"' in value_row.group(0)
    assert '<span class="flip worse" title="baseline: right">▼ was right</span>' in page
    assert page.count('class="bar base"') == page.count('class="bar run"') > 0
    assert "<th>ΔF1</th>" in page and 'name="flipped"' in page
    gold_mark = r'<mark class="evidence (?:pred )?gold[^"]*" data-refs[^>]*>([^<]*)</mark>'
    assert FACT_CAPACITY["evidence"] in re.findall(gold_mark, page)
    without = render_html(report, texts())
    assert 'class="bar base"' not in without and not re.search(gold_mark, without)
    assert 'name="flipped"' not in without


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
