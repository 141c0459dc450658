"""The evaluation's tables and the rule that decides whether a tuned path becomes the default."""

from pathlib import Path

import pytest

from extract import GuidedOptions
from extract._backends.model_files import DEFAULT_ADAPTER
from training._card import SCORES_PLACEHOLDER, write_scores
from training._eval_tables import field_table, overall_table, render_all, verdict
from training.evaluate import CONFIGS, Result, config_of, load_all, load_results, save_result


def _result(config: str, f1: float, fields: dict[str, float], dataset: str = "test") -> Result:
    return Result(config, dataset, 31, {"f1": f1, "precision": f1, "recall": f1},
                  {"deal": f1, "plant_fact": f1}, fields, 1.0, 4.0, 900.0)  # fmt: skip


BASE = _result("guided+base", 0.60, {"investor": 0.50, "value": 0.80})


def _verdict(tuned: Result) -> tuple[bool, str]:
    return verdict({"guided+base/test": BASE, "guided+decisions/test": tuned}, "guided+decisions")


def test_a_tuned_path_that_wins_with_no_group_much_worse_becomes_the_default() -> None:
    tuned = _result("guided+decisions", 0.65, {"investor": 0.46, "value": 0.90})
    ok, why = verdict(
        {"guided+base/test": BASE, "guided+decisions/test": tuned}, "guided+decisions"
    )
    assert ok and "(+0.050)" in why and "worse: none" in why


def test_one_field_more_than_005_worse_keeps_it_off_even_when_it_wins() -> None:
    tuned = _result("guided+decisions", 0.70, {"investor": 0.40, "value": 0.95})
    ok, why = verdict(
        {"guided+base/test": BASE, "guided+decisions/test": tuned}, "guided+decisions"
    )
    assert not ok and "`investor` -0.100" in why


def test_no_test_result_no_verdict() -> None:
    ok, why = verdict({"guided+base/test": BASE}, "records+records")
    assert not ok and "no test-split result" in why
    tuned = _result("guided+decisions", 0.65, {})
    ok, why = verdict({"guided+decisions/test": tuned}, "guided+decisions")
    assert not ok and "no `guided+base` result on test" in why


def test_tables_list_the_configurations_present_in_order() -> None:
    results = {"guided+base/test": BASE, "rules/test": _result("rules", 0.5, {"value": 0.7})}
    overall = overall_table(results).splitlines()
    assert overall[2].startswith("| test | `rules` | 31 | 0.500 |")
    assert overall[3].startswith("| test | `guided+base` | 31 | 0.600 |")
    fields = field_table(results, "test").splitlines()
    assert fields[0] == "| field | `rules` | `guided+base` |"
    assert (
        fields[2] == "| `investor` | nan | 0.500 |" and fields[3] == "| `value` | 0.700 | 0.800 |"
    )
    assert field_table(results, "gold") == ""
    assert "`records+records` stays off by default" not in render_all(results)  # no test result
    assert "`records+records`: no test-split result" in render_all(results)


def test_a_named_adapter_is_listed_and_judged_and_stale_set_sizes_are_left_out() -> None:
    stale = Result(
        "guided+decisions", "test", 31, {"f1": 0.9}, {}, {}, 1.0, 1.0, 1.0, when="2026-11-30"
    )
    v9 = Result("guided+tarvo-v9", "test", 87, {"f1": 0.7}, {}, {"value": 0.85}, 1.0, 1.0, 1.0,
                when="2026-12-01")  # fmt: skip
    base = Result("guided+base", "test", 87, {"f1": 0.6}, {}, {"value": 0.80}, 1.0, 1.0, 1.0,
                  when="2026-12-01")  # fmt: skip
    results = {"guided+decisions/test": stale, "guided+tarvo-v9/test": v9, "guided+base/test": base}
    overall = overall_table(results)
    assert "`guided+tarvo-v9` | 87 | 0.700" in overall and "`guided+decisions`" not in overall
    rendered = render_all(results)
    assert "`guided+tarvo-v9` on test: overall F1 0.700 vs 0.600" in rendered
    assert "`guided+decisions`: no test-split result" in rendered  # the stale one is not judged


def test_results_are_saved_and_replaced_per_configuration_and_set(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    save_result(BASE, path)
    save_result(_result("guided+base", 0.61, {}), path)
    save_result(_result("rules", 0.5, {}, dataset="gold"), path)
    saved = load_results(path)
    assert sorted(saved) == ["guided+base/test", "rules/gold"]
    assert saved["guided+base/test"].overall["f1"] == 0.61


def test_configurations_name_the_adapter_and_the_model_use() -> None:
    assert config_of("rules").guided.use_model is False
    assert config_of("guided+base").backend.adapter == "none"  # the base model, not the default
    decisions = config_of("guided+decisions")
    assert decisions.strategy == "guided" and decisions.backend.adapter.endswith(
        "adapters/gemma3-270m-decisions"
    )
    assert decisions.guided.model_questions == GuidedOptions.QUESTIONS  # every question
    default = config_of("default")
    assert default.guided.model_questions == GuidedOptions().model_questions
    assert default.backend.adapter is not None and default.backend.adapter.endswith(
        f"adapters/{DEFAULT_ADAPTER}"
    )
    assert config_of("records+records").strategy == "records" and set(CONFIGS) == {
        "rules", "default", "guided+base", "guided+decisions", "records+records"
    }  # fmt: skip


def test_guided_plus_an_adapter_directory_is_a_configuration_and_a_typo_is_not() -> None:
    named = config_of("guided+gemma3-270m-decisions")  # any directory under adapters/
    assert named.strategy == "guided" and named.backend.adapter.endswith(
        "adapters/gemma3-270m-decisions"
    )
    with pytest.raises(ValueError, match="unknown configuration 'guided\\+no-such-adapter'"):
        config_of("guided+no-such-adapter")
    with pytest.raises(ValueError, match="unknown configuration 'records\\+gemma3"):
        config_of("records+gemma3-270m-decisions")  # only the guided strategy takes a name


def test_the_scores_replace_the_cards_placeholder_and_then_each_other(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text("# Adapter `x`\n\n## Output\n\nfile\n\n" + SCORES_PLACEHOLDER)
    write_scores(card, "first table\n")
    write_scores(card, "second table")
    assert card.read_text() == "# Adapter `x`\n\n## Output\n\nfile\n\n## Scores\n\nsecond table\n"
    card.write_text("# no section\n")
    with pytest.raises(ValueError, match=r"README.md: no '## Scores' section to fill"):
        write_scores(card, "table")


def test_kept_predictions_results_join_the_extracted_ones(tmp_path: Path) -> None:
    save_result(BASE, tmp_path / "results.json")
    save_result(_result("guided+base", 0.7, {}, dataset="gold"), tmp_path / "results-kept.json")
    save_result(_result("guided+base", 0.9, {}), tmp_path / "results-kept.json")
    save_result(_result("rules", 0.5, {}), tmp_path / "elsewhere.json")
    found = load_all(tmp_path)
    assert sorted(found) == ["guided+base/gold", "guided+base/test"]
    assert found["guided+base/test"].overall["f1"] == 0.60  # extracted here beats kept
