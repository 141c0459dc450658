"""One training run from examples to a carded adapter (the heavy half of the CLI)."""

from __future__ import annotations

import hashlib
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from training._base import base_gguf, ensure_hf_base, load_base
from training._card import CardData, write_card
from training._data import ROOT, Labelled, sha256_file
from training._examples import Example, examples_digest
from training._export import export_gguf, load_llama, target_logprob
from training._tokens import Encoded, encode
from training._train import TrainConfig, config_dict, make_run, train

CHECK_EXAMPLES = 4
CHECK_TOKENS = 32
VERSIONS = ("torch", "transformers", "peft", "gguf", "llama-cpp-python")


def _shown(path: Path) -> str:
    resolved = path.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(path)


def data_files(articles: Sequence[Labelled]) -> list[tuple[str, str]]:
    """Every gold and article file with its SHA-256, for the card."""
    paths = [p for a in articles for p in (a.gold_path, a.article_path)]
    return [(_shown(p), sha256_file(p)) for p in paths]


def fingerprint(examples: Sequence[Example], config: TrainConfig, base_digest: str) -> str:
    """What a checkpoint must share with the run that resumes it."""
    keep = {k: v for k, v in config_dict(config).items() if k not in ("save_every", "threads")}
    blob = json.dumps([examples_digest(examples), keep, base_digest], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _encode_all(
    tokenizer: Any, examples: Sequence[Example], limit: int
) -> tuple[list[Encoded], list[Example], int]:
    pairs = [(encode(tokenizer, e), e) for e in examples]
    kept = [(enc, e) for enc, e in pairs if len(enc.ids) <= limit]
    return [enc for enc, _ in kept], [e for _, e in kept], len(pairs) - len(kept)


def check_adapter(gguf: Path, adapter: Path, examples: Sequence[Example]) -> dict[str, float]:
    """Mean log-probability of a few training answers (first tokens), base and with adapter."""
    sample = list(examples[:CHECK_EXAMPLES])
    means = {}
    for name, lora in (("base", None), ("tuned", adapter)):
        llm = load_llama(gguf, lora, n_ctx=4096)
        scores = [target_logprob(llm, e.text, e.target, CHECK_TOKENS) for e in sample]
        means[name] = sum(scores) / len(scores)
        del llm
    return {**means, "examples": float(len(sample))}


def _versions() -> dict[str, str]:
    found = {}
    for name in VERSIONS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def _peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_training(articles: Sequence[Labelled], examples: Sequence[Example], config: TrainConfig,
                 out: Path, *, command: str, resume: bool, export: bool) -> Path:  # fmt: skip
    """Train, export, check and card one adapter in ``out``; return the card's path."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    gguf = base_gguf()
    base_dir = ensure_hf_base(gguf)
    model, tokenizer = load_base(base_dir)
    encoded, kept, dropped = _encode_all(tokenizer, examples, config.max_tokens)
    if not encoded:
        raise SystemExit(f"training: every example is longer than {config.max_tokens} tokens")
    base_digest = sha256_file(gguf)
    run = make_run(
        model, encoded, config, out / "checkpoint", fingerprint(kept, config, base_digest)
    )
    progress = train(run, resume)
    run.model.save_pretrained(out / "peft")
    adapter, check = None, {}
    if export:
        gguf_out = export_gguf(out / "peft", base_dir, out / "adapter.gguf")
        adapter = (gguf_out.name, sha256_file(gguf_out), gguf_out.stat().st_size)
        check = check_adapter(gguf, gguf_out, kept)
        print(f"training: llama.cpp check {check}", file=sys.stderr, flush=True)
    card = CardData(
        name=out.name, command=command, files=data_files(articles), config=config_dict(config),
        examples=dict(Counter(e.kind for e in kept)), dropped_too_long=dropped,
        steps=progress.step, losses=progress.losses, seconds=progress.seconds, cpu=progress.cpu,
        wall_seconds=time.perf_counter() - started, peak_memory_mb=_peak_memory_mb(),
        base=(gguf.name, base_digest), adapter=adapter, check=check, versions=_versions(),
        load=progress.load,
    )  # fmt: skip
    (out / "training.json").write_text(json.dumps(card.__dict__, indent=1, default=list) + "\n")
    return write_card(card, out)
