"""Resumable checkpoints: adapter weights, optimiser state and progress.

A checkpoint directory holds ``adapter.safetensors`` (the LoRA weights),
``optimizer.pt`` and ``progress.json``. It is written beside the old one and
renamed into place, so an interrupted save leaves the previous checkpoint
whole. A checkpoint carries the run's fingerprint (examples and
hyper-parameters); resuming with another fingerprint is refused, since the
schedule would no longer be the one the checkpoint was part of.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


class CheckpointError(RuntimeError):
    """A checkpoint that is missing or belongs to another run."""


@dataclass(frozen=True)
class Checkpoint:
    """What a resumed run needs besides the weights and the optimiser."""

    fingerprint: str
    step: int
    losses: list[float]
    seconds: list[float]
    cpu: list[float]
    load: list[float] = field(default_factory=list)  # absent from checkpoints made before it


def save_checkpoint(directory: Path, state: Checkpoint, model: Any, optimizer: Any) -> None:
    """Write ``state``, the trainable weights of ``model`` and ``optimizer`` to ``directory``."""
    import torch
    from peft import get_peft_model_state_dict
    from safetensors.torch import save_file

    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    weights = {k: v.detach().contiguous() for k, v in get_peft_model_state_dict(model).items()}
    save_file(weights, str(partial / "adapter.safetensors"))
    torch.save(optimizer.state_dict(), partial / "optimizer.pt")
    (partial / "progress.json").write_text(json.dumps(asdict(state)) + "\n")
    old = directory.with_name(directory.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if directory.exists():
        directory.rename(old)
    partial.rename(directory)
    shutil.rmtree(old, ignore_errors=True)


def load_checkpoint(directory: Path, fingerprint: str, model: Any, optimizer: Any) -> Checkpoint:
    """Restore ``model`` and ``optimizer`` from ``directory`` and return the progress.

    Raises:
        CheckpointError: No checkpoint there, or one made by a run with other
            examples or hyper-parameters.

    """
    import torch
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    progress = directory / "progress.json"
    if not progress.is_file():
        raise CheckpointError(f"{directory}: no checkpoint to resume from")
    state = Checkpoint(**json.loads(progress.read_text()))
    if state.fingerprint != fingerprint:
        raise CheckpointError(f"{directory}: checkpoint of another run (other examples or "
                              "hyper-parameters); start afresh without --resume")  # fmt: skip
    set_peft_model_state_dict(model, load_file(str(directory / "adapter.safetensors")))
    optimizer.load_state_dict(torch.load(directory / "optimizer.pt", weights_only=True))
    return state
