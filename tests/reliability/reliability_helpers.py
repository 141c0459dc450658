"""Shared pieces of the reliability suite (imported, not collected)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import click

from extract._cli.main import _register_optional_commands, cli
from extract._testing.responses import article_text

REPO = Path(__file__).resolve().parents[2]

# One sentence per record kind, so that a responder can answer with grounded records.
DEAL_SENTENCE = "The company plans to invest $150 million in a second smelting shop."
FACT_SENTENCE = "The Aksu plant produced 186 thousand tonnes of ferrochrome in 2024."
ARTICLE = f"ASTANA - An update on the ferroalloy industry. {DEAL_SENTENCE} {FACT_SENTENCE}\n"

DEAL = {"investor": "Eurasian Alloys", "amount": 150_000_000.0, "currency": "USD",
        "stage": "planned", "evidence": DEAL_SENTENCE}  # fmt: skip
FACT = {"facility": "Aksu plant", "metric": "production", "value": 186_000.0, "unit": "t",
        "period": "year", "evidence": FACT_SENTENCE}  # fmt: skip


def article(marker: str) -> str:
    """An article that a responder can recognise by ``marker`` (kept out of the figures)."""
    return f"Report {marker}. {ARTICLE}"


def records_for(body: dict[str, Any]) -> dict[str, Any]:
    """Tool arguments for the direct strategy: one deal and one fact, both grounded."""
    return {"deals": [DEAL], "plant_facts": [FACT]} if DEAL_SENTENCE in article_text(body) else {
        "deals": [], "plant_facts": []}  # fmt: skip


def planted_key() -> str:
    """A fresh API key that cannot be confused with anything else in the output."""
    return f"sk-assay-PLANTED-{secrets.token_hex(12)}"


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for an ``assay`` subprocess: this checkout on the path, no stray keys."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSAY_", "OPENAI_"))}
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def run_cli(*args: object, env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Run ``assay ARGS`` in a fresh interpreter, as a user would."""
    command = [sys.executable, "-c", "from extract._cli.main import main; main()", *map(str, args)]
    return subprocess.run(command, env=env or cli_env(), cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, check=False)  # fmt: skip


def openai_args(base_url: str, *, timeout: float = 5, retries: int = 2) -> list[str]:
    """Options that point a command at the fake server with short timeouts."""
    return ["--backend", "openai", "--model", "fake-model", "--base-url", base_url,
            "--timeout", str(timeout), "--max-retries", str(retries)]  # fmt: skip


def assay_cli() -> click.Group:
    """The ``assay`` group with every command, as ``main()`` builds it."""
    _register_optional_commands()
    return cli
