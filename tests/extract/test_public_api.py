import ast
from pathlib import Path

import evals
import extract

ROOT = Path(__file__).resolve().parents[2]


def test_extract_all_is_sorted_and_pinned() -> None:
    assert extract.__all__ == sorted(extract.__all__)
    assert extract.__all__ == [
        "Article", "ArticleExtraction", "AssayError", "Backend", "BackendError",
        "BackendSettings", "BackendUnavailable", "ExtractionConfig", "ExtractionMeta",
        "Extractor", "FakeBackend", "GuidedOptions", "InputError", "InvestmentDeal",
        "ModelOutputError", "PlantFact", "PromptError", "RecordGrounding", "StoreError",
        "ValidationFailed", "extract_article", "make_backend",
    ]  # fmt: skip
    for name in extract.__all__:
        assert hasattr(extract, name)


def test_evals_all_is_sorted() -> None:
    assert evals.__all__ == sorted(evals.__all__, key=lambda n: (not n.isupper(), n))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_one_module_imports_openai_or_instructor() -> None:
    importers = sorted(
        str(path.relative_to(ROOT))
        for package in ("extract", "evals")
        for path in (ROOT / package).rglob("*.py")
        if _imports(path) & {"openai", "instructor"}
    )
    assert importers == ["extract/_backends/openai.py"]


def test_evals_never_imports_a_model_package() -> None:
    for path in (ROOT / "evals").rglob("*.py"):
        assert not _imports(path) & {"openai", "instructor", "llama_cpp"}, path
