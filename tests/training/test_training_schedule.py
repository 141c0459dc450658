from pathlib import Path

import pytest

from training._card import SCORES_PLACEHOLDER, CardData, render_card
from training._tokens import Encoded
from training._train import TrainConfig, groups_of, learning_rate, schedule, total_steps


def _encoded(group: str) -> Encoded:
    return Encoded((2, 5, 6, 7), 1, 2 if group else 0, group)


def test_groups_keep_an_articles_questions_together_and_loners_alone() -> None:
    items = [_encoded("a"), _encoded(""), _encoded("b"), _encoded("a"), _encoded("")]
    assert groups_of(items) == [[0, 3], [1], [2], [4]]


def test_schedule_is_seeded_covers_every_epoch_and_stops_at_max_steps() -> None:
    config = TrainConfig(epochs=3, accumulation=2, seed=7)
    steps = schedule(5, config)
    assert steps == schedule(5, config)  # fixed by the seed
    assert steps != schedule(5, TrainConfig(epochs=3, accumulation=2, seed=8))
    flat = [g for step in steps for g in step]
    assert sorted(flat) == sorted(list(range(5)) * 3)
    assert len(steps) == total_steps(5, config) == 8
    assert len(schedule(5, TrainConfig(epochs=3, accumulation=2, max_steps=3))) == 3


def test_learning_rate_warms_up_then_decays() -> None:
    config = TrainConfig(learning_rate=1e-3, warmup=0.1)
    rates = [learning_rate(step, 100, config) for step in range(100)]
    assert rates[0] == pytest.approx(1e-4)  # first of ten warm-up steps
    assert rates[9] == pytest.approx(1e-3 * 91 / 100)  # warm, and decaying linearly
    assert max(rates) == rates[9] and rates[-1] < rates[50] < rates[9]
    assert all(rate > 0 for rate in rates)


def _card() -> CardData:
    return CardData(
        name="demo", command="python -m training --train gold --out adapters/demo",
        files=[("gold/a.json", "ab" * 32)], config={"rank": 8}, examples={"mass_metric": 3},
        dropped_too_long=0, steps=2, losses=[2.0, 1.5], seconds=[3.0, 5.0], cpu=[5.0, 9.0],
        wall_seconds=90.0,
        peak_memory_mb=2100.0, base=("gemma.gguf", "cd" * 32),
        adapter=("adapter.gguf", "ef" * 32, 3_800_000),
        check={"base": -7.5, "tuned": -0.4, "examples": 2.0}, load=[3.0, 5.0],
    )  # fmt: skip


def test_the_card_reports_data_cost_and_output_but_no_scores() -> None:
    card = render_card(_card())
    for fact in ("`gold/a.json`", "ab" * 32, "| rank | `8` |", "1.5 min", "4.0", "2100 MB",
                 "2.0000 -> 1.5000", "| 7.0 |", "| 4.0 (3.0-5.0) |", "| 0.1 min |",
                 "`adapter.gguf` (3.8 MB)",
                 "-7.500 with the base model",
                 "![loss per step](loss.png)"):  # fmt: skip
        assert fact in card, fact
    assert card.endswith(SCORES_PLACEHOLDER) and "Not yet measured" in card
    assert "F1 " not in card.replace("F1, seconds", "")


def test_the_loss_curve_is_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="needs the train extra")
    from training._card import write_card

    write_card(_card(), tmp_path)
    assert (tmp_path / "loss.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "README.md").read_text().startswith("# Adapter `demo`")
