"""Features of one (deal figure, investor candidate) pair: the rules' view plus spaCy's.

Generic only: the rules' score, rank and choice; the candidate's name kind and spaCy
entity label; its syntax towards the amount (subject of the money verb, "by X",
possessive, object of "with" / "from" / "to"); where it stands (same sentence,
sentence distance, headline, lead); how often it is mentioned; the head words of
its name from a fixed list of generic words; whether it is a unit of another
candidate. Never a company, place or person name.
"""

from __future__ import annotations

import math
import re
from typing import Any

import stack_data  # noqa: F401  (first: this worktree's extract/ on sys.path)
from investor_hook import Candidates

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.company_fields import main_company, parent_of
from extract._strategies.guided.country_fields import main_country, marked_foreign, nationality_of
from extract._strategies.guided.roles import roles_at, token_at, verbs_above
from extract._strategies.guided.strategy import Figure
from extract._text.nlp import parse
from extract._text.reading import Span

# Generic words a name may carry that say what it denotes (never a name themselves).
HEAD_WORDS = frozenset(
    {
        "bank",
        "fund",
        "government",
        "ministry",
        "group",
        "holding",
        "holdings",
        "mine",
        "mining",
        "plant",
        "corporation",
        "corp",
        "company",
        "co",
        "inc",
        "ltd",
        "llc",
        "llp",
        "jsc",
        "plc",
        "investment",
        "investments",
        "capital",
        "partners",
        "development",
        "state",
        "national",
        "international",
        "energy",
        "resources",
        "metals",
        "steel",
        "gold",
        "copper",
        "cement",
        "industries",
        "industrial",
        "minerals",
        "metallurgical",
        "combine",
        "enterprise",
        "agency",
        "authority",
        "council",
        "committee",
        "project",
        "venture",
        "trading",
        "export",
        "import",
        "finance",
        "financial",
        "bureau",
        "office",
        "administration",
        "republic",
        "city",
        "region",
        "oil",
        "gas",
        "power",
        "chemical",
        "technologies",
        "engineering",
        "construction",
        "global",
    }
)
_PREPS = ("by", "with", "from", "to", "of", "for", "in", "between", "through", "via")
_UNIT_AFTER = re.compile(
    r"^,?\s+(?:an?|the|its)\s+(?:[\w-]+\s+){0,3}(?:subsidiary|arm|unit|affiliate|division|"
    r"daughter|joint venture)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w’'&-]+")


def mentions_of(index: ArticleIndex, name: str) -> list[Span]:
    """The article's mentions of ``name``: company spans carrying it, else names with its text."""
    found = [s for s in index.companies if s.text == name]
    return found or [Span(n.start, n.end, n.text) for n in index.names if n.text == name]


def _sentence_no(index: ArticleIndex, at: int) -> int:
    for number, sentence in enumerate(index.sentences):
        if sentence.start <= at < sentence.end:
            return number
    return len(index.sentences)


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    return str(next((e for e in edges if value <= e), "more"))


def _syntax(index: ArticleIndex, mention: Span, at: int) -> dict[str, float]:
    """The mention's relation to the amount's clause, from spaCy's parse."""
    doc = parse(index.text)
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    money = token_at(doc, at)
    if span is None or money is None:
        return {"syn:none": 1.0}
    root = span.root
    feats = {f"dep={root.dep_}": 1.0, f"ent={root.ent_type_ or '-'}": 1.0}
    head = root.head
    if head.pos_ == "ADP" and head.lower_ in _PREPS:
        feats[f"prep={head.lower_}"] = 1.0
        feats[f"prep={head.lower_}&headpos={head.head.pos_}"] = 1.0
    if root.dep_ == "poss" or index.text[mention.end : mention.end + 2] in ("'s", "’s"):
        feats["possessive"] = 1.0
    verbs = verbs_above(money)
    mine = verbs_above(root)
    if verbs and mine:
        shared = next((k for k, v in enumerate(verbs) if v in mine), None)
        if shared is not None:
            feats["shares_money_verb"] = 1.0
            feats[f"money_verb_depth={min(shared, 3)}"] = 1.0
            if root.dep_ in ("nsubj", "nsubjpass") and root.head == verbs[shared]:
                feats[f"subject_of_money_verb:{root.dep_}"] = 1.0
    if root in list(money.subtree) or money in list(root.subtree):
        feats["same_phrase"] = 1.0
    return feats


def _words(name: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(name)]


def _containment(name: str, others: list[str], index: ArticleIndex) -> dict[str, float]:
    """Whether the candidate is a unit of another (name inside, "X, a unit of Y") or its parent."""
    words = set(_words(name))
    feats: dict[str, float] = {}
    for other in (o for o in others if o != name):
        theirs = set(_words(other))
        if words and words < theirs:
            feats["words_inside_other"] = 1.0
        if theirs and theirs < words:
            feats["holds_other_words"] = 1.0
    if (parent := parent_of(index, name)) is not None:
        feats["has_parent"] = 1.0
        feats["parent_is_candidate"] = float(parent in others)
    if any(parent_of(index, o) == name for o in others if o != name):
        feats["is_parent_of_candidate"] = 1.0
    for mention in mentions_of(index, name):
        if _UNIT_AFTER.match(index.text[mention.end : mention.end + 80]):
            feats["described_as_unit"] = 1.0
    return feats


def features(
    index: ArticleIndex, figure: Figure, cands: Candidates, name: str, pool: list[str]
) -> dict[str, Any]:
    """Features of candidate ``name`` for the deal figure (``pool``: all its candidates)."""
    at, sentence_no = figure.candidate.quantity.start, figure.candidate.sentence_no
    priors = cands.priors
    ranked = sorted(priors, key=lambda n: -priors[n])
    score = priors.get(name)
    best_other = max((s for n, s in priors.items() if n != name), default=0.0)
    feats: dict[str, Any] = {
        "bias": 1.0,
        "in_priors": float(score is not None),
        "rule_score": score or 0.0,
        "rule_margin": (score - best_other) if score is not None else -3.0,
        "rule_chosen": float(name == cands.rules),
        "rules_none": float(cands.rules is None),
        f"rule_rank={min(ranked.index(name), 3) if name in ranked else 'out'}": 1.0,
        f"n_priors={_bucket(len(priors), (1, 2, 3, 5))}": 1.0,
        "in_companies": float(name in cands.companies),
        "is_main_company": float(name == main_company(index)),
    }
    kinds = {n.kind for n in index.names if index.full_name(n) == name or n.text == name}
    for kind in kinds or {"none"}:
        feats[f"kind={kind}"] = 1.0
    mentions = mentions_of(index, name)
    feats["log_mentions"] = math.log1p(len(mentions))
    home = main_country(index)
    if any(nationality_of(index, m) for m in mentions):
        feats["nationality_marked"] = 1.0
    if any(marked_foreign(index, m, home) for m in mentions):
        feats["foreign_marked"] = 1.0
    if mentions:
        numbers = [_sentence_no(index, m.start) for m in mentions]
        gap = min(abs(n - sentence_no) for n in numbers)
        feats[f"sent_gap={_bucket(gap, (0, 1, 2, 4, 8))}"] = 1.0
        feats["in_headline"] = float(min(numbers) == 0)
        feats["in_lead"] = float(min(numbers) <= 2)
        feats["first_mention_rel"] = min(numbers) / max(1, len(index.sentences))
        paragraph = index.text.rfind("\n", 0, at)
        feats["in_paragraph"] = float(
            any(paragraph < m.start <= at or (m.start > at and gap == 0) for m in mentions)
        )
        same = [m for m in mentions if _sentence_no(index, m.start) == sentence_no]
        if same:
            nearest = min(same, key=lambda m: abs(m.start - at))
            feats["same_sentence"] = 1.0
            feats["before_amount"] = float(nearest.start < at)
            feats["log_char_gap"] = math.log1p(abs(nearest.start - at))
            feats.update(_syntax(index, nearest, at))
    roles = roles_at(index.text, index.names, at)
    for group, found in (
        ("actor", roles.actors),
        ("partner", roles.partners),
        ("seller", roles.sellers),
    ):
        weights = [w for m, w in found.items() if index.full_name(m) == name or m.text == name]
        if weights:
            feats[f"role_{group}"] = 1.0
            feats[f"role_{group}_weight"] = max(weights)
    words = _words(name)
    for word in set(words) & HEAD_WORDS:
        feats[f"word={word}"] = 1.0
    if words and words[-1] in HEAD_WORDS:
        feats[f"last_word={words[-1]}"] = 1.0
    feats[f"n_words={_bucket(len(words), (1, 2, 3, 5))}"] = 1.0
    feats.update(_containment(name, pool, index))
    return feats
