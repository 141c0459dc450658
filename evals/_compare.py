"""Field comparators: when a predicted field value agrees with the gold one.

Every scored field of a record has a *kind* that picks its comparator:

- ``number``: agrees within :data:`REL_TOLERANCE` (1 %) of the gold value.
- ``year``: exact integer (2023 and 2024 are 0.05 % apart but different years).
- ``enum``: exact.
- ``code``: exact after case and whitespace folding (currency, unit, commodity, as_of).
- ``country``: exact after :func:`extract._vocab.canonical_country`.
- ``name``: :func:`normalise_text` with legal forms stripped, then fuzzy.
- ``text``: :func:`normalise_text` without stripping legal forms, then fuzzy.
- ``set``: a list scored element by element (see :func:`compare_field`).

Fuzzy means ``rapidfuzz.fuzz.token_set_ratio >= FUZZY_THRESHOLD``. token_set_ratio
scores 100 when one token set contains the other, so "Zijin Mining" agrees with
"Zijin Mining Group" and a short project phrase agrees with a longer one that
contains it. That is the leniency the contract wants ("legal suffix optional");
its price is that a single shared generic word can also score 100.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from evals._metrics import Counts
from evals._models import FieldValue
from extract._schema import RecordType
from extract._vocab import canonical_country

FieldKind = Literal["number", "year", "enum", "code", "country", "name", "text", "set"]

REL_TOLERANCE = 0.01
FUZZY_THRESHOLD = 90.0

FIELD_KINDS: dict[RecordType, dict[str, FieldKind]] = {
    "deal": {
        "investor": "name",
        "investor_country": "country",
        "counterparty": "name",
        "host_country": "country",
        "project": "text",
        "commodities": "set",
        "amount": "number",
        "currency": "code",
        "stage": "enum",
        "jobs": "number",
        "year": "year",
    },
    "plant_fact": {
        "facility": "name",
        "operator": "name",
        "location": "text",
        "country": "country",
        "commodity": "code",
        "metric": "enum",
        "value": "number",
        "value_max": "number",
        "unit": "code",
        "period": "enum",
        "as_of": "code",
        "status": "enum",
    },
}
"""Scored fields per record type, in schema order. ``evidence`` is not here: it is
scored as grounding, never against the gold text."""

KEY_FIELDS: dict[RecordType, tuple[str, str]] = {
    "deal": ("investor", "amount"),
    "plant_fact": ("metric", "value"),
}
"""The fields that identify a record: they weigh most in alignment, and a matched
pair is a correct record when all of them agree."""

# Legal forms dropped from either end of a name. "group", "holding" and "company"
# stay: they are usually part of the name ("Zijin Mining Group", "National Company").
_LEGAL_FORM_NAMES = (
    "limited liability partnership, limited liability company, joint stock company, "
    "public limited company, joint venture, llp, llc, ltd, limited, inc, incorporated, corp, "
    "corporation, co, plc, ag, gmbh, jsc, ojsc, pjsc, cjsc, ao, oao, pao, zao, too, sa, nv, bv, "
    "se, spa, jv"
)
_LEGAL_FORMS = tuple(tuple(name.split()) for name in _LEGAL_FORM_NAMES.split(", "))
_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)  # alignment compares each name with many; the answer never changes
def normalise_text(text: str, *, legal: bool = False) -> str:
    """Fold case, accents' compatibility forms and punctuation; optionally drop legal forms.

    Args:
        text: A name or phrase as written.
        legal: Also strip legal forms (LLP, LLC, Ltd, Co., AG, JSC, PLC, ...) and a
            leading "the" from both ends; "Group" is kept as part of the name.

    Returns:
        Space-separated lower-case word tokens.

    """
    folded = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    tokens = _NON_WORD.sub(" ", folded).split()
    if legal:
        tokens = _strip_legal_forms(tokens)
    return " ".join(tokens)


def _strip_legal_forms(tokens: list[str]) -> list[str]:
    changed = True
    while changed and tokens:
        changed = False
        if tokens[0] == "the":
            tokens, changed = tokens[1:], True
        for form in _LEGAL_FORMS:
            size = len(form)
            if len(tokens) > size and tuple(tokens[-size:]) == form:
                tokens, changed = tokens[:-size], True
            elif len(tokens) > size and tuple(tokens[:size]) == form:
                tokens, changed = tokens[size:], True
    return tokens


def string_score(gold: str, pred: str, *, legal: bool) -> float:
    """Return the token_set_ratio (0-100) of two strings after :func:`normalise_text`."""
    left, right = normalise_text(gold, legal=legal), normalise_text(pred, legal=legal)
    if not left or not right:
        # A name made only of legal forms ("LLP"): compare what is there.
        left, right = normalise_text(gold), normalise_text(pred)
    if left == right:
        return 100.0
    return float(fuzz.token_set_ratio(left, right))


def numbers_agree(gold: float, pred: float) -> bool:
    """Return True when ``pred`` is within 1 % of ``gold`` (relative to gold; 0 needs 0)."""
    return abs(pred - gold) <= REL_TOLERANCE * abs(gold)


def is_null(value: FieldValue) -> bool:
    """Return True for a field that says nothing: None, an empty string or an empty list."""
    return value is None or value == "" or value == []


def values_agree(kind: FieldKind, gold: FieldValue, pred: FieldValue) -> bool:
    """Return True when two non-null values of one field kind agree.

    Args:
        kind: The field kind from :data:`FIELD_KINDS`.
        gold: The gold value (not null).
        pred: The predicted value (not null).

    """
    if isinstance(gold, list) or isinstance(pred, list):
        return _as_set(gold) == _as_set(pred)
    if kind == "number":
        return numbers_agree(float(gold), float(pred))  # type: ignore[arg-type]
    if kind == "year":
        return int(gold) == int(pred)  # type: ignore[arg-type]
    if kind in ("name", "text"):
        return string_score(str(gold), str(pred), legal=kind == "name") >= FUZZY_THRESHOLD
    if kind == "country":
        return canonical_country(str(gold)).casefold() == canonical_country(str(pred)).casefold()
    if kind == "code":
        return _fold(str(gold)) == _fold(str(pred))
    return gold == pred


def compare_field(kind: FieldKind, gold: FieldValue, pred: FieldValue) -> Counts:
    """Score one field of a matched record pair as TP/FP/FN counts.

    Scalars are one unit: agree = TP; disagree = FP + FN; predicted without gold =
    FP; gold without prediction = FN; both null = nothing. A list (``set`` kind)
    is scored per element as sets, so a partly right commodity list earns partial
    credit: TP = shared elements, FP = predicted extras, FN = gold elements missed.
    An empty list is null.
    """
    if kind == "set":
        gold_set, pred_set = _as_set(gold), _as_set(pred)
        return Counts(len(gold_set & pred_set), len(pred_set - gold_set), len(gold_set - pred_set))
    if is_null(gold) and is_null(pred):
        return Counts()
    if is_null(gold):
        return Counts(fp=1)
    if is_null(pred):
        return Counts(fn=1)
    return Counts(tp=1) if values_agree(kind, gold, pred) else Counts(fp=1, fn=1)


def value_similarity(kind: FieldKind, gold: FieldValue, pred: FieldValue) -> float | None:
    """Return a 0-1 similarity of two field values for alignment; None when both are null.

    Strings use the squared fuzzy score, so the 40-60 that token_set_ratio gives
    unrelated names does not look half-similar; sets use Jaccard; other kinds are
    1 when they agree, else 0.
    """
    if is_null(gold) and is_null(pred):
        return None
    if is_null(gold) or is_null(pred):
        return 0.0
    if kind == "set":
        gold_set, pred_set = _as_set(gold), _as_set(pred)
        return len(gold_set & pred_set) / len(gold_set | pred_set)
    if kind in ("name", "text"):
        return (string_score(str(gold), str(pred), legal=kind == "name") / 100.0) ** 2
    return 1.0 if values_agree(kind, gold, pred) else 0.0


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _as_set(value: FieldValue) -> set[str]:
    if value is None or value == "":
        return set()
    items = value if isinstance(value, list) else [str(value)]
    return {_fold(item) for item in items if item.strip()}
