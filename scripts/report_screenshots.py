"""Regenerate the screenshots of assay's HTML pages in docs/img/ from small real examples.

The eval report (``eval-report.png``) runs no model: it scores gold/ against a
copy of gold/ with a few deliberate mistakes (a wrong value, a wrong unit, a
dropped field, a wrong stage, a missed record, an invented record), with the
committed baseline report ``evals/baselines/gold.json`` (the embedded model's
run) as the baseline: so the page shows wrong, missing and unexpected fields
and flips both ways.

The runs-diff page (``runs-diff.png``) compares two real batch runs over the
gold articles in a result store (``--store``): the guided strategy with rules
only, then with rules and the embedded model (the default). The first time this
runs the model over the five articles (minutes); after that every result comes
from the store's cache. The page is what ``assay runs diff A B --store STORE
--gold gold --html FILE`` writes.

Screenshots are taken by Debian's Chromium (``apt-get install -y chromium``)
driven by playwright (``pip install -e '.[dev]'``); no browser is downloaded.

Usage:
    python scripts/report_screenshots.py [--out docs/img] [--keep-html DIR] [--store FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from evals import evaluate, load_extractions, load_report, load_texts, render_html
from extract import ExtractionConfig, Extractor, GuidedOptions
from extract._batch.runner import run_batch
from extract._batch.store import ResultStore
from extract._cli.runs import runs_group
from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTH, HEIGHT = 1400, 2300  # the top of the page: summary, charts, tables, first articles

# (doc_id, record list, index, changes): changes None drops the record.
MISTAKES: list[tuple[str, str, int, dict[str, Any] | None]] = [
    ("000_e602eb67b651133f", "plant_facts", 0, {"value": 9500.0}),
    ("000_e602eb67b651133f", "plant_facts", 3, {"unit": "USD"}),
    ("002_6a78e8b725ffe9cc", "deals", 0, {"counterparty": None, "stage": "agreed"}),
    ("003_37efeb6a7e4789f6", "deals", 2, None),
    ("003_37efeb6a7e4789f6", "plant_facts", 0, {"status": "operating"}),
]
# An invented record: a second figure read from a gold record's sentence.
INVENTED = ("004_30e9be752d8d28ff", 1, {"metric": "production", "value": 500000.0})


def mistaken_predictions(gold: dict[str, ArticleExtraction]) -> dict[str, ArticleExtraction]:
    """Return a copy of ``gold`` with :data:`MISTAKES` made and :data:`INVENTED` added."""
    pred = {doc_id: extraction.model_copy(deep=True) for doc_id, extraction in gold.items()}
    # Drop records last and from the end, so the indices above stay those of gold.
    for doc_id, attribute, index, changes in sorted(MISTAKES, key=lambda m: (m[3] is None, -m[2])):
        records: list[Any] = getattr(pred[doc_id], attribute)
        if changes is None:
            del records[index]
        else:
            model = PlantFact if attribute == "plant_facts" else InvestmentDeal
            records[index] = model.model_validate({**records[index].model_dump(), **changes})
    doc_id, index, changes = INVENTED
    facts = pred[doc_id].plant_facts
    facts.append(PlantFact.model_validate({**facts[index].model_dump(), **changes}))
    return pred


def eval_report_page() -> str:
    """Return the eval report of the mistaken copy of gold, against the committed baseline."""
    gold = load_extractions(ROOT / "gold")
    texts = load_texts(ROOT / "gold" / "articles")
    report = evaluate(gold, mistaken_predictions(gold), texts)
    report.manifest.gold_source = "gold"
    report.manifest.pred_source = "gold with deliberate mistakes (scripts/report_screenshots.py)"
    baseline = load_report(ROOT / "evals" / "baselines" / "gold.json")
    return render_html(report, texts, baseline=baseline, gold=gold)


# The two runs of the runs-diff page: (name, which parts of the guided strategy decide).
RUN_MODES = (("rules only", GuidedOptions(use_model=False)), ("rules + model", GuidedOptions()))


def batch_runs(store: Path) -> list[str]:
    """Run a batch over gold/articles into ``store`` per :data:`RUN_MODES`; return the run ids.

    The same as ``assay batch gold/articles --store STORE`` with each mode's
    options: stored results are reused, so only the first time costs model calls.
    """
    run_ids = []
    for name, options in RUN_MODES:
        config = ExtractionConfig(guided=options)
        with Extractor(config) as extractor, ResultStore(store) as results:
            summary = run_batch(ROOT / "gold" / "articles", extractor, results)
        print(f"{name}: run {summary.run_id}, {summary.extracted} extracted, "
              f"{summary.cached} cached, {summary.failed} failed", file=sys.stderr)  # fmt: skip
        run_ids.append(summary.run_id)
    return run_ids


def runs_diff_page(store: Path, html: Path) -> None:
    """Write the page ``assay runs diff A B --store STORE --gold gold --html HTML`` writes."""
    run_a, run_b = batch_runs(store)
    where = os.path.relpath(store.resolve(), ROOT)  # the page names paths as typed in ROOT
    args = [run_a, run_b, "--store", where, "--gold", "gold", "--html", str(html.resolve())]
    with contextlib.chdir(ROOT):
        runs_group.main(["diff", *args], prog_name="assay runs", standalone_mode=False)


def eval_report_file(store: Path, html: Path) -> None:
    """Write the eval report page (:func:`eval_report_page`) to ``html``."""
    html.write_text(eval_report_page(), encoding="utf-8")


# Screenshot name -> (writes the page, the value of the "show" filter in the picture).
PAGES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "eval-report.png": (eval_report_file, "wrong partial missing spurious"),  # errors
    "runs-diff.png": (runs_diff_page, ""),  # all
}


def shoot(page: Page, html: Path, png: Path, choice: str) -> None:
    """Open ``html`` and save the top of the page, with the "show" choice of value ``choice``."""
    page.goto(html.as_uri())
    page.locator(f'#filters input[type=radio][value="{choice}"]').check(force=True)
    page.mouse.move(0, 0)  # no hover effect in the picture
    page.evaluate("window.scrollTo(0, 0)")
    height = min(HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
    top = {"x": 0, "y": 0, "width": WIDTH, "height": height}
    page.screenshot(path=str(png), full_page=True, clip=top)


def main(argv: list[str] | None = None) -> int:
    """Write every page of :data:`PAGES` and its screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--keep-html", type=Path, help="Also keep the HTML pages here.")
    parser.add_argument(
        "--store",
        type=Path,
        default=ROOT / "out" / "report-screenshots" / "runs.db",
        help="Result store of the runs-diff page's batch runs (kept: a cache).",
    )
    parser.add_argument("--only", choices=list(PAGES), help="Regenerate one screenshot.")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM}: not found; apt-get install -y chromium", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        folder = args.keep_html or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": 900})
        for name, (write, choice) in PAGES.items():
            if args.only not in (None, name):
                continue
            html = folder / name.replace(".png", ".html")
            write(args.store, html)
            shoot(page, html, args.out / name, choice)
            print(args.out / name)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
