"""Company names: by form, by what introduces them, and their shorter mentions."""

import pytest

from extract._text.names import Name, _with_surname_kinds, company_mentions, names


def _names(text: str) -> dict[str, str]:
    """Mention as written -> the full name it carries."""
    return {text[m.start : m.end]: m.text for m in company_mentions(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("China’s Xiamen Hengrui Tungsten has launched a complex.", "Xiamen Hengrui Tungsten"),
        ("The ministry met the Chinese company Sichuan Tianhe Chemical on Monday.",
         "Sichuan Tianhe Chemical"),
        ("Turkish building materials group Kalecik Cimento will build a plant.", "Kalecik Cimento"),
        ("Jetisu Tungsten, a subsidiary of a Chinese group, runs the mine.", "Jetisu Tungsten"),
        ("Russia’s Uralmed signed a memorandum with the akimat.", "Uralmed"),
        ("Tobol Mining and Processing Combine runs it.", "Tobol Mining and Processing Combine"),
        ("Kazakhstan’s Borzinc JSC will build a zinc plant.", "Borzinc JSC"),
    ],
)  # fmt: skip
def test_a_name_is_read_by_what_introduces_it(text: str, name: str) -> None:
    assert name in _names(text).values()


def test_a_short_mention_carries_the_full_name() -> None:
    text = ("South Korea’s Daewon Materials signed an agreement. Daewon will invest $240 million. "
            "The plant was designed by engineer Emre Daewon.")  # fmt: skip
    names = _names(text)
    assert names["Daewon"] == "Daewon Materials"
    assert sum(1 for m in company_mentions(text) if m.text == "Daewon Materials") == 2  # not Emre's


@pytest.mark.parametrize(
    "text",
    [
        "Currently, the company produces copper using old technology.",
        "Kazakhstan’s mining sector employs 250,000 people.",
        "Hunan Jinlu President Wang Deming, the Chinese company's head, spoke.",
        "The company owns the Ekibastuz Ferroalloy Plant in the city.",
    ],
)
def test_words_that_are_not_companies_stay_out(text: str) -> None:
    names = set(_names(text).values())
    assert not any(word in name for name in names
                   for word in ("Currently", "Kazakhstan", "President", "Ekibastuz"))  # fmt: skip


def test_a_sum_with_a_currency_code_is_no_name() -> None:
    text = "The mill will cost UZS 554bn, Tarvo Cement said."
    assert set(_names(text).values()) == {"Tarvo Cement"}


def test_a_short_mention_opening_a_company_name_is_that_company() -> None:
    text = ("Tavrida Holding Group signed an agreement with the ministry. "
            "Work at the site will begin in May, according to Tavrida.")  # fmt: skip
    assert _names(text)["Tavrida"] == "Tavrida Holding Group"


def test_a_short_mention_ending_a_company_name_is_that_company() -> None:
    text = ("The smelter belongs to JSC AK Vardalmas. The branch of Vardalmas is one of the "
            "largest employers in the area.")  # fmt: skip
    assert _names(text)["Vardalmas"] == "AK Vardalmas"


def test_a_company_name_with_a_unit_after_it_is_a_company() -> None:
    text = "Zorvatel bought the plant. The situation with Zorvatel Nova Petrovka is being watched."
    kinds = {name.text: name.kind for name in names(text)}
    assert kinds["Zorvatel Nova Petrovka"] == "company"


def test_a_corporate_word_ending_a_company_name_stays_no_company() -> None:
    text = "UC Vardal Mining signed the deal. Later, Mining said it would help."
    assert "Mining" not in _names(text)


def test_two_companies_joined_by_and_stay_two() -> None:
    text = "Hanul Steel Corporation and Saryarka Steel signed an agreement."
    assert set(_names(text).values()) == {"Hanul Steel Corporation", "Saryarka Steel"}


def test_a_short_form_defined_in_brackets_carries_the_full_name() -> None:
    text = ("Aral Basin Smelting Company (ABSC) plans a new furnace. "
            "ABSC said the furnace would cost $90 million.")  # fmt: skip
    names = _names(text)
    assert names["ABSC"] == "Aral Basin Smelting Company"
    assert sum(1 for m in company_mentions(text) if m.text == "Aral Basin Smelting Company") == 3


def test_a_place_in_brackets_is_no_short_form() -> None:
    text = "Temir Steel signed the deal in Paris (France) on Monday. Temir Steel will pay."
    assert "France" not in _names(text)


def test_an_acronym_may_come_before_its_full_name_in_brackets() -> None:
    text = ("Tomsk Processing, a subsidiary of TCC (Tomsk Copper Company, CJSC), started work. "
            "TCC will invest $100 million.")  # fmt: skip
    assert _names(text)["TCC"] == "Tomsk Copper Company"


def test_a_quoted_name_introduced_as_a_company_is_one() -> None:
    text = 'The deal was signed by the president of Singapore company "Borun Tide" Kui Lam.'
    assert "Borun Tide" in _names(text).values()


def test_a_country_named_only_in_the_headline_is_kept() -> None:
    # A headline capitalises every word, so its names must recur, but a country's does not.
    text = (
        "Borlen Cement has opened a new clinker plant in Moldova\n\n"
        "The company Borlen Cement opened the plant in the Soroca district on Monday."
    )
    countries = [n.text for n in names(text) if n.kind == "country"]
    assert countries == ["Moldova"]


def test_a_two_word_demonym_opening_a_company_name_stays_in_it() -> None:
    # The tagger reads the first word as an adjective; the name as written keeps both words.
    text = "Deal signed\n\nSouth African Copper Holdings has signed two contracts on Monday."
    assert "South African Copper Holdings" in [n.text for n in names(text)]


def test_a_country_opening_the_headline_is_kept() -> None:
    text = ("Uzbekistan to build a zinc smelter\n\n"
            "A zinc smelter will be built in the Orlov region, the ministry said.")  # fmt: skip
    assert ("Uzbekistan", "country") in {(n.text, n.kind) for n in names(text)}


def test_another_name_only_in_the_headline_is_dropped() -> None:
    text = ("Vostok Metals to build a zinc smelter\n\n"
            "A zinc smelter will be built in the Orlov region, the ministry said.")  # fmt: skip
    assert not any(n.text.startswith("Vostok") for n in names(text))


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("Lower Freedonia Steel will build a furnace. LF Steel said the work starts in May.",
         "LF Steel", "Lower Freedonia Steel"),
        ("Marvel Ore Partners SA will invest $1bn. MOP will also build a smelter there.",
         "MOP", "Marvel Ore Partners SA"),
    ],
)  # fmt: skip
def test_a_short_name_of_initials_carries_the_full_name(text: str, short: str, full: str) -> None:
    assert _names(text)[short] == full


def test_a_place_whose_government_the_text_names_stays_a_place() -> None:
    text = (
        "Acme Mining won approval from the Norvalia government for its coal mine. Norvalia "
        "State Development, Infrastructure and Planning deputy premier John Smithers said the "
        "mine will benefit Norvalia's economy."
    )
    assert {n.kind for n in names(text) if n.text == "Norvalia"} == {"place"}


def test_a_surname_alone_is_the_person_named_before() -> None:
    # Alone, a surname's mentions may vote for a company (it opens clauses as companies do).
    found = [Name(0, 11, "Velta Copper", "company"), Name(40, 59, "Arun Kumar Velaskar", "person"),
             Name(90, 98, "Velaskar", "company"), Name(120, 125, "Velta", "company")]  # fmt: skip
    kinds = [n.kind for n in _with_surname_kinds(found)]
    assert kinds == ["company", "person", "person", "company"]
