"""The model card of an adapter: ``adapters/NAME/README.md`` and its loss curve.

The card states what went in (every training file with its SHA-256), how
(hyper-parameters, examples, steps), what it cost (wall time, seconds per
step, peak memory) and what came out (the adapter file, its hash, and the
check that llama.cpp loads it and that it changes the base model's answers).
Quality scores come from the evaluation step, not from training: the card
leaves a marked section for them and never fills it itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCORES_PLACEHOLDER = """## Scores

**Not yet measured.** Per-field F1, seconds and tokens per article on the test
split, `gold/` and the devset are written here by the evaluation step (issue
16, point 4), not by training. No number in this section until then.
"""


@dataclass
class CardData:
    """Everything the card reports about one training run."""

    name: str
    command: str
    files: Sequence[tuple[str, str]]
    config: dict[str, Any]
    examples: dict[str, int]
    dropped_too_long: int
    steps: int
    losses: Sequence[float]
    seconds: Sequence[float]
    cpu: Sequence[float]
    wall_seconds: float
    peak_memory_mb: float
    base: tuple[str, str]
    adapter: tuple[str, str, int] | None
    check: dict[str, float] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    load: Sequence[float] = ()


def plot_loss(losses: Sequence[float], out: Path) -> Path:
    """Write the loss per step and its running mean (window 10) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = range(1, len(losses) + 1)
    window = [sum(losses[max(0, i - 9) : i + 1]) / len(losses[max(0, i - 9) : i + 1])
              for i in range(len(losses))]  # fmt: skip
    figure, axes = plt.subplots(figsize=(7, 3.5), dpi=100)
    axes.plot(steps, losses, color="#9ab", linewidth=1, label="loss per step")
    axes.plot(steps, window, color="#c33", linewidth=2, label="mean of last 10")
    axes.set_xlabel("optimiser step")
    axes.set_ylabel("cross-entropy of answer tokens")
    axes.legend()
    axes.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(out)
    plt.close(figure)
    return out


def _table(rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def _cost(data: CardData) -> str:
    per_step = sum(data.seconds) / len(data.seconds) if data.seconds else 0.0
    cpu_step = sum(data.cpu) / len(data.cpu) if data.cpu else 0.0
    first, last = (data.losses[0], data.losses[-1]) if data.losses else (0.0, 0.0)
    return _table([
        ("optimiser steps", str(data.steps)),
        ("wall time of the last session (load, train, export, check)",
         f"{data.wall_seconds / 60:.1f} min"),
        ("wall time in optimiser steps, all sessions", f"{sum(data.seconds) / 60:.1f} min"),
        ("seconds per step (mean)", f"{per_step:.1f}"),
        ("CPU seconds per step (mean, this process)", f"{cpu_step:.1f}"),
        ("peak memory (RSS)", f"{data.peak_memory_mb:.0f} MB"),
        ("loss, first and last step", f"{first:.4f} -> {last:.4f}"),
        ("load average (1 min) after each step, mean (min-max)", _load(data.load)),
    ], ("what", "value"))  # fmt: skip


def _load(load: Sequence[float]) -> str:
    """The machine's load on its 2 cores: above 2, other processes shared them."""
    if not load:
        return "not recorded"
    return f"{sum(load) / len(load):.1f} ({min(load):.1f}-{max(load):.1f})"


def _output(data: CardData) -> str:
    base_name, base_hash = data.base
    rows = [("base model", f"`{base_name}`", f"`{base_hash}`")]
    if data.adapter is not None:
        name, digest, size = data.adapter
        rows.append(("adapter (GGUF LoRA)", f"`{name}` ({size / 1e6:.1f} MB)", f"`{digest}`"))
    text = _table(rows, ("what", "file", "sha256"))
    if data.check:
        text += "\n\nLoaded in llama.cpp in process (`Llama(model_path=base, lora_path=adapter)`): "
        text += (f"mean log-probability of the first {int(data.check['examples'])} training "
                 f"answers (their first 32 tokens) {data.check['base']:.3f} with the base model, "
                 f"{data.check['tuned']:.3f} with the adapter.")  # fmt: skip
    return text


def render_card(data: CardData) -> str:
    """The card's Markdown."""
    kinds = _table([(k, str(v)) for k, v in sorted(data.examples.items())], ("kind", "examples"))
    files = _table([(f"`{p}`", f"`{h}`") for p, h in data.files], ("file", "sha256"))
    config = _table([(k, f"`{v}`") for k, v in data.config.items()], ("hyper-parameter", "value"))
    versions = ", ".join(f"{k} {v}" for k, v in sorted(data.versions.items()))
    return f"""# Adapter `{data.name}`

A LoRA adapter for the embedded Gemma 3 270M, trained by `python -m training`.

    {data.command}

## Data

{kinds}

Examples longer than `max_tokens` left out: {data.dropped_too_long}.

{files}

## Hyper-parameters

{config}

## Training

{_cost(data)}

![loss per step](loss.png)

Software: {versions}.

## Output

{_output(data)}

{SCORES_PLACEHOLDER}"""


def write_card(data: CardData, directory: Path) -> Path:
    """Write ``README.md`` and ``loss.png`` into ``directory``."""
    plot_loss(data.losses, directory / "loss.png")
    card = directory / "README.md"
    card.write_text(render_card(data), encoding="utf-8")
    return card


def write_scores(card: Path, scores: str) -> Path:
    """Replace the card's ``## Scores`` section (the placeholder or earlier scores) with ``scores``.

    Raises:
        ValueError: The card has no ``## Scores`` section (not written by :func:`write_card`).

    """
    text = card.read_text(encoding="utf-8")
    head, marker, _ = text.partition("## Scores\n")
    if not marker:
        raise ValueError(f"{card}: no '## Scores' section to fill")
    card.write_text(f"{head}## Scores\n\n{scores.strip()}\n", encoding="utf-8")
    return card
