"""The article panel of assay's HTML pages: the text with evidence highlighted, beside records.

Pieces: :func:`highlight` marks character spans of a text, :func:`record_card` is
one record's box (heading, a table of field values, notes) and
:func:`article_section` puts an article's text and its cards side by side (one
column when printed). The eval report fills the cards with gold / predicted /
outcome; the runs-diff page (``extract._cli.runs_html``) with run A / run B / change.

Highlights are split into non-overlapping segments: each ``<mark class="evidence
pred|gold ...">`` carries ``data-start`` / ``data-end`` (character offsets in the
text) and ``data-refs``, the ids of the record cards whose evidence covers it.
Predicted evidence is filled, gold evidence underlined, so both read where they
overlap. Hovering a card outlines its evidence; clicking a mark shows its card.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from evals._models import FieldValue

ARTICLE_CSS = """
.article { border: 1px solid var(--line); border-radius: 10px; margin: 1.25rem 0; }
.article > header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem .8rem;
  padding: .55rem 1rem; background: var(--panel); border-bottom: 1px solid var(--line);
  border-radius: 10px 10px 0 0; }
.article > header h3 { margin: 0; font-size: 1.02rem; }
.article .body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr);
  gap: 1.25rem; padding: 1rem; }
.text-col { position: sticky; top: 3.4rem; align-self: start; max-height: calc(100vh - 4.5rem);
  overflow: auto; }
.text { white-space: pre-wrap; line-height: 1.65; font-size: .93rem; margin: 0; }
mark.evidence { color: inherit; background: none; border-radius: 2px; cursor: pointer; }
mark.evidence.pred.deal { background: #fbe3a1; }
mark.evidence.pred.plant_fact { background: #cde5f6; }
mark.evidence.pred.deal.plant_fact { background: #dcdcc0; }
mark.evidence.pred.ungrounded { background: repeating-linear-gradient(135deg, #f7d2bd 0 5px,
  #fff 5px 8px); }
mark.evidence.gold { text-decoration: underline 2px #3b4148; text-underline-offset: 3px; }
mark.evidence.focus { outline: 2px solid var(--ink); outline-offset: 1px; }
.record { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 .75rem;
  break-inside: avoid; }
.record.flash { box-shadow: 0 0 0 3px rgba(0, 114, 178, .45); }
.record > h4 { display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem .5rem;
  margin: 0; padding: .35rem .6rem; font-size: .88rem; background: #fbfcfd;
  border-bottom: 1px solid var(--line); border-radius: 8px 8px 0 0; }
.record table { width: 100%; font-size: .84rem; }
.record th[scope="row"] { font-weight: 500; color: var(--muted); width: 8.5rem; }
.record tr:last-child > * { border-bottom: 0; }
.record .notes { margin: 0; padding: .3rem .6rem; font-size: .8rem; color: var(--muted);
  border-top: 1px solid var(--line); }
tr.wrong, tr.partial { background: var(--wrong); }
tr.missing { background: var(--missing); }
tr.spurious { background: var(--spurious); }
.glyph { display: inline-block; width: 1.1em; font-weight: 700; }
tr.right .glyph { color: var(--good); } tr.wrong .glyph, tr.partial .glyph { color: var(--bad); }
@media print {
  .article { break-inside: auto; }
  .article .body { display: block; }
  .text-col { position: static; max-height: none; overflow: visible; margin-bottom: 1rem; }
  mark.evidence { cursor: auto; }
}
"""

ARTICLE_SCRIPT = """
(function () {
  "use strict";
  var each = function (selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  };
  each("[data-ref]", function (card) {
    var selector = 'mark[data-refs~="' + card.getAttribute("data-ref") + '"]';
    var focus = function (on) {
      each(selector, function (mark) { mark.classList.toggle("focus", on); });
    };
    card.addEventListener("mouseenter", function () { focus(true); });
    card.addEventListener("mouseleave", function () { focus(false); });
  });
  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark[data-refs]") : null;
    var card = mark && document.getElementById(mark.getAttribute("data-refs").split(" ")[0]);
    if (!card) { return; }
    card.scrollIntoView({ block: "nearest" });
    card.classList.add("flash");
    window.setTimeout(function () { card.classList.remove("flash"); }, 1200);
  });
})();
"""


@dataclass(frozen=True)
class Span:
    """A located evidence span.

    Attributes:
        start: Offset of its first character in the text.
        end: Offset just past its last character.
        ref: Id of the record card it belongs to.
        side: ``pred`` (filled) or ``gold`` (underlined) in :data:`ARTICLE_CSS`; a
            page may style sides of its own (the runs-diff page: ``run-a``, ``run-b``).
        classes: More classes for its marks (record type, ``ungrounded``).
        label: Words for the tooltip.

    """

    start: int
    end: int
    ref: str
    side: str
    classes: tuple[str, ...] = ()
    label: str = ""


def highlight(text: str, spans: Sequence[Span]) -> str:
    """Return ``text`` escaped, with every span marked (overlaps split into segments)."""
    kept = [span for span in spans if 0 <= span.start < span.end <= len(text)]
    bounds = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    parts = []
    for start, end in itertools.pairwise(bounds):
        segment = escape(text[start:end])
        covering = [span for span in kept if span.start <= start and end <= span.end]
        parts.append(_mark(segment, start, end, covering) if covering else segment)
    return "".join(parts)


def _mark(segment: str, start: int, end: int, covering: list[Span]) -> str:
    sides = sorted({span.side for span in covering}, reverse=True)  # pred before gold, b before a
    extra = sorted({name for span in covering for name in span.classes})
    refs = " ".join(dict.fromkeys(span.ref for span in covering))
    title = "; ".join(dict.fromkeys(span.label for span in covering if span.label))
    return (
        f'<mark class="{" ".join(["evidence", *sides, *extra])}" data-refs="{escape(refs)}" '
        f'data-start="{start}" data-end="{end}" title="{escape(title)}">{segment}</mark>'
    )


def span_legend(*, gold: bool = True) -> str:
    """Return the key of the highlight styles (``gold``: the gold style too)."""
    items = [
        '<span><mark class="evidence pred deal">deal</mark> / '
        '<mark class="evidence pred plant_fact">plant fact</mark> predicted evidence</span>',
        '<span><mark class="evidence pred ungrounded">ungrounded</mark> '
        "(value not in its evidence)</span>",
    ]
    if gold:
        items.insert(1, '<span><mark class="evidence gold">gold evidence</mark></span>')
    return f'<div class="legend">{"".join(items)}</div>'


def article_section(
    anchor: str,
    heading: str,
    text: str | None,
    cards: Sequence[str],
    *,
    attrs: str = "",
    legend: str = "",
) -> str:
    """Return one article: a header, its text (already highlighted) and its record cards.

    Args:
        anchor: The section's id.
        heading: Header markup (title, scores, badges).
        text: The highlighted text markup, or None when the text is not available.
        cards: Markup of the record cards, from :func:`record_card`.
        attrs: Extra attributes (with a leading space), e.g. from ``group_attrs``.
        legend: Markup above the text, e.g. :func:`span_legend`.

    """
    shown = (
        f'<div class="text-col">{legend}<div class="text">{text}</div></div>'
        if text is not None
        else '<div class="text-col"><p class="no-text muted">Article text not available.</p></div>'
    )
    records = "".join(cards) or '<p class="muted">No records in gold or prediction.</p>'
    return (
        f'<section class="article" id="{escape(anchor)}"{attrs}><header>{heading}</header>'
        f'<div class="body">{shown}<div class="records">{records}</div></div></section>'
    )


def record_card(
    ref: str, title: str, rows: Sequence[str], *, head: str, notes: str = "", kind: str = ""
) -> str:
    """Return one record's card: a title line, a table of its fields and optional notes.

    Args:
        ref: The card's id (``data-ref``), as the highlights' ``data-refs`` name it.
        title: Title markup.
        rows: Table rows (``<tr>`` markup), one per field.
        head: The table's header row markup.
        notes: Markup under the table.
        kind: A class for the card's style (the runs-diff page: added, removed, changed).

    """
    table = f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    notes_html = f'<p class="notes">{notes}</p>' if notes else ""
    classes = f"record {escape(kind)}" if kind else "record"
    return (
        f'<article class="{classes}" id="{escape(ref)}" data-ref="{escape(ref)}" '
        f'data-group="record"><h4>{title}</h4>{table}{notes_html}</article>'
    )


def value_html(value: FieldValue) -> str:
    """Return a field value as a person reads it (lists joined, numbers grouped), escaped."""
    if value is None:
        return ""
    if isinstance(value, list):
        return escape(", ".join(value))
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return escape(str(value))
