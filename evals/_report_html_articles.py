"""The eval report's article panels: text with evidence highlighted, beside record cards.

Each article shows its text with every located evidence span highlighted
(predicted evidence where the scorer's grounding found it, gold evidence
located the same way) beside one card per record: the gold and predicted value
of every scored field, its outcome, and, against a baseline, how it flipped.

Every field row is a filter row (:mod:`evals._html_filter`) with the keys
``outcome`` (right, wrong, partial, missing, spurious, or gone: scored in the
baseline only), ``field`` (``deal.investor`` ...), ``article`` and ``flipped``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape

from evals._baseline import ABSENT, FieldFlip
from evals._grounding import evidence_span
from evals._html_article import (
    Span,
    article_section,
    highlight,
    record_card,
    span_legend,
    value_html,
)
from evals._html_filter import group_attrs, row_attrs
from evals._html_page import score_class
from evals._models import EvalReport, FieldOutcome, RecordOutcome
from evals._report_html_tally import OUTCOME_WORDS, FlipIndex, direction
from evals._score import RECORD_LISTS
from extract._schema import ArticleExtraction

REPORT_CSS = """
.flip { font-size: .75rem; white-space: nowrap; }
.flip.better { color: var(--good); } .flip.worse { color: var(--bad); }
.flip.changed { color: var(--muted); }
.chip.s0 { background: #f4a582; } .chip.s1 { background: #fddbc7; }
.chip.s3 { background: #d1e5f0; } .chip.s4 { background: #92c5de; }
.chip.s0, .chip.s1, .chip.s2, .chip.s3, .chip.s4 { color: var(--ink); }
.chip.deal { border-color: #e0b84a; } .chip.plant_fact { border-color: #6aaede; }
"""


def anchor(doc_id: str) -> str:
    """Return the id of an article's section."""
    return "article-" + re.sub(r"[^\w-]", "_", doc_id)


def article_panels(
    report: EvalReport,
    texts: Mapping[str, str],
    gold: Mapping[str, ArticleExtraction],
    flips: FlipIndex | None,
) -> list[str]:
    """Return one section per gold article, in report order."""
    return [
        _panel(index, doc_id, records, report, texts.get(doc_id), gold.get(doc_id), flips)
        for index, (doc_id, records) in enumerate(report.fields.items())
    ]


def _panel(
    index: int,
    doc_id: str,
    records: list[RecordOutcome],
    report: EvalReport,
    text: str | None,
    gold: ArticleExtraction | None,
    flips: FlipIndex | None,
) -> str:
    refs = [f"rec-{index}-{number}" for number in range(len(records))]
    gold_spans = _gold_spans(records, refs, text, gold)
    checked = text is not None and gold is not None  # else nobody looked for gold evidence
    cards = [
        _card(ref, doc_id, record, flips, ref in gold_spans if checked else None)
        for ref, record in zip(refs, records, strict=True)
    ]
    if flips is not None and doc_id in flips.gone:
        cards.append(_gone_card(f"rec-{index}-gone", doc_id, flips.gone[doc_id]))
    spans = _pred_spans(records, refs) + list(gold_spans.values())
    shown = highlight(text, spans) if text is not None else None
    return article_section(
        anchor(doc_id),
        _heading(doc_id, records, report),
        shown,
        cards,
        attrs=group_attrs("article", {"article": doc_id}),
        legend=span_legend(gold=gold is not None),
    )


def _heading(doc_id: str, records: list[RecordOutcome], report: EvalReport) -> str:
    scores = report.by_article[doc_id]
    tally = Counter(field.outcome for record in records for field in record.fields)
    errors = [
        (tally["wrong"] + tally["partial"], "wrong"),
        (tally["missing"], "missing"),
        (tally["spurious"], "unexpected"),
    ]
    words = ", ".join(f"{count} {name}" for count, name in errors if count) or "no errors"
    f1 = (
        f'<span class="chip {score_class(scores.f1)}">F1 {scores.f1:.3f}</span>'
        if tally
        else '<span class="chip">nothing to score</span>'
    )
    badge = ' <span class="chip">no prediction</span>' if scores.missing_prediction else ""
    return f'<h3>{escape(doc_id)}</h3>{f1}{badge}<span class="muted">{words}</span>'


def _pred_spans(records: Sequence[RecordOutcome], refs: Sequence[str]) -> list[Span]:
    spans = []
    for ref, record in zip(refs, records, strict=True):
        found = record.grounding
        if found is None or found.start is None or found.end is None:
            continue
        classes = (record.record_type,) + (() if found.grounded else ("ungrounded",))
        label = f"predicted {record.record_type}: {record.key.removeprefix('pred: ')}"
        spans.append(Span(found.start, found.end, ref, "pred", classes, label))
    return spans


def _gold_spans(
    records: Sequence[RecordOutcome],
    refs: Sequence[str],
    text: str | None,
    gold: ArticleExtraction | None,
) -> dict[str, Span]:
    """Locate each gold record's evidence in the text, as the scorer locates predicted ones."""
    if text is None or gold is None:
        return {}
    spans = {}
    for ref, record in zip(refs, records, strict=True):
        if record.gold_index is None:
            continue
        evidence = getattr(gold, RECORD_LISTS[record.record_type])[record.gold_index].evidence
        span = evidence_span(text, evidence)
        if span is not None:
            label = f"gold {record.record_type}: {record.key}"
            spans[ref] = Span(span[0], span[1], ref, "gold", (), label)
    return spans


def _card(
    ref: str,
    doc_id: str,
    record: RecordOutcome,
    flips: FlipIndex | None,
    gold_located: bool | None,
) -> str:
    status = (
        "matched"
        if record.gold_index is not None and record.pred_index is not None
        else ("missing: not predicted" if record.pred_index is None else "unexpected: not in gold")
    )
    title = (
        f'<span class="chip {record.record_type}">{record.record_type.replace("_", " ")}</span>'
        f"<span>{escape(record.key)}</span>"
        f'<span class="muted">{escape(status)}</span>'
    )
    head = "<tr><th>field</th><th>gold</th><th>predicted</th><th>outcome</th>"
    head += "<th>vs baseline</th></tr>" if flips is not None else "</tr>"
    rows = [_field_row(doc_id, record, field, flips) for field in record.fields]
    return record_card(ref, title, rows, head=head, notes=_notes(record, gold_located))


def _field_row(
    doc_id: str, record: RecordOutcome, field: FieldOutcome, flips: FlipIndex | None
) -> str:
    name = f"{record.record_type}.{field.field}"
    key = (doc_id, record.record_type, record.key, field.field)
    flip = flips.by_key.get(key) if flips is not None else None
    attrs = {"outcome": field.outcome, "field": name, "article": doc_id}
    if flips is not None:
        attrs["flipped"] = "yes" if flip else "no"
    glyph, word = OUTCOME_WORDS[field.outcome]
    cells = (
        f'<th scope="row">{escape(field.field)}</th><td>{value_html(field.gold)}</td>'
        f'<td>{value_html(field.pred)}</td><td class="outcome"><span class="glyph">{glyph}</span>'
        f"{word}</td>"
    )
    if flips is not None:
        cells += f"<td>{_flip_badge(flip)}</td>"
    return f'<tr class="field {field.outcome}"{row_attrs(attrs)}>{cells}</tr>'


def _flip_badge(flip: FieldFlip | None) -> str:
    if flip is None:
        return ""
    way = direction(flip)
    arrow = {"better": "▲ ", "worse": "▼ ", "changed": "↔ "}[way]
    old = "not scored" if flip.old == ABSENT else OUTCOME_WORDS.get(flip.old, ("", flip.old))[1]
    return f'<span class="flip {way}" title="baseline: {escape(flip.old)}">{arrow}was {old}</span>'


def _notes(record: RecordOutcome, gold_located: bool | None) -> str:
    notes = []
    if record.similarity is not None:
        notes.append(f"alignment similarity {record.similarity:.2f}")
    found = record.grounding
    if found is not None:
        notes.append("grounded" if found.grounded else "NOT grounded")
        if found.start is None and record.evidence:
            notes.append(f"predicted evidence not in the text: “{escape(record.evidence)}”")
        elif not found.value_in_evidence:
            notes.append("its value is not in its evidence")
    if record.gold_index is not None and gold_located is False:
        notes.append("gold evidence not located in the text")
    return " · ".join(notes)


def _gone_card(ref: str, doc_id: str, flips: list[FieldFlip]) -> str:
    rows = [
        f'<tr class="field gone"{row_attrs(_gone_attrs(doc_id, flip))}>'
        f'<th scope="row">{escape(flip.field)}</th><td>{escape(flip.record_key)}</td>'
        f"<td>{escape(OUTCOME_WORDS.get(flip.old, ('', flip.old))[1])}</td>"
        f"<td>{_flip_badge(flip)}</td></tr>"
        for flip in flips
    ]
    head = "<tr><th>field</th><th>record</th><th>in the baseline</th><th>vs baseline</th></tr>"
    title = "<span>Scored in the baseline only</span>"
    return record_card(ref, title, rows, head=head)


def _gone_attrs(doc_id: str, flip: FieldFlip) -> dict[str, str]:
    return {
        "outcome": "gone",
        "field": f"{flip.record_type}.{flip.field}",
        "article": doc_id,
        "flipped": "yes",
    }
