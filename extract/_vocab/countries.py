"""English short country names, with their demonyms and the other names articles use.

A vocabulary, not a gazetteer: every sovereign state is listed (plus Taiwan and
Kosovo, states many others recognise), whatever articles the project has read.
Upper-case abbreviations ("US", "UK", "UAE") count only when written in capitals, so
the pronoun "us" is no country.
"""

from __future__ import annotations

import re
import unicodedata

from extract._vocab.text import key

#: name -> its other names and demonyms, lower-case.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("afghan",),
    "Albania": ("albanian",),
    "Algeria": ("algerian",),
    "Andorra": ("andorran",),
    "Angola": ("angolan",),
    "Antigua and Barbuda": (),
    "Argentina": ("argentine", "argentinian", "argentinean"),
    "Armenia": ("armenian",),
    "Australia": ("australian",),
    "Austria": ("austrian",),
    "Azerbaijan": ("azerbaijani", "azeri"),
    "Bahamas": ("bahamian", "the bahamas"),
    "Bahrain": ("bahraini",),
    "Bangladesh": ("bangladeshi",),
    "Barbados": ("barbadian",),
    "Belarus": ("belarusian", "belarussian"),
    "Belgium": ("belgian",),
    "Belize": ("belizean",),
    "Benin": ("beninese",),
    "Bhutan": ("bhutanese",),
    "Bolivia": ("bolivian",),
    "Bosnia and Herzegovina": ("bosnian", "bosnia"),
    "Botswana": ("botswanan", "motswana"),
    "Brazil": ("brazilian",),
    "Brunei": ("bruneian",),
    "Bulgaria": ("bulgarian",),
    "Burkina Faso": ("burkinabe", "burkinabé"),
    "Burundi": ("burundian",),
    "Cambodia": ("cambodian",),
    "Cameroon": ("cameroonian",),
    "Canada": ("canadian",),
    "Cape Verde": ("cabo verde", "cape verdean"),
    "Central African Republic": (),
    "Chad": ("chadian",),
    "Chile": ("chilean",),
    "China": ("chinese", "prc", "people's republic of china", "mainland china"),
    "Colombia": ("colombian",),
    "Comoros": ("comorian",),
    "Congo": ("republic of the congo", "congo-brazzaville", "congolese"),
    # The long form is canonical: the labelled gold writes it so, and "DR Congo" is informal.
    "Democratic Republic of the Congo": (
        "democratic republic of congo",
        "drc",
        "dr congo",
        "congo-kinshasa",
    ),
    "Costa Rica": ("costa rican",),
    "Croatia": ("croatian",),
    "Cuba": ("cuban",),
    "Cyprus": ("cypriot",),
    "Czech Republic": ("czechia", "czech"),
    "Denmark": ("danish",),
    "Djibouti": ("djiboutian",),
    "Dominica": (),
    "Dominican Republic": ("dominican",),
    "Ecuador": ("ecuadorian", "ecuadorean"),
    "Egypt": ("egyptian",),
    "El Salvador": ("salvadoran",),
    "Equatorial Guinea": ("equatoguinean",),
    "Eritrea": ("eritrean",),
    "Estonia": ("estonian",),
    "Eswatini": ("swaziland", "swazi"),
    "Ethiopia": ("ethiopian",),
    "Fiji": ("fijian",),
    "Finland": ("finnish",),
    "France": ("french",),
    "Gabon": ("gabonese",),
    "Gambia": ("gambian", "the gambia"),
    "Georgia": ("georgian",),
    "Germany": ("german",),
    "Ghana": ("ghanaian",),
    "Greece": ("greek",),
    "Grenada": ("grenadian",),
    "Guatemala": ("guatemalan",),
    "Guinea": ("guinean",),
    "Guinea-Bissau": ("bissau-guinean",),
    "Guyana": ("guyanese",),
    "Haiti": ("haitian",),
    "Honduras": ("honduran",),
    "Hungary": ("hungarian",),
    "Iceland": ("icelandic",),
    "India": ("indian",),
    "Indonesia": ("indonesian",),
    "Iran": ("iranian", "islamic republic of iran"),
    "Iraq": ("iraqi",),
    "Ireland": ("irish",),
    "Israel": ("israeli",),
    "Italy": ("italian",),
    "Ivory Coast": ("côte d'ivoire", "cote d'ivoire", "ivorian"),
    "Jamaica": ("jamaican",),
    "Japan": ("japanese",),
    "Jordan": ("jordanian",),
    "Kazakhstan": ("kazakh", "kazakhstani", "republic of kazakhstan", "kazakstan"),
    "Kenya": ("kenyan",),
    "Kiribati": (),
    "Kosovo": ("kosovar", "kosovan"),
    "Kuwait": ("kuwaiti",),
    "Kyrgyzstan": ("kyrgyz", "kyrgyz republic", "kirghizia"),
    "Laos": ("lao", "laotian"),
    "Latvia": ("latvian",),
    "Lebanon": ("lebanese",),
    "Lesotho": ("basotho",),
    "Liberia": ("liberian",),
    "Libya": ("libyan",),
    "Liechtenstein": (),
    "Lithuania": ("lithuanian",),
    "Luxembourg": ("luxembourgish",),
    "Madagascar": ("malagasy",),
    "Malawi": ("malawian",),
    "Malaysia": ("malaysian",),
    "Maldives": ("maldivian",),
    "Mali": ("malian",),
    "Malta": ("maltese",),
    "Marshall Islands": (),
    "Mauritania": ("mauritanian",),
    "Mauritius": ("mauritian",),
    "Mexico": ("mexican",),
    "Micronesia": (),
    "Moldova": ("moldovan",),
    "Monaco": ("monegasque",),
    "Mongolia": ("mongolian",),
    "Montenegro": ("montenegrin",),
    "Morocco": ("moroccan",),
    "Mozambique": ("mozambican",),
    "Myanmar": ("burma", "burmese"),
    "Namibia": ("namibian",),
    "Nauru": (),
    "Nepal": ("nepalese", "nepali"),
    "Netherlands": ("dutch", "holland", "the netherlands"),
    "New Zealand": ("new zealander",),
    "Nicaragua": ("nicaraguan",),
    "Niger": ("nigerien",),
    "Nigeria": ("nigerian",),
    "North Korea": ("dprk", "north korean"),
    "North Macedonia": ("macedonia", "macedonian"),
    "Norway": ("norwegian",),
    "Oman": ("omani",),
    "Pakistan": ("pakistani",),
    "Palau": (),
    "Panama": ("panamanian",),
    "Papua New Guinea": ("png",),
    "Paraguay": ("paraguayan",),
    "Peru": ("peruvian",),
    "Philippines": ("philippine", "filipino", "the philippines"),
    "Poland": ("polish",),
    "Portugal": ("portuguese",),
    "Qatar": ("qatari",),
    "Romania": ("romanian",),
    "Russia": ("russian", "russian federation"),
    "Rwanda": ("rwandan",),
    "Saint Kitts and Nevis": (),
    "Saint Lucia": (),
    "Saint Vincent and the Grenadines": (),
    "Samoa": ("samoan",),
    "San Marino": (),
    "Sao Tome and Principe": (),
    "Saudi Arabia": ("saudi", "saudi arabian", "kingdom of saudi arabia", "ksa"),
    "Senegal": ("senegalese",),
    "Serbia": ("serbian",),
    "Seychelles": (),
    "Sierra Leone": ("sierra leonean",),
    "Singapore": ("singaporean",),
    "Slovakia": ("slovak",),
    "Slovenia": ("slovenian", "slovene"),
    "Solomon Islands": (),
    "Somalia": ("somali",),
    "South Africa": ("south african",),
    "South Korea": ("korea", "korean", "south korean", "republic of korea"),
    "South Sudan": ("south sudanese",),
    "Spain": ("spanish",),
    "Sri Lanka": ("sri lankan",),
    "Sudan": ("sudanese",),
    "Suriname": ("surinamese",),
    "Sweden": ("swedish",),
    "Switzerland": ("swiss",),
    "Syria": ("syrian",),
    "Taiwan": ("taiwanese",),
    "Tajikistan": ("tajik", "tajikistani"),
    "Tanzania": ("tanzanian",),
    "Thailand": ("thai",),
    "Timor-Leste": ("east timor",),
    "Togo": ("togolese",),
    "Tonga": ("tongan",),
    "Trinidad and Tobago": (),
    "Tunisia": ("tunisian",),
    "Turkey": ("türkiye", "turkiye", "turkish"),
    "Turkmenistan": ("turkmen",),
    "Tuvalu": (),
    "Uganda": ("ugandan",),
    "Ukraine": ("ukrainian",),
    "United Arab Emirates": ("uae", "emirati", "u.a.e."),
    "United Kingdom": ("uk", "u.k.", "britain", "great britain", "british"),
    "United States": (
        "us",
        "u.s.",
        "usa",
        "u.s.a.",
        "america",
        "american",
        "united states of america",
    ),
    "Uruguay": ("uruguayan",),
    "Uzbekistan": ("uzbek", "uzbekistani"),
    "Vanuatu": (),
    "Venezuela": ("venezuelan",),
    "Vietnam": ("viet nam", "vietnamese"),
    "Yemen": ("yemeni",),
    "Zambia": ("zambian",),
    "Zimbabwe": ("zimbabwean",),
}

_ABBREVIATIONS = frozenset({"us", "u.s.", "uk", "u.k.", "uae", "u.a.e.", "drc", "prc", "ksa",
                            "png", "dprk", "usa", "u.s.a."})  # fmt: skip
_COUNTRY_OF: dict[str, str] = {
    **{other: name for name, others in COUNTRIES.items() for other in others},
    **{name.lower(): name for name in COUNTRIES},
}
_DEMONYMS = frozenset(
    other
    for others in COUNTRIES.values()
    for other in others
    if not other.startswith(("the ", "republic", "kingdom", "people", "islamic", "democratic"))
    and " " not in other
    and not other.isupper()
    and other not in _ABBREVIATIONS
)
_POSSESSIVE = re.compile(r"[’']s$")


def country_of(name: str) -> str | None:
    """The country ``name`` denotes (a country name, demonym or abbreviation), else None."""
    bare = re.sub(r"^[Tt]he\s+", "", _POSSESSIVE.sub("", name.strip()))
    folded = key(bare)
    if folded in _ABBREVIATIONS and bare != bare.upper():
        return None  # "us" the pronoun, not "US"
    return _COUNTRY_OF.get(folded) or _COUNTRY_OF.get(_unaccented(folded))


def _unaccented(word: str) -> str:
    """``word`` without its diacritics: "Panamá", "Perú" are the local spellings of a name."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def is_demonym(name: str) -> bool:
    """Whether ``name`` is an adjective of nationality ("Chinese", "Kazakh")."""
    return key(name) in _DEMONYMS and key(name) not in {n.lower() for n in COUNTRIES}


def canonical_country(name: str) -> str:
    """Return the English short country name for ``name`` (a name or demonym), else ``name``."""
    return country_of(name) or name.strip()


def is_country_word(name: str) -> bool:
    """Whether ``name`` is a country or its demonym ("China", "Chinese", "South Korea")."""
    return country_of(name) is not None


# Parts of the world wider than a country: "in the Middle East", "Europe's first plant".
_WORLD_REGIONS = frozenset({
    "africa", "asia", "europe", "eurasia", "oceania", "america", "americas", "middle east",
    "near east", "far east", "latin america", "north america", "south america",
    "central america", "caribbean", "southeast asia", "south asia", "east asia",
    "central asia", "west africa", "east africa", "southern africa", "north africa",
    "sub-saharan africa", "western europe", "eastern europe", "central europe",
    "northern europe", "southern europe", "scandinavia", "balkans", "persian gulf", "gulf",
})  # fmt: skip


def is_world_region(name: str) -> bool:
    """Whether ``name`` is a continent or a part of the world wider than a country."""
    bare = re.sub(r"^[Tt]he\s+", "", _POSSESSIVE.sub("", name.strip()))
    return key(bare) in _WORLD_REGIONS
