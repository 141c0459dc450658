"""Word lists and patterns behind :mod:`extract._text.numbers`.

Kept apart from the parser so that a new unit, currency or multiplier is a
one-line table change. Tables are tried in order, so longer and case-sensitive
spellings ("Mtpa", "Mt") come before the short ones ("mt", "t").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Kind = Literal["money", "mass", "power", "jobs", "percent", "number"]
Period = Literal["year", "half_year", "quarter", "month", "day"]

# One horizontal space; \s also covers the non-breaking and thin spaces of news sites.
GAP = r"[^\S\r\n]"
# A unit or multiplier must not run on into a word ("500 mines" is not "500 m").
END = r"(?![^\W\d_])"
# Spaces that may group thousands: "1 200 000", "80 000".
THOUSANDS_SPACE = "[ \u00a0\u2009\u202f]"


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit spelling: what it normalises to and by which factor."""

    pattern: re.Pattern[str]
    unit: str
    kind: Kind
    factor: Decimal
    period: Period | None = None


@dataclass(frozen=True, slots=True)
class Multiplier:
    """A scale word after a number: "million", "bn", or a bare letter ("$5m")."""

    pattern: re.Pattern[str]
    factor: Decimal
    letter: bool


def _unit(
    pattern: str, unit: str, kind: Kind, factor: str = "1", period: Period | None = None
) -> Unit:
    compiled = re.compile(rf"(?:{GAP}{{1,2}}|-)?(?:{pattern}){END}")
    return Unit(compiled, unit, kind, Decimal(factor), period)


def _mult(pattern: str, factor: int, *, letter: bool = False) -> Multiplier:
    # A bare letter must touch the digits ("$5m"); spelled-out scales may be spaced or hyphened.
    gap = "" if letter else rf"(?:{GAP}|-)?"
    return Multiplier(re.compile(rf"{gap}(?:{pattern}){END}"), Decimal(factor), letter)


MULTIPLIERS: tuple[Multiplier, ...] = (
    _mult(r"(?i:trillions?|trln|trn)", 10**12),
    _mult(r"(?i:billions?|bln|bn|mlrd)", 10**9),
    _mult(r"(?i:millions?|mln|mn|mio|mil)", 10**6),
    _mult(r"(?i:crores?|cr\.?)", 10**7),  # Indian English: 1 crore = 10 million
    _mult(r"(?i:lakhs?|lacs?)", 10**5),  # 1 lakh = 100,000
    _mult(r"(?i:thousands?|thou|ths)", 10**3),
    _mult(r"(?i:hundreds?)", 100),
    _mult(r"[bB]", 10**9, letter=True),
    _mult(r"[mM]", 10**6, letter=True),
    _mult(r"[kK]", 10**3, letter=True),
)


def is_scale_word(word: str) -> bool:
    """Whether ``word`` is a spelled-out scale of :data:`MULTIPLIERS`: "million", "bn", "crores"."""
    return any(m.pattern.fullmatch(word) for m in MULTIPLIERS if not m.letter)


_JOB_ADJECTIVES = (
    r"(?:new|permanent|temporary|additional|direct|indirect|local|full-time|part-time"
    r"|high-paying|well-paid|skilled|qualified|seasonal|construction|more|extra)"
)
_JOB_NOUNS = (
    r"(?:jobs?|job[ ](?:places|positions|openings)|workplaces?|work[ ]places|employees"
    r"|workers|staff|personnel|specialists|vacancies|employment[ ]opportunities)"
)

# "mt" is metric tonnes (contract); "Mt" and "mtpa" are million tonnes, as in mining reports.
UNITS: tuple[Unit, ...] = (
    _unit(r"%|(?i:per[ -]?cent|pct)", "%", "percent"),
    _unit(r"g/t|(?i:grams?\s+per\s+(?:metric\s+)?tonne)", "g/t", "number"),
    _unit(r"GWh", "MWh", "number", "1000"),
    _unit(r"MWh", "MWh", "number"),
    _unit(r"kWh", "MWh", "number", "0.001"),
    _unit(r"GW|(?i:gigawatts?)", "MW", "power", "1000"),
    _unit(r"MW|(?i:megawatts?)", "MW", "power"),
    _unit(r"kW|(?i:kilowatts?)", "MW", "power", "0.001"),
    _unit(r"[Mm]tp[ay]|MTP[AY]", "t", "mass", "1000000", "year"),
    _unit(r"(?i:ktp[ay])", "t", "mass", "1000", "year"),
    _unit(r"(?i:tp[ay])", "t", "mass", "1", "year"),
    _unit(r"(?i:tpd)", "t", "mass", "1", "day"),
    _unit(r"Mt|MM[Tt]|(?i:mega-?ton(?:ne)?s?)", "t", "mass", "1000000"),
    _unit(rf"(?i:kt|kilo(?:-|{GAP})?ton(?:ne)?s?)", "t", "mass", "1000"),
    # "tones" is a common misspelling of "tonnes" in this genre
    _unit(r"mt|MT|(?i:(?:metric[\s-]+)?(?:ton(?:ne)?s?|tones))", "t", "mass"),
    _unit(r"t(?!\d)", "t", "mass"),
    _unit(r"(?i:kg|kilo(?:gram(?:me)?)?s?)", "t", "mass", "0.001"),
    _unit(r"(?i:moz)", "oz", "mass", "1000000"),
    _unit(r"(?i:koz)", "oz", "mass", "1000"),
    _unit(r"(?i:(?:troy\s+)?ounces?|oz)", "oz", "mass"),
    _unit(r"(?i:lbs?|pounds?)", "lb", "mass"),
    _unit(r"(?i:barrels?|bbl)", "bbl", "number"),
    _unit(r"(?i:hectares?|ha)", "ha", "number"),
    _unit(r"(?i:km|kilomet(?:er|re)s?)", "km", "number"),
    _unit(rf"(?i:(?:{_JOB_ADJECTIVES}[ -]){{0,2}}{_JOB_NOUNS})", "jobs", "jobs"),
)

# "500 people" are jobs only where the text talks about employing them.
PEOPLE = re.compile(
    rf"(?:{GAP}{{1,2}})(?i:(?:{_JOB_ADJECTIVES}[ -]){{0,2}}(?:people|persons)){END}"
)
JOB_CONTEXT = re.compile(r"(?i)employ|\bhir(?:e|es|ed|ing)\b|\bjobs?\b|workforce|\bstaff")

CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD",
    "tenge": "KZT", "euro": "EUR", "euros": "EUR", "yuan": "CNY", "renminbi": "CNY",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "won": "KRW",
    "soum": "UZS", "soums": "UZS", "swiss franc": "CHF", "swiss francs": "CHF",
    "dirham": "AED", "dirhams": "AED", "rupee": "INR", "rupees": "INR",
    "somoni": "TJS", "rand": "ZAR", "reais": "BRL", "real": "BRL", "riyal": "SAR",
    "riyals": "SAR", "tugrik": "MNT", "tugriks": "MNT", "togrog": "MNT", "rupiah": "IDR",
    "dong": "VND", "birr": "ETB", "taka": "BDT",
}  # fmt: skip
_ISO_CODES = (
    "USD", "KZT", "EUR", "RUB", "CNY", "GBP", "CHF", "JPY", "AUD", "CAD", "UZS", "KRW", "INR",
    "AED", "KGS", "HKD", "SGD", "TJS", "ZAR", "BRL", "SAR", "MNT", "IDR", "VND", "NZD", "CLP",
    "PEN", "MXN", "ARS", "OMR", "QAR", "TRY", "AZN", "TMT", "EGP", "ETB", "BDT",
)  # fmt: skip
# Codes that are not ISO but common in news: "RMB" (yuan), "RUR" (the pre-1998 rouble code).
CURRENCY_CODES: dict[str, str] = {code: code for code in _ISO_CODES} | {"RMB": "CNY", "RUR": "RUB"}
_CODES = "|".join(CURRENCY_CODES)
CURRENCY_SUFFIX = re.compile(
    rf"(?:{GAP}{{1,2}}|-)?(?P<cur>(?i:u\.?s\.?(?:\s+|-)dollars?|dollars?|tenge|euros?|yuan|renminbi"
    rf"|roubles?|rubles?|pounds\s+sterling|sterling|yen|won|soums?|swiss\s+francs?|dirhams?"
    rf"|rupees?|somoni|rand|reais|riyals?|tugriks?|togrog|rupiah|birr|taka)|{_CODES}){END}"
)
PREFIX_SYMBOLS: dict[str, str] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD",
    "NZ$": "NZD", "S$": "SGD", "€": "EUR", "£": "GBP", "₸": "KZT", "¥": "JPY", "₽": "RUB",
    "₹": "INR", "R$": "BRL", "Rs": "INR", "Rs.": "INR", "R": "ZAR", "LE": "EGP", "E£": "EGP",
}  # fmt: skip
# A currency right before the digits: "$", "US$ ", "KZT 10", "KZT10".
CURRENCY_PREFIX = re.compile(
    rf"(?:(?<![A-Za-z])(?:US|U\.S\.|A|C|HK|NZ|S|R){GAP}?)?\$|(?<![A-Za-z])E£|[€£₸¥₽₹]"
    # "Rs 730 crore", "R100bn" (rand): a capital R only right before the digits.
    rf"|(?<![A-Za-z])Rs\.?|(?<![A-Za-z&])R"
    # "LE12 billion", "LE 12 billion": the Egyptian pound's Latin initials.
    rf"|(?<![A-Za-z])LE"
    rf"|(?<![A-Za-z])(?:{_CODES})(?![A-Za-z])"
)
# Latin initials a number may touch ("R100bn", "LE12 billion").
LETTER_PREFIXES = ("LE", "R")


def currency_code(word: str) -> str:
    """Return the ISO 4217 code of a currency word, code or symbol matched by the patterns above."""
    key = " ".join(word.lower().replace(".", "").replace("-", " ").split())  # "U.S.-dollar"
    compact = "".join(word.split())
    return CURRENCY_WORDS.get(key) or CURRENCY_CODES.get(word) or PREFIX_SYMBOLS[compact]


_PERIOD_KEYS: dict[str, Period] = {
    "y": "year", "yr": "year", "year": "year", "a": "year", "annum": "year", "annually": "year",
    "yearly": "year", "pa": "year", "p a": "year", "per annum": "year",
    "d": "day", "day": "day", "daily": "day",
    "mo": "month", "mth": "month", "month": "month", "monthly": "month",
    "q": "quarter", "qtr": "quarter", "quarter": "quarter", "quarterly": "quarter",
    "half year": "half_year", "six months": "half_year", "semi annually": "half_year",
    "semiannually": "half_year",
}  # fmt: skip
SLASH_PERIOD = re.compile(
    rf"{GAP}?/{GAP}?(?P<p>(?i:y|yr|year|a|annum|d|day|mo|mth|month|q|qtr|quarter)){END}"
)
WORD_PERIOD = re.compile(
    rf"(?:{GAP}{{1,2}}|-)(?i:(?:per|a|an|each|every|in[ ]a)[ -](?P<p>year|annum|month|day|quarter"
    r"|half[ -]year|six[ ]months)|(?P<q>annually|yearly|per[ ]annum|p\.[ ]?a\.?|pa|daily"
    rf"|monthly|quarterly|semi-?annually)){END}"
    # "a year earlier" dates a comparison; it is not the period of a flow.
    rf"(?!{GAP}+(?i:earlier|ago|before|later|previously|on[ ]year))"
)


def period_of(word: str) -> Period:
    """Return the period a :data:`SLASH_PERIOD` or :data:`WORD_PERIOD` match names."""
    return _PERIOD_KEYS[" ".join(word.lower().replace(".", "").replace("-", " ").split())]


QUALIFIER = re.compile(
    r"(?i)\b(?P<q>up\s+to|no\s+more\s+than|not\s+more\s+than|no\s+less\s+than|not\s+less\s+than"
    r"|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|over|about|approximately"
    r"|approx\.|around|nearly|almost|roughly|close\s+to|in\s+excess\s+of|upwards\s+of|some"
    r"|under|above|below|exceeding|circa|as\s+much\s+as|as\s+many\s+as)\s*\Z"
)

_SMALL_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SMALL_NUMBERS: dict[str, int] = {word: value for value, word in enumerate(_SMALL_WORDS, start=1)}
TENS: dict[str, int] = {word: 10 * value for value, word in enumerate(_TENS_WORDS, start=2)}
_ONES = "|".join(list(SMALL_NUMBERS)[:9])
# A fraction of a scale word: "half a million tonnes", "a quarter of a billion dollars".
FRACTIONS: dict[str, Decimal] = {"half": Decimal("0.5"), "quarter": Decimal("0.25"),
                                 "three quarters": Decimal("0.75")}  # fmt: skip
_FRACTION = (
    rf"(?:a{GAP})?(?P<frac>half|quarter|three[ -]quarters)(?:{GAP}of)?{GAP}a"
    rf"(?={GAP}(?:million|billion|thousand|trillion)\b)"
)
WORD_NUMBER = (
    rf"\b(?i:{_FRACTION}|(?P<tens>{'|'.join(TENS)})(?:-(?P<ones>{_ONES}))?"
    rf"|(?P<small>{'|'.join(sorted(SMALL_NUMBERS, key=len, reverse=True))})|(?P<a>a))\b"
)

#: The months in calendar order, lower-case (a figure's as_of reads its month's number here).
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
_MONTHS = (
    "(?:"
    + "|".join(month.capitalize() for month in MONTHS)
    + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
# Figures that are not quantities: dates, times, fractions, rankings and numbering.
NOT_QUANTITY = re.compile(
    rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b(?:19|20)\d{{2}}[-–/]\d{{2}}\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|\b\d{{1,2}}:\d{{2}}\b"
    rf"|\b\d+/\d+\b|\b{_MONTHS}\.?{GAP}+\d{{1,2}}(?:st|nd|rd|th)?\b(?![.,]?\d)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?{GAP}+(?:of{GAP}+)?{_MONTHS}\b"
    rf"|(?i:\btop){GAP}+\d+|\b(?:No|no|Nr)\.{GAP}?\d+|#{GAP}?\d+"
)
