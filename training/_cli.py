r"""``python -m training``: labelled directories in, a LoRA adapter with its card out.

    python -m training --train gold devset corpus/tune --out adapters/NAME \\
        [--form decisions|records|both] [--epochs N] [--max-steps N] [--seed S] [--resume]

Steps: read and check the labelled articles (a test split or a reserved article
stops the run before anything is read), build the examples, dequantise the
base model once, train the LoRA adapter with checkpoints in
``OUT/checkpoint``, save it (``OUT/peft``), convert it to ``OUT/adapter.gguf``,
check that llama.cpp loads it and that it moves the answers, and write the
card (``OUT/README.md``, ``OUT/loss.png``, ``OUT/training.json``).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from training._data import DataError, load_labelled
from training._examples import FORMS, build_examples
from training._train import TrainConfig


def parser() -> argparse.ArgumentParser:
    """The command line."""
    p = argparse.ArgumentParser(prog="python -m training", description=__doc__.split("\n")[0])
    p.add_argument(
        "--train",
        nargs="+",
        type=Path,
        required=True,
        metavar="DIR",
        help="labelled directories (gold JSON + articles/); never a test split",
    )
    p.add_argument("--out", type=Path, required=True, help="adapter directory, e.g. adapters/NAME")
    p.add_argument("--form", choices=FORMS, default="decisions")
    p.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    p.add_argument("--max-steps", type=int, default=None)
    p.add_argument("--seed", type=int, default=TrainConfig.seed)
    p.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint")
    p.add_argument("--learning-rate", type=float, default=TrainConfig.learning_rate)
    p.add_argument("--rank", type=int, default=TrainConfig.rank)
    p.add_argument("--alpha", type=int, default=TrainConfig.alpha)
    p.add_argument(
        "--accumulation",
        type=int,
        default=TrainConfig.accumulation,
        help="examples per optimiser step",
    )
    p.add_argument(
        "--max-tokens", type=int, default=TrainConfig.max_tokens, help="leave out longer examples"
    )
    p.add_argument("--save-every", type=int, default=TrainConfig.save_every)
    p.add_argument("--threads", type=int, default=TrainConfig.threads)
    p.add_argument("--no-export", action="store_true", help="skip the GGUF export and its check")
    return p  # fmt: skip


def config_from(args: argparse.Namespace) -> TrainConfig:
    """Hyper-parameters from the parsed command line."""
    return TrainConfig(epochs=args.epochs, max_steps=args.max_steps, seed=args.seed,
                       learning_rate=args.learning_rate, rank=args.rank, alpha=args.alpha,
                       accumulation=args.accumulation, max_tokens=args.max_tokens,
                       save_every=args.save_every, threads=args.threads)  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit code (1 with a one-line error on bad data)."""
    args = parser().parse_args(argv)
    try:
        articles = load_labelled(list(args.train))
    except DataError as exc:
        print(f"training: {exc}", file=sys.stderr)
        return 1
    examples = build_examples(articles, args.form)
    print(f"training: {len(articles)} articles, {len(examples)} {args.form} examples",
          file=sys.stderr, flush=True)  # fmt: skip
    from training._run import run_training

    command = "python -m training " + shlex.join(list(argv) if argv is not None else sys.argv[1:])
    run_training(articles, examples, config_from(args), args.out, command=command,
                 resume=args.resume, export=not args.no_export)  # fmt: skip
    return 0
