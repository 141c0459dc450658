"""Human-readable text for records, batch summaries, run lists and run diffs.

Numbers are written as a person writes them (``62 billion KZT``, ``$150 million``,
``1.2 Mt/year``, ``9,000 t/year``, ``300 MW``, ``1,000 jobs``) and an empty field
is left out rather than shown as ``None``. Only the text output uses this: every
``--json`` output is the model's own dump, untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract._batch.rundiff import RunDiff
from extract._schema import InvestmentDeal, PlantFact

if TYPE_CHECKING:
    from evals import EvalReport
    from extract._batch.runner import BatchSummary
    from extract._batch.store import RunInfo

MAX_ERRORS_SHOWN = 20
NOT_SET = "(not set)"
_RUN_LINE = "{:<24} {:<10} {:<20} {:>5} {:>5} {:>5}  {}"
_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_TONNE_SCALES = ((1e6, "Mt"),)  # "1.2 Mt", but "240,000 t": as the trade press writes them
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_PERIOD_WORDS = {"half_year": "half-year"}
_WHOLE_NUMBERS = {"year"}  # written without a thousands separator


# -- numbers and records ----------------------------------------------------------------


def plain_number(value: float) -> str:
    """Return ``value`` grouped by thousands with at most three decimals: '9,000', '2.5'."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def quantity_words(
    value: float, unit: str | None, period: str | None = None, value_max: float | None = None
) -> str:
    """Return a figure as a person writes it.

    ``62 billion KZT``, ``$150 million``, ``1.2 Mt/year``, ``9,000 t/year``,
    ``450,000 oz/year``, ``300 MW``, ``1,000 jobs``; a range as ``$100–150 million``.
    """
    unit = unit or ""
    scales = _TONNE_SCALES if unit == "t" else _SCALE_WORDS
    low = _scaled(value, scales)
    if value_max is None or value_max == value:
        shown = _with_unit(*low, unit)
    else:
        high = _scaled(value_max, scales)
        same_scale = low[1] == high[1]
        shown = (_with_unit(f"{low[0]}–{high[0]}", high[1], unit) if same_scale
                 else f"{_with_unit(*low, unit)}–{_with_unit(*high, unit)}")  # fmt: skip
    return f"{shown}/{_PERIOD_WORDS.get(period, period)}" if period else shown


def _scaled(value: float, scales: Sequence[tuple[float, str]]) -> tuple[str, str]:
    """The number in the largest scale it reaches, and that scale's word ('' below all)."""
    for size, word in scales:
        if abs(value) >= size:
            return plain_number(value / size), word
    return plain_number(value), ""


def _with_unit(number: str, word: str, unit: str) -> str:
    if unit == "t":
        return f"{number} {word or 't'}"
    if unit in _SYMBOLS:
        return f"{_SYMBOLS[unit]}{number}" + (f" {word}" if word else "")
    if unit == "%":
        return f"{number} {word}%" if word else f"{number}%"
    return " ".join(part for part in (number, word, unit) if part)


def field_words(name: str, value: Any) -> str:
    """Return one field's value as text; an empty value is :data:`NOT_SET`."""
    if value is None or value == [] or value == "":
        return NOT_SET
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return str(int(value)) if name in _WHOLE_NUMBERS else plain_number(value)


def deal_line(deal: InvestmentDeal) -> str:
    """One deal in a line: its amount, then investor and stage when they are known."""
    amount = quantity_words(deal.amount, deal.currency) if deal.amount is not None else ""
    named = [f"{name}={value}" for name, value in (("investor", deal.investor),
                                                   ("stage", deal.stage)) if value]  # fmt: skip
    return "  ".join(part for part in ("deal", amount, *named) if part)


def fact_line(fact: PlantFact) -> str:
    """One plant fact in a line: metric, figure with its unit and period, facility."""
    figure = quantity_words(fact.value, fact.unit, fact.period, fact.value_max)
    return f"fact  {fact.metric:<10} {figure}  {fact.facility}"


def record_words(record: dict[str, Any]) -> str:
    """A dumped record (``model_dump``) in a few words: what, how much, whose."""
    if "metric" in record:
        figure = quantity_words(record["value"], record.get("unit"), record.get("period"),
                                record.get("value_max"))  # fmt: skip
        return f"plant fact {record['metric']} {figure}  {record.get('facility') or ''}".rstrip()
    amount = record.get("amount")
    money = quantity_words(amount, record.get("currency")) if amount is not None else "no amount"
    whose = record.get("investor") or record.get("project") or ""
    return f"deal {money}  {_short(whose)}".rstrip()


def key_words(key: str) -> str:
    """A run-diff record key ('deal 150000000 USD') in words ('deal $150 million')."""
    kind, _, rest = key.partition(" ")
    parts = rest.split(" ")
    try:
        if kind == "deal" and len(parts) == 2:
            amount, currency = (None if part == "-" else part for part in parts)
            return "deal " + (quantity_words(float(amount), currency) if amount else "no amount")
        if kind == "plant_fact" and len(parts) == 2:
            return f"plant fact {parts[0]} {quantity_words(float(parts[1]), None)}"
    except ValueError:
        pass
    return key


# -- batches, runs and diffs ------------------------------------------------------------


def format_summary(summary: BatchSummary, store_path: Path) -> str:
    """Format the end-of-batch report: counts, cost, failures and where the run is."""
    earlier = summary.failed_earlier
    lines = [f"run {summary.run_id}: {summary.articles} articles: {summary.extracted} extracted, "
             f"{summary.cached} cached, {summary.failed} failed"
             + (f" ({earlier} failed earlier, not retried)" if earlier else ""),
             f"{summary.model_calls:,} model calls, {summary.prompt_tokens:,} prompt + "
             f"{summary.completion_tokens:,} completion tokens, "
             f"{summary.seconds:.1f} s"]  # fmt: skip
    for error in summary.errors[:MAX_ERRORS_SHOWN]:
        doc_id, message = error["doc_id"], error["error"]
        named = message if message.startswith(f"{doc_id}:") else f"{doc_id}: {message}"
        lines.append(f"  failed: {named}")
    if len(summary.errors) > MAX_ERRORS_SHOWN:
        lines.append(f"  ... and {len(summary.errors) - MAX_ERRORS_SHOWN} more (assay runs export)")
    if summary.failed_earlier:
        lines.append("  (use --retry-failed to attempt the earlier failures again)")
    lines.append(f"store: {store_path}   assay runs list --store {store_path}")
    return "\n".join(lines)


def format_runs(runs: Sequence[RunInfo]) -> str:
    """One line per run: id, status, start, counts, strategy and model."""
    if not runs:
        return "no runs yet"
    lines = [
        _RUN_LINE.format("run_id", "status", "started", "extr", "cach", "fail", "strategy/model")
    ]
    for run in runs:
        model = "/".join(str(run.manifest[k]) for k in ("strategy", "model") if run.manifest.get(k))
        lines.append(_RUN_LINE.format(run.run_id, run.status, run.started_at[:19], run.extracted,
                                      run.cached, run.failed, model).rstrip())  # fmt: skip
    return "\n".join(lines)


def format_diff(diff: RunDiff) -> str:
    """Per changed article: the records added (+), removed (-) and changed (~)."""
    totals = diff.totals()
    lines = [f"{diff.run_a} -> {diff.run_b}: {totals['articles_changed']} articles changed, "
             f"{totals['articles_unchanged']} unchanged; records +{totals['added']} "
             f"-{totals['removed']} ~{totals['changed']}"]  # fmt: skip
    for article in diff.articles:
        where = "" if article.in_a and article.in_b else (
            " (only in A)" if article.in_a else " (only in B)")  # fmt: skip
        lines.append(f"{article.doc_id}{where}")
        lines.extend(f"  + {record_words(record)}" for record in article.added)
        lines.extend(f"  - {record_words(record)}" for record in article.removed)
        for change in article.changed:
            fields = "; ".join(f"{c.field}: {_short(field_words(c.field, c.a))} -> "
                               f"{_short(field_words(c.field, c.b))}"
                               for c in change.changes)  # fmt: skip
            lines.append(f"  ~ {key_words(change.key)}  {fields}")
    return "\n".join(lines)


def format_score_changes(a: EvalReport, b: EvalReport) -> str:
    """Overall F1 of run A and run B against the same gold, then each field whose F1 moved."""
    source = b.manifest.gold_source or "gold"
    overall = f"F1 against {source}: fields {_moved(a.overall.f1, b.overall.f1)}, " + (
        f"records {_moved(a.overall.records.f1, b.overall.records.f1)}")  # fmt: skip
    moved = [f"  {name} {_moved(a.by_field[name].f1, scores.f1)}"
             for name, scores in b.by_field.items()
             if name in a.by_field and round(scores.f1 - a.by_field[name].f1, 3)]  # fmt: skip
    return "\n".join([overall, *moved] if moved else [overall, "  no field's F1 moved"])


def _moved(old: float, new: float) -> str:
    return f"{old:.3f} -> {new:.3f} ({new - old:+.3f})"


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
