"""The HTML eval report opened in headless Chromium (Debian's, driven by playwright).

Checks the live DOM: chart bars as long as the scores, filters that change what
is shown, highlights that sit on the evidence offsets, a print view that shows
everything, no request beyond the file itself. Full-page screenshots go to
``$ASSAY_ARTIFACTS`` (default: a temporary directory) for CI to keep.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from evals_helpers import FACT_CAPACITY, FACT_RESERVES, fact, gold_set, texts
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect

from evals import FieldFlip, diff_reports, evaluate, render_html
from evals._html_chart import PLOT_WIDTH
from extract._schema import ArticleExtraction

pytestmark = pytest.mark.browser

ERRORS = {"wrong", "partial", "missing", "spurious"}

# Per element: is it laid out (display: none anywhere above it gives no boxes)?
_SHOWN = "els => els.filter(e => e.getClientRects().length > 0).length"


class Scenario:
    """Gold, a run with a wrong value, a missed deal and an invented fact; a perfect baseline."""

    def __init__(self) -> None:
        self.gold = gold_set()
        self.pred = _mistaken(self.gold)
        self.texts = texts()
        self.baseline = evaluate(self.gold, self.gold, self.texts)
        self.report = evaluate(self.gold, self.pred, self.texts)
        self.flips: list[FieldFlip] = diff_reports(self.baseline, self.report).flips

    def rows(self) -> list[dict[str, str]]:
        """Every field row the page should have, as its filter values."""
        rows = [
            {"outcome": f.outcome, "field": f"{r.record_type}.{f.field}", "article": doc_id}
            for doc_id, records in self.report.fields.items()
            for r in records
            for f in r.fields
        ]
        gone = [
            {"outcome": "gone", "field": f"{f.record_type}.{f.field}", "article": f.doc_id}
            for f in self.flips
            if f.new == "none"
        ]
        return rows + gone


def _mistaken(gold: dict[str, ArticleExtraction]) -> dict[str, ArticleExtraction]:
    facts_a = [fact(FACT_CAPACITY, value=9500.0), *gold["a"].plant_facts[1:]]
    invented = fact(FACT_RESERVES, metric="production", value=5e5, unit="t", period="year")
    return {
        **gold,
        "a": gold["a"].model_copy(update={"plant_facts": facts_a}),
        "b": gold["b"].model_copy(
            update={"deals": [], "plant_facts": [fact(FACT_RESERVES), invented]}
        ),
    }


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return Scenario()


@pytest.fixture
def page(browser: Browser, scenario: Scenario, tmp_path: Path) -> Iterator[Page]:
    html = tmp_path / "report.html"
    html.write_text(
        render_html(
            scenario.report, scenario.texts, baseline=scenario.baseline, gold=scenario.gold
        ),
        encoding="utf-8",
    )
    opened = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[Request] = []
    problems: list[str] = []
    opened.on("request", lambda request: requests.append(request))
    opened.on("console", lambda m: _console(m, problems))
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.goto(html.as_uri())
    yield opened
    opened.close()
    assert [r.url for r in requests] == [html.as_uri()], "the page fetched something"
    assert problems == [], problems  # a script error or a blocked inline script or style


def _console(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type in ("error", "warning"):
        problems.append(message.text)


def _count(page: Page, selector: str) -> int:
    shown: int = page.eval_on_selector_all(selector, _SHOWN)
    return shown


def _shown(page: Page) -> tuple[int, int, int]:
    """Visible field rows, record cards and articles."""
    return (
        _count(page, "[data-row]"),
        _count(page, ".record"),
        _count(page, "section.article"),
    )


def _expected(scenario: Scenario, keep: Any, *, everything: bool = False) -> tuple[int, int, int]:
    """Rows, cards and articles shown when ``keep`` picks rows; ``everything``: no filter set."""
    rows = [row for row in scenario.rows() if keep(row)]
    cards = set()
    for doc_id, records in scenario.report.fields.items():
        for index, record in enumerate(records):
            if any(
                keep(
                    {
                        "outcome": f.outcome,
                        "field": f"{record.record_type}.{f.field}",
                        "article": doc_id,
                    }
                )
                for f in record.fields
            ):
                cards.add((doc_id, index))
    gone_articles = {row["article"] for row in rows if row["outcome"] == "gone"}
    articles = {doc_id for doc_id, _ in cards} | gone_articles
    if everything:  # articles without any row show too
        articles |= set(scenario.report.fields)
    return len(rows), len(cards) + len(gone_articles), len(articles)


def test_chart_bars_are_as_long_as_the_scores(page: Page, scenario: Scenario) -> None:
    for name, scores in scenario.report.by_field.items():
        row = f'g.row[data-key="{name}"]'
        if scores.tp == scores.fp == scores.fn == 0:
            assert page.locator(f"{row} rect.bar").count() == 0, name  # nothing scored: no bar
            continue
        run = page.locator(f"{row} rect.bar.run")
        width = run.evaluate("el => el.getBBox().width")
        assert width == pytest.approx(scores.f1 * PLOT_WIDTH, abs=0.01), name
        assert float(run.get_attribute("data-value") or "nan") == pytest.approx(scores.f1, abs=1e-6)
        base = page.locator(f"{row} rect.bar.base")
        old = scenario.baseline.by_field[name].f1
        assert base.evaluate("el => el.getBBox().width") == pytest.approx(
            old * PLOT_WIDTH, abs=0.01
        )
        box = run.bounding_box()
        assert box is not None and box["height"] > 4  # drawn, not collapsed
    scored = sum(s.tp + s.fp + s.fn > 0 for s in scenario.report.by_field.values())
    assert _count(page, "rect.bar.run") == _count(page, "rect.bar.base") == scored


@pytest.mark.parametrize(
    ("label", "accepted"),
    [
        ("all", None),
        ("errors", ERRORS),
        ("wrong", {"wrong", "partial"}),
        ("missing", {"missing"}),
        ("unexpected", {"spurious"}),
    ],
)
def test_outcome_filter_changes_what_is_shown(
    page: Page, scenario: Scenario, label: str, accepted: set[str] | None
) -> None:
    page.locator("#filters label", has_text=label).first.click()
    expected = _expected(
        scenario,
        lambda row: accepted is None or row["outcome"] in accepted,
        everything=accepted is None,
    )
    assert _shown(page) == expected
    assert expected[0] > 0
    status = page.locator("#filter-status").inner_text()
    assert status.startswith(f"showing {expected[0]} of {len(scenario.rows())} fields")


def test_field_article_and_flip_filters(page: Page, scenario: Scenario, artifacts: Path) -> None:
    everything = _shown(page)
    page.select_option("select[name=field]", "plant_fact.value")
    assert _shown(page) == _expected(scenario, lambda row: row["field"] == "plant_fact.value")
    page.select_option("select[name=field]", "")
    page.select_option("select[name=article]", "empty")
    assert _shown(page) == (0, 0, 1)  # an article without records still answers to its name
    page.select_option("select[name=article]", "b")
    assert _shown(page) == _expected(scenario, lambda row: row["article"] == "b")
    page.select_option("select[name=article]", "")
    page.check("input[name=flipped]")
    assert _count(page, "[data-row]") == len(scenario.flips)
    wrong_value = page.locator('tr[data-f-article="a"][data-f-field="plant_fact.value"].wrong')
    assert wrong_value.locator(".flip.worse").inner_text() == "▼ was right"
    page.screenshot(path=str(artifacts / "eval-report-flipped.png"), full_page=True)
    page.click("#filters button[type=reset]")
    expect(page.locator(".filtered-out")).to_have_count(0)  # reset applies on the next tick
    assert _shown(page) == everything


def test_chart_row_sets_the_field_filter(page: Page, scenario: Scenario) -> None:
    page.click('g.row[data-key="plant_fact.value"]')
    assert page.locator("select[name=field]").input_value() == "plant_fact.value"
    assert _shown(page) == _expected(scenario, lambda row: row["field"] == "plant_fact.value")


def test_highlights_sit_on_the_evidence_offsets(page: Page, scenario: Scenario) -> None:
    for doc_id, records in scenario.report.fields.items():
        text = scenario.texts[doc_id]
        section = page.locator(f'section[data-f-article="{doc_id}"]')
        marks = section.locator("mark[data-refs]").evaluate_all(
            "els => els.map(m => ({text: m.textContent, start: +m.dataset.start, "
            "end: +m.dataset.end, refs: m.dataset.refs.split(' '), cls: [...m.classList]}))"
        )
        assert section.locator(".text").evaluate("el => el.textContent") == text
        for mark in marks:
            assert mark["text"] == text[mark["start"] : mark["end"]]
        cards = section.locator(".record[data-ref]").evaluate_all("els => els.map(e => e.id)")
        for ref, record in zip(cards, records, strict=False):  # the gone card comes last
            pred, gold = _spans(scenario, doc_id, record)
            covered = {i for m in marks if ref in m["refs"] for i in range(m["start"], m["end"])}
            assert covered == pred | gold, (doc_id, record.key)
            filled = {i for m in marks if ref in m["refs"] and "pred" in m["cls"]
                      for i in range(m["start"], m["end"])}  # fmt: skip
            assert pred <= filled, (doc_id, record.key)
    assert _count(page, "mark.evidence.gold") > 0 and _count(page, "mark.evidence.ungrounded") > 0


def _spans(scenario: Scenario, doc_id: str, record: Any) -> tuple[set[int], set[int]]:
    """Offsets of a record's predicted evidence (the scorer's grounding) and gold evidence."""
    pred: set[int] = set()
    if record.grounding is not None and record.grounding.start is not None:
        pred = set(range(record.grounding.start, record.grounding.end))
    gold: set[int] = set()
    if record.gold_index is not None:
        attribute = "deals" if record.record_type == "deal" else "plant_facts"
        evidence = getattr(scenario.gold[doc_id], attribute)[record.gold_index].evidence
        start = scenario.texts[doc_id].find(evidence)
        gold = set(range(start, start + len(evidence)))
    return pred, gold


def test_print_view_shows_everything(page: Page, scenario: Scenario, artifacts: Path) -> None:
    page.screenshot(path=str(artifacts / "eval-report.png"), full_page=True)
    page.locator("#filters label", has_text="wrong").first.click()
    assert _shown(page)[0] < len(scenario.rows())
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert _shown(page) == _expected(scenario, lambda row: True, everything=True)
    width = page.evaluate("document.documentElement.clientWidth")
    for box in page.locator(".chart svg").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)"
    ):
        assert box <= width  # no chart runs off the page
    page.screenshot(path=str(artifacts / "eval-report-print.png"), full_page=True)


def test_without_script_everything_is_shown(
    browser: Browser, scenario: Scenario, tmp_path: Path
) -> None:
    html = tmp_path / "report.html"
    html.write_text(render_html(scenario.report, scenario.texts), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(html.as_uri())
    assert not page.locator("#filters").is_visible()
    assert _count(page, "[data-row]") == len(scenario.rows()) - sum(
        f.new == "none" for f in scenario.flips
    )  # no baseline given here: no rows for fields gone since it
    assert _count(page, "rect.bar.base") == 0
    context.close()
