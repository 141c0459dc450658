import pytest
from pydantic import ValidationError

from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact
from extract._vocab import (
    COMMODITIES,
    canonical_commodity,
    canonical_country,
    canonical_currency,
    currency_country,
)


def fact(**changes: object) -> PlantFact:
    base: dict[str, object] = {
        "facility": "Balkhash smelter",
        "metric": "capacity",
        "value": 1.0,
        "unit": "t",
        "evidence": "e",
    }
    return PlantFact.model_validate({**base, **changes})


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Aluminum", "aluminium"),
        ("cooper", "copper"),
        ("cathode copper", "copper cathode"),
        ("Rare Earth Metals", "rare earths"),
        ("HBI", "hot briquetted iron"),
        ("gold", "gold"),
        ("ferro-alloys", "ferroalloys"),
        ("ferronickel", "ferroalloys"),
        ("Urea", "fertilizers"),
        ("caustic soda", "chemicals"),
        ("tubular products", "pipes"),
        ("Triple Superphosphate", "fertilizers"),
        ("diammonium phosphate", "fertilizers"),
        ("phosphoric acid", "chemicals"),
    ],
)
def test_commodity_synonyms_map_to_the_vocabulary(written: str, canonical: str) -> None:
    assert canonical_commodity(written) == canonical
    assert canonical in COMMODITIES


def test_unknown_commodity_is_kept_lower_case_not_dropped() -> None:
    assert canonical_commodity("  Vanadium  Pentoxide ") == "vanadium pentoxide"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("$", "USD"),
        ("US$", "USD"),
        ("Tenge", "KZT"),
        ("€", "EUR"),
        ("yuan", "CNY"),
        ("roubles", "RUB"),
        ("gbp", "GBP"),
        ("CHF", "CHF"),
        ("Birr", "ETB"),
        ("taka", "BDT"),
    ],
)
def test_currency_words_become_iso_codes(written: str, code: str) -> None:
    assert canonical_currency(written) == code


def test_unknown_currency_word_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown currency"):
        canonical_currency("shells")


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Chinese", "China"),
        ("the UK", "United Kingdom"),
        ("U.S.", "United States"),
        ("kazakh", "Kazakhstan"),
        ("Atlantis", "Atlantis"),
    ],
)
def test_countries_and_demonyms_become_short_names(written: str, name: str) -> None:
    assert canonical_country(written) == name


def test_records_forbid_unknown_fields() -> None:
    with pytest.raises(ValidationError, match="extra"):
        fact(confidence=0.9)


def test_record_validators_canonicalise() -> None:
    record = fact(unit="tonnes", commodity="Aluminum", country="Chinese")
    assert (record.unit, record.commodity, record.country) == ("t", "aluminium", "China")
    deal = InvestmentDeal(evidence="e", currency="tenge", commodities=["Cooper", "gold", "copper"])
    assert deal.currency == "KZT"
    assert deal.commodities == ["copper", "gold"]


def test_enums_are_enforced() -> None:
    with pytest.raises(ValidationError, match="metric"):
        fact(metric="output")


def test_gold_style_file_round_trips() -> None:
    article = ArticleExtraction(doc_id="a", plant_facts=[fact()])
    again = ArticleExtraction.model_validate_json(article.model_dump_json())
    assert again == article
    assert again.meta is None


@pytest.mark.parametrize(("code", "country"), [("KZT", "Kazakhstan"), ("ETB", "Ethiopia"),
                                               ("USD", None), ("EUR", None)])  # fmt: skip
def test_a_national_currency_names_its_country_the_dollar_and_euro_none(
    code: str, country: str | None
) -> None:
    assert currency_country(code) == country


def test_a_country_written_with_its_local_accents_is_the_country() -> None:
    assert canonical_country("Perú") == "Peru"
    assert canonical_country("Minera Panamá") == "Minera Panamá"


def test_lithium_minerals_and_their_concentrates_are_lithium() -> None:
    assert canonical_commodity("Spodumene concentrate") == "lithium"
    assert canonical_commodity("petalite") == "lithium"


def test_a_steel_slab_is_steel() -> None:
    assert canonical_commodity("slabs") == "steel"


def test_kosovo_and_its_demonym_are_a_country() -> None:
    assert canonical_country("Kosovar") == "Kosovo"
