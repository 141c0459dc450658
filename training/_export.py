"""The adapter in GGUF form, made by llama.cpp's own converter, and proof that it loads.

``convert_lora_to_gguf.py`` ships in the llama.cpp sources vendored inside the
llama-cpp-python sdist. It is looked for in ``$ASSAY_LLAMA_CPP_SRC``, then in
``~/.cache/assay/llama.cpp-<version>``; failing both, the sdist of the
installed llama-cpp-python version is fetched with ``pip download`` and the
converter with its ``gguf-py`` and ``conversion`` packages is unpacked there.
It reads the base model's config from the cached HF directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

CONVERTER = "convert_lora_to_gguf.py"
_VENDORED = ("convert_lora_to_gguf.py", "convert_hf_to_gguf.py", "gguf-py/", "conversion/")


class ExportError(RuntimeError):
    """The converter could not be found or failed (one line, with its last words)."""


def _cache_dir() -> Path:
    version = metadata.version("llama-cpp-python")
    return Path.home() / ".cache" / "assay" / f"llama.cpp-{version}"


def _unpack(sdist: Path, target: Path) -> None:
    """Unpack the converter, gguf-py and conversion/ from the sdist's vendored llama.cpp."""
    with tarfile.open(sdist) as archive:
        members = []
        for member in archive.getmembers():
            _, _, inner = member.name.partition("/vendor/llama.cpp/")
            if inner and inner.startswith(_VENDORED):
                member.name = inner
                members.append(member)
        archive.extractall(target, members=members, filter="data")


def find_converter() -> Path:
    """Path of ``convert_lora_to_gguf.py``, fetched and unpacked on first use."""
    override = os.environ.get("ASSAY_LLAMA_CPP_SRC")
    directory = Path(override) if override else _cache_dir()
    if (directory / CONVERTER).is_file():
        return directory / CONVERTER
    if override:
        raise ExportError(f"{directory}: no {CONVERTER} (ASSAY_LLAMA_CPP_SRC)")
    spec = f"llama-cpp-python=={metadata.version('llama-cpp-python')}"
    with tempfile.TemporaryDirectory() as download:
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*pip, "-d", download, spec], check=True, capture_output=True)
        _unpack(next(Path(download).glob("*.tar.gz")), directory)
    return directory / CONVERTER


def export_gguf(peft_dir: Path, base_hf_dir: Path, out: Path, outtype: str = "f16") -> Path:
    """Convert the peft adapter in ``peft_dir`` to a GGUF LoRA adapter at ``out``."""
    converter = find_converter()
    # The converter runs in its own directory: every path it gets must be absolute.
    peft_dir, base_hf_dir, out = peft_dir.resolve(), base_hf_dir.resolve(), out.resolve()
    command = [sys.executable, str(converter), "--base", str(base_hf_dir), "--outfile", str(out),
               "--outtype", outtype, str(peft_dir)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=converter.parent)
    if done.returncode != 0 or not out.is_file():
        last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise ExportError(f"{converter.name} failed on {peft_dir}: {last}")
    return out


def _log_softmax(row: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    shifted = row - row.max()
    result: np.ndarray[Any, Any] = shifted - np.log(np.exp(shifted).sum())
    return result


def load_llama(base_gguf: Path, adapter: Path | None = None, n_ctx: int = 2048) -> Any:
    """The base model in llama.cpp, in process, with the LoRA ``adapter`` applied if given."""
    from llama_cpp import Llama

    return Llama(model_path=str(base_gguf), lora_path=str(adapter) if adapter else None,
                 n_ctx=n_ctx, n_threads=2, seed=0, verbose=False)  # fmt: skip


def target_logprob(llm: Any, prompt: str, target: str, max_tokens: int | None = None) -> float:
    """Log-probability that ``llm`` continues ``prompt`` (BOS first) with ``target``.

    Only the first ``max_tokens`` tokens of the target count when it is given
    (a record list runs to hundreds of tokens, each one a model call here).
    """
    tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
    answer = llm.tokenize(target.encode("utf-8"), add_bos=False, special=False)[:max_tokens]
    llm.reset()
    llm.eval(tokens)
    total = 0.0
    for token in answer:
        row = np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1), shape=(llm.n_vocab(),))
        total += float(_log_softmax(row.copy())[token])
        llm.eval([token])
    return total
