"""A LoRA adapter for the local backend, offline: files, identity, factory and CLI option.

The model itself is stubbed (``_load``); the test that llama.cpp applies the
adapter runs the real model (tests/extract/backends/test_adapter_model.py).
"""

import ctypes
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import click
import pytest
from click.testing import CliRunner

from extract._backends import local, model_files
from extract._backends.base import BackendSettings
from extract._backends.factory import make_backend
from extract._backends.model_files import adapter_for, resolve_adapter_path
from extract._cli.options import config_from_options, model_options
from extract._errors import BackendUnavailable
from extract._pipeline.pipeline import ExtractionConfig, Extractor


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[Any, ...]]:
    """Stub the model load (and the bundled model's path); record what was asked for."""
    calls: list[tuple[Any, ...]] = []
    model = tmp_path / "base.gguf"
    model.write_bytes(b"GGUF base")
    monkeypatch.setattr(local, "_load", lambda *args: calls.append(args) or object())
    monkeypatch.setattr(local, "resolve_model_path", lambda name: model)
    return calls


def _adapter(directory: Path, content: bytes) -> Path:
    directory.mkdir(parents=True)
    (directory / "adapter.gguf").write_bytes(content)
    return directory


def test_an_adapter_is_a_gguf_file_or_its_directory(tmp_path: Path) -> None:
    directory = _adapter(tmp_path / "adapters" / "tuned", b"GGUF lora")
    assert resolve_adapter_path(str(directory)) == directory / "adapter.gguf"
    assert resolve_adapter_path(str(directory / "adapter.gguf")) == directory / "adapter.gguf"
    with pytest.raises(BackendUnavailable, match=r"nowhere: no LoRA adapter there"):
        resolve_adapter_path(str(tmp_path / "nowhere"))


def test_the_adapter_is_loaded_with_the_model_and_named_in_its_identity(
    tmp_path: Path, loads: list[tuple[Any, ...]]
) -> None:
    directory = _adapter(tmp_path / "tuned", b"GGUF lora one")
    backend = local.LocalBackend(BackendSettings(adapter=str(directory)))
    assert loads[-1][-1] == str(directory / "adapter.gguf")  # lora_path of the load
    assert backend.model == "base.gguf+lora:tuned"
    plain = local.LocalBackend(BackendSettings(adapter="none"))
    assert loads[-1][-1] is None and "adapter_sha256" not in plain.identity()
    assert len(backend.identity()["adapter_sha256"]) == 64


def test_cache_keys_change_with_the_adapters_content(
    tmp_path: Path, loads: list[tuple[Any, ...]]
) -> None:
    identities = []
    for name, content in (("one", b"GGUF a"), ("two", b"GGUF a"), ("three", b"GGUF b")):
        settings = BackendSettings(adapter=str(_adapter(tmp_path / name, content)))
        identities.append(Extractor(ExtractionConfig(backend=settings)).identity())
    base = Extractor(ExtractionConfig(backend=BackendSettings(adapter="none"))).identity()
    hashes = [i["backend"]["adapter_sha256"] for i in identities]
    assert hashes[0] == hashes[1] != hashes[2]  # the file's bytes, not its name
    assert all(i != base for i in identities)


def test_an_adapter_needs_the_local_backend() -> None:
    settings = BackendSettings(backend="openai", model="m", adapter="adapters/x")
    with pytest.raises(BackendUnavailable, match="adapters/x: a LoRA adapter needs --backend"):
        make_backend(settings)
    for none in ("none", "None"):
        openai = make_backend(BackendSettings(backend="openai", model="m", adapter=none))
        assert openai.name == "openai"  # "no adapter" is never an error


def test_the_bundled_model_gets_the_bundled_adapter_by_default() -> None:
    bundled = adapter_for(None, None)
    assert bundled is not None and bundled.name == "adapter.gguf"
    assert bundled.parent.name == model_files.DEFAULT_ADAPTER and bundled.stat().st_size > 1_000_000
    assert adapter_for(None, model_files.DEFAULT_MODEL) == bundled
    assert adapter_for(None, "/models/other.gguf") is None  # it would not fit another model
    assert adapter_for("none", None) is None and adapter_for("None", "/m/other.gguf") is None


def test_the_default_adapter_names_itself_in_the_model_and_the_cache_key(
    loads: list[tuple[Any, ...]],
) -> None:
    default = local.LocalBackend(BackendSettings())
    assert default.model == "base.gguf+lora:gemma3-270m-decisions-v4"
    assert loads[-1][-1] == str(adapter_for(None, None))
    base = local.LocalBackend(BackendSettings(adapter="none"))
    assert default.identity()["adapter_sha256"] != base.identity().get("adapter_sha256")


def test_other_strategies_get_the_base_model_unless_an_adapter_is_named(
    tmp_path: Path, loads: list[tuple[Any, ...]]
) -> None:
    Extractor(ExtractionConfig(strategy="records")).identity()
    assert loads[-1][-1] is None
    named = _adapter(tmp_path / "records", b"GGUF records")
    Extractor(ExtractionConfig(BackendSettings(adapter=str(named)), strategy="records")).identity()
    assert loads[-1][-1] == str(named / "adapter.gguf")


def test_a_missing_bundled_adapter_says_how_to_go_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_files, "DEFAULT_ADAPTER", "not-shipped")
    with pytest.raises(BackendUnavailable, match=r"not-shipped is missing .* --adapter none"):
        adapter_for(None, None)


class _RefusingLlama:
    """llama-cpp-python's Llama when llama.cpp refuses the adapter: an exception, as it means to."""

    def __init__(self, *, lora_path: str | None, **_: Any) -> None:
        if lora_path:
            raise RuntimeError(f"Failed to initialize LoRA adapter from lora path: {lora_path}")
        self._lora_adapter = None


class _NullAdapterLlama:
    """... and as 0.3.36 does: the adapter handle a NULL pointer (not None), no exception."""

    def __init__(self, *, lora_path: str | None, **_: Any) -> None:
        self._lora_adapter = ctypes.c_void_p(None) if lora_path else None
        self.closed = False

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize("llama", [_RefusingLlama, _NullAdapterLlama])
def test_an_adapter_llama_cpp_refuses_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, llama: type
) -> None:
    monkeypatch.setitem(sys.modules, "llama_cpp", SimpleNamespace(Llama=llama))
    monkeypatch.setattr(local, "_silence_llama_cpp", lambda: None)
    local._load.cache_clear()
    refused = r"^a/x.gguf: llama.cpp cannot apply this LoRA adapter to base.gguf \(not a LoRA GGUF"
    with pytest.raises(BackendUnavailable, match=refused + r", or made for another base model\)$"):
        local._load("m/base.gguf", 512, 1, 0, "a/x.gguf")
    assert local._load("m/base.gguf", 512, 1, 0, None) is not None  # no adapter, no refusal
    local._load.cache_clear()


@click.command()
@model_options
def _show(**options: Any) -> None:
    config = config_from_options(**options)
    click.echo(f"{config.backend.adapter} {config.strategy}")


def test_the_cli_option_and_its_environment_variable() -> None:
    runner = CliRunner()
    assert runner.invoke(_show, ["--adapter", "a/b", "--strategy", "records"]).output == (
        "a/b records\n"
    )
    assert runner.invoke(_show, [], env={"ASSAY_ADAPTER": "c/d"}).output == "c/d None\n"
    assert runner.invoke(_show, []).output == "None None\n"


def test_the_wheel_ships_the_default_adapter_where_the_backend_looks() -> None:
    import tomllib

    root = Path(__file__).resolve().parents[3]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    included = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    name = model_files.DEFAULT_ADAPTER
    source = f"adapters/{name}/adapter.gguf"
    assert included[source] == f"extract/_adapter_files/{name}/adapter.gguf"
    assert (root / source).is_file()


def test_llama_cpp_s_null_files_are_closed_at_exit() -> None:
    # llama-cpp-python opens /dev/null twice at import and never closes it; the backend's
    # exit hook does, so that a run ends without a ResourceWarning.
    pytest.importorskip("llama_cpp")
    code = "import extract._backends.local, llama_cpp"
    run = subprocess.run([sys.executable, "-W", "always", "-c", code], capture_output=True,
                         text=True, check=True, cwd=Path(__file__).parents[3])  # fmt: skip
    assert "ResourceWarning" not in run.stderr
