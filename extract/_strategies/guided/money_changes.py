"""Money that a change of an amount tells: the level it reached, started from, or differs by.

"rose 58 per cent to $8 billion", "compared with $2.1bn a year earlier", "to $3.5 billion
from $2.5 billion", "R15bn more than previously forecast": statistics and revisions of an
amount, no investment of their own. Read from the words around the amount.
"""

from __future__ import annotations

import re

# "is expected to be increased to $2bn" plans an amount, no statistic.
_CHANGE_TO = re.compile(
    r"\b(?<!\bbe )(?:rose|jumped|fell|increased|grew|decreased|dropped|declined|climbed|surged"
    r"|shot\s+up|(?:up|down)(?!\s+to\b)"  # "for up to $390mn" is a cap, "shot up to" a change
    r"|doubled|tripled|quadrupled|quintupled)"
    r"\b(?:[^.;]|\.\d){0,60}\bto\s*$",  # "surged 36.3 per cent to": a decimal point goes on
    re.IGNORECASE,
)
# "against the 39.4 per cent rise to 110.2 billion yuan": a change named by a noun.
_PERCENT_CHANGE_TO = re.compile(
    r"\d\s*(?:%|per\s*cent|percent)\s+(?:rise|increase|growth|jump|gain|drop|fall|decline)"
    r"\s+to\s*$", re.IGNORECASE)  # fmt: skip
# "rose to $3bn, compared with $2.1bn a year earlier": the level a statistic is set against.
_COMPARED = re.compile(r"\b(?:compared|as against)\s+(?:with|to)?\s*(?:the\s+)?$", re.I)

# "will increase planned capital expenditure to $3.5 billion from $2.5 billion": the
# earlier amount is superseded by the one the change reached.
_CHANGED = re.compile(r"\b(?:increas|rais|lift|boost|cut|reduc|expand|revis)\w*\b", re.I)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:(?:previous|earlier|original|initial)\s+)?$", re.I)
_TO_AMOUNT = re.compile(r"^\s+to\s+\S*\d")
# "R15bn more than previously forecast": how far one amount is from another.
_DIFFERENCE = re.compile(r"^\s+(?:more|less|higher|lower)\s+than\b", re.I)


def change_reason(before: str, after: str, earlier_money: bool) -> str | None:
    """Why an amount is a statistic or a revision by the words around it, or None.

    Args:
        before: The amount's sentence up to the amount.
        after: The article's text after the amount.
        earlier_money: Whether another money figure stands before it in its sentence.

    """
    if any(p.search(before) for p in (_CHANGE_TO, _PERCENT_CHANGE_TO, _COMPARED)):
        return "a statistic: the level a change reached"
    if _DIFFERENCE.match(after[:30]):
        return "a difference between two amounts"
    if _superseded(before, after, earlier_money):
        return "the level a change started from"
    return None


def _superseded(before: str, after: str, earlier_money: bool) -> bool:
    """Whether the amount is where a change of another amount started ("from $2.5bn")."""
    if not (_FROM.search(before) and _CHANGED.search(before)):
        return False
    return earlier_money or bool(_TO_AMOUNT.match(after[:40]))
