"""Shared pieces of the batch and store tests (imported, not collected)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from extract._backends.base import BackendSettings
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article
from extract._strategies.prompts import load_choice_prompt, load_direct_prompt
from extract._testing.responses import article_text

REPO = Path(__file__).resolve().parents[3]
API_KEY = "sk-assay-test-key"
_COMPANY = re.compile(r"Company (\d+) plans")


def deal_sentence(number: int) -> str:
    """The one deal sentence of article ``number`` (a figure unique to it)."""
    return f"Company {number} plans to invest ${number + 1}00 million in a copper smelter."


def article(number: int) -> Article:
    """A small article with one deal sentence and a distractor figure."""
    text = (
        f"ASTANA - Report {number} on the metals industry. {deal_sentence(number)} "
        f"Shares rose 3 percent on the news.\n"
    )
    return Article(id=f"a{number:03d}", text=text)


def write_corpus(directory: Path, count: int) -> Path:
    """``count`` articles as .txt files; returns the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        item = article(number)
        (directory / f"{item.id}.txt").write_text(item.text, encoding="utf-8")
    return directory


def records_for(body: dict[str, Any], *, stage: str = "planned") -> dict[str, Any]:
    """Direct-strategy tool arguments: the article's deal, grounded in its sentence."""
    found = _COMPANY.search(article_text(body))
    if found is None:
        return {"deals": [], "plant_facts": []}
    number = int(found.group(1))
    deal = {
        "investor": f"Company {number}",
        "amount": (number + 1) * 100_000_000.0,
        "currency": "USD",
        "stage": stage,
        "commodities": ["copper"],
        "evidence": deal_sentence(number),
    }
    return {"deals": [deal], "plant_facts": []}


def openai_extractor(base_url: str, **settings: Any) -> Extractor:
    """A direct-strategy extractor against ``base_url`` with short timeouts."""
    values: dict[str, Any] = {
        "backend": "openai",
        "model": "fake",
        "base_url": base_url,
        "api_key": API_KEY,
        "timeout": 5.0,
        "max_retries": 2,
    }
    values.update(settings)
    strategy = values.pop("strategy", None)
    return Extractor(ExtractionConfig(backend=BackendSettings(**values), strategy=strategy))


def clear_prompt_caches() -> None:
    """Forget loaded prompts (they are cached per name, not per directory setting)."""
    load_direct_prompt.cache_clear()
    load_choice_prompt.cache_clear()


@contextmanager
def prompts_dir(directory: Path) -> Iterator[Path]:
    """Point the prompt loader at ``directory`` for the duration."""
    previous = os.environ.get("ASSAY_PROMPTS_DIR")
    os.environ["ASSAY_PROMPTS_DIR"] = str(directory)
    clear_prompt_caches()
    try:
        yield directory
    finally:
        if previous is None:
            os.environ.pop("ASSAY_PROMPTS_DIR", None)
        else:
            os.environ["ASSAY_PROMPTS_DIR"] = previous
        clear_prompt_caches()


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of an ``assay`` subprocess: this checkout first, no stray settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSAY_", "OPENAI_"))}
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def cli_command(*args: object) -> list[str]:
    """``assay ARGS`` as a command line for a fresh interpreter."""
    return [sys.executable, "-c", "from extract._cli.main import main; main()", *map(str, args)]


def run_cli(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``assay ARGS`` in a subprocess and wait for it."""
    return subprocess.run(
        cli_command(*args),
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def fake_args(base_url: str) -> list[str]:
    """CLI options that point a command at the fake server."""
    return [
        "--backend",
        "openai",
        "--base-url",
        base_url,
        "--model",
        "fake",
        "--timeout",
        "5",
        "--max-retries",
        "2",
    ]
