"""Canonical vocabularies: commodities, countries and currency codes.

The contract fixes a commodity vocabulary and asks for English short country
names and ISO 4217 currency codes. Everything that reaches a record goes
through these functions, so gold files and model output share one spelling.
"""

from __future__ import annotations

import re

COMMODITIES: tuple[str, ...] = (
    "aluminium", "alumina", "bauxite", "copper", "copper cathode",
    "copper concentrate", "gold", "silver", "iron ore", "steel", "ferroalloys",
    "ferrochrome", "ferrosilicon", "coal", "coke", "lithium", "rare earths",
    "uranium", "zinc", "lead", "tungsten", "nickel", "cobalt", "manganese",
    "titanium", "polymetallic", "ore", "cast iron", "pig iron",
    "hot briquetted iron", "pipes", "cement", "fertilizers", "chemicals",
)  # fmt: skip

# Synonyms seen in the genre -> canonical name. Keys are lower-case.
_COMMODITY_SYNONYMS: dict[str, str] = {
    "aluminum": "aluminium",
    "cooper": "copper",
    "cathode copper": "copper cathode",
    "copper cathodes": "copper cathode",
    "cathodes": "copper cathode",
    "refined copper": "copper cathode",
    "copper concentrates": "copper concentrate",
    "concentrate": "copper concentrate",
    "rare earth metals": "rare earths",
    "rare earth": "rare earths",
    "rare-earth metals": "rare earths",
    "rare earth elements": "rare earths",
    "ferro-alloys": "ferroalloys",
    "ferroalloy": "ferroalloys",
    "ferro-chrome": "ferrochrome",
    "ferrochromium": "ferrochrome",
    "ferro-silicon": "ferrosilicon",
    "refined gold": "gold",
    "gold bullion": "gold",
    "iron-ore": "iron ore",
    "iron ore concentrate": "iron ore",
    "hbi": "hot briquetted iron",
    "polymetals": "polymetallic",
    "polymetallic ore": "polymetallic",
    "fertilisers": "fertilizers",
    "fertiliser": "fertilizers",
    "fertilizer": "fertilizers",
    "crude steel": "steel",
    "rolled steel": "steel",
    "coal concentrate": "coal",
    "coking coal": "coal",
    "pig-iron": "pig iron",
    "cast-iron": "cast iron",
    "steel pipes": "pipes",
    "uranium oxide": "uranium",
    "zinc concentrate": "zinc",
    "lead concentrate": "lead",
    "raw materials": "ore",
    "silicomanganese": "ferroalloys",
    "sulphuric acid": "chemicals",
    "sulfuric acid": "chemicals",
    "raw material": "ore",
}

# Synonyms too generic to read as a commodity in running text ("tungsten concentrate" is not
# copper concentrate); they still map when a model or a labeller writes them as a commodity.
_GENERIC_SYNONYMS = frozenset({"concentrate", "cathodes", "raw materials", "raw material"})
#: Every word of running text that names a commodity: canonical names and specific synonyms.
COMMODITY_WORDS: tuple[str, ...] = (
    *COMMODITIES, *(name for name in _COMMODITY_SYNONYMS if name not in _GENERIC_SYNONYMS)
)

_COUNTRY_SYNONYMS: dict[str, str] = {
    "kazakhstan": "Kazakhstan", "kazakh": "Kazakhstan", "republic of kazakhstan": "Kazakhstan",
    "china": "China", "chinese": "China", "prc": "China",
    "people's republic of china": "China",
    "russia": "Russia", "russian": "Russia", "russian federation": "Russia",
    "germany": "Germany", "german": "Germany",
    "united kingdom": "United Kingdom", "uk": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "british": "United Kingdom",
    "united states": "United States", "us": "United States", "u.s.": "United States",
    "usa": "United States", "u.s.a.": "United States", "american": "United States",
    "uzbekistan": "Uzbekistan", "uzbek": "Uzbekistan",
    "kyrgyzstan": "Kyrgyzstan", "kyrgyz": "Kyrgyzstan",
    "turkey": "Turkey", "türkiye": "Turkey", "turkish": "Turkey",
    "south korea": "South Korea", "korea": "South Korea", "korean": "South Korea",
    "republic of korea": "South Korea",
    "japan": "Japan", "japanese": "Japan",
    "india": "India", "indian": "India",
    "france": "France", "french": "France",
    "italy": "Italy", "italian": "Italy",
    "finland": "Finland", "finnish": "Finland",
    "israel": "Israel", "israeli": "Israel",
    "canada": "Canada", "canadian": "Canada",
    "australia": "Australia", "australian": "Australia",
    "united arab emirates": "United Arab Emirates", "uae": "United Arab Emirates",
    "emirati": "United Arab Emirates",
    "saudi arabia": "Saudi Arabia", "saudi": "Saudi Arabia",
    "qatar": "Qatar", "qatari": "Qatar",
    "switzerland": "Switzerland", "swiss": "Switzerland",
    "netherlands": "Netherlands", "dutch": "Netherlands",
    "austria": "Austria", "austrian": "Austria",
    "poland": "Poland", "polish": "Poland",
    "belarus": "Belarus", "belarusian": "Belarus",
    "azerbaijan": "Azerbaijan", "azerbaijani": "Azerbaijan",
    "tajikistan": "Tajikistan", "turkmenistan": "Turkmenistan",
    "mongolia": "Mongolia", "iran": "Iran", "singapore": "Singapore",
    "luxembourg": "Luxembourg", "spain": "Spain", "spanish": "Spain",
}  # fmt: skip

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
    "som": "UZS", "sum": "UZS", "uzs": "UZS",
    "chf": "CHF", "swiss francs": "CHF",
}  # fmt: skip

_SPACES = re.compile(r"\s+")
_ISO_CODE = re.compile(r"^[A-Z]{3}$")


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower())


def canonical_commodity(name: str) -> str:
    """Return the canonical lower-case commodity name for ``name``.

    Unknown names are kept, lower-cased and space-folded, so that a new
    commodity is visible in output rather than silently dropped.

    Args:
        name: A commodity as written in an article or by a labeller.

    """
    key = _key(name)
    return _COMMODITY_SYNONYMS.get(key, key)


def canonical_country(name: str) -> str:
    """Return the English short country name for ``name`` (a name or demonym)."""
    key = _key(name).removeprefix("the ")
    return _COUNTRY_SYNONYMS.get(key, name.strip())


def canonical_currency(code: str) -> str:
    """Return the ISO 4217 code for a currency word, symbol or code.

    Raises:
        ValueError: When ``code`` is neither a known word nor a three-letter code.

    """
    key = _key(code)
    if key in _CURRENCY_SYNONYMS:
        return _CURRENCY_SYNONYMS[key]
    if _ISO_CODE.match(code.strip().upper()):
        return code.strip().upper()
    raise ValueError(f"unknown currency {code!r}: use an ISO 4217 code such as USD or KZT")


def is_currency_code(unit: str) -> bool:
    """Return True when ``unit`` looks like an ISO 4217 code (three capitals)."""
    return bool(_ISO_CODE.match(unit))


def known_commodity(name: str) -> bool:
    """Return True when ``name`` canonicalises into the contract's vocabulary."""
    return canonical_commodity(name) in COMMODITIES


# Regions and towns of the genre's countries: a plant "in the Pavlodar region" is in
# Kazakhstan even when the article names the investor's country more often.
_PLACES: dict[str, tuple[str, ...]] = {
    "Kazakhstan": (
        "Astana", "Almaty", "Karaganda", "Karagandy", "Pavlodar", "Abai", "Abay", "Kostanay",
        "Kostanai", "Aktobe", "Atyrau", "Mangystau", "Turkestan", "Zhambyl", "Akmola", "Ulytau",
        "Zhetysu", "Kyzylorda", "East Kazakhstan", "North Kazakhstan", "West Kazakhstan",
        "Temirtau", "Rudny", "Ekibastuz", "Balkhash", "Zhezkazgan", "Ust-Kamenogorsk", "Oskemen",
        "Ridder", "Aksu", "Shymkent", "Semey", "Satpayev", "Khromtau", "Stepnogorsk", "Taraz",
        "Aktogay", "Bozshakol", "Boschekul", "Sozak", "Shu",
    ),
    "Uzbekistan": ("Tashkent", "Navoi", "Navoiy", "Almalyk", "Samarkand", "Bukhara",
                   "Ohangaron", "Angren", "Jizzakh", "Kashkadarya", "Surkhandarya", "Fergana"),
    "Kyrgyzstan": ("Bishkek", "Jalal-Abad", "Issyk-Kul", "Kara-Balta", "Talas", "Chui",
                   "Naryn", "Osh", "Kumtor"),
    "Mongolia": ("Ulaanbaatar", "South Gobi", "Omnogovi", "Ömnögovi", "Gashuunsukhait",
                 "Tavan Tolgoi", "Oyu Tolgoi"),
}  # fmt: skip
PLACE_COUNTRY: dict[str, str] = {
    place: country for country, places in _PLACES.items() for place in places
}


def country_of_place(name: str) -> str | None:
    """The country of a region or town of the genre, when known."""
    for place, country in PLACE_COUNTRY.items():
        if re.search(rf"\b{re.escape(place)}\b", name):
            return country
    return None


def is_country_word(name: str) -> bool:
    """Whether ``name`` is a country or its demonym ("China", "Chinese", "South Korea")."""
    key = _key(name).removeprefix("the ")
    return key in _COUNTRY_SYNONYMS or name.strip() in _COUNTRY_SYNONYMS.values()
