"""What a proper name denotes, by a vote over all its mentions of what the text says.

Each mention votes for a kind from its own words (a corporate word such as "Mining" or
"LLP", an agency word, a facility head, a commodity, a closing title as in "Consul
General"), the words before it (a title such as "Minister", "the Chinese company", "an
agreement with"), the words after it ("region", "'s mine", ", a subsidiary of"), spaCy's
entity label, and the verb it is the subject of ("invests", "reported", "said"); a
headline mention votes at half weight. The source a report is attributed to is an
outlet, not a party, and a dateline a place (:mod:`extract._text.name_sources`); a one-word
name that the small model labels ORG once, with nothing in the text to back it, is no
company. No list of known names is consulted. The spans voted on come from
:mod:`extract._text.name_spans`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Literal

from extract._text.name_sources import MEDIA, REPORTING, WEB_ADDRESS, is_dateline, is_source
from extract._text.name_spans import TITLES, headline_end
from extract._vocab import country_of, is_demonym

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc
    from spacy.tokens import Span as TokenSpan

Kind = Literal["company", "agency", "media", "person", "place", "country", "nationality", "other"]
KINDS: tuple[Kind, ...] = ("company", "agency", "media", "person", "place", "other")

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
# Words that say a name is a place's: "Abai region", "Karaganda Oblast".
PLACE_WORDS = r"(?:[Rr]egion|[Oo]blast|[Pp]rovince|[Dd]istrict|[Cc]ounty|[Aa]rea|[Zz]one)"
_PLACE_WORD = re.compile(rf"\b(?:{PLACE_WORDS}|[Cc]ity|[Vv]illage|[Tt]own|[Tt]erritory)\b")
_TITLE_BEFORE = re.compile(
    r"\b(?:Minister|President|CEO|Chairman|Chairwoman|Director|Governor|Akim|Mr|Ms|Mrs|Dr|Head|"
    r"Premier|Chief|Manager|Officer|Ambassador|Mayor|Secretary|chairman|director|head|governor|"
    r"minister|president|executive|officer|manager|ambassador|founder|spokesman|akim)\.?"
    r"(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?(?:\s+(?:and|&)\s+[\w-]+)?)?,?\s*$"
)
# "Velmoran State": a federal state's name ends with the word, an agency's opens with it.
_STATE_NAME = re.compile(r"\s[Ss]tate$")
# "Minister of Industry and Trade": the words after a minister's "of" name an office.
_OFFICE_OF = re.compile(r"\b[Mm]inist(?:er|ry)\s+of\s+(?:the\s+)?$")
# "Russian miner X", "the Chinese company X", "steel giant X": the words before say company.
_INTRODUCER = (
    r"company|companies|firms?|group|miner|producer|giant|developer|operator|holding|corporation|"
    r"investor|subsidiary|unit|smelter|steelmaker|maker|conglomerate|contractor|"
    r"partner|shareholder|owner|buyer|seller"
)
# ... also when the name is quoted: 'Singapore company "Azura International"'. In lower case
# only: "X Group Companies Y" ends a name with the word, and Y is often its chairman.
_INTRODUCED = re.compile(rf"\b(?:{_INTRODUCER}),?\s+[\"“«]?$")
# "X, a subsidiary of ...", "X, the Chinese company", '"X" stock company': X is a company.
_APPOSITION_COMPANY = re.compile(
    r"^(?:[\"”»’]\s+(?:joint[- ])?(?:stock\s+)?company"
    r"|,\s+(?:an?|the|its)\s+(?:[\w-]+\s+){0,3}"
    rf"(?:subsidiary|company|firm|group|producer|miner|{_INTRODUCER}|arm|joint venture))\b",
    re.IGNORECASE,
)
# 'LLP "Varnok-Tash"', "JSC Korvel": a legal form written before a name makes it a company's.
_LEGAL_FORM_BEFORE = re.compile(r"\b(?:LLP|LLC|JSC|PJSC|OJSC|CJSC|TOO|PT|JV)\s+[\"“«]?$")
# "China's X": a country's possessive marks a company, unless a site's noun follows the name.
_SITE_AFTER = re.compile(
    r"^\s+(?:[a-z]+\s+){0,2}(?:deposits?|plots?|fields?|mines?|sites?|basin|belt|river|lake)\b"
)
_POSSESSIVE_BEFORE = re.compile(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})[’']s\s+$")
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
# "Ekibastuz Ferroalloy Plant", "Growth Plan": a site's or a programme's name, not a party's.
_SITE_OR_PROGRAMME_NAME = re.compile(
    r"\b(?:Plant|Mine|Smelter|Refinery|Factory|Complex|Project|Deposit|Field|Mill|Works|Plan"
    r"|Programme|Program|Strategy|Initiative)s?$"
)
# "Norvik Minerals Lithium Mine", "Tarsen Industrial Park": a mine or a park is a site
# even when company words come before its head.
_SITE_HEAD = re.compile(r"\s(?:Mine|Park)$")
# Institutions that list, legislate, defend or study: no party to a deal or a plant.
_NON_PARTY = re.compile(
    r"\b(?:(?:Stock|Securities|Commodity|Metals?|Futures) Exchange|Assembly|Senate|Congress"
    r"|House of (?:Representatives|Commons|Lords)|Forces|Army|Police|University|Institute"
    r"|Association|Survey|Society)\b"
)
# "Phase 1", "Unit II": one word with a small number after it numbers a part, names nothing.
_NUMBERED = re.compile(r"^ (?:\d{1,2}|[IVX]{1,4})\b(?![.,]\d)")
_PLACE_OF = re.compile(r"\b(?:village|town|city|region|district|province|area|settlement|state)"
                       r"\s+of\s+$", re.I)  # fmt: skip
_PLACE_NOUNS = frozenset({"village", "town", "city", "region", "district", "province", "area",
                          "settlement", "state", "oblast", "county", "territory"})  # fmt: skip
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
    "erect",
})  # fmt: skip


def country_kind(span: TokenSpan, label: str) -> Kind | None:
    """The kind of a country's name or a demonym ("country", "nationality"), else None."""
    if country_of(span.text) is None:
        return None
    return "nationality" if is_demonym(span.text) or label == "NORP" else "country"


def kinds_by_vote(doc: Doc, mentions: list[tuple[TokenSpan, str]]) -> dict[str, Kind]:
    """What each name denotes, from the votes of all its mentions."""
    headline = headline_end(doc)
    totals: dict[str, dict[Kind, float]] = {}
    for span, label in mentions:
        weight = 0.5 if span.start_char < headline else 1.0
        total = totals.setdefault(span.text, dict.fromkeys(KINDS, 0.0))
        for kind, vote in _votes(doc, span, label, weight).items():
            total[kind] += vote
    weak = _one_org_label(mentions)
    return {text: _winner(total, text in weak) for text, total in totals.items()}


def _one_org_label(mentions: list[tuple[TokenSpan, str]]) -> set[str]:
    """One-word names that the small model labels ORG exactly once in the article.

    en_core_web_sm labels one-word places, deposits, people and outlets ORG as
    readily as companies ("Gwadar", "Kyzyl", "AFP"): one such label is no evidence.
    """
    org_labels = Counter(span.text for span, label in mentions if label == "ORG")
    return {span.text for span, _ in mentions if len(span) == 1 and org_labels[span.text] == 1}


def _winner(total: dict[Kind, float], weak_org: bool) -> Kind:
    """The kind with most votes; a company needs more than a lone ORG label of one word."""
    best = max(total, key=total.__getitem__)
    if best == "company" and weak_org and total[best] <= 2.0:
        return "other"  # nothing in the text backs the label
    return best if total[best] > 0 else "other"


def _votes(doc: Doc, span: TokenSpan, label: str, weight: float) -> dict[Kind, float]:
    before = doc.text[max(0, span.start_char - 30) : span.start_char]
    after = doc.text[span.end_char : span.end_char + 40]
    # "Minister of Industry and Trade X": an office's words may reach further back.
    office = doc.text[max(0, span.start_char - 50) : span.start_char]
    votes = dict.fromkeys(KINDS, 0.0)
    votes["company"] += _company_votes(span, label, weight, before, after)
    site_or_programme = _SITE_OR_PROGRAMME_NAME.search(span.text)
    votes["other"] += 5 * bool(site_or_programme and not CORPORATE.search(span.text))
    votes["other"] += 8 * bool(_SITE_HEAD.search(span.text) and CORPORATE.search(span.text))
    votes["other"] += 5 * bool(len(span) == 1 and _NUMBERED.match(after))
    votes["other"] += 5 * bool(_NON_PARTY.search(span.text))
    votes["other"] += 2 * bool(_the_site(before, after) and not CORPORATE.search(span.text))
    votes["agency"] += 3.5 * bool(AGENCY.search(span.text))
    votes["media"] += 4 * bool(MEDIA.search(span.text) or WEB_ADDRESS.search(span.text))
    votes["media"] += 1.5 * _reporter(span)
    votes["media"] += 3 * is_source(span)  # the source of the news, not a party to it
    votes["place"] += 3 * is_dateline(doc, span)
    votes["person"] += 5 * bool(_TITLE_BEFORE.search(office) or span[-1].lower_ in TITLES)
    votes["other"] += 5 * bool(_OFFICE_OF.search(before) and not CORPORATE.search(span.text))
    votes["person"] += weight * (label == "PERSON" and len(span) > 1) + 0.5 * _speaker(span)
    votes["place"] += 2 * weight * (label in ("GPE", "LOC")) + 0.5 * weight * (label == "FAC")
    votes["place"] += 3 * bool(
        _PLACE_WORD.search(span.text) or _PLACE_OF.search(before) or _of_place_noun(span)
    )
    votes["place"] += 3 * bool(_STATE_NAME.search(span.text) and not CORPORATE.search(span.text))
    votes["place"] += 2 * bool(re.match(r"-(?:based|listed)", after)) + 0.5 * bool(
        _NEAR.search(before)
    )
    return votes


def _company_votes(span: TokenSpan, label: str, weight: float, before: str, after: str) -> float:
    """The votes of one mention for a company, in the order they were always summed."""
    votes = 0.0
    # "Investment jumped", "the Energy and Natural Resources Ministry": a corporate word
    # alone is a capitalised common noun, no company's name.
    named = CORPORATE.search(span.text) and not CORPORATE.fullmatch(span.text)
    votes += 3 * bool(named) + 2 * weight * (label == "ORG")
    votes += 2 * bool(re.search(r"-(?:based|listed|owned)\s+$", before))
    # A dateline ("ASTANA, May 3 -") heads no clause: the parse's subject reading of it is noise.
    acts = not (is_source(span) or is_dateline(span.doc, span))
    votes += bool(_OWNS.match(after)) + _business_subject(span) * acts
    votes += 3 * bool(_APPOSITION_COMPANY.match(after))
    votes += 3 * bool(_INTRODUCED.search(before))
    votes += 2 * bool(_PARTY_OF.search(before))
    votes += 2 * bool(_COMMODITY_NAME.search(span.text) and len(span) > 1)  # not "Nickel" alone
    votes += 3 * bool(_LEGAL_FORM_BEFORE.search(before))
    # "Kazakhstan's South Tortkuduk uranium plot": a name before a site's noun is the site's.
    votes += 2 * (_country_owned(before) and not _SITE_AFTER.match(after))
    return votes


def _the_site(before: str, after: str) -> bool:
    """Whether the name is written as a site's: "the X mine", "the X gold deposit".

    A mine or a project goes by its own name, which the text then uses alone as if it were
    a company's ("X will produce 300,000 ounces").
    """
    return bool(re.search(r"\b[Tt]he\s+$", before) and _SITE_AFTER.match(after))


def _of_place_noun(span: TokenSpan) -> bool:
    """A name the parse puts after a place noun's "of", or joined to one that is there.

    "the states of X and Y", "the provinces of X, Y and Z": the plural and the conjuncts
    that the text pattern before the name does not reach.
    """
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # from "Y" back to the first of "X and Y"
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in _PLACE_NOUNS


def _country_owned(before: str) -> bool:
    """Whether a country's possessive comes right before: "China's X" marks a company."""
    owner = _POSSESSIVE_BEFORE.search(before)
    return owner is not None and country_of(owner.group(1)) is not None


def _reporter(span: TokenSpan) -> bool:
    """The subject of "reported", or the source in "X reports" / "according to X"."""
    root = span.root
    if root.dep_ == "nsubj" and root.head.lemma_ in REPORTING:
        return True
    before = span.doc.text[max(0, span.start_char - 16) : span.start_char]
    return before.rstrip().lower().endswith("according to") and not CORPORATE.search(span.text)


_OWNING = frozenset({"own", "control", "hold"})


# Nouns of a business act whose "by" names the actor: "an investment by X".
_BUSINESS_NOUNS = frozenset({"investment", "acquisition", "purchase", "proposal", "bid",
                             "offer", "takeover", "expansion", "financing"})  # fmt: skip


def _business_subject(span: TokenSpan) -> float:
    """The subject of a business verb, its agent ("built by X") or an act's ("investment by X").

    "owned by X", "controlled by X": an owner may be a person (a billionaire) as well.
    """
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return float(root.head.head.lemma_ in BUSINESS_VERBS - _OWNING)
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "prep":
        return float(root.head.head.lemma_ in _BUSINESS_NOUNS)
    return float(root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in BUSINESS_VERBS)


def _speaker(span: TokenSpan) -> bool:
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in ("say", "tell", "note", "add", "stress")
