"""The eval suite is model-free: it never imports a model library or the pipeline."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import evals

FORBIDDEN = (
    "openai",
    "instructor",
    "llama_cpp",
    "extract._backends.openai",
    "extract._backends",
    "extract._pipeline",
    "extract._batch",
)
MODEL_LIBRARIES = ("openai", "instructor", "llama_cpp")


def _imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_no_evals_module_imports_model_code() -> None:
    package = Path(evals.__file__).parent
    for path in sorted(package.glob("*.py")):
        for name in _imported_names(path):
            assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"


def test_importing_evals_loads_no_model_library() -> None:
    code = (
        "import sys, evals; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {MODEL_LIBRARIES!r}))"
    )
    root = Path(evals.__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=root,
    )
    assert done.stdout.strip() == "[]"
