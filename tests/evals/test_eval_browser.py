"""The HTML report opened in headless Chromium: the DOM has the tables and the highlights."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from evals_helpers import FACT_CAPACITY, fact, gold_set, texts

from evals import evaluate, render_html

pytestmark = pytest.mark.browser


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    reason = "chromium is not installed (Debian: apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason)  # CI installs it: a missing browser is a broken set-up there
    pytest.skip(reason)


def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    gold = gold_set()
    facts = [fact(FACT_CAPACITY, value=9500.0), *gold["a"].plant_facts[1:]]
    pred = {**gold, "a": gold["a"].model_copy(update={"plant_facts": facts})}
    page = tmp_path / "report.html"
    page.write_text(render_html(evaluate(gold, pred, texts()), texts()), encoding="utf-8")
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    dom = done.stdout
    assert done.returncode == 0, done.stderr[-2000:]
    assert '<table class="results" id="overall">' in dom
    assert '<table class="results" id="by-field">' in dom
    assert '<tr class="wrong wrong"><td>value</td>' in dom
    evidence = gold["b"].deals[0].evidence
    assert f'<mark class="evidence deal" title="ERG / 320,000,000 USD">{evidence}</mark>' in dom
    ungrounded = FACT_CAPACITY["evidence"]
    assert f">{ungrounded}</mark>" in dom and "evidence plant_fact ungrounded" in dom
