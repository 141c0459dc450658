"""The runs-diff page's article panels: the text with both runs' evidence, beside change cards.

One card per record that differs: *added* (only in run B), *removed* (only in
run A) or *changed* (the same key, other fields differ). Every card is a table
of the record's fields in run A and run B; a field that differs is a filter row
(:mod:`evals._html_filter`) with the keys ``change`` (added, removed, changed),
``field`` (``deal.stage`` ...) and ``article``; a changed record's other fields
are shown beside it as context.

Run B's evidence is filled (green when added, amber when changed), run A's is
underlined (dashed red when removed); each ``<mark>`` names its cards and
character offsets, as :func:`evals._html_article.highlight` makes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from evals._html_article import Span, article_section, highlight, record_card
from evals._html_filter import group_attrs, row_attrs
from evals._html_page import delta, score_class
from evals._report_html_articles import anchor
from extract._batch.rundiff import ArticleDiff
from extract._cli.formatting import field_words, quantity_words, record_words
from extract._cli.runs_page import RunsPage, changed_pairs, record_type
from extract._text.grounding import locate_evidence

CHANGE_WORDS = {"added": "added in B", "removed": "removed in B", "changed": "changed"}
_HIDDEN_FIELDS = {"key", "evidence"}  # the key is the title; evidence is highlighted
_FIGURES = {"amount": "currency", "value": "unit", "value_max": "unit"}  # figure -> its unit

RUNS_CSS = """
mark.evidence.run-b.added { background: #bfe6d3; }
mark.evidence.run-b.changed { background: #fbe3a1; }
mark.evidence.run-a { text-decoration: underline 2px #3b4148; text-underline-offset: 3px; }
mark.evidence.run-a.removed { text-decoration: underline 2px dashed #c24e00; }
tr.field.added > td.b { background: #e0f3ea; }
tr.field.removed > td.a { background: var(--wrong); text-decoration: line-through; }
tr.field.changed > td.a { background: var(--wrong); }
tr.field.changed > td.b { background: #e0f3ea; }
tr.same > * { color: var(--muted); }
.record.added > h4 { border-left: 4px solid #009e73; }
.record.removed > h4 { border-left: 4px solid #c24e00; }
.record.changed > h4 { border-left: 4px solid #e69f00; }
.chip.added { border-color: #009e73; } .chip.removed { border-color: #c24e00; }
.chip.changed { border-color: #e69f00; }
.records .record table { table-layout: fixed; }
.records .record thead th:first-child { width: 8.5rem; }
.manifest-diff td { font-family: ui-monospace, monospace; font-size: .8rem; word-break: break-all; }
"""


def runs_legend() -> str:
    """Return the key of the highlight styles of the runs-diff page."""
    return (
        '<div class="legend"><span>run B evidence: <mark class="evidence run-b added">added'
        '</mark> <mark class="evidence run-b changed">changed</mark></span>'
        '<span>run A evidence: <mark class="evidence run-a removed">removed</mark> '
        '<mark class="evidence run-a">before the change</mark></span></div>'
    )


Entry = tuple[str, Mapping[str, Any] | None, Mapping[str, Any] | None]
"""A card's content: its kind (added, removed, changed), the record in run A and in run B."""


def article_panels(page: RunsPage) -> list[str]:
    """Return one section per article that differs, in doc_id order."""
    return [_panel(index, article, page) for index, article in enumerate(page.diff.articles)]


def filter_rows(page: RunsPage) -> list[dict[str, str]]:
    """Every filter row of the page as its filter values: change, field, article."""
    return [
        {"change": kind, "field": f"{record_type(_either(old, new))}.{name}", "article": doc_id}
        for doc_id, entries in ((a.doc_id, entries_of(a, page)) for a in page.diff.articles)
        for kind, old, new in entries
        for name in changed_fields(kind, old, new)
    ]


def entries_of(article: ArticleDiff, page: RunsPage) -> list[Entry]:
    """The cards of an article: records added, then removed, then changed."""
    doc_id = article.doc_id
    pairs = changed_pairs(article, page.pred_a.get(doc_id), page.pred_b.get(doc_id))
    return [
        *(("added", None, record) for record in article.added),
        *(("removed", record, None) for record in article.removed),
        *(("changed", pair.a, pair.b) for pair in pairs),
    ]


def changed_fields(
    kind: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> list[str]:
    """The fields that make a card's filter rows: those set (added, removed) or changed."""
    if kind == "changed":
        return [n for n in _names(old, new) if n != "key" and _value(old, n) != _value(new, n)]
    either = _either(old, new)
    return [n for n in _names(old, new) if n not in _HIDDEN_FIELDS and not _empty(either.get(n))]


def _names(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> list[str]:
    """The field names of either record, in schema order."""
    return list(dict.fromkeys([*(old or {}), *(new or {})]))


def _panel(index: int, article: ArticleDiff, page: RunsPage) -> str:
    doc_id = article.doc_id
    text = page.texts.get(doc_id)
    entries = entries_of(article, page)
    cards, spans = [], []
    for number, (kind, old, new) in enumerate(entries):
        ref = f"rec-{index}-{number}"
        located = _spans(ref, kind, old, new, text)
        spans += located
        cards.append(_card(ref, kind, doc_id, old, new, _notes(old, new, located, text)))
    return article_section(
        anchor(doc_id),
        _heading(article, page, sum(kind == "changed" for kind, _, _ in entries)),
        highlight(text, spans) if text is not None else None,
        cards,
        attrs=group_attrs("article", {"article": doc_id}),
        legend=runs_legend(),
    )


def _heading(article: ArticleDiff, page: RunsPage, changed: int) -> str:
    chips = [
        f'<span class="chip {kind}">{sign}{count} {kind}</span>'
        for kind, sign, count in (("added", "+", len(article.added)),
                                  ("removed", "−", len(article.removed)),
                                  ("changed", "~", changed)) if count
    ]  # fmt: skip
    if not (article.in_a and article.in_b):
        chips.append(f'<span class="chip">only in run {"A" if article.in_a else "B"}</span>')
    if page.scored is not None and article.doc_id in page.scored.b.by_article:
        old = page.scored.a.by_article[article.doc_id].f1
        new = page.scored.b.by_article[article.doc_id].f1
        chips.append(
            f'<span class="chip {score_class(new)}">F1 {old:.3f} → {new:.3f}</span>'
            + delta(new - old)
        )
    return f"<h3>{escape(article.doc_id)}</h3>{''.join(chips)}"


def _card(
    ref: str,
    kind: str,
    doc_id: str,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    notes: str,
) -> str:
    rtype = record_type(_either(old, new))
    title = (
        f'<span class="chip {rtype}">{rtype.replace("_", " ")}</span>'
        f"<span>{escape(_title(_either(new, old)))}</span>"
        f'<span class="chip {kind}">{escape(CHANGE_WORDS[kind])}</span>'
    )
    changed = set(changed_fields(kind, old, new))
    either = _either(old, new)
    context = [n for n in _names(old, new) if n not in _HIDDEN_FIELDS and not _empty(either.get(n))]
    shown = [n for n in _names(old, new) if n in changed or n in context]
    rows = [_row(doc_id, rtype, kind, name, old, new, name in changed) for name in shown]
    head = "<tr><th>field</th><th>run A</th><th>run B</th></tr>"
    return record_card(ref, title, rows, head=head, notes=notes, kind=kind)


def _title(record: Mapping[str, Any]) -> str:
    """'cost 62 billion KZT · Aksu works': the record in words, without its type (a chip)."""
    words = record_words(dict(record)).removeprefix("plant fact ").removeprefix("deal ")
    return words.replace("  ", " · ")


def _row(
    doc_id: str,
    rtype: str,
    kind: str,
    name: str,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    changed: bool,
) -> str:
    cells = (
        f'<th scope="row">{escape(name)}</th>'
        f'<td class="a">{_cell(name, old)}</td><td class="b">{_cell(name, new)}</td>'
    )
    if not changed:
        return f'<tr class="same">{cells}</tr>'  # context, not a change: no filter row
    attrs = row_attrs({"change": kind, "field": f"{rtype}.{name}", "article": doc_id})
    return f'<tr class="field {kind}"{attrs}>{cells}</tr>'


def _either(first: Mapping[str, Any] | None, second: Mapping[str, Any] | None) -> Mapping[str, Any]:
    found = first if first is not None else second
    assert found is not None  # every entry has a record on at least one side
    return found


def _value(record: Mapping[str, Any] | None, name: str) -> Any:
    return None if record is None else record.get(name)


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == ""


def _cell(name: str, record: Mapping[str, Any] | None) -> str:
    """A field's value as a person reads it; figures with their unit ('$150 million')."""
    if record is None:
        return '<span class="muted">–</span>'
    value = record.get(name)
    if _empty(value):
        return '<span class="muted">not set</span>'
    if name in _FIGURES and isinstance(value, int | float):
        return escape(quantity_words(value, record.get(_FIGURES[name])))
    return escape(field_words(name, value))


def _spans(
    ref: str,
    kind: str,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    text: str | None,
) -> list[Span]:
    """The located evidence of the record in run B (filled) and run A (underlined)."""
    if text is None:
        return []
    spans = []
    for side, record in (("run-b", new), ("run-a", old)):
        if record is None or not record.get("evidence"):
            continue
        found = locate_evidence(record["evidence"], text)
        if found.start is None or found.end is None:
            continue
        rtype = record_type(record)
        label = f"{'run B' if side == 'run-b' else 'run A'}: {record_words(dict(record))}"
        spans.append(Span(found.start, found.end, ref, side, (rtype, kind), label))
    return spans


def _notes(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    located: Sequence[Span],
    text: str | None,
) -> str:
    if text is None:
        return "article text not available"
    sides = {span.side for span in located}
    missing = [name for side, name, record in (("run-a", "run A", old), ("run-b", "run B", new))
               if record is not None and side not in sides]  # fmt: skip
    if not missing:
        return ""
    return f"evidence of {' and '.join(missing)} not found in the text"
