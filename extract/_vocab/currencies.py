"""ISO 4217 currency codes and the words and symbols articles write for them."""

from __future__ import annotations

import re

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
    "som": "UZS", "sum": "UZS", "uzs": "UZS", "soum": "UZS", "soums": "UZS",
    "chf": "CHF", "swiss francs": "CHF",
    "somoni": "TJS", "rupee": "INR", "rupees": "INR", "rs": "INR", "₹": "INR",
    "rand": "ZAR", "reais": "BRL", "real": "BRL", "r$": "BRL", "riyal": "SAR", "riyals": "SAR",
    "dirham": "AED", "dirhams": "AED", "tugrik": "MNT", "tugriks": "MNT", "togrog": "MNT",
    "rupiah": "IDR", "dong": "VND", "a$": "AUD", "c$": "CAD", "ca$": "CAD", "au$": "AUD",
    "birr": "ETB", "taka": "BDT",
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
}  # fmt: skip


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
