"""A self-contained HTML report: tables, and each article with its evidence highlighted.

One file, inline CSS, no scripts and no external assets, so it can be attached
to a CI run or mailed. Every piece of text goes through :func:`html.escape`.

Field rows carry the CSS class ``right`` (agrees with gold), ``wrong`` (a wrong
value, a predicted value without gold, or a partly right list) or ``missing``
(gold not predicted), plus the exact outcome name as a second class.
Predicted evidence found in the article is wrapped in ``<mark class="evidence
deal|plant_fact">``; ungrounded marks also carry ``ungrounded``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from html import escape

from evals._models import EvalReport, FieldValue, RecordOutcome, Scores

_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.right td { background: #e6f4ea; }
tr.wrong td { background: #fde8e8; }
tr.missing td { background: #fff4d6; }
tr.record th { background: #eef; }
.text { white-space: pre-wrap; border: 1px solid #ddd; padding: 1em; background: #fafafa; }
mark.evidence { background: #fff176; }
mark.evidence.plant_fact { background: #b3e5fc; }
mark.evidence.ungrounded { background: #ffcdd2; }
.meta { color: #555; }
"""

_MACRO = "fields (macro)"

_OUTCOME_CLASS = {
    "right": "right",
    "wrong": "wrong",
    "spurious": "wrong",
    "partial": "wrong",
    "missing": "missing",
}


def render_html(report: EvalReport, texts: Mapping[str, str]) -> str:
    """Render ``report`` as one self-contained HTML page.

    Args:
        report: A report from :func:`evals.evaluate`.
        texts: Article texts by doc_id, to show with the evidence highlighted
            (the same texts the report was scored with).

    Returns:
        The HTML document.

    """
    body = [
        "<h1>assay eval report</h1>",
        _manifest(report),
        "<h2>Overall</h2>",
        _scores_table("overall", _overall_rows(report)),
        "<h2>Per field</h2>",
        _scores_table("by-field", report.by_field.items()),
        "<h2>Per article</h2>",
        _scores_table("by-article", ((doc_id, s) for doc_id, s in report.by_article.items())),
    ]
    body += [
        _article(doc_id, records, texts.get(doc_id)) for doc_id, records in report.fields.items()
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>assay eval report</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _manifest(report: EvalReport) -> str:
    manifest = report.manifest.model_dump(exclude={"scorer", "prompt_ids"})
    manifest["prompt_ids"] = ", ".join(f"{k}={v}" for k, v in report.manifest.prompt_ids.items())
    items = "".join(
        f"<li>{escape(name)}: {escape(str(value))}</li>"
        for name, value in manifest.items()
        if value not in (None, "")
    )
    notes = [
        ("without prediction", report.missing_predictions),
        ("predictions not in gold", report.unexpected_predictions),
        ("without text", report.grounding.articles_without_text),
    ]
    items += "".join(
        f"<li>{escape(label)}: {escape(', '.join(ids))}</li>" for label, ids in notes if ids
    )
    grounding = report.grounding
    items += (
        f"<li>grounding: {grounding.grounded}/{grounding.records} predicted records grounded</li>"
    )
    return f'<ul class="meta">{items}</ul>'


def _overall_rows(report: EvalReport) -> list[tuple[str, Scores]]:
    overall, macro = report.overall, report.overall.macro
    rows: list[tuple[str, Scores]] = [
        ("fields (micro)", overall),
        (_MACRO, Scores(precision=macro.precision, recall=macro.recall, f1=macro.f1)),
        ("records", overall.records),
    ]
    for name, group in report.by_type.items():
        rows += [(f"{name} fields", group), (f"{name} records", group.records)]
    return rows


def _scores_table(table_id: str, rows: Iterable[tuple[str, Scores]]) -> str:
    head = "<tr><th></th><th>P</th><th>R</th><th>F1</th><th>TP</th><th>FP</th><th>FN</th></tr>"
    cells = [
        f"<tr><th>{_label(table_id, label)}</th>{_score_cells(label, s)}</tr>" for label, s in rows
    ]
    return f'<table class="results" id="{table_id}">{head}{"".join(cells)}</table>'


def _score_cells(label: str, scores: Scores) -> str:
    shown = [f"{value:.3f}" for value in (scores.precision, scores.recall, scores.f1)]
    counts = [str(value) for value in (scores.tp, scores.fp, scores.fn)]
    if label == _MACRO:
        counts = ["-"] * 3
    elif scores.tp == scores.fp == scores.fn == 0:
        shown = ["-"] * 3  # nothing scored: the 1.0 convention would mislead a reader
    return "".join(f'<td class="num">{value}</td>' for value in (*shown, *counts))


def _label(table_id: str, label: str) -> str:
    if table_id != "by-article":
        return escape(label)
    return f'<a href="#{_anchor(label)}">{escape(label)}</a>'


def _anchor(doc_id: str) -> str:
    return "article-" + re.sub(r"[^\w-]", "_", doc_id)


def _article(doc_id: str, records: list[RecordOutcome], text: str | None) -> str:
    shown = (
        f'<div class="text">{highlight(text, records)}</div>'
        if text is not None
        else '<p class="no-text">Article text not available.</p>'
    )
    return (
        f'<section class="article" id="{_anchor(doc_id)}"><h2>{escape(doc_id)}</h2>'
        f'{shown}<table class="records"><tr><th>field</th><th>gold</th><th>predicted</th>'
        f"<th>outcome</th></tr>{''.join(_record_rows(record) for record in records)}</table>"
        "</section>"
    )


def highlight(text: str, records: list[RecordOutcome]) -> str:
    """Return ``text`` escaped, with each located predicted evidence wrapped in ``<mark>``.

    Overlapping evidence is split into segments; each segment's mark lists the
    record types and keys of every evidence that covers it.
    """
    spans = [
        (r.grounding.start, r.grounding.end, r)
        for r in records
        if r.grounding is not None and r.grounding.start is not None and r.grounding.end is not None
    ]
    bounds = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts = []
    for start, end in itertools.pairwise(bounds):
        covering = [r for s, e, r in spans if s <= start and end <= e]
        segment = escape(text[start:end])
        if not covering:
            parts.append(segment)
            continue
        classes: list[str] = sorted({r.record_type for r in covering})
        if any(r.grounding is not None and not r.grounding.grounded for r in covering):
            classes.append("ungrounded")
        title = escape("; ".join(r.key for r in covering))
        parts.append(f'<mark class="evidence {" ".join(classes)}" title="{title}">{segment}</mark>')
    return "".join(parts)


def _record_rows(record: RecordOutcome) -> str:
    status = (
        "aligned"
        if record.gold_index is not None and record.pred_index is not None
        else ("missing" if record.pred_index is None else "spurious")
    )
    notes = [record.record_type, status]
    if record.similarity is not None:
        notes.append(f"similarity {record.similarity:.2f}")
    if record.grounding is not None:
        notes.append("grounded" if record.grounding.grounded else "NOT grounded")
    header = (
        f'<tr class="record"><th colspan="4">{escape(record.key)} '
        f'<span class="meta">({escape(", ".join(notes))})</span></th></tr>'
    )
    rows = [
        f'<tr class="{_OUTCOME_CLASS[f.outcome]} {f.outcome}"><td>{escape(f.field)}</td>'
        f"<td>{_value(f.gold)}</td><td>{_value(f.pred)}</td><td>{f.outcome}</td></tr>"
        for f in record.fields
    ]
    if record.evidence is not None:
        rows.append(
            f'<tr class="evidence"><td>evidence</td><td colspan="3">'
            f"{escape(record.evidence)}</td></tr>"
        )
    return header + "".join(rows)


def _value(value: FieldValue) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return escape(", ".join(value))
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return escape(str(value))
