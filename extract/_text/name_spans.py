"""Where the article's proper names are: candidate name spans from spaCy's parse.

spaCy's small English model misses names written in capitals and splits or
mislabels others, so its name entities are widened to the runs of proper nouns
its tagger finds (glued by "of", "&", "-" and the "and" of "Mining and
Metallurgical"), split at quotation marks, and trimmed of articles, figures,
possessives and legal forms. Units, dates, currencies and lower-case words it
took for names are dropped. What each span denotes is decided by
:mod:`extract._text.name_kinds`; :mod:`extract._text.names` puts the two together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract._text.quantity_lexicon import CURRENCY_CODES, CURRENCY_WORDS, is_scale_word
from extract._vocab import country_of, is_country_word

if TYPE_CHECKING:  # spaCy loads in seconds: only when an article is parsed
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan

# Legal forms: no part of a name when they lead it ("LLP Kentau Polymetal").
_LEGAL_FORMS = frozenset({"llp", "llc", "jsc", "pjsc", "ojsc", "cjsc", "too", "ltd", "inc", "plc",
                          "ag", "sa", "gmbh", "co", "corp", "jv"})  # fmt: skip
# Units and symbols spaCy sometimes takes for names ("50 MW" -> ORG "MW").
_UNIT_WORDS = frozenset({"mw", "gw", "kw", "mwh", "gwh", "kwh", "mt", "kt", "t", "oz", "moz", "koz",
                         "tpa", "mtpa", "ktpa", "tpd", "km", "ha", "bn", "mln", "bln"})  # fmt: skip
# "Navoi Mining and Metallurgical Combine": "and" joins process words inside one name.
_PROCESS_WORDS = frozenset({"processing", "metallurgical", "smelting", "chemical", "trading",
                            "refining", "industrial", "construction", "exploration"})  # fmt: skip
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
_QUOTES = frozenset('"“”«»„')
# A bracket parts a name from the short form or place written after it: "Varnokcement (Karsk)".
_BRACKETS = frozenset("()[]")


def is_legal_form(word: str) -> bool:
    """Whether ``word`` is a legal form ("LLP", "Ltd.", "SA")."""
    return word.lower().strip(".,") in _LEGAL_FORMS


def headline_end(doc: Doc) -> int:
    """Where the headline ends: the end of a first sentence on a line of its own, else 0."""
    first = next(iter(doc.sents), None)
    if first is None or "\n" not in doc.text[first.end_char - 1 : first.end_char + 2]:
        return 0  # no line of its own: no headline
    return first.end_char


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
        runs.append((i - 1 if _split_demonym(doc, i) else i, j))
        i = j
    return runs


def _split_demonym(doc: Doc, i: int) -> bool:
    """Whether a run opens with the second word of a two-word demonym ("Saudi | Arabian").

    The tagger reads "Saudi" as an adjective, which would leave "Arabian Mining Company";
    the name as written is "Saudi Arabian Mining Company" (GUIDELINES 12).
    """
    if i == 0 or doc[i - 1].whitespace_ != " " or not doc[i - 1].text[:1].isupper():
        return False
    pair = f"{doc[i - 1].text} {doc[i].text}"
    country = country_of(pair)  # a two-word demonym of the vocabulary, not the country's name
    return country is not None and pair.lower() != country.lower()


def _glue(doc: Doc, j: int) -> bool:
    token = doc[j]
    if j + 1 >= len(doc) or not _name_token(doc[j + 1]) or "\n" in token.whitespace_:
        return False
    if token.lower_ == "-":  # "Tau-Korday", not "KAZINFORM - Singapore"
        return not doc[j - 1].whitespace_ and not token.whitespace_
    if token.lower_ == "and":
        return doc[j + 1].lower_ in _PROCESS_WORDS
    return token.lower_ in _NAME_PARTICLES


# Words inside one name between proper nouns: "Bank of X", "A & B", "Companhia Mineira do Norte".
_NAME_PARTICLES = frozenset({"of", "&", "do", "da", "dos", "das", "de", "del", "di", "du"})


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


def _unquoted(ranges: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
    """Ranges split at quotation marks, spaced dashes, commas and a country's possessive.

    'LLP "Aktobetermokoks" Assem ...', "Kazakhstan's Kazzinc JSC".
    """
    pieces: list[tuple[int, int, str]] = []
    for start, end, label in ranges:
        cut = start
        for i in range(start, end):
            if (
                (doc[i].text in _QUOTES | _BRACKETS and not _bracketed_form(doc, i))
                or doc[i].text.strip("'’") == ""
                or _spaced_dash(doc, i)
                or _listing_comma(doc, i)
            ):
                pieces.append((cut, i, label))
                cut = i + 1
            elif doc[i].tag_ == "POS" and is_country_word(doc[cut:i].text):
                # "Kazakhstan's Kazzinc JSC": a country's possessive marks the company.
                pieces += [(cut, i, "GPE")]
                cut = i + 1
        if cut < (holder := _office_holder(doc, cut, end)) < end:
            pieces.append((cut, holder, label))
            cut = holder
        pieces.append((cut, end, label))
    return [(s, e, label) for s, e, label in pieces if e > s]


# A corporate word a name keeps in brackets: "Hexian Metals (Group) Co., Ltd.".
_BRACKETED_FORMS = frozenset({"group", "holding", "holdings"})


def _bracketed_form(doc: Doc, i: int) -> bool:
    """Whether the bracket at ``i`` encloses one corporate word of the name: "(Group)"."""
    opening = i if doc[i].text == "(" else i - 2
    if opening < 0 or opening + 2 >= len(doc):
        return False
    inner, closing = doc[opening + 1], doc[opening + 2]
    return doc[opening].text == "(" and closing.text == ")" and inner.lower_ in _BRACKETED_FORMS


def _office_holder(doc: Doc, start: int, end: int) -> int:
    """Where the holder's name starts in a range that names an office and then its holder.

    "Minister of Mines Olav Brenn", "Prime Minister of Freedonia Ivan Petrov": the words
    after a title's "of" name the office, and the person holding it follows them in one run
    of proper nouns. The holder opens at a PERSON entity inside the range, after a country's
    name that opens it, or, when the parse makes the range's first words the object of that
    "of" and the rest a subtree of its own, after them. Returns ``start`` when the range
    follows no title's "of".
    """
    if not _after_office(doc, start):
        return start
    for k in range(start + 1, end):
        if doc[k].ent_iob_ == "B" and doc[k].ent_type_ == "PERSON":
            return k
    for k in range(start + 1, min(end, start + 4)):
        if is_country_word(doc[start:k].text):
            return k  # "Prime Minister of Freedonia Ivan Petrov": the country ends the office
    for k in range(start + 1, end):
        office, holder = range(start, k), range(k, end)
        if all(doc[i].head.i in office or doc[i].head.i == start - 1 for i in office) and all(
            doc[i].head.i not in office for i in holder
        ):
            return k if doc[start].dep_ == "pobj" else start
    return start


def _after_office(doc: Doc, start: int) -> bool:
    """Whether a range follows a title's "of", across the office's words.

    "Minister of Trade and ...": the words between the title and the range are crossed.
    """
    crossed_of = False
    for i in range(start - 1, max(-1, start - 9), -1):
        word = doc[i].lower_
        if word in TITLES:
            return crossed_of
        if word not in ("of", "and", ",", "&", "the") and not _name_token(doc[i]):
            return False
        crossed_of = crossed_of or word == "of"
    return False


def _listing_comma(doc: Doc, i: int) -> bool:
    """A comma before a name parts two names ("PT Sarana Mining, Hengda Port Group").

    A comma before a legal form stays inside the name ("Xinjiang Investment Co., Ltd.").
    """
    after = doc[i + 1].lower_.strip(".") if i + 1 < len(doc) else ""
    return doc[i].text == "," and after not in _LEGAL_FORMS


def _spaced_dash(doc: Doc, i: int) -> bool:
    """A dash set off by spaces ("LIMA. NEWSCO - Borex Mining") parts two names."""
    spaced = bool(doc[i].whitespace_) or (i > 0 and bool(doc[i - 1].whitespace_))
    return doc[i].text in ("-", "–", "—", "--") and spaced


def name_mentions(doc: Doc) -> list[tuple[TokenSpan, str]]:
    """Every candidate name span of ``doc``, once each, with its entity label or "PROPN"."""
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
        if text.upper() in CURRENCY_CODES or _amount(doc[start:end]):
            continue  # "Investment jumped ...", "26bn RUR", "UZS 554bn": a currency, an amount
        seen.add((start, end))
        mentions.append((doc[start:end], label))
    return mentions


def _amount(span: TokenSpan) -> bool:
    """Whether a span is a sum's currency: "UZS 554bn", "40 million Birr"."""
    if span[0].text.upper() in CURRENCY_CODES and any(c.isdigit() for c in span.text):
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    counted = before is not None and (before.like_num or is_scale_word(before.lower_))
    return counted and span.text.lower() in CURRENCY_WORDS


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Without leading articles, figures and punctuation, or a trailing possessive."""
    while start < end and (
        doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space
        or doc[start].like_num or doc[start].is_currency
        or any(c.isdigit() for c in doc[start].text) or _opening_verb(doc[start])
    ):  # fmt: skip
        start += 1
    end = next((i for i in range(start, end) if _coded_sum(doc[i])), end)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].lower_ in ("and", "of", "&", "for")):  # fmt: skip
        end -= 1
    # A leading legal form is no part of the name ("LLP Kentau Polymetal"), and one alone
    # names nothing.
    while end - start > 1 and doc[start].lower_.strip(".") in _LEGAL_FORMS:
        start += 1
    if end - start == 1 and doc[start].lower_.strip(".") in _LEGAL_FORMS:
        return start, start
    return start, end


def _coded_sum(token: Token) -> bool:
    """A sum written as a currency code with its figure: "EUR350", "CAD295m"."""
    return token.text[:3] in CURRENCY_CODES and token.text[3:4].isdigit()


def _opening_verb(token: Token) -> bool:
    """A verb that opens a clause before a name: "Citing X's losses, ..." (no part of X)."""
    return token.tag_ == "VBG" and token.dep_ in ("csubj", "advcl", "ROOT", "pcomp")
