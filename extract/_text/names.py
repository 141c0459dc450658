"""Proper names of an article and what each names: a company, an agency, a person, a place.

spaCy's entity recogniser finds most names; the small English model often gives
a company the wrong label (PERSON, GPE, WORK_OF_ART) or misses one written in
capitals, so its entities are merged with the runs of proper nouns its tagger
finds. What a name denotes is then voted on over all its mentions, by what the
text itself says: a corporate word in the name ("Mining", "LLP"), a title before
it ("Minister"), a place word after it ("region"), its entity label, and the
verb it is the subject of. No list of known names is consulted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from extract._text.aliases import defined_aliases
from extract._text.nlp import parse
from extract._text.quantity_lexicon import CURRENCY_CODES
from extract._text.spans import Span
from extract._vocab import country_of, is_demonym

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan

Kind = Literal["company", "agency", "media", "person", "place", "country", "nationality", "other"]
KINDS: tuple[Kind, ...] = ("company", "agency", "media", "person", "place", "other")


@dataclass(frozen=True, slots=True)
class Name(Span):
    """A mention of a proper name: its span and what it denotes."""

    kind: Kind = "other"


# Words that make a name a company's or an agency's, wherever it is written.
CORPORATE = re.compile(
    r"\b(?:Company|Companies|Corp|Corporation|Group|Holdings?|Mining|Metals?|Minerals|"
    r"Resources|Industries|Industrial|Enterprises?|LLP|LLC|JSC|PJSC|OJSC|CJSC|JV|Ltd|Limited|"
    r"Inc|plc|PLC|AG|SA|GmbH|Co|B\.?V|N\.?V|Gold|Copper|Steel|Energy|Partners|Capital|"
    r"Investments?|Fund|Bank|Construction|Engineering|Cement|Alumin(?:i)?um|Coal|Uranium|"
    r"Chemicals?|Mines|Smelting|Oil|Gas|Power|Petroleum|Exploration|Ventures|Trading|Nickel|"
    r"Lithium|Zinc|Silver|Iron|Alloys|Materials|Metallurgical|Technologies|Logistics)\b"
)
AGENCY = re.compile(
    r"\b(?:Ministry|Government|Agency|Committee|Akimat|Administration|Authority|Council|"
    r"Parliament|Cabinet|Office|Department|Commission|Invest|Presidency|Chamber|Bureau|"
    r"Service|Inspectorate)\b"
)
# The source of the news, not a party to it: an outlet's name, or the subject of "reported".
MEDIA = re.compile(
    r"\b(?:News|Newswire|Times|Press|Media|TV|Radio|Post|Daily|Journal|Gazette|Tribune|Herald|"
    r"Telegraph|Reuters|Bloomberg|Interfax|Xinhua|Kazinform|Inform|Weekly|Magazine)\b",
    re.IGNORECASE,
)
_REPORTING = frozenset({"report", "cite", "learn", "inform", "write", "quote", "announce"})
_LEGAL_FORMS = frozenset({"llp", "llc", "jsc", "pjsc", "ojsc", "cjsc", "too", "ltd", "inc", "plc",
                          "ag", "sa", "gmbh", "co", "corp", "jv"})  # fmt: skip
# A dateline opens an article or paragraph with a place in capitals and a dash: "ASTANA –".
_DATELINE = re.compile(r"^[A-Z][A-Z\-]+(?:\s+[A-Z][A-Z\-]+)?(?:\s*[,.(–—-])")
_PLACE_WORDS = r"(?:[Rr]egion|[Oo]blast|[Pp]rovince|[Dd]istrict|[Cc]ounty|[Aa]rea|[Zz]one)"
_PLACE_WORD = re.compile(rf"\b(?:{_PLACE_WORDS}|[Cc]ity|[Vv]illage|[Tt]own|[Tt]erritory)\b")
_PLACE_AFTER = re.compile(rf"\s+{_PLACE_WORDS}\b")
_COMPASS_BEFORE = re.compile(
    r"\b(?:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)"
    r"\s+$", re.IGNORECASE)  # fmt: skip
_TITLE_BEFORE = re.compile(
    r"\b(?:Minister|President|CEO|Chairman|Chairwoman|Director|Governor|Akim|Mr|Ms|Mrs|Dr|Head|"
    r"Premier|Chief|Manager|Officer|Ambassador|Mayor|Secretary|chairman|director|head|governor|"
    r"minister|president|executive|officer|manager|ambassador|founder|spokesman|akim)\.?"
    r"(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?,?\s*$"
)
# Units and symbols spaCy sometimes takes for names ("50 MW" -> ORG "MW").
# "Russian miner X", "the Chinese company X", "steel giant X": the words before say company.
_INTRODUCER = (
    r"company|firm|group|miner|producer|giant|developer|operator|holding|corporation|"
    r"investor|subsidiary|unit|smelter|steelmaker|maker|conglomerate|contractor|"
    r"partner|shareholder|owner|buyer|seller"
)
# ... also when the name is quoted: 'Singapore company "Azura International"'.
_INTRODUCED = re.compile(rf"\b(?:{_INTRODUCER})\s+[\"“«]?$", re.IGNORECASE)
# "X, a subsidiary of ...", "X, the Chinese company": the text says X is a company.
_APPOSITION_COMPANY = re.compile(
    r"^,\s+(?:an?|the|its)\s+(?:[\w-]+\s+){0,3}(?:subsidiary|company|firm|group|producer|miner"
    rf"|{_INTRODUCER}|arm|joint venture)\b",
    re.IGNORECASE,
)
# "an agreement with X", "a joint venture between X": X is a party to a deal.
_PARTY_OF = re.compile(
    r"\b(?:agreements?|contracts?|memorand\w+|deals?|partnership|venture|talks) (?:with|between)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A commodity in a proper name makes it a business's: "Jetisu Tungsten", "Rio Tinto Alcan".
_COMMODITY_NAME = re.compile(
    r"\b(?:Tungsten|Titanium|Cobalt|Manganese|Chrome|Silicon|Potash|Phosphate|Lithium|Nickel|"
    r"Zinc|Lead|Silver|Gold|Copper|Steel|Iron|Coal|Uranium|Alloys?|Ferroalloys?|Cement|Alumina)\b"
)
# "Ekibastuz Ferroalloy Plant", "Yanqul Project": a facility's name, not a party's.
_FACILITY_NAME = re.compile(
    r"\b(?:Plant|Mine|Smelter|Refinery|Factory|Complex|Project|Deposit|Field|Mill|Works)s?$"
)
_UNIT_WORDS = frozenset(
    {
        "mw",
        "gw",
        "kw",
        "mwh",
        "gwh",
        "kwh",
        "mt",
        "kt",
        "t",
        "oz",
        "moz",
        "koz",
        "tpa",
        "mtpa",
        "ktpa",
        "tpd",
        "km",
        "ha",
        "bn",
        "mln",
        "bln",
    }
)
# "Navoi Mining and Metallurgical Combine": "and" joins process words inside one name.
_PROCESS_WORDS = frozenset(
    {
        "processing",
        "metallurgical",
        "smelting",
        "chemical",
        "trading",
        "refining",
        "industrial",
        "construction",
        "exploration",
    }
)
_PLACE_OF = re.compile(
    r"\b(?:village|town|city|region|district|province|area|settlement|state)\s+of\s+$", re.I
)
_NEAR = re.compile(r"\b(?:in|near|at|outside|from)\s+(?:the\s+)?$")
_OWNS = re.compile(
    r"^[’']s\s+(?:\S+\s+){0,2}(?:mine|plant|project|smelter|refinery|subsidiary|shares?|output|"
    r"production|unit|division|operations?|factory|stake|deposit|facility|board|investment)",
    re.IGNORECASE,
)
# Verbs whose subject is a business (investing, building, owning, producing ...).
BUSINESS_VERBS = frozenset({
    "invest", "build", "construct", "develop", "acquire", "buy", "purchase", "sign", "own",
    "operate", "produce", "launch", "plan", "finance", "fund", "announce", "open", "commission",
    "start", "begin", "complete", "approve", "expand", "mine", "process", "export", "sell",
    "agree", "intend", "spend", "allocate", "implement", "control", "report", "raise", "hold",
})  # fmt: skip
TITLES = frozenset({
    "minister", "prime", "president", "chairman", "chairwoman", "ceo", "director", "governor",
    "akim", "deputy", "vice", "head", "chief", "ambassador", "mayor", "secretary", "premier",
    "mr", "ms", "mrs", "dr", "general", "executive", "officer", "founder", "spokesman",
    "spokesperson", "chair", "managing", "envoy", "king", "prince", "sheikh", "emir",
})  # fmt: skip
CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
})  # fmt: skip
_NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP", "PRODUCT",
                          "WORK_OF_ART", "EVENT"})  # fmt: skip


@lru_cache(maxsize=16)
def names(text: str) -> tuple[Name, ...]:
    """Every proper-name mention of ``text``, with what its name denotes (cached per text)."""
    doc = parse(text)
    mentions = _mentions(doc)
    kinds = _kinds_by_vote(doc, mentions)
    headline_end = _headline_end(doc)
    body = text[headline_end:]
    found: list[Name] = []
    for span, label in mentions:
        if span.start_char < headline_end and span.text not in body:
            continue  # a headline capitalises every word: a name there must recur
        kind = _country_kind(span, label) or kinds[span.text]
        found.append(_widened(doc, Name(span.start_char, span.end_char, span.text, kind)))
    return _with_alias_kinds(text, found)


def _with_alias_kinds(text: str, found: list[Name]) -> tuple[Name, ...]:
    """A short form defined for a company ("Eurasian Resources Group (ERG)") is a company."""
    aliases = defined_aliases(text, found)
    return tuple(
        Name(n.start, n.end, n.text, aliases[n.text].kind) if n.text in aliases else n
        for n in found
    )


def of_kind(found: Iterable[Name], *kinds: Kind) -> list[Name]:
    """The mentions of the given kinds."""
    return [name for name in found if name.kind in kinds]


def _headline_end(doc: Doc) -> int:
    first = next(iter(doc.sents), None)
    if first is None or "\n" not in doc.text[first.end_char - 1 : first.end_char + 2]:
        return 0  # no line of its own: no headline
    return first.end_char


def _says_what(span: TokenSpan, label: str) -> bool:
    return label == "ORG" or bool(CORPORATE.search(span.text) or AGENCY.search(span.text))


def _name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" and not token.is_space and token.lower_ not in TITLES


def _proper_noun_runs(doc: Doc) -> list[tuple[int, int]]:
    """Runs of proper nouns, split at titles ("Prime Minister"), glued by "of", "&", "-"."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if not _name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (_name_token(doc[j]) or _glue(doc, j)):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _glue(doc: Doc, j: int) -> bool:
    token = doc[j]
    if j + 1 >= len(doc) or not _name_token(doc[j + 1]) or "\n" in token.whitespace_:
        return False
    if token.lower_ == "-":  # "Tau-Korday", not "KAZINFORM - Singapore"
        return not doc[j - 1].whitespace_ and not token.whitespace_
    if token.lower_ == "and":
        return doc[j + 1].lower_ in _PROCESS_WORDS
    return token.lower_ in ("of", "&")


def _token_ranges(doc: Doc) -> list[tuple[int, int, str]]:
    """SpaCy's name entities, each widened to the proper-noun run that covers it."""
    ranges = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in _NAME_LABELS]
    in_entity = {i for start, end, _ in ranges for i in range(start, end)}
    for start, end in _proper_noun_runs(doc):
        covered = [k for k, (s, e, _) in enumerate(ranges) if start <= s and e <= end]
        labels = {ranges[k][2] for k in covered}
        if not any(i in in_entity for i in range(start, end)):
            ranges.append((start, end, "PROPN"))
        elif covered and len(labels) == 1:
            # "Emirates Global Aluminium" tagged ORG only in part; "Navoi Mining and" +
            # "Metallurgical Combine" tagged as two: the run is the name.
            label = labels.pop()
            ranges = [r for k, r in enumerate(ranges) if k not in covered]
            ranges.append((start, end, label))
    return sorted(set(ranges))


_QUOTES = frozenset('"“”«»„')


def _unquoted(ranges: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
    """Ranges split at quotation marks: 'LLP "Aktobetermokoks" Assem ...' holds two names."""
    pieces: list[tuple[int, int, str]] = []
    for start, end, label in ranges:
        cut = start
        for i in range(start, end):
            if doc[i].text in _QUOTES or doc[i].text.strip("'’") == "":
                pieces.append((cut, i, label))
                cut = i + 1
        pieces.append((cut, end, label))
    return [(s, e, label) for s, e, label in pieces if e > s]


def _mentions(doc: Doc) -> list[tuple[TokenSpan, str]]:
    mentions: list[tuple[TokenSpan, str]] = []
    seen: set[tuple[int, int]] = set()
    for start, end, label in _unquoted(_token_ranges(doc), doc):
        start, end = _trimmed(doc, start, end)
        if start >= end or (start, end) in seen:
            continue
        if all(t.ent_type_ in ("DATE", "TIME") or t.lower_ in CALENDAR for t in doc[start:end]):
            continue
        text = doc[start:end].text
        if text.lower() in _UNIT_WORDS or not any(ch.isupper() for ch in text):
            continue  # a unit, or a lower-case word spaCy took for a name ("ferrosilicon")
        if text.upper() in CURRENCY_CODES:
            continue  # "Investment jumped ...", "26bn RUR": a capitalised word, a currency
        seen.add((start, end))
        mentions.append((doc[start:end], label))
    return mentions


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Without leading articles, figures and punctuation, or a trailing possessive."""
    while start < end and (
        doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space
        or doc[start].like_num or doc[start].is_currency
        or any(c.isdigit() for c in doc[start].text)
    ):  # fmt: skip
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].lower_ in ("and", "of", "&")):  # fmt: skip
        end -= 1
    # A leading legal form is no part of the name ("LLP Kentau Polymetal"), and one alone
    # names nothing.
    while end - start > 1 and doc[start].lower_.strip(".") in _LEGAL_FORMS:
        start += 1
    if end - start == 1 and doc[start].lower_.strip(".") in _LEGAL_FORMS:
        return start, start
    return start, end


def _country_kind(span: TokenSpan, label: str) -> Kind | None:
    if country_of(span.text) is None:
        return None
    return "nationality" if is_demonym(span.text) or label == "NORP" else "country"


def _kinds_by_vote(doc: Doc, mentions: list[tuple[TokenSpan, str]]) -> dict[str, Kind]:
    """What each name denotes, from the votes of all its mentions."""
    headline_end = _headline_end(doc)
    totals: dict[str, dict[Kind, float]] = {}
    for span, label in mentions:
        weight = 0.5 if span.start_char < headline_end else 1.0
        total = totals.setdefault(span.text, dict.fromkeys(KINDS, 0.0))
        for kind, vote in _votes(doc, span, label, weight).items():
            total[kind] += vote
    return {text: _winner(total) for text, total in totals.items()}


def _winner(total: dict[Kind, float]) -> Kind:
    best = max(total, key=total.__getitem__)
    return best if total[best] > 0 else "other"


def _votes(doc: Doc, span: TokenSpan, label: str, weight: float) -> dict[Kind, float]:
    before = doc.text[max(0, span.start_char - 30) : span.start_char]
    after = doc.text[span.end_char : span.end_char + 40]
    votes = dict.fromkeys(KINDS, 0.0)
    votes["company"] += 3 * bool(CORPORATE.search(span.text)) + 2 * weight * (label == "ORG")
    votes["company"] += 2 * bool(re.search(r"-(?:based|listed|owned)\s+$", before))
    votes["company"] += bool(_OWNS.match(after)) + _business_subject(span)
    votes["company"] += 3 * bool(_APPOSITION_COMPANY.match(after))
    votes["company"] += 3 * bool(_INTRODUCED.search(before))
    votes["company"] += 2 * bool(_PARTY_OF.search(before))
    votes["company"] += 2 * bool(_COMMODITY_NAME.search(span.text))
    votes["other"] += 5 * bool(_FACILITY_NAME.search(span.text) and not CORPORATE.search(span.text))
    votes["agency"] += 3.5 * bool(AGENCY.search(span.text))
    votes["media"] += 4 * bool(MEDIA.search(span.text)) + 1.5 * _reporter(span)
    votes["place"] += 3 * _dateline(doc, span)
    votes["person"] += 5 * bool(_TITLE_BEFORE.search(before))
    votes["person"] += weight * (label == "PERSON" and len(span) > 1) + 0.5 * _speaker(span)
    votes["place"] += 2 * weight * (label in ("GPE", "LOC")) + 0.5 * weight * (label == "FAC")
    votes["place"] += 3 * bool(_PLACE_WORD.search(span.text) or _PLACE_OF.search(before))
    votes["place"] += 2 * bool(re.match(r"-(?:based|listed)", after)) + 0.5 * bool(
        _NEAR.search(before)
    )
    return votes


def _reporter(span: TokenSpan) -> bool:
    """The subject of "reported", or the source in "X reports" / "according to X"."""
    root = span.root
    if root.dep_ == "nsubj" and root.head.lemma_ in _REPORTING:
        return True
    before = span.doc.text[max(0, span.start_char - 16) : span.start_char]
    return before.rstrip().lower().endswith("according to") and not CORPORATE.search(span.text)


def _dateline(doc: Doc, span: TokenSpan) -> bool:
    line_start = doc.text.rfind("\n", 0, span.start_char) + 1
    return span.start_char == line_start and bool(_DATELINE.match(doc.text[line_start:]))


def _business_subject(span: TokenSpan) -> float:
    root = span.root
    return float(root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in BUSINESS_VERBS)


def _speaker(span: TokenSpan) -> bool:
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in ("say", "tell", "note", "add", "stress")


def _widened(doc: Doc, name: Name) -> Name:
    """A place keeps the word that says what it is ("Abai Region") and a compass ("northern")."""
    start, end, kind = name.start, name.end, name.kind
    if tail := _PLACE_AFTER.match(doc.text, end):
        end, kind = tail.end(), "place"
    if kind in ("country", "place") and (compass := _COMPASS_BEFORE.search(doc.text[:start])):
        start, kind = compass.start(), "place"
    if (start, end) == (name.start, name.end) and kind == name.kind:
        return name
    return Name(start, end, doc.text[start:end], kind)


def company_mentions(text: str) -> list[Span]:
    """Every mention of a company or agency, each carrying the fullest name the text gives it.

    Articles shorten names after the first mention ("Daewon will invest"); a
    mention whose words all stand in one longer company name takes that name.
    """
    every = names(text)
    found = of_kind(every, "company", "agency")
    full = sorted({name.text for name in found}, key=len, reverse=True)
    aliases = {short: name.text for short, name in defined_aliases(text, every).items()}
    return [Span(name.start, name.end, _fullest(aliases.get(name.text, name.text), full))
            for name in found]  # fmt: skip


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w’'&-]+", name)} - {"the", "of", "and"}


def _fullest(name: str, full: list[str]) -> str:
    words = _words(name)
    longer = [other for other in full if len(other) > len(name) and words < _words(other)]
    return (
        longer[0]
        if len(longer) == 1
        or (longer and all(_words(other) <= _words(longer[0]) for other in longer))
        else name
    )
