"""Page pieces shared by assay's HTML pages: the document shell, the stylesheet, score cells.

The eval report (:mod:`evals._report_html`) is built from these pieces and from
:mod:`evals._html_chart`, :mod:`evals._html_filter` and :mod:`evals._html_article`;
the runs-diff page (``assay runs diff A B --html``, :mod:`extract._cli.runs_html`)
reuses them, so each piece is a small function of plain values that returns
escaped markup.

Every page is one self-contained file: inline CSS and script only, and a Content
Security Policy that allows exactly those two (by hash) and nothing else, so an
opened report cannot fetch anything even if some text slipped through unescaped.
Colours come from colour-blind-safe palettes (ColorBrewer RdBu for scores,
Okabe-Ito for outcomes), and every colour is doubled by a word or a glyph.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

SCORE_BANDS = (0.5, 0.7, 0.85, 0.95)
"""Upper bounds of the score colour bands ``s0`` .. ``s3``; ``s4`` is 0.95 and up."""

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d6dde4; --panel: #f6f8fa;
  --run: #0072b2; --base: #b4bdc6; --good: #0072b2; --bad: #c24e00;
  --right: #ffffff; --wrong: #fbe2cf; --missing: #fff2bf; --spurious: #eedff4; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.5 system-ui, -apple-system,
  "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 88rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
h1 { font-size: 1.55rem; margin: 0; letter-spacing: -.01em; }
h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: .95rem; margin: 0 0 .4rem; }
a { color: var(--run); }
.muted { color: var(--muted); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.manifest { display: flex; flex-wrap: wrap; gap: .1rem 1.25rem; margin: .4rem 0 0; padding: 0;
  list-style: none; color: var(--muted); font-size: .82rem; }
.manifest b { font-weight: 600; color: var(--ink); }
.notice { border-left: 4px solid var(--bad); background: #fdf1e8; padding: .4rem .8rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: .5rem;
  margin: 1rem 0 .5rem; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: .5rem .75rem;
  background: var(--panel); }
.tile .label { font-size: .72rem; letter-spacing: .05em; text-transform: uppercase;
  color: var(--muted); }
.tile .value { font-size: 1.5rem; font-weight: 650; line-height: 1.25;
  font-variant-numeric: tabular-nums; }
.tile .sub { font-size: .8rem; color: var(--muted); }
.counts { margin: .25rem 0 0; font-size: .88rem; }
.counts > span { margin-right: 1rem; white-space: nowrap; }
.delta { font-variant-numeric: tabular-nums; white-space: nowrap; }
.delta.up { color: var(--good); } .delta.down { color: var(--bad); }
.delta.same { color: var(--muted); }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr));
  gap: .75rem 2rem; align-items: start; }
table { border-collapse: collapse; font-size: .86rem; }
th, td { padding: .2rem .5rem; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
thead th { color: var(--muted); font-size: .75rem; font-weight: 600; border-bottom-width: 2px;
  white-space: nowrap; }
tbody th { font-weight: 500; }
table.results { margin: 0 0 1.25rem; }
td.s0 { background: #f4a582; } td.s1 { background: #fddbc7; } td.s2 { background: #f2f2f2; }
td.s3 { background: #d1e5f0; } td.s4 { background: #92c5de; }
.legend { display: flex; flex-wrap: wrap; gap: .2rem .9rem; font-size: .78rem;
  color: var(--muted); margin: .3rem 0; }
.key { display: inline-block; width: .9em; height: .9em; vertical-align: -.12em;
  margin-right: .3em; border: 1px solid rgba(0, 0, 0, .25); border-radius: 2px; }
.key.s0 { background: #f4a582; } .key.s1 { background: #fddbc7; }
.key.s2 { background: #f2f2f2; } .key.s3 { background: #d1e5f0; }
.key.s4 { background: #92c5de; }
.chip { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .72rem;
  border: 1px solid var(--line); background: #fff; color: var(--muted); white-space: nowrap; }
@media screen { .filtered-out { display: none !important; } }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .no-print, .filters { display: none !important; }
  h2, h3 { break-after: avoid; }
  .grid2 { grid-template-columns: 1fr 1fr; }
  table.results { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


@dataclass(frozen=True)
class Tile:
    """One number of a page's summary: a label, the value as shown, an optional line under it."""

    label: str
    value: str
    sub: str = ""
    sub_html: str = ""


def document(title: str, body: str, *, css: str = CSS, script: str = "") -> str:
    """Wrap ``body`` (markup) in a complete page with inline ``css`` and ``script``.

    The Content Security Policy names the hashes of exactly these two, so the
    page can neither load nor run anything else.
    """
    policy = f"default-src 'none'; style-src '{_sha256(css)}'"
    if script:
        policy += f"; script-src '{_sha256(script)}'"
    tail = f"<script>{script}</script>\n" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title><style>{css}</style></head>\n"
        f"<body><main>\n{body}\n</main>\n{tail}</body></html>\n"
    )


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def score_class(value: float) -> str:
    """Return the colour band (``s0`` worst .. ``s4`` best) of a score in [0, 1]."""
    return f"s{sum(value >= bound for bound in SCORE_BANDS)}"


def score_cell(value: float | None) -> str:
    """Return a ``<td>`` with a score to three decimals, coloured by its band; None is '-'."""
    if value is None:
        return '<td class="num">-</td>'
    return f'<td class="num {score_class(value)}">{value:.3f}</td>'


def score_legend() -> str:
    """Return the key of the score colour bands."""
    lows = (0.0, *SCORE_BANDS)
    highs = (*SCORE_BANDS, 1.0)
    items = [
        f'<span><i class="key s{band}"></i>{low:g}{"–" if band < 4 else "+"}'
        f"{f'{high:g}' if band < 4 else ''}</span>"
        for band, (low, high) in enumerate(zip(lows, highs, strict=True))
    ]
    return f'<div class="legend"><span>score colours:</span>{"".join(items)}</div>'


def change(value: float, *, digits: int = 3) -> tuple[str, str]:
    """Return ``(kind, text)`` of a signed change: ``up`` / ``down`` / ``same`` and '▲ +0.050'."""
    if round(value, digits) == 0:
        return "same", "= 0"
    arrow, kind = ("▲", "up") if value > 0 else ("▼", "down")
    shown = f"{value:+.{digits}f}".replace("-", "\u2212")  # a real minus sign
    return kind, f"{arrow} {shown}"


def delta(value: float | None, *, digits: int = 3) -> str:
    """Return a signed change as a coloured ``<span>``, or '' when there is none."""
    if value is None:
        return ""
    kind, text = change(value, digits=digits)
    return f'<span class="delta {kind}">{text}</span>'


def tiles(items: Iterable[Tile]) -> str:
    """Return the summary tiles: a row of big numbers with a label and a note each."""
    cells = [
        f'<div class="tile"><div class="label">{escape(tile.label)}</div>'
        f'<div class="value">{escape(tile.value)}</div>'
        f'<div class="sub">{escape(tile.sub)}{tile.sub_html}</div></div>'
        for tile in items
    ]
    return f'<div class="tiles">{"".join(cells)}</div>'


def manifest_list(items: Iterable[tuple[str, str]]) -> str:
    """Return a compact one-paragraph list of ``name: value`` pairs (empty values left out)."""
    shown = [f"<li>{escape(name)}: <b>{escape(value)}</b></li>" for name, value in items if value]
    return f'<ul class="manifest">{"".join(shown)}</ul>'
