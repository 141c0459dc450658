"""The runs-diff page: what changed between two runs of the result store, as one offline file.

Top to bottom: the two runs, a summary of big numbers, what differs in the
runs' manifests (the likely cause), with a gold set the per-field F1 of run B
beside run A as bar charts and the score tables with their ΔF1, a filter bar
(changed / added / removed / all; by field; by article), and every article that
differs: its text with both runs' evidence highlighted beside one card per
added, removed or changed record, field by field.

Built from the eval report's reusable pieces (:mod:`evals._html_page`,
``_html_chart``, ``_html_filter``, ``_html_article``, ``_report_html_scores``):
inline CSS and script only, a Content Security Policy that allows nothing
else, readable with the script off and when printed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from html import escape
from typing import Any

from evals._html_article import ARTICLE_CSS, ARTICLE_SCRIPT
from evals._html_chart import CHART_CSS
from evals._html_filter import FILTER_CSS, FILTER_SCRIPT, Choice, filter_bar, radio_group
from evals._html_filter import select as select_control
from evals._html_page import CSS, Tile, delta, document, manifest_list, tiles
from evals._report_html_articles import REPORT_CSS
from evals._report_html_scores import f1_charts, score_tables
from extract._cli.runs_html_articles import RUNS_CSS, article_panels, filter_rows
from extract._cli.runs_page import RunsPage, Scored

PAGE_CSS = CSS + CHART_CSS + FILTER_CSS + ARTICLE_CSS + REPORT_CSS + RUNS_CSS
CHANGES = ("changed", "added", "removed")
_UNCOMPARED = {"counts", "git_revision"}  # differ between any two runs; not a cause


def render_runs_diff(page: RunsPage) -> str:
    """Render the differences between two runs as one self-contained HTML page."""
    rows = filter_rows(page)
    body = [
        _header(page),
        _summary(page, rows),
        _manifest_diff(page),
        *(_scores(page.scored) if page.scored is not None else []),
        '<h2 id="articles">Articles that differ</h2>',
        _filters(page, rows),
        *article_panels(page),
        _unchanged(page),
    ]
    title = f"assay runs diff {page.diff.run_a} → {page.diff.run_b}"
    return document(title, "\n".join(body), css=PAGE_CSS, script=FILTER_SCRIPT + ARTICLE_SCRIPT)


def _header(page: RunsPage) -> str:
    diff, (a, b) = page.diff, page.manifests
    items = [
        ("run A", f"{diff.run_a} ({_who(a)})"),
        ("run B", f"{diff.run_b} ({_who(b)})"),
        ("store", page.store),
        ("gold", page.scored.a.manifest.gold_source or "" if page.scored else ""),
    ]
    missing = sorted({x.doc_id for x in diff.articles} - set(page.texts))
    if missing:
        items.append(("without text", ", ".join(missing)))
    title = "<h1>assay runs diff</h1>"
    return f"<header>{title}{manifest_list(items)}</header>"


def _who(manifest: Mapping[str, Any]) -> str:
    parts = [str(manifest[k]) for k in ("strategy", "backend", "model") if manifest.get(k)]
    return " · ".join(parts) or "no manifest"


def _summary(page: RunsPage, rows: list[dict[str, str]]) -> str:
    totals, kinds = page.diff.totals(), Counter(row["change"] for row in rows)
    articles = totals["articles_changed"] + totals["articles_unchanged"]
    items = [
        Tile("Articles changed", str(totals["articles_changed"]), f"of {articles}"),
        Tile("Records added", _signed("+", totals["added"]), f"{kinds['added']} fields"),
        Tile("Records removed", _signed("−", totals["removed"]), f"{kinds['removed']} fields"),
        Tile(
            "Records changed", _signed("~", totals["changed"]), f"{kinds['changed']} fields differ"
        ),
    ]
    if page.scored is not None:
        items += [_score_tile(label, old, new) for label, old, new in _headline(page.scored)]
    return tiles(items)


def _signed(sign: str, count: int) -> str:
    return f"{sign}{count}" if count else "0"


def _headline(scored: Scored) -> Iterator[tuple[str, float, float]]:
    a, b = scored.a.overall, scored.b.overall
    yield "Field F1", a.f1, b.f1
    yield "Precision", a.precision, b.precision
    yield "Recall", a.recall, b.recall
    yield "Record F1", a.records.f1, b.records.f1


def _score_tile(label: str, old: float, new: float) -> Tile:
    return Tile(f"{label} (B)", f"{new:.3f}", sub_html=f"{delta(new - old)} from {old:.3f} (A)")


def _scores(scored: Scored) -> list[str]:
    gold = escape(scored.a.manifest.gold_source or scored.source)
    return [
        '<h2 id="charts">Per-field F1: run B beside run A</h2>',
        f'<p class="muted">Both runs scored against {gold}.</p>',
        f1_charts(scored.b, scored.a, series=("run B", "run A"),
                  hint="Click a field to list its changes below."),
        "<h2>Scores of run B, ΔF1 against run A</h2>",
        score_tables(scored.b, scored.a, by_article=False),
    ]  # fmt: skip


def _manifest_diff(page: RunsPage) -> str:
    a, b = (dict(_flat(manifest)) for manifest in page.manifests)
    names = [n for n in dict.fromkeys([*a, *b]) if n.split(".")[0] not in _UNCOMPARED]
    rows = [
        f"<tr><th>{escape(n)}</th><td>{_json(a.get(n))}</td><td>{_json(b.get(n))}</td></tr>"
        for n in names
        if a.get(n) != b.get(n)
    ]
    if not rows:
        return '<h2>The runs</h2><p class="muted">Their manifests are the same.</p>'
    head = "<thead><tr><th>manifest</th><th>run A</th><th>run B</th></tr></thead>"
    return (
        "<h2>What differs between the runs</h2>"
        f'<table class="results manifest-diff">{head}<tbody>{"".join(rows)}</tbody></table>'
    )


def _flat(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping) and value:
        for key, item in value.items():
            yield from _flat(item, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, value


def _json(value: Any) -> str:
    if value is None:
        return '<span class="muted">not set</span>'
    text = value if isinstance(value, str) else json.dumps(value)
    return escape(text if len(text) <= 80 else text[:77] + "...")


def _filters(page: RunsPage, rows: list[dict[str, str]]) -> str:
    kinds = Counter(row["change"] for row in rows)
    show = radio_group(
        "change",
        "show",
        [Choice("", "all", len(rows)), *(Choice(kind, kind, kinds[kind]) for kind in CHANGES)],
    )
    fields = Counter(row["field"] for row in rows)
    scored = list(page.scored.b.by_field) if page.scored is not None else []
    names = list(dict.fromkeys([*scored, *sorted(fields)]))
    articles = Counter(row["article"] for row in rows)
    return filter_bar(
        [
            show,
            select_control("field", "field", [Choice(n, n, fields[n]) for n in names]),
            select_control(
                "article",
                "article",
                [Choice(a.doc_id, a.doc_id, articles[a.doc_id]) for a in page.diff.articles],
            ),
        ],
        noun="fields",
        count_group="article",
        results="articles",
    )


def _unchanged(page: RunsPage) -> str:
    count = page.diff.unchanged
    if not page.diff.articles:
        return f'<p class="muted">No differences: all {count} articles have the same records.</p>'
    return f'<p class="muted">{count} more articles have the same records in both runs.</p>'
