"""A filter bar for assay's HTML pages: markup helpers and one generic inline script.

The script knows nothing about eval reports. A page marks what can be hidden:

- rows: ``data-row`` plus one ``data-f-KEY="value"`` per filter key (see
  :func:`row_attrs`); a row is shown when, for every filter that is set, its
  value is one of the filter's (space-separated) values;
- groups (an article, a record card): ``data-group="KIND"`` and optionally some
  ``data-f-KEY`` of their own (:func:`group_attrs`); a group is shown when its own
  values pass and it has a shown row, or it has no rows and every set filter is
  one of its own keys (an article without records still answers to "article").

Controls are named by KEY (:func:`radio_group`, :func:`select`, :func:`checkbox`);
an empty value means "all". Hidden things get the class ``filtered-out``, which
hides them on screen only: printing shows everything. Without script the bar
stays hidden (``hidden``) and everything is shown. Any element with
``data-set-filter="KEY=value"`` (a chart row) sets that filter when clicked.
The runs-diff page reuses all of this with its own keys (added / removed / changed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

FILTER_CSS = """
.filters[hidden] { display: none; }
.filters { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap;
  align-items: center; gap: .5rem 1.25rem; margin: 1rem -0.5rem; padding: .55rem .5rem;
  background: rgba(255, 255, 255, .97); border-bottom: 1px solid var(--line);
  box-shadow: 0 2px 6px -4px rgba(0, 0, 0, .25); font-size: .86rem; }
.filters fieldset { display: flex; align-items: center; border: 0; margin: 0; padding: 0; }
.filters legend, .filters .name { float: left; margin-right: .45rem; color: var(--muted); }
.seg { display: inline-flex; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
.seg label { position: relative; }
.seg input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
.seg span { display: inline-block; padding: .15rem .6rem; border-left: 1px solid var(--line); }
.seg label:first-child span { border-left: 0; }
.seg input:checked + span { background: var(--ink); color: #fff; }
.seg input:focus-visible + span, .filters select:focus-visible { outline: 2px solid var(--run); }
.seg b { font-weight: 600; font-variant-numeric: tabular-nums; opacity: .75; margin-left: .2em; }
.filters select { font: inherit; padding: .1rem .3rem; max-width: 16rem; }
.filters button { font: inherit; padding: .1rem .6rem; }
#filter-status { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
"""

FILTER_SCRIPT = """
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("filters");
  if (!form) { return; }
  var all = function (selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  };
  var rows = all("[data-row]"), groups = all("[data-group]");
  var hidden = function (el) { return el.classList.contains("filtered-out"); };
  function wanted() {
    var chosen = {};
    all("input, select", form).forEach(function (el) {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      if (el.name && el.value) { chosen[el.name] = el.value.split(" "); }
    });
    return chosen;
  }
  function passes(el, chosen, strict) {
    return Object.keys(chosen).every(function (key) {
      var have = el.getAttribute("data-f-" + key);
      return have === null ? !strict : chosen[key].indexOf(have) >= 0;
    });
  }
  function apply() {
    var chosen = wanted(), shown = 0;
    rows.forEach(function (row) {
      var ok = passes(row, chosen, true);
      row.classList.toggle("filtered-out", !ok);
      shown += ok ? 1 : 0;
    });
    groups.forEach(function (group) {
      var inner = all("[data-row]", group);
      var ok = passes(group, chosen, inner.length === 0) &&
        (inner.length === 0 || inner.some(function (row) { return !hidden(row); }));
      group.classList.toggle("filtered-out", !ok);
    });
    var kind = form.getAttribute("data-count-group");
    var counted = all('[data-group="' + kind + '"]');
    var seen = counted.filter(function (group) { return !hidden(group); }).length;
    document.getElementById("filter-status").textContent = "showing " + shown + " of " +
      rows.length + " " + form.getAttribute("data-noun") + " in " + seen + " of " +
      counted.length + " " + kind + "s";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  all("[data-set-filter]").forEach(function (el) {
    el.addEventListener("click", function () {
      var pair = el.getAttribute("data-set-filter").split("=");
      form.elements[pair[0]].value = pair.slice(1).join("=");
      apply();
      var target = document.getElementById(form.getAttribute("data-results"));
      if (target) { target.scrollIntoView(); }
    });
  });
  form.hidden = false;
  apply();
})();
"""


@dataclass(frozen=True)
class Choice:
    """One option of a control: the value(s) it lets through, its label, an optional count."""

    value: str
    label: str
    count: int | None = None


def filter_bar(controls: Sequence[str], *, noun: str, count_group: str, results: str) -> str:
    """Return the filter bar (hidden until the script shows it).

    Args:
        controls: Markup from :func:`radio_group`, :func:`select`, :func:`checkbox`.
        noun: What a row is, plural ("fields"), for the "showing N of M" line.
        count_group: The ``data-group`` kind counted in that line ("article").
        results: Id of the element to scroll to when a chart row sets a filter.

    """
    return (
        f'<form id="filters" class="filters" hidden data-noun="{escape(noun)}" '
        f'data-count-group="{escape(count_group)}" data-results="{escape(results)}">'
        f'{"".join(controls)}<button type="reset">reset</button>'
        '<output id="filter-status" aria-live="polite"></output></form>'
    )


def radio_group(key: str, legend: str, choices: Sequence[Choice]) -> str:
    """Return a segmented control; the first choice is checked (make it "all", value '')."""
    labels = [
        f'<label><input type="radio" name="{escape(key)}" value="{escape(choice.value)}"'
        f"{' checked' if index == 0 else ''}><span>{escape(choice.label)}"
        f"{_count(choice.count)}</span></label>"
        for index, choice in enumerate(choices)
    ]
    return (
        f'<fieldset><legend>{escape(legend)}</legend><div class="seg">{"".join(labels)}</div>'
        "</fieldset>"
    )


def select(key: str, label: str, options: Sequence[Choice]) -> str:
    """Return a drop-down with an "all" option first, then ``options``."""
    shown = [Choice("", "all"), *options]
    items = [
        f'<option value="{escape(option.value)}">{escape(option.label)}'
        f"{f' ({option.count})' if option.count is not None else ''}</option>"
        for option in shown
    ]
    return (
        f'<label><span class="name">{escape(label)}</span>'
        f'<select name="{escape(key)}">{"".join(items)}</select></label>'
    )


def checkbox(key: str, label: str, value: str = "yes") -> str:
    """Return a check box that, when ticked, keeps only rows whose KEY is ``value``."""
    return (
        f'<label><input type="checkbox" name="{escape(key)}" value="{escape(value)}"> '
        f"{escape(label)}</label>"
    )


def row_attrs(values: Mapping[str, str]) -> str:
    """Return the attributes (with a leading space) that make an element a filtered row."""
    return " data-row" + _data(values)


def group_attrs(kind: str, values: Mapping[str, str] | None = None) -> str:
    """Return the attributes (with a leading space) of a group of rows."""
    return f' data-group="{escape(kind)}"' + _data(values or {})


def _data(values: Mapping[str, str]) -> str:
    return "".join(f' data-f-{key}="{escape(value)}"' for key, value in values.items())


def _count(count: int | None) -> str:
    return f"<b>{count}</b>" if count is not None else ""
