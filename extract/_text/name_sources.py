"""Outlets and datelines: the names an article credits for its news rather than reports on.

The source a report is attributed to ("..., X reported", "as X reported", "told X", a wire
credit after a dateline, "the news agency X", a web address) is an outlet, not a party; a
place in capitals opening a line with a dash is a dateline. :mod:`extract._text.name_kinds`
counts these as votes for a medium or a place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract._text.name_spans import headline_end
from extract._text.quantity_lexicon import MONTHS

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc
    from spacy.tokens import Span as TokenSpan

# Words that make a name an outlet's (a category word, as for companies: no outlet's name).
MEDIA = re.compile(
    r"\b(?:News|Newswire|Times|Press|Media|TV|Radio|Post|Daily|Journal|Gazette|Tribune|Herald|"
    r"Telegraph|Weekly|Magazine)\b",
    re.IGNORECASE,
)
# "the news agency X", "X correspondent": the text's own word for an outlet.
_OUTLET = r"(?:news|information)\s+agency|newspaper|portal|website|broadcaster|newswire"
_OUTLET_BEFORE = re.compile(rf"\b(?:{_OUTLET}|outlet|correspondent\s+of)\s+[\"“«]?$", re.I)
_OUTLET_AFTER = re.compile(
    rf"^[\"”»]?\s+(?:[a-z]+\s+){{0,2}}(?:{_OUTLET}|correspondent|reporter|journalist)\b", re.I
)
# A web address names a website: "Kapital.kz", "Minewire.com".
WEB_ADDRESS = re.compile(r"\w\.(?:com|net|org|info|news|[a-z]{2})$", re.IGNORECASE)
REPORTING = frozenset({"report", "cite", "learn", "inform", "write", "quote", "announce"})
_COMPILING = REPORTING | {"compile", "publish", "calculate", "survey", "poll"}
# A dateline opens an article or paragraph with a place in capitals and a dash: "ASTANA –".
# "VELCO, which is owned by ...": an acronym opening a clause is no dateline (lower case after
# the comma).
_DATELINE = re.compile(r"^[A-Z][A-Z\-]+(?:\s+[A-Z][A-Z\-]+)?(?:\s*[.(–—-]|\s*,\s*[A-Z0-9])")
# A dateline in title case gives the date after the place: "Velmarsk, Sep 28 (Wire)",
# "Velmarsk, December 16, 2008": a place and a month's day, with no dash needed.
_MONTH = "|".join(month.capitalize()[:3] for month in MONTHS)
_DATED_LINE = re.compile(
    rf"^[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){{0,2}},\s+(?:{_MONTH})[a-z]*\.?\s+\d"
)


def _attribution(span: TokenSpan) -> bool:
    """A source the news is attributed to: the subject of a verb that reports a clause.

    "..., eKapija reported", "as X reported, ...", "reports the correspondent of
    Kapital.kz": the name (or the phrase it belongs to) is the subject of a
    reporting verb whose clause is the news (its clausal complement), or an "as"
    clause, or a clause set in the news.
    "Polymetal reported revenue" reports an object: a company's own figure.
    """
    token = span.root
    while token.dep_ in ("pobj", "prep", "compound", "appos", "poss") and token.head is not token:
        token = token.head  # up from "Kapital.kz" to "correspondent (of Kapital.kz)"
    verb = token.head
    # "X announced that it will build": the announcer is the actor, not a source.
    if token.dep_ != "nsubj" or verb.lemma_ not in REPORTING or verb.lemma_ == "announce":
        return False
    reports_clause = any(child.dep_ == "ccomp" for child in verb.children)
    as_clause = verb.dep_ == "advcl" and any(c.lower_ == "as" for c in verb.children)
    return reports_clause or as_clause or verb.dep_ in ("ccomp", "parataxis")


def is_source(span: TokenSpan) -> bool:
    """Whether a mention is the source the news is attributed or credited to."""
    return _attribution(span) or _credited(span)


def _credited(span: TokenSpan) -> bool:
    """A source credited for the news: "cited by X", "told X", "X news agency", a credit.

    A wire credit follows a dateline ("LIMA, May 3 (X) -", "LIMA. X -") or ends a
    headline after a dash ("Zinc rises - X").
    """
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_ in _COMPILING:
        return True  # "cited by X", "reported by X"
    if root.dep_ in ("dobj", "dative", "nsubjpass") and head.lemma_ in ("tell", "inform"):
        return True  # "..., its chief told X", "X was told by the ministry"
    if root.dep_ == "nsubj" and head.lemma_ == "say":  # "X said, citing data of Y"
        return any(c.dep_ == "advcl" and c.lemma_ == "cite" for c in head.children)
    if root.dep_ == "nsubj" and head.lemma_ in ("learn", "cite", "quote"):
        return True  # "X has learnt from the ministry", "X cites": a newsroom, not a party
    if root.dep_ == "nsubj" and head.lemma_ == "report":  # "X reported on Monday"
        return not any(child.dep_ == "dobj" for child in head.children)  # not "... revenue"
    before = span.doc.text[max(0, span.start_char - 30) : span.start_char]
    after = span.doc.text[span.end_char : span.end_char + 30]
    return bool(_OUTLET_BEFORE.search(before) or _OUTLET_AFTER.match(after)) or _wire_credit(span)


def _wire_credit(span: TokenSpan) -> bool:
    """The credit after a dateline ("LIMA. X -") or at a headline's end ("... - X")."""
    text = span.doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    before, after = text[line_start : span.start_char], text[span.end_char :]
    credit_line = before == "(" or (len(before) < 40 and _dateline_opens(before))
    if credit_line and re.match(r"\)?\s*[-–—]", after):
        return True
    if _DATED_LINE.match(before) and before.endswith("(") and after.startswith(")"):
        return True  # "Velmarsk, Jan 31 (Wire) Y said": the wire credited after a dated dateline
    ends_line = re.match(r"[ \t]*(?:\n|$)", after) is not None
    return (
        ends_line
        and span.start_char < headline_end(span.doc)
        and bool(re.search(r"\s[-–—|]\s+$", before))
    )


def is_dateline(doc: Doc, span: TokenSpan) -> bool:
    """Whether a mention opens a line as its dateline ("ASTANA –", "Velmarsk, December 16")."""
    line_start = doc.text.rfind("\n", 0, span.start_char) + 1
    return span.start_char == line_start and _dateline_opens(doc.text[line_start:])


def _dateline_opens(line: str) -> bool:
    """Whether ``line`` opens with a dateline: "ASTANA –", "Velmarsk, Jan 31 (Wire)"."""
    return bool(_DATELINE.match(line) or _DATED_LINE.match(line))
