"""What a figure measures, read from spaCy's dependency parse.

"Reserves of 260 Mt", "reserves are estimated at 660 Mt": the noun a tonnage is of tells
the strategy whether it is a reserve, whatever cue words stand around it.
"""

from __future__ import annotations

from extract._strategies.guided.roles import token_at
from extract._text.nlp import parse

# Verbs through which a figure states its subject: "reserves are estimated at 660 Mt".
_STATING_VERBS = frozenset({"be", "estimate", "amount", "total", "reach", "stand", "exceed",
                            "equal", "make", "put", "calculate", "assess"})  # fmt: skip


def measured_noun(text: str, at: int, end: int) -> str | None:
    """The noun the figure at ``at:end`` measures: "reserves of 260 Mt" -> "reserves".

    Up from the figure through prepositions to the first noun or verb: a noun is what the
    figure measures; a stating verb ("are estimated at", "amount to") hands on to its
    subject; any other verb ends the search.
    """
    token = token_at(parse(text), at)
    if token is None:
        return None
    current = token
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return None
        if head.pos_ in ("NOUN", "PROPN") and not at <= head.idx < end:
            return head.lower_
        if head.pos_ in ("VERB", "AUX"):
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if head.lemma_.lower() in _STATING_VERBS and subject is not None:
                return subject.lower_
            return None
        current = head
    return None
