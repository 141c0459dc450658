"""The report manifest: what was scored (gold hash), how it was produced, by which code."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import subprocess
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from evals._align import CONTEXT_WEIGHT, KEY_WEIGHT, MIN_SIMILARITY
from evals._compare import FUZZY_THRESHOLD, REL_TOLERANCE
from evals._models import Manifest
from extract._schema import ArticleExtraction

_REPO_ROOT = Path(__file__).resolve().parent.parent

SCORER_SETTINGS: dict[str, float] = {
    "rel_tolerance": REL_TOLERANCE,
    "fuzzy_threshold": FUZZY_THRESHOLD,
    "key_weight": KEY_WEIGHT,
    "context_weight": CONTEXT_WEIGHT,
    "min_similarity": MIN_SIMILARITY,
}


def gold_hash(gold: Mapping[str, ArticleExtraction]) -> str:
    """Return the sha256 of the gold set: each article's canonical JSON, sorted by doc_id.

    Canonical JSON is the validated model dumped with sorted keys and compact
    separators, so reformatting a gold file does not change the hash but any
    change of content does.
    """
    digest = hashlib.sha256()
    for doc_id in sorted(gold):
        data = gold[doc_id].model_dump(mode="json")
        digest.update(json.dumps(data, sort_keys=True, separators=(",", ":")).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def build_manifest(
    gold: Mapping[str, ArticleExtraction], pred: Mapping[str, ArticleExtraction]
) -> Manifest:
    """Collect the manifest of scoring ``pred`` against ``gold``.

    Prompt ids, model, strategy, backend and schema hash come from the
    predictions' ``meta``. When articles disagree (a mixed run), the distinct
    values are joined with ", " in sorted order, so the mix is visible.
    """
    metas = [extraction.meta for extraction in pred.values() if extraction.meta is not None]
    return Manifest(
        prompt_ids=_merge_prompt_ids(meta.prompt_ids for meta in metas),
        model=_uniform(meta.model for meta in metas),
        strategy=_uniform(meta.strategy for meta in metas),
        backend=_uniform(meta.backend for meta in metas),
        schema_hash=_uniform(meta.schema_hash for meta in metas),
        gold_hash=gold_hash(gold),
        gold_articles=len(gold),
        predicted_articles=len(pred),
        package_version=package_version(),
        git_revision=git_revision(),
        scorer=dict(SCORER_SETTINGS),
    )


def _uniform(values: Iterable[str | None]) -> str | None:
    distinct = sorted({value for value in values if value})
    return ", ".join(distinct) if distinct else None


def _merge_prompt_ids(dicts: Iterable[dict[str, str]]) -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for prompt_ids in dicts:
        for name, prompt_id in prompt_ids.items():
            seen.setdefault(name, set()).add(prompt_id)
    return {name: ", ".join(sorted(ids)) for name, ids in sorted(seen.items())}


def package_version() -> str | None:
    """Return the installed version of assay, else the one in the source tree's pyproject."""
    try:
        return importlib.metadata.version("assay")
    except importlib.metadata.PackageNotFoundError:
        pass
    try:
        with (_REPO_ROOT / "pyproject.toml").open("rb") as handle:
            version = tomllib.load(handle).get("project", {}).get("version")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return version if isinstance(version, str) else None


def git_revision() -> str | None:
    """Return ``git rev-parse HEAD`` of the source tree, or None outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=_REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    revision = result.stdout.strip()
    return revision if result.returncode == 0 and revision else None
