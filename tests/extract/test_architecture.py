"""The package layout and its import contracts (pyproject's [tool.importlinter]) hold."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SUBPACKAGES = ("_backends", "_batch", "_cli", "_pipeline", "_strategies", "_text")


def _contracts() -> dict[str, dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_extract_shows_its_architecture_in_a_dozen_entries() -> None:
    entries = sorted(p.name for p in (ROOT / "extract").iterdir() if p.name != "__pycache__")
    assert len(entries) <= 12, entries
    assert set(SUBPACKAGES) <= set(entries)


def test_every_subpackage_says_what_it_owns_and_may_import() -> None:
    for init in sorted((ROOT / "extract").glob("_*/**/__init__.py")):
        if "_testing" in init.parts:
            continue
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and "May import" in docstring, init


def test_the_layers_run_from_the_cli_down_to_the_contract() -> None:
    layers = _contracts()["extract layers, one way down"]
    assert layers["type"] == "layers"
    assert layers["layers"] == [
        "extract._cli", "extract._batch", "extract._pipeline", "extract._strategies",
        "extract._backends | extract._text", "extract._schema", "extract._vocab | extract._errors",
    ]  # fmt: skip


def test_cycles_independence_and_model_isolation_are_contracts() -> None:
    contracts = _contracts()
    assert contracts["no import cycles in extract or evals"]["ancestors"] == ["extract", "evals"]
    strategies = contracts["the direct and guided strategies are independent"]
    assert strategies["type"] == "independence"
    backends = contracts["the local, openai and fake backends are independent"]
    assert backends["type"] == "independence"
    evals = contracts["evals never calls a model"]
    assert {"extract._backends", "extract._pipeline", "openai", "llama_cpp"} <= set(
        evals["forbidden_modules"]
    )
    openai = contracts["only extract._backends.openai talks to openai and instructor"]
    assert openai["allowed_importers"] == ["extract._backends.openai"]


def test_lint_imports_keeps_every_contract() -> None:
    code = ("import sys; from importlinter.cli import lint_imports; "
            "sys.exit(lint_imports(no_cache=True, no_logo=True))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in done.stdout
