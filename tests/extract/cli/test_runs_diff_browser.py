"""The runs-diff page (``assay runs diff A B --html --gold``) in headless Chromium.

Checks the live DOM against what the runs in :mod:`runs_helpers` hold: chart
bars as long as each run's F1, filters that change what is shown, highlights on
the evidence offsets, nothing fetched, no script error. Screenshots go to
``$ASSAY_ARTIFACTS`` (default: a temporary directory) for CI to keep.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect
from runs_helpers import (
    CAPACITY,
    ERG,
    INDEX,
    RESERVES,
    TEXTS,
    THROUGHPUT,
    ZIJIN,
    gold,
    make_store,
    run_a,
    run_b,
    write_gold,
)

from evals import EvalReport, evaluate
from evals._html_chart import PLOT_WIDTH
from extract._cli.runs import runs_group

pytestmark = pytest.mark.browser

_SHOWN = "els => els.filter(e => e.getClientRects().length > 0).length"

# What the page must show: filter rows (fields that differ) per change, card and article.
# a: throughput added (5 fields set), Zijin changed (counterparty, stage);
# b: reserves added (4), ERG removed (4); d: the index fact removed (4); c: unchanged.
ROWS = {"changed": 2, "added": 9, "removed": 8}
CARDS = {"changed": {"a"}, "added": {"a", "b"}, "removed": {"b", "d"}}
# Per article, per card (added, removed, changed): the evidence of its records in A and B.
EVIDENCE = {
    "a": [[THROUGHPUT["evidence"]], [ZIJIN["evidence"]]],
    "b": [[RESERVES["evidence"]], [ERG["evidence"]]],
    "d": [[INDEX["evidence"]]],
}


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page as the command writes it, from a real store and gold directory."""
    folder = tmp_path_factory.mktemp("runs-diff")
    first, second = make_store(folder / "runs.db")
    out = folder / "diff.html"
    args = ["diff", first, second, "--store", str(folder / "runs.db"),
            "--gold", str(write_gold(folder / "gold")), "--html", str(out)]  # fmt: skip
    result = CliRunner().invoke(runs_group, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def reports() -> tuple[EvalReport, EvalReport]:
    """Run A and run B scored on the gold articles, independently of the page."""
    texts = {doc_id: TEXTS[doc_id] for doc_id in gold()}
    in_gold = {doc_id: result for doc_id, result in run_a().items() if doc_id in gold()}
    return evaluate(gold(), in_gold, texts), evaluate(gold(), run_b(), texts)


@pytest.fixture
def page(browser: Browser, html: Path) -> Iterator[Page]:
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
    assert problems == [], problems


def _console(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type in ("error", "warning"):
        problems.append(message.text)


def _count(page: Page, selector: str) -> int:
    shown: int = page.eval_on_selector_all(selector, _SHOWN)
    return shown


def _shown(page: Page) -> tuple[int, int, set[str]]:
    """Visible filter rows, visible cards, and the articles shown."""
    articles = page.eval_on_selector_all(
        "section.article",
        "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.fArticle)",
    )
    return _count(page, "tr[data-row]"), _count(page, ".record"), set(articles)


def test_chart_bars_are_as_long_as_each_runs_f1(
    page: Page, reports: tuple[EvalReport, EvalReport]
) -> None:
    old, new = reports
    drawn = 0
    for name, scores in new.by_field.items():
        row = f'g.row[data-key="{name}"]'
        if scores.tp == scores.fp == scores.fn == 0:
            assert page.locator(f"{row} rect.bar.run").count() == 0, name
            continue
        for kind, expected in (("run", scores.f1), ("base", old.by_field[name].f1)):
            bar = page.locator(f"{row} rect.bar.{kind}")
            width = bar.evaluate("el => el.getBBox().width")
            assert width == pytest.approx(expected * PLOT_WIDTH, abs=0.01), (name, kind)
        drawn += 1
    assert drawn > 0 and _count(page, "rect.bar.run") == drawn
    stage = page.locator('g.row[data-key="deal.stage"] text').last.text_content() or ""
    assert stage.startswith(f"{new.by_field['deal.stage'].f1:.3f}") and "▲" in stage


@pytest.mark.parametrize("change", ["all", "changed", "added", "removed"])
def test_change_filter_changes_what_is_shown(page: Page, change: str) -> None:
    page.locator("#filters label", has_text=change).first.click()
    if change == "all":
        cards = sum(len(cards) for cards in EVIDENCE.values())
        assert _shown(page) == (sum(ROWS.values()), cards, set(EVIDENCE))
    else:
        cards = sum(_cards_of(change).values())
        assert _shown(page) == (ROWS[change], cards, CARDS[change])
    status = page.locator("#filter-status").inner_text()
    assert status.startswith(f"showing {_shown(page)[0]} of {sum(ROWS.values())} fields")


def _cards_of(change: str) -> dict[str, int]:
    # Each article has at most one card of each kind here.
    return {doc_id: 1 for doc_id in CARDS[change]}


def test_field_and_article_filters(page: Page, artifacts: Path) -> None:
    page.select_option("select[name=field]", "deal.stage")
    assert _shown(page) == (2, 2, {"a", "b"})  # Zijin's stage changed, ERG's went with it
    page.locator("#filters label", has_text="changed").first.click()
    assert _shown(page) == (1, 1, {"a"})
    row = page.locator("tr[data-row]:visible")
    assert row.locator("td.a").inner_text() == "planned"
    assert row.locator("td.b").inner_text() == "agreed"
    page.select_option("select[name=field]", "")
    page.locator("#filters label", has_text="all").first.click()
    page.select_option("select[name=article]", "b")
    assert _shown(page) == (8, 2, {"b"})
    page.locator("#filters label", has_text="removed").first.click()
    assert _shown(page) == (4, 1, {"b"})
    page.screenshot(path=str(artifacts / "runs-diff-filtered.png"), full_page=True)
    page.click("#filters button[type=reset]")
    expect(page.locator(".filtered-out")).to_have_count(0)


def test_chart_row_sets_the_field_filter(page: Page) -> None:
    page.click('g.row[data-key="deal.counterparty"]')
    assert page.locator("select[name=field]").input_value() == "deal.counterparty"
    assert _shown(page) == (1, 1, {"a"})


def test_highlights_sit_on_the_evidence_offsets(page: Page) -> None:
    for doc_id, cards in EVIDENCE.items():
        text = TEXTS[doc_id]
        section = page.locator(f'section[data-f-article="{doc_id}"]')
        assert section.locator(".text").evaluate("el => el.textContent") == text
        marks = section.locator("mark[data-refs]").evaluate_all(
            "els => els.map(m => ({text: m.textContent, start: +m.dataset.start, "
            "end: +m.dataset.end, refs: m.dataset.refs.split(' '), cls: [...m.classList]}))"
        )
        for mark in marks:
            assert mark["text"] == text[mark["start"] : mark["end"]]
        refs = section.locator(".record[data-ref]").evaluate_all("els => els.map(e => e.id)")
        assert len(refs) == len(cards)
        for ref, evidence in zip(refs, cards, strict=True):
            covered = {i for m in marks if ref in m["refs"] for i in range(m["start"], m["end"])}
            expected = {i for e in evidence for i in range(text.find(e), text.find(e) + len(e))}
            assert covered == expected, (doc_id, ref)
    added = page.locator("mark[data-refs].run-b.added").first.text_content() or ""
    assert added in THROUGHPUT["evidence"]
    assert page.locator("mark[data-refs].run-a.removed").count() >= 2  # ERG and the index figure
    assert CAPACITY["evidence"] not in "".join(
        page.locator("mark").all_text_contents()
    )  # unchanged records are not marked


def test_print_view_shows_everything(page: Page, artifacts: Path) -> None:
    page.screenshot(path=str(artifacts / "runs-diff.png"), full_page=True)
    page.locator("#filters label", has_text="added").first.click()
    assert _shown(page)[0] == ROWS["added"]
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert _shown(page)[0] == sum(ROWS.values())
    page.screenshot(path=str(artifacts / "runs-diff-print.png"), full_page=True)


def test_without_script_everything_is_shown(browser: Browser, html: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(html.as_uri())
    assert not page.locator("#filters").is_visible()
    assert _count(page, "tr[data-row]") == sum(ROWS.values())
    context.close()
