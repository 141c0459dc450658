"""ISO 4217 currency codes and the words and symbols articles write for them."""

from __future__ import annotations

import re

from extract._vocab.countries import COUNTRIES
from extract._vocab.text import key

# Currency words and symbols -> ISO 4217. Keys are lower-case.
_CURRENCY_SYNONYMS: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "us dollars": "USD", "u.s. dollars": "USD",
    "tenge": "KZT", "kzt": "KZT", "₸": "KZT",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "yuan": "CNY", "cny": "CNY", "rmb": "CNY", "renminbi": "CNY",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "rub": "RUB",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP",
    "¥": "JPY", "yen": "JPY", "jpy": "JPY",
    "won": "KRW", "krw": "KRW",
    "som": "UZS", "soms": "UZS", "sum": "UZS", "uzs": "UZS", "soum": "UZS", "soums": "UZS",
    "chf": "CHF", "swiss francs": "CHF",
    "somoni": "TJS", "rupee": "INR", "rupees": "INR", "rs": "INR", "₹": "INR",
    "rand": "ZAR", "reais": "BRL", "real": "BRL", "r$": "BRL", "riyal": "SAR", "riyals": "SAR",
    "dirham": "AED", "dirhams": "AED", "tugrik": "MNT", "tugriks": "MNT", "togrog": "MNT",
    "rupiah": "IDR", "dong": "VND", "a$": "AUD", "c$": "CAD", "ca$": "CAD", "au$": "AUD",
    "birr": "ETB", "taka": "BDT", "shilling": "KES", "shillings": "KES", "peso": "MXN",
    "pesos": "MXN", "naira": "NGN", "cedi": "GHS", "cedis": "GHS", "kwacha": "ZMW",
    "ringgit": "MYR", "baht": "THB", "manat": "TMT", "manats": "TMT", "lira": "TRY",
    "dinar": "IQD", "dinars": "IQD", "kina": "PGK", "lev": "BGN", "leva": "BGN",
    "rial": "IRR", "rials": "IRR", "cfa franc": "XOF", "cfa francs": "XOF", "zloty": "PLN",
    "zlotys": "PLN", "hryvnia": "UAH", "hryvnias": "UAH", "lari": "GEL", "kyat": "MMK",
    "kyats": "MMK", "sterling": "GBP", "swiss franc": "CHF", "us dollar": "USD",
}  # fmt: skip
_ISO_CODE = re.compile(r"^[A-Z]{3}$")

# ISO 4217 -> the one country whose own currency it is. The dollar and the euro are many
# countries' currencies, and say nothing of where a project is.
_HOME_COUNTRY: dict[str, str] = {
    "KZT": "Kazakhstan", "RUB": "Russia", "CNY": "China", "GBP": "United Kingdom",
    "CHF": "Switzerland", "JPY": "Japan", "AUD": "Australia", "CAD": "Canada",
    "UZS": "Uzbekistan", "KRW": "South Korea", "INR": "India", "AED": "United Arab Emirates",
    "KGS": "Kyrgyzstan", "SGD": "Singapore", "TJS": "Tajikistan", "ZAR": "South Africa",
    "BRL": "Brazil", "SAR": "Saudi Arabia", "MNT": "Mongolia", "IDR": "Indonesia",
    "VND": "Vietnam", "NZD": "New Zealand", "CLP": "Chile", "PEN": "Peru", "MXN": "Mexico",
    "ARS": "Argentina", "OMR": "Oman", "QAR": "Qatar", "TRY": "Turkey", "AZN": "Azerbaijan",
    "TMT": "Turkmenistan", "EGP": "Egypt", "ETB": "Ethiopia", "BDT": "Bangladesh",
    "LAK": "Laos", "NGN": "Nigeria", "PKR": "Pakistan", "UAH": "Ukraine", "PLN": "Poland",
    "LKR": "Sri Lanka", "NPR": "Nepal", "KES": "Kenya", "TZS": "Tanzania", "UGX": "Uganda",
    "COP": "Colombia", "PHP": "Philippines", "CDF": "Democratic Republic of the Congo",
    "GNF": "Guinea", "RWF": "Rwanda", "DZD": "Algeria", "IQD": "Iraq", "JOD": "Jordan",
    "KWD": "Kuwait", "BHD": "Bahrain", "LYD": "Libya", "TND": "Tunisia", "RSD": "Serbia",
    "IRR": "Iran", "YER": "Yemen", "ZMW": "Zambia", "MWK": "Malawi", "GHS": "Ghana",
    "MYR": "Malaysia", "THB": "Thailand", "PGK": "Papua New Guinea", "BGN": "Bulgaria",
    "GEL": "Georgia", "MMK": "Myanmar",
}  # fmt: skip

# Currencies that share a name, the most quoted first: "som" is Uzbekistan's or
# Kyrgyzstan's, "rupees" India's, Pakistan's or Sri Lanka's. Which one an article means
# is told by a nationality before the word ("Kyrgyz som") or else by where the money is
# spent (:func:`local_currency`). The dollar and the pound are left to their adjective:
# a bare "$" in an Australian article is as often the US dollar.
CURRENCY_FAMILIES: dict[str, tuple[str, ...]] = {
    "som": ("UZS", "KGS"), "rupee": ("INR", "PKR", "LKR", "NPR"),
    "shilling": ("KES", "TZS", "UGX"), "peso": ("MXN", "CLP", "ARS", "PHP", "COP"),
    "franc": ("CHF", "XOF", "XAF", "CDF", "GNF", "RWF"),
    "dinar": ("IQD", "DZD", "JOD", "KWD", "BHD", "LYD", "TND", "RSD"),
    "riyal": ("SAR", "QAR", "OMR", "IRR", "YER"), "manat": ("TMT", "AZN"),
    "kwacha": ("ZMW", "MWK"),
}  # fmt: skip
# The two CFA francs, each the currency of several states.
_SHARED_BY: dict[str, tuple[str, ...]] = {
    "XOF": ("Benin", "Burkina Faso", "Guinea-Bissau", "Ivory Coast", "Mali", "Niger", "Senegal",
            "Togo"),
    "XAF": ("Cameroon", "Central African Republic", "Chad", "Congo", "Equatorial Guinea", "Gabon"),
}  # fmt: skip
_NAMED_ONLY: dict[str, tuple[str, ...]] = {
    "dollar": ("USD", "AUD", "CAD", "NZD", "SGD"),
    "pound": ("GBP", "EGP"),
}
# Names no nationality adjective spells out: the DRC's own franc, the West African CFA franc.
_OWN_NAMES = {"congolese franc": "CDF", "congolese francs": "CDF"}


def canonical_currency(code: str) -> str:
    """Return the ISO 4217 code for a currency word, symbol or code.

    Raises:
        ValueError: When ``code`` is neither a known word nor a three-letter code.

    """
    folded = key(code)
    if folded in _CURRENCY_SYNONYMS:
        return _CURRENCY_SYNONYMS[folded]
    if _ISO_CODE.match(code.strip().upper()):
        return code.strip().upper()
    raise ValueError(f"unknown currency {code!r}: use an ISO 4217 code such as USD or KZT")


def is_currency_code(unit: str) -> bool:
    """Return True when ``unit`` looks like an ISO 4217 code (three capitals)."""
    return bool(_ISO_CODE.match(unit))


def currency_country(code: str) -> str | None:
    """The country whose own currency ``code`` (ISO 4217) is; None for the dollar, the euro.

    An amount in tenge or birr is money of Kazakhstan's or Ethiopia's economy; an amount
    in dollars or euros may be anyone's.
    """
    return _HOME_COUNTRY.get(code.strip().upper())


def national_currency_names() -> dict[str, str]:
    """Currency names qualified by a nationality -> ISO 4217: "kyrgyz som" -> "KGS".

    Built from the words of each shared name and the demonyms of the countries whose
    currency it is ("pakistani rupees", "kyrgyz soums", "australian dollars"); a
    nationality of no shared name is read with the word alone ("chinese yuan").
    Keys are lower-case.
    """
    names: dict[str, str] = {}
    for codes in (CURRENCY_FAMILIES | _NAMED_ONLY).values():
        words = [w for w, c in currency_words().items() if c == codes[0] and " " not in w]
        for code in codes:
            for demonym in _demonyms(code):
                names.update({f"{demonym} {word}": code for word in words})
    return names | _OWN_NAMES


def currency_words() -> dict[str, str]:
    """Currency words (no symbols, no codes) -> ISO 4217: "tenge" -> "KZT", "soms" -> "UZS"."""
    synonyms = _CURRENCY_SYNONYMS.items()
    return {w: c for w, c in synonyms if w.replace(" ", "").isalpha() and w.upper() != c}


def local_currency(code: str, country: str | None) -> str:
    """``code``, or the currency of ``country`` that shares its name when ``code`` is the default.

    "300 million soms" spent in Kyrgyzstan are Kyrgyz som (KGS), not the Uzbek som the
    word reads as alone; "Rs 5 billion" in Pakistan are Pakistani rupees. A code read
    from a nationality ("Uzbek soums") is not a family's first and stays as it is.
    """
    for codes in CURRENCY_FAMILIES.values():
        if codes[0] == code and country is not None:
            return next((c for c in codes if country in _countries_using(c)), code)
    return code


def _countries_using(code: str) -> tuple[str, ...]:
    home = _HOME_COUNTRY.get(code)
    return (home,) if home else _SHARED_BY.get(code, ())


def _demonyms(code: str) -> list[str]:
    """One-word nationality adjectives of the countries that use ``code``."""
    others = [o for country in _countries_using(code) for o in COUNTRIES.get(country, ())]
    return [o for o in others if " " not in o and not o.isupper() and "-" not in o]
