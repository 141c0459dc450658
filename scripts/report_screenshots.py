"""Regenerate the screenshots of assay's HTML pages in docs/img/ from a small real example.

No model runs. The eval report scores gold/ against a copy of gold/ with a few
deliberate mistakes (a wrong value, a wrong unit, a dropped field, a wrong stage,
a missed record, an invented record), with the committed baseline report
``evals/baselines/gold.json`` (the embedded model's run) as the baseline: so the
page shows wrong, missing and unexpected fields and flips both ways.

Screenshots are taken by Debian's Chromium (``apt-get install -y chromium``)
driven by playwright (``pip install -e '.[dev]'``); no browser is downloaded.

Usage:
    python scripts/report_screenshots.py [--out docs/img] [--keep-html DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from evals import evaluate, load_extractions, load_report, load_texts, render_html
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


PAGES: dict[str, Callable[[], str]] = {"eval-report.png": eval_report_page}


def shoot(page: Page, html: Path, png: Path) -> None:
    """Open ``html`` and save the top of the page, with the "errors" filter on."""
    page.goto(html.as_uri())
    page.get_by_role("radio", name="errors").check(force=True)
    page.mouse.move(0, 0)  # no hover effect in the picture
    page.evaluate("window.scrollTo(0, 0)")
    top = {"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT}
    page.screenshot(path=str(png), full_page=True, clip=top)


def main(argv: list[str] | None = None) -> int:
    """Write every page of :data:`PAGES` and its screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--keep-html", type=Path, help="Also keep the HTML pages here.")
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
        for name, build in PAGES.items():
            html = folder / name.replace(".png", ".html")
            html.write_text(build(), encoding="utf-8")
            shoot(page, html, args.out / name)
            print(args.out / name)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
