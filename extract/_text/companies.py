"""Company names of an article, and every later mention of each by a shorter name.

Three readings find a name: its form (capitalised words ending in a legal form
or a corporate word: "Hanul Steel Corporation", "Rheinland Rohstoffe GmbH"),
the words that introduce it ("China's Xiamen Hengrui Tungsten", "the Chinese
company Sichuan Tianhe Chemical", "Jetisu Tungsten, a subsidiary of ...") and
its place as the subject of an investment verb ("Uralmed signed ...").
Articles then shorten names ("Daewon will invest", "Tobol is carrying out"):
:func:`company_mentions` finds those mentions and gives them the full name.
"""

from __future__ import annotations

import re

from extract._text.reading import Span, sentences
from extract._vocab import PLACE_COUNTRY, is_country_word

_LEGAL = (
    r"(?:(?:LLP|LLC|JSC|PJSC|Ltd|Limited|AG|GmbH|SE|PLC|plc|Inc|Corp)\b\.?"
    r"|S\.A\.|B\.V\.|Co\.,? Ltd\b\.?|Co\.)"
)
_CORP_WORD = (
    r"(?:Group|Corporation|Company|Holding|Holdings|Mining|Metals?|Steel|Resources|Minerals"
    r"|Industries|Industrial|Investments?|Capital|Energy|Gold|Copper|Aluminium|Aluminum|Invest"
    r"|Samruk|Fund|Bank|Partners|Alloys|Kazakhmys|Kazatomprom|Kazzinc|Qarmet|ERG|Polymetal"
    r"|Tungsten|Uranium|Chemicals?|Materials|Cement|Fuel|Combine|Nickel|Zinc|Lithium|Coal"
    r"|Ferroalloys?|Silicon|Metallurgy|Metallurgical|Enterprises|Ventures|Trading)"
)
_CAP = r"(?:[A-Z][\w&'’\-]*|[A-Z]{2,})"
# "Tobol Mining and Processing Combine"; not "Hanul Steel Corporation and Saryarka Steel".
_CAP_AND = r"(?:Processing|Metallurgical|Smelting|Chemical|Trading|Refining)"
_COMPANY = re.compile(
    rf"(?:(?:LLP|JSC|TOO)\s+)?{_CAP}(?:[ \-]{_CAP}){{0,4}}(?:,?\s+{_LEGAL})+"
    rf"|{_CAP}(?:[ \-](?:{_CAP}|&)){{0,3}}\s+{_CORP_WORD}"
    rf"(?:\s+(?:and\s+{_CAP_AND}\s+)?{_CORP_WORD})*"
    rf"(?:,?\s+{_LEGAL})*"
    rf"|\b(?:Kazakhmys|Kazatomprom|Kazzinc|Qarmet|ERG|Kazakh Invest|Samruk-Kazyna|Tau-Ken Samruk|"
    rf"ArcelorMittal|Glencore|Rio Tinto|Polymetal|KAZ Minerals)\b"
)
_NOT_COMPANY_START = re.compile(
    r"^(?:The|A|An|In|At|On|By|For|Last|This|Kazakh|Chinese|"
    r"German|British|Russian|Turkish|Korean|Prime|Minister|CEO)\s"
)


def companies(text: str) -> list[Span]:
    """Company-like names: capitalised words ending in a legal or corporate word.

    A leading legal form ("LLP Kazakhmys Corporation") is dropped, as labellers do.
    """
    found: list[Span] = []
    for match in _COMPANY.finditer(text):
        start, name = match.start(), match.group(0)
        while _NOT_COMPANY_START.match(name) and len(name.split()) > 2:
            cut = name.index(" ") + 1
            start, name = start + cut, name[cut:]
        if lead := _LEADING_LEGAL.match(name):
            start, name = start + lead.end(), name[lead.end() :]
        if owner := _OWNER_PREFIX.match(name):  # "China’s Baowu Steel", "Rudny-based Tobol"
            start, name = start + owner.end(), name[owner.end() :]
        name = name.rstrip(",. ")
        if _EVENT_AFTER.match(text[start + len(name) :]) or _FACILITY_AFTER.match(
            text[start + len(name) :]
        ):
            continue
        if len(name) > 2 and name.split()[0].strip(",") not in _NOT_COMPANY_WORDS:
            found.append(Span(start, start + len(name), name))
    return found


_LEADING_LEGAL = re.compile(r"^(?:LLP|JSC|TOO|LLC)\s+")
_OWNER_PREFIX = re.compile(
    r"^(?:[A-Z][\w.]*(?: [A-Z]\w*)?(?:’s|'s)|(?:[A-Z]\w+ )?[A-Z]\w+-based)\s+(?=[A-Z])"
)
# "Astana Mining and Metallurgy Congress" is an event, not the company "Astana Mining".
_EVENT_AFTER = re.compile(
    r"^(?:\s+(?:and\s+)?[A-Z]\w+)*\s+(?:Congress|Forum|Exhibition|Conference|Summit|Exchange|Week|Expo)\b"
)
# "Ekibastuz Ferroalloy Plant" is a facility, not the company "Ekibastuz Ferroalloy".
_FACILITY_AFTER = re.compile(
    r"^\s+(?:Plant|Smelter|Refinery|Mine|Complex|Factory|Works|Deposit|Field|Concentrator)\b"
)
_NOT_COMPANY_WORDS = frozenset({"Kazakhstan", "Deputy", "Akim", "Invest", "The", "In"})




# A name introduced by what it is: "China’s X", "the Chinese company X", "the state-owned X".
_NAME = r"[A-Z][\w&’'\-]*(?:[ \-][A-Z][\w&’'\-]*){0,4}"
_KIND = (
    r"(?:company|group|firm|producer|miner|holding|fund|corporation|subsidiary|shareholder"
    r"|investor|developer|operator|conglomerate|state-owned|privately held)"
)
_INTRODUCED = re.compile(
    rf"\b(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:’s|'s)\s+(?P<a>{_NAME})"
    rf"|\b{_KIND}\s+(?P<b>{_NAME})"
)
# "X, a subsidiary of Y", "X, the owner of the plant", "X, a joint venture of ...".
_APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:(?:a|an)\s+(?:[\w-]+\s+){{0,4}}?"
    r"(?:subsidiary|company|unit|producer|developer|joint venture|miner)\b"
    r"|the\s+(?:owner|operator|developer)\s+of\b)"
)
# A sentence whose subject invests, signs, builds or considers: "Uralmed signed ...".
_SUBJECT = re.compile(
    rf"^(?:[^\w]*)(?P<name>{_NAME})(?:’s)?\s+(?:will|plans? to|intends? to|has|have|had|is|are)?\s*"
    r"(?:invest(?:ed|s)?|signed|agreed|building|completing|considering|launched|acquired)\b"
)
# "BISHKEK – Kyrgyzaltyn and the Emirati company Gulf Horizon Mining have signed ...".
_PAIR_SUBJECT = re.compile(
    rf"^\W*(?:date \d{{4}}-\d\d-\d\d\s+)?(?:[A-Z][A-Z-]{{2,}}(?: [A-Z][A-Z-]{{2,}})?\s+[–-]\s+)?"
    rf"(?P<name>{_NAME})\s+and\s+[^.]*?\b(?:signed|agreed)\b"
)
_TITLES = frozenset(
    {"President", "Chairman", "Chair", "CEO", "Director", "Minister", "Deputy", "Akim", "Governor",
     "Prime", "General", "Chief", "Head", "Mr", "Mrs", "Ms", "Dr", "The", "A", "An", "In", "At",
     "On", "This", "That", "These", "Those", "It", "Its", "Their", "Under"}
)  # fmt: skip
_PLACE_AFTER = re.compile(
    r"^\s+(?:region|province|oblast|district|city|town|deposit|field|mine|plant|border|"
    r"government|side|delegation|authorities|market)\b"
)


def _plausible(name: str, text: str, end: int) -> bool:
    words = name.split()
    return bool(
        words
        and not _TITLES.intersection(words)
        and not is_country_word(name)
        and name not in PLACE_COUNTRY
        and not _PLACE_AFTER.match(text[end:])
        and not (len(words) == 1 and len(name) < 3)
    )


def _spans_of(match: re.Match[str], group: str) -> Span:
    return Span(match.start(group), match.end(group), match.group(group))


def _read_by_context(text: str) -> list[Span]:
    """Names found by what introduces them or by the verb they are the subject of."""
    found = []
    for match in _INTRODUCED.finditer(text):
        if match.group("a") and not is_country_word(match.group("country")):
            continue
        found.append(_spans_of(match, "a" if match.group("a") else "b"))
    found += [_spans_of(m, "name") for m in _APPOSITIVE.finditer(text)]
    for sentence in sentences(text):
        for pattern in (_SUBJECT, _PAIR_SUBJECT):
            if subject := pattern.match(sentence.text):
                span = _spans_of(subject, "name")
                found.append(Span(sentence.start + span.start, sentence.start + span.end,
                                  span.text))  # fmt: skip
    return [span for span in map(_without_owner, found) if _plausible(span.text, text, span.end)]


_COUNTRY_OWNER = re.compile(r"^([A-Z]\w*(?: [A-Z]\w*)?)(?:’s|'s)\s+(?=[A-Z])")


def _without_owner(span: Span) -> Span:
    """Drop a leading "Russia’s" that a subject reading took for part of the name."""
    owner = _COUNTRY_OWNER.match(span.text)
    if owner and is_country_word(owner.group(1)):
        return Span(span.start + owner.end(), span.end, span.text[owner.end() :])
    return span


def _merged(spans: list[Span]) -> list[Span]:
    """One span per place in the text: the longest of those that overlap."""
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return result


_GENERIC = re.compile(rf"^(?:{_CORP_WORD}|and|of|the|&)$")


def _short_forms(name: str) -> list[str]:
    """Ways an article writes ``name``: runs of its words, the whole name first.

    A short form keeps at least one word that is not corporate ("Steel", "Group")
    nor a country or place, so "Mining" or "Mongolia" alone never stands for a name.
    """
    words = name.split()
    forms = {" ".join(words[i:j]) for i in range(len(words))
             for j in range(i + 1, len(words) + 1)}  # fmt: skip
    return sorted(
        (f for f in forms
         if any(not _GENERIC.match(w) and not is_country_word(w) and w not in PLACE_COUNTRY
                for w in f.split()) and len(f) >= 3 and f[0].isupper()),
        key=len, reverse=True,
    )  # fmt: skip


def company_mentions(text: str) -> list[Span]:
    """Every mention of a company, each carrying the full name the article gives it.

    ``Span.text`` is the longest name of the company found in the article, also
    for a shorter mention ("Daewon" at its own offsets carries "Daewon Materials").
    """
    named = _merged(companies(text) + _read_by_context(text))
    full = sorted({s.text for s in named}, key=len, reverse=True)
    mentions = [Span(s.start, s.end, _longest_for(s.text, full)) for s in named]
    for name in full:
        for form in _short_forms(name):
            mentions += _unclaimed(text, form, mentions, _longest_for(form, full))
    return sorted(mentions, key=lambda s: s.start)


def _unclaimed(text: str, form: str, claimed: list[Span], name: str) -> list[Span]:
    """Occurrences of ``form`` that no mention covers yet, each carrying ``name``."""
    if " " not in form and re.search(rf"\b{re.escape(form.lower())}\b", text):
        return []  # also a common word here ("Rare", "Gulf")
    found: list[Span] = []
    for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-]| [A-Z])", text):
        if _after_a_name(text, match.start()):
            continue  # "Emre Kalecik" is a person, not Kalecik Cimento
        if not any(s.start < match.end() and match.start() < s.end for s in [*claimed, *found]):
            found.append(Span(match.start(), match.end(), name))
    return found


def _after_a_name(text: str, at: int) -> bool:
    """Whether a capitalised word (not a possessive) ends right before ``at``."""
    return bool(re.search(r"\b[A-Z][\w-]*\s$", text[max(0, at - 40) : at]))


def _longest_for(name: str, full: list[str]) -> str:
    """The longest full name that contains ``name`` as a run of words (else ``name``)."""
    for candidate in full:
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", candidate):
            return candidate
    return name
