"""Features of one decided figure: the rules' own decision and scores, and spaCy's reading.

Stacking: the rules' choice and cue scores are features, so a classifier can only
learn to correct the rules where the labels support it. The spaCy features are
general properties of the figure's sentence (no word of one article's names).
"""

from __future__ import annotations

import math
from typing import Any

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.decide import Decision
from extract._strategies.guided.facility_fields import names_a_facility
from extract._strategies.guided.strategy import Figure, facility_word
from extract._text.nlp import parse

_ENTS = ("ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "MONEY", "QUANTITY", "CARDINAL", "PERSON")


def rule_features(figure: Figure, decision: Decision) -> dict[str, float]:
    """The rules' choice (one-hot), each option's cue score and the winning margin."""
    f = {f"rule={figure.role}": 1.0, f"rule_choice={decision.choice}": 1.0}
    ranked = sorted(decision.rule_scores, reverse=True)
    f["rule_margin"] = ranked[0] - ranked[1] if len(ranked) > 1 else ranked[0]
    for option, value in zip(decision.options, decision.rule_scores, strict=True):
        f[f"cue_{option}"] = value
    return f


def quantity_features(figure: Figure) -> dict[str, float]:
    """Kind, unit class, period, qualifier, commodity and magnitude of the figure."""
    q = figure.candidate.quantity
    unit = ("USD" if q.unit == "USD" else "other_currency") if q.kind == "money" else q.unit
    f = {f"kind={q.kind}": 1.0, f"unit={unit}": 1.0, f"period={q.period}": 1.0}
    f[f"qualifier={q.qualifier}"] = 1.0
    f["has_commodity"] = float(q.commodity is not None)
    f["ore"] = float(q.commodity == "ore")
    f["range"] = float(q.value_max is not None)
    f["log10"] = math.log10(max(q.value, 1.0)) / 10
    return f


def position_features(figure: Figure, index: ArticleIndex) -> dict[str, float]:
    """Where the figure stands: headline, lead, relative place; facility in its sentence."""
    no = figure.candidate.sentence_no
    f = {"headline": float(no == 0), "lead": float(no in (1, 2)),
         "position": figure.candidate.quantity.start / max(len(index.text), 1)}  # fmt: skip
    f["names_facility"] = float(names_a_facility(index, no))
    f["facility_word"] = float(facility_word(figure.candidate.sentence.text))
    f["clause_len"] = min(len(figure.clause), 400) / 400
    return f


def _governor(token: Any) -> Any:
    """The nearest verb above ``token`` in the parse, or None."""
    for _ in range(8):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def syntax_features(figure: Figure, index: ArticleIndex) -> dict[str, float]:
    """Dependency relation, head and governing verb lemmas, entity labels of the sentence."""
    doc = parse(index.text)
    q = figure.candidate.quantity
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return {"no_tokens": 1.0}
    root = span.root
    f = {f"dep={root.dep_}": 1.0, f"head={root.head.lemma_.lower()}": 1.0,
         f"head_pos={root.head.pos_}": 1.0}  # fmt: skip
    verb = _governor(root)
    f[f"verb={verb.lemma_.lower() if verb is not None else None}"] = 1.0
    if verb is not None:
        f[f"verb_tense={verb.morph.get('Tense')}"] = 1.0
        f["verb_has_aux_will"] = float(any(c.lower_ in ("will", "would") for c in verb.children))
    before = doc[span.start - 1] if span.start > 0 else None
    f[f"prev={before.lower_ if before is not None else None}"] = 1.0
    sentence = root.sent
    for ent in sentence.ents:
        if ent.label_ in _ENTS and not (ent.start <= root.i < ent.end):
            f[f"ent={ent.label_}"] = 1.0
    return f


def features(figure: Figure, decision: Decision, index: ArticleIndex) -> dict[str, float]:
    """Every feature of a figure the rules have decided."""
    return {**rule_features(figure, decision), **quantity_features(figure),
            **position_features(figure, index), **syntax_features(figure, index)}  # fmt: skip
