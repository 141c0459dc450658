"""A proper name the text gives a facility it first describes by kind.

"Bogatyr, the largest open-pit coal mine in the world", "Muruntau is one of the
largest gold mines", "Tavan Tolgoi is Mongolia's most important coal deposit":
the facility reader finds the description ("open-pit coal mine"); the name the
text gives it is the facility (GUIDELINES 24: the name the article uses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract._schema import PlantFact
from extract._strategies.guided.article_index import ArticleIndex
from extract._text.facilities import FACILITY_HEADS
from extract._text.nlp import parse

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan

# Names that cannot be a site's. A company's name can: a mine is often named like the company
# that runs it ("Bogatyr, the largest open-pit coal mine" beside "Bogatyr Coal"), and the
# copula or apposition with a facility noun says which is meant.
_NOT_SITES = ("country", "nationality", "media", "person")


def described_names(index: ArticleIndex) -> dict[str, str]:
    """Each facility description the text also names, mapped to that name.

    A description is keyed by its lemmas, so "gold mines" in the naming sentence
    also renames "the gold mine" a figure was read with.
    """
    doc = parse(index.text)
    by_key: dict[str, str] = {}
    for facility in index.facilities:
        span = doc.char_span(facility.start, facility.end, alignment_mode="expand")
        if span is None or any(t.text[:1].isupper() for t in span):
            continue  # a description only: a name with a capital names itself
        heads = [t for t in span if t.lower_ in FACILITY_HEADS]
        if heads and (name := _name_of(index, doc, heads[-1])):
            by_key.setdefault(_key(span), name)
    renamed: dict[str, str] = {}
    for facility in index.facilities:
        span = doc.char_span(facility.start, facility.end, alignment_mode="expand")
        if span is not None and _key(span) in by_key:
            renamed[facility.text] = by_key[_key(span)]
    return renamed


def with_described_names(facts: list[PlantFact], names: dict[str, str]) -> list[PlantFact]:
    """Plant facts whose facility is a description the text names, under that name."""
    return [fact.model_copy(update={"facility": names[fact.facility]})
            if fact.facility in names else fact for fact in facts]  # fmt: skip


def _key(span: TokenSpan) -> str:
    """A description by its lemmas: "gold mines" and "gold mine" are one key."""
    return " ".join(t.lemma_.lower() for t in span)


def _name_of(index: ArticleIndex, doc: Doc, head: Token) -> str | None:
    """The proper noun a copula or an apposition says the described facility is."""
    target = head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ == "one":
        target = head.head.head  # "X is one of the largest mines"
    if target.dep_ == "appos":
        subject: Token | None = target.head
    elif target.dep_ == "attr" and target.head.lemma_ == "be":
        subject = next((c for c in target.head.children if c.dep_ == "nsubj"), None)
    else:
        return None
    if subject is None or subject.pos_ != "PROPN":
        return None
    left = min([subject.i] + [c.i for c in subject.children if c.dep_ == "compound"])
    name = doc[left : subject.i + 1]
    if any(n.kind in _NOT_SITES and n.start < name.end_char and name.start_char < n.end
           for n in index.names):  # fmt: skip
        return None
    return name.text


def with_member_names(index: ArticleIndex, facts: list[PlantFact]) -> list[PlantFact]:
    """A figure of one of several facilities named together takes that one's name.

    "Velta owns the Korvala and Ostra zinc mines. Korvala produced 2 Mt": the
    figure's sentence names one member, so its facility is "Korvala zinc mine".
    """
    members = _members(index)
    result = []
    for fact in facts:
        named = [name for name in members.get(fact.facility, {}) if name in fact.evidence]
        if len(named) == 1:
            fact = fact.model_copy(update={"facility": members[fact.facility][named[0]]})
        result.append(fact)
    return result


def _members(index: ArticleIndex) -> dict[str, dict[str, str]]:
    """For each facility named "A and B <kind>", each name and its own facility name."""
    doc = parse(index.text)
    found: dict[str, dict[str, str]] = {}
    for facility in index.facilities:
        span = doc.char_span(facility.start, facility.end, alignment_mode="expand")
        heads = [t for t in span or () if t.lower_ in FACILITY_HEADS]
        joins = [t for t in span or () if t.lower_ == "and" and (not heads or t.i < heads[-1].i)]
        if span is None or not heads or len(joins) != 1:
            continue
        left, right = _name_run(doc, joins[0].i - 1, -1), _name_run(doc, joins[0].i + 1, 1)
        if left is None or right is None or left[0] < span.start or right[1] >= heads[-1].i:
            continue
        # The kind the names share, its head in the singular: "uranium deposits" -> "deposit".
        kind = " ".join([t.text for t in doc[right[1] + 1 : heads[-1].i]] + [heads[-1].lemma_])
        names = (doc[left[0] : left[1] + 1].text, doc[right[0] : right[1] + 1].text)
        found[facility.text] = {name: f"{name} {kind}" for name in names}
    return found


def _name_run(doc: Doc, at: int, step: int) -> tuple[int, int] | None:
    """The first and last index of the run of proper nouns from ``at`` in direction ``step``."""
    end = at
    while 0 <= end + step < len(doc) and doc[end + step].pos_ == "PROPN":
        end += step
    if not 0 <= at < len(doc) or doc[at].pos_ != "PROPN":
        return None
    return (min(at, end), max(at, end))
