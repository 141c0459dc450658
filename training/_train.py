"""LoRA fine-tuning of the base model with peft on the CPU.

One optimiser step takes ``accumulation`` groups of examples: a group is the
questions about one article, which share the article's context (run once, its
key/value cache reused for each question), or a single example that shares
nothing (a records example). Examples run one at a time, without padding: on
a CPU a padded batch only costs more. The loss (:mod:`training._loss`) is the mean
cross-entropy of the target tokens; the model computes logits only for the last
``n_target + 1`` positions (``logits_to_keep``), which spares a 262k-way
softmax over every article token. The order of examples is a seeded shuffle
per epoch, so a run is fixed by its seed, and a resumed run continues the same
schedule from its checkpoint.
"""

from __future__ import annotations

import math
import os
import random
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from training._checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from training._loss import example_loss, group_backward
from training._tokens import Encoded

TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of one run (all of them go into the model card)."""

    epochs: int = 3
    max_steps: int | None = None
    seed: int = 0
    learning_rate: float = 2e-4
    rank: int = 8
    alpha: int = 16
    dropout: float = 0.05
    accumulation: int = 1
    warmup: float = 0.05
    weight_decay: float = 0.0
    max_tokens: int = 2048
    save_every: int = 25
    threads: int = 2
    target_modules: tuple[str, ...] = TARGET_MODULES


@dataclass
class Progress:
    """Where a run stands: steps done and the loss and time of each."""

    step: int = 0
    losses: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    # CPU seconds of this process per step: on a shared machine, wall time alone misleads.
    cpu: list[float] = field(default_factory=list)
    # The machine's 1-minute load average after each step: how shared the cores were.
    load: list[float] = field(default_factory=list)


def groups_of(encoded: Sequence[Encoded]) -> list[list[int]]:
    """Indices of the examples that share a context, in first-seen order; a loner alone."""
    groups: dict[str, list[int]] = {}
    solo: list[list[int]] = []
    order: list[list[int]] = []
    for index, item in enumerate(encoded):
        if not item.group:
            solo.append([index])
            order.append(solo[-1])
        elif item.group in groups:
            groups[item.group].append(index)
        else:
            groups[item.group] = [index]
            order.append(groups[item.group])
    return order


def schedule(n_groups: int, config: TrainConfig) -> list[list[int]]:
    """Group indices of every step: a seeded shuffle per epoch, ``accumulation`` per step."""
    order: list[int] = []
    for epoch in range(config.epochs):
        indices = list(range(n_groups))
        random.Random(config.seed * 1_000_003 + epoch).shuffle(indices)
        order += indices
    steps = [order[i : i + config.accumulation] for i in range(0, len(order), config.accumulation)]
    return steps[: config.max_steps] if config.max_steps is not None else steps


def learning_rate(step: int, total: int, config: TrainConfig) -> float:
    """Linear warm-up over ``warmup`` of the steps, then linear decay towards zero."""
    warm = max(1, round(config.warmup * total))
    ramp = min(1.0, (step + 1) / warm)
    return config.learning_rate * ramp * (total - step) / total


def lora_model(base: Any, config: TrainConfig) -> Any:
    """``base`` wrapped with fresh LoRA adapters on the attention and MLP projections."""
    from peft import LoraConfig, get_peft_model

    lora = LoraConfig(r=config.rank, lora_alpha=config.alpha, lora_dropout=config.dropout,
                      target_modules=list(config.target_modules), bias="none",
                      task_type="CAUSAL_LM")  # fmt: skip
    with warnings.catch_warnings():
        # peft asks transformers 5 a deprecated question (is_gradient_checkpointing).
        warnings.filterwarnings("ignore", category=FutureWarning)
        return get_peft_model(base, lora)


def _eta(progress: Progress, total: int) -> str:
    recent = progress.seconds[-20:]
    left = round(sum(recent) / len(recent) * (total - progress.step))
    return f"{left // 3600}h{left % 3600 // 60:02d}m{left % 60:02d}s"


def _report(progress: Progress, total: int, rate: float) -> None:
    loss, recent = progress.losses[-1], progress.losses[-10:]
    print(f"train: step {progress.step}/{total} loss {loss:.4f} (last {len(recent)}: "
          f"{sum(recent) / len(recent):.4f}) lr {rate:.2e} {progress.seconds[-1]:.1f} s/step "
          f"(cpu {progress.cpu[-1]:.1f} s, load {progress.load[-1]:.1f}) "
          f"ETA {_eta(progress, total)}", file=sys.stderr, flush=True)  # fmt: skip


@dataclass
class Run:
    """A training run in progress: model, optimiser, data and where it stands."""

    model: Any
    optimizer: Any
    encoded: Sequence[Encoded]
    config: TrainConfig
    checkpoint_dir: Path
    fingerprint: str
    progress: Progress = field(default_factory=Progress)

    @cached_property
    def groups(self) -> list[list[int]]:
        """Example indices of each group sharing a context."""
        return groups_of(self.encoded)

    def step(self, group_indices: list[int], total: int) -> None:
        """One optimiser step over the examples of the groups at ``group_indices``."""
        started, cpu = time.perf_counter(), time.process_time()
        rate = learning_rate(self.progress.step, total, self.config)
        for param_group in self.optimizer.param_groups:
            param_group["lr"] = rate
        members = [[self.encoded[i] for i in self.groups[g]] for g in group_indices]
        count = sum(len(m) for m in members)
        loss_sum = 0.0
        for group in members:
            if len(group) > 1 and group[0].n_shared > 0:
                loss_sum += sum(group_backward(self.model, group, 1 / count)) / count
                continue
            for item in group:  # one example's graph at a time
                loss = example_loss(self.model, item) / count
                loss.backward()
                loss_sum += float(loss.detach())
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.progress.step += 1
        self.progress.losses.append(loss_sum)
        self.progress.seconds.append(time.perf_counter() - started)
        self.progress.cpu.append(time.process_time() - cpu)
        self.progress.load.append(os.getloadavg()[0])
        _report(self.progress, total, rate)

    def save(self) -> None:
        """Write a checkpoint the run can resume from."""
        save_checkpoint(self.checkpoint_dir, Checkpoint(
            self.fingerprint, self.progress.step, self.progress.losses, self.progress.seconds,
            self.progress.cpu, self.progress.load,
        ), self.model, self.optimizer)  # fmt: skip

    def resume(self) -> None:
        """Continue from the checkpoint (refused when it was made by another run)."""
        saved = load_checkpoint(self.checkpoint_dir, self.fingerprint, self.model, self.optimizer)
        self.progress = Progress(saved.step, list(saved.losses), list(saved.seconds),
                                 list(saved.cpu), list(saved.load))  # fmt: skip


def train(run: Run, resume: bool, stop: Callable[[], bool] = lambda: False) -> Progress:
    """Train ``run`` to the end of its schedule, saving checkpoints on the way."""
    import torch

    torch.set_num_threads(run.config.threads)
    if resume:
        run.resume()
    steps = schedule(len(run.groups), run.config)
    run.model.train()
    for indices in steps[run.progress.step :]:
        torch.manual_seed(run.config.seed * 7919 + run.progress.step)  # dropout masks per step
        run.step(indices, len(steps))
        if run.progress.step % run.config.save_every == 0 or run.progress.step == len(steps):
            run.save()
        if stop():
            break
    return run.progress


def make_run(base: Any, encoded: Sequence[Encoded], config: TrainConfig, checkpoint_dir: Path,
             fingerprint: str) -> Run:  # fmt: skip
    """A run over ``encoded`` examples with a fresh LoRA adapter on ``base``."""
    import torch

    torch.manual_seed(config.seed)  # the LoRA A matrices are drawn at random
    model = lora_model(base, config)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.learning_rate,
                                  weight_decay=config.weight_decay)  # fmt: skip
    return Run(model, optimizer, encoded, config, checkpoint_dir, fingerprint)


def config_dict(config: TrainConfig) -> dict[str, Any]:
    """The configuration as plain JSON values."""
    data = asdict(config)
    data["target_modules"] = list(config.target_modules)
    return data


def total_steps(n_groups: int, config: TrainConfig) -> int:
    """How many optimiser steps the schedule has."""
    full = math.ceil(n_groups * config.epochs / config.accumulation)
    return min(full, config.max_steps) if config.max_steps is not None else full
