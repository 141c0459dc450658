"""Locate a record's evidence in its article and check the record's numbers against it.

A model's evidence is trusted only as far as the article backs it: it is looked
up verbatim, then after folding whitespace, quotes and dashes (models retype
them), then fuzzily. A record is *grounded* when its evidence is found and every
number of the record is among the figures of the article's own span. Kept
records carry that span as their evidence, so kept evidence is always verbatim.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz

from extract._schema import (
    ArticleExtraction,
    ExtractionMeta,
    InvestmentDeal,
    MatchStatus,
    PlantFact,
    RecordGrounding,
    RecordType,
)
from extract._text.numbers import figures_in

__all__ = [
    "EvidenceMatch",
    "ground_extraction",
    "ground_record",
    "locate_evidence",
    "value_in_evidence",
]

# Typographic variants a model writes for the article's characters; "" drops a character.
_FOLD: dict[str, str] = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "–": "-", "—": "-", "‒": "-", "−": "-", "―": "-", "‐": "-", "‑": "-",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
}  # fmt: skip
# Below this length a fuzzy match says little: short strings match by accident.
_MIN_FUZZY_CHARS = 10
_REL_TOL = 1e-6


@dataclass(frozen=True, slots=True)
class EvidenceMatch:
    """Where evidence sits in the article; ``matched_text`` is the article's own text there."""

    start: int | None
    end: int | None
    status: MatchStatus
    matched_text: str | None


_NOT_FOUND = EvidenceMatch(None, None, "not_found", None)


def _normalise(text: str, *, fold_case: bool) -> tuple[str, list[int]]:
    """Fold whitespace runs, quotes and dashes; return the result and each char's source offset."""
    chars: list[str] = []
    source: list[int] = []
    for offset, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                source.append(offset)
            continue
        replacement = _FOLD.get(char, char)
        for out in replacement.lower() if fold_case else replacement:
            chars.append(out)
            source.append(offset)
    if chars and chars[-1] == " ":
        chars.pop()
        source.pop()
    return "".join(chars), source


def _found(text: str, start: int, end: int, status: MatchStatus) -> EvidenceMatch:
    return EvidenceMatch(start, end, status, text[start:end])


def _exact(evidence: str, text: str) -> EvidenceMatch | None:
    for candidate in (evidence, evidence.strip()):
        start = text.find(candidate)
        if start >= 0:
            return _found(text, start, start + len(candidate), "exact")
    needle, _ = _normalise(evidence, fold_case=False)
    haystack, source = _normalise(text, fold_case=False)
    start = haystack.find(needle) if needle else -1
    if start < 0:
        return None
    return _found(text, source[start], source[start + len(needle) - 1] + 1, "exact")


def _fuzzy(evidence: str, text: str, min_ratio: float) -> EvidenceMatch | None:
    needle, _ = _normalise(evidence, fold_case=True)
    haystack, source = _normalise(text, fold_case=True)
    if len(needle) < _MIN_FUZZY_CHARS or len(needle) > len(haystack):
        return None
    alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=min_ratio * 100)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    start = source[alignment.dest_start]
    end = source[alignment.dest_end - 1] + 1
    start, end = _snap_to_words(text, start, end)
    return _found(text, start, end, "fuzzy") if start < end else None


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy span so that it neither starts nor ends inside a word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def locate_evidence(evidence: str, text: str, *, min_ratio: float = 0.9) -> EvidenceMatch:
    """Find ``evidence`` in the article ``text``.

    Tries an exact substring, then an exact match after folding whitespace runs,
    curly quotes and dashes (still reported as "exact", with the article's own
    offsets), then a fuzzy alignment scoring at least ``min_ratio * 100``.

    Args:
        evidence: The evidence a record quotes.
        text: The article text.
        min_ratio: Minimum similarity (0-1) of a fuzzy match.

    Returns:
        The match; ``matched_text`` is ``text[start:end]`` unless not found.

    """
    if not evidence.strip():
        return _NOT_FOUND
    return _exact(evidence, text) or _fuzzy(evidence, text, min_ratio) or _NOT_FOUND


def value_in_evidence(value: float, evidence: str) -> bool:
    """Whether ``value`` equals (within 1e-6 relative) a figure of :func:`figures_in`."""
    return any(math.isclose(value, figure, rel_tol=_REL_TOL) for figure in figures_in(evidence))


def _numbers_of(record: InvestmentDeal | PlantFact) -> list[tuple[str, float]]:
    if isinstance(record, PlantFact):
        pairs = [("value", record.value), ("value_max", record.value_max)]
    else:
        # Jobs are often told paragraphs away from the amount; they must stand in the
        # article (checked by ground_record), not in the deal's evidence (GUIDELINES 46).
        pairs = [("amount", record.amount)]
    return [(name, float(number)) for name, number in pairs if number is not None]


def _format(number: float) -> str:
    return str(int(number)) if number.is_integer() and abs(number) < 1e18 else repr(number)


def _missing_value(record: InvestmentDeal | PlantFact, evidence: str) -> str | None:
    """Return why a number of ``record`` is not in ``evidence``, or None when all are."""
    figures = figures_in(evidence)
    for name, number in _numbers_of(record):
        if not any(math.isclose(number, figure, rel_tol=_REL_TOL) for figure in figures):
            shown = ", ".join(_format(figure) for figure in figures)
            return f"{name} {_format(number)} not among figures in evidence: [{shown}]"
    return None


def ground_record(
    record: InvestmentDeal | PlantFact, text: str, *, record_type: RecordType, index: int
) -> RecordGrounding:
    """Locate a record's evidence in ``text`` and check its numbers against it.

    A plant fact's ``value`` and ``value_max``, and a deal's ``amount`` (when
    set) must be among the figures of the matched article span (for a fuzzy
    match, the article's text, not the model's); a deal's ``jobs`` must be among
    the article's figures.

    Args:
        record: The raw record.
        text: The article text.
        record_type: "deal" or "plant_fact".
        index: Index of the record in the raw list of its type.

    """
    match = locate_evidence(record.evidence, text)
    checked = match.matched_text if match.matched_text is not None else record.evidence
    missing = _missing_value(record, checked)
    jobs = record.jobs if isinstance(record, InvestmentDeal) else None
    if missing is None and jobs is not None and not value_in_evidence(float(jobs), text):
        missing = f"jobs {jobs} not among the article's figures"
    found = match.status != "not_found"
    reason = None if found else "evidence not found in article"
    return RecordGrounding(
        record_type=record_type,
        index=index,
        start=match.start,
        end=match.end,
        match=match.status,
        value_in_evidence=missing is None,
        grounded=found and missing is None,
        reason=reason or missing,
    )


_R = TypeVar("_R", InvestmentDeal, PlantFact)


def _verdict(
    record: _R, text: str, record_type: RecordType, index: int
) -> tuple[RecordGrounding, _R]:
    """Ground ``record``; return its grounding and the record quoting the article's text."""
    grounding = ground_record(record, text, record_type=record_type, index=index)
    if grounding.start is None or grounding.end is None:
        return grounding, record
    return grounding, record.model_copy(update={"evidence": text[grounding.start : grounding.end]})


def _partition(
    records: list[_R], text: str, record_type: RecordType, keep_ungrounded: bool
) -> tuple[list[RecordGrounding], list[_R], list[_R]]:
    """Ground ``records``; return their groundings, the kept records and the dropped raw ones."""
    verdicts = [_verdict(record, text, record_type, i) for i, record in enumerate(records)]
    kept = [record for grounding, record in verdicts if grounding.grounded or keep_ungrounded]
    dropped = [] if keep_ungrounded else [
        records[grounding.index] for grounding, _ in verdicts if not grounding.grounded
    ]  # fmt: skip
    return [grounding for grounding, _ in verdicts], kept, dropped


def ground_extraction(
    raw: ArticleExtraction, text: str, *, keep_ungrounded: bool = False
) -> ArticleExtraction:
    """Ground every record of ``raw`` against the article ``text``.

    Args:
        raw: The records as the strategy produced them.
        text: The article text.
        keep_ungrounded: Keep ungrounded records in ``deals``/``plant_facts`` too.

    Returns:
        A copy whose ``meta`` holds one grounding per raw record (deals first),
        ``dropped`` (records removed) and the removed raw records; kept records
        carry the article's own text as evidence.

    """
    deal_checks, deals, lost_deals = _partition(raw.deals, text, "deal", keep_ungrounded)
    fact_checks, facts, lost_facts = _partition(
        raw.plant_facts, text, "plant_fact", keep_ungrounded
    )
    update = {
        "grounding": deal_checks + fact_checks,
        "dropped": len(lost_deals) + len(lost_facts),
        "ungrounded_deals": lost_deals,
        "ungrounded_plant_facts": lost_facts,
    }
    meta = raw.meta.model_copy(update=update) if raw.meta else ExtractionMeta.model_validate(update)
    return raw.model_copy(update={"deals": deals, "plant_facts": facts, "meta": meta})
