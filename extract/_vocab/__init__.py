"""Canonical vocabularies: commodities, countries and currency codes.

The contract fixes a commodity vocabulary and asks for English short country
names and ISO 4217 currency codes. Everything that reaches a record goes
through these functions, so gold files and model output share one spelling.

May import: nothing of assay but its own modules (the bottom of the package).
"""

from extract._vocab.commodities import (
    COMMODITIES,
    COMMODITY_WORDS,
    canonical_commodity,
    known_commodity,
)
from extract._vocab.countries import (
    COUNTRIES,
    canonical_country,
    country_of,
    is_country_word,
    is_demonym,
    is_world_region,
)
from extract._vocab.currencies import canonical_currency, currency_country, is_currency_code

__all__ = [
    "COMMODITIES",
    "COMMODITY_WORDS",
    "COUNTRIES",
    "canonical_commodity",
    "canonical_country",
    "canonical_currency",
    "country_of",
    "currency_country",
    "is_country_word",
    "is_currency_code",
    "is_demonym",
    "is_world_region",
    "known_commodity",
]
