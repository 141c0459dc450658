"""The counterparty and the countries of a deal, read from the parse and the names layer."""

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.parties import counterparty, host_country, investor_country


def _counterparty(text: str, figure: str, investor: str | None) -> str | None:
    return counterparty(ArticleIndex.build(text, 2025), text.index(figure), investor)


def test_the_partner_the_investor_signed_with() -> None:
    text = ("Gulf Horizon Mining signed an agreement with Kyrgyzaltyn to invest $318 million in "
            "the deposit, the agency reported.")  # fmt: skip
    assert _counterparty(text, "$318 million", "Gulf Horizon Mining") == "Kyrgyzaltyn"


def test_the_seller_of_what_is_bought() -> None:
    text = "Polymetal agreed to buy the Kyzyl project from Sumeru Gold for $618 million."
    assert _counterparty(text, "$618 million", "Polymetal") == "Sumeru Gold"


def test_a_state_that_signs_is_the_government() -> None:
    text = "Kazakhstan signed an agreement with HMS Bergbau AG worth $500 million."
    assert _counterparty(text, "$500 million", "HMS Bergbau AG") == "Government of Kazakhstan"


def test_a_government_joined_to_the_investor_is_the_counterparty() -> None:
    text = ("Borvik Steel and the Spanish government have signed a deal to invest €1bn in a "
            "green steel plant.")  # fmt: skip
    assert _counterparty(text, "€1bn", "Borvik Steel") == "Government of Spain"


def test_no_counterparty_without_a_partner_in_the_deal_clause() -> None:
    # Most deals in the news have none; an official who meets the investor is no party.
    text = ("The Prime Minister met the delegation of Zijin Mining Group, which plans to "
            "invest $100 million in a copper plant.")  # fmt: skip
    assert _counterparty(text, "$100 million", "Zijin Mining Group") is None


def test_the_seller_named_where_the_investor_acts_in_another_sentence() -> None:
    text = ("Polymetal International plc will pay $500 million in cash and shares. It plans "
            "to buy the Bakyrchik deposit from Altynalmas Gold, the company said.")  # fmt: skip
    assert _counterparty(text, "$500 million", "Polymetal International plc") == "Altynalmas Gold"


def test_a_partner_of_another_company_elsewhere_is_not_the_counterparty() -> None:
    text = ("Polymetal will invest $500 million in the Kyzyl mine. Kazzinc signed an agreement "
            "with Glencore Trading on concentrate sales.")  # fmt: skip
    assert _counterparty(text, "$500 million", "Polymetal") is None


def test_the_other_party_of_an_agreement_signed_between_them() -> None:
    text = (
        "Borlen Cement will invest $200 million in a kiln. An agreement on the kiln was "
        "signed between the Ministry of Industry of Freedonia and Borlen Cement on Monday."
    )
    assert _counterparty(text, "$200 million", "Borlen Cement") == (
        "Ministry of Industry of Freedonia"
    )


def test_countries_come_from_the_text_not_from_a_list_of_names() -> None:
    text = ("China's Baotou Steel Group will invest $150 million in a plant in Mongolia. "
            "Mongolia's government welcomed the plant in Mongolia.")  # fmt: skip
    index = ArticleIndex.build(text, 2025)
    assert investor_country(index, "Baotou Steel Group") == "China"
    assert host_country(index, 0) == "Mongolia"
    assert investor_country(index, "Unmarked Holdings") is None


def test_a_nationality_marks_the_company_named_after_a_comma() -> None:
    text = ("The Chinese investor, Borun Tungsten Resources, has pledged to invest $450 million "
            "in the deposit in Kazakhstan.")  # fmt: skip
    assert investor_country(ArticleIndex.build(text, 2025), "Borun Tungsten Resources") == "China"


def test_a_nationality_joined_to_based_or_owned_marks_the_company_after_it() -> None:
    text = ("Swiss-based Helvetia Metals has unveiled plans to invest $400 million in a zinc "
            "mine in Kazakhstan.")  # fmt: skip
    assert investor_country(ArticleIndex.build(text, 2025), "Helvetia Metals") == "Switzerland"


def test_a_demonym_that_opens_the_investors_name_states_its_country() -> None:
    text = ("Mongolian Copper Works will invest $80 million in a new concentrator near the "
            "capital. Mongolian Copper Works expects output to double.")  # fmt: skip
    assert investor_country(ArticleIndex.build(text, 2025), "Mongolian Copper Works") == "Mongolia"


def test_a_country_inside_the_investors_name_states_its_country() -> None:
    text = ("Aluminium Oman will invest $90 million in a new casthouse. Boreal Anglo American "
            "Metals will fund a second line.")  # fmt: skip
    index = ArticleIndex.build(text, 2025)
    assert investor_country(index, "Aluminium Oman") == "Oman"
    # A demonym inside the name, past its first word, is no home.
    assert investor_country(index, "Boreal Anglo American Metals") is None


def test_the_other_signer_of_an_agreement_is_the_counterparty() -> None:
    text = (
        "Copper output in Chile keeps rising. The Andes Copper Works and the Steel "
        "Corporation of Japan signed an agreement on a $500 million copper smelter in Chile."
    )
    assert _counterparty(text, "$500 million", "Steel Corporation of Japan") == (
        "Andes Copper Works"
    )


def test_a_state_owned_company_is_of_the_country_the_article_is_about() -> None:
    text = (
        "Gold output in Peru keeps rising. The deposit lies in the concession of the "
        "state-owned Inca Andes Mining Company, which will invest $90 million in it."
    )
    index = ArticleIndex.build(text, 2025)
    assert investor_country(index, "Inca Andes Mining Company") == "Peru"


def test_the_company_a_loan_is_given_to_is_the_counterparty() -> None:
    text = ("The Northern Development Bank has approved a loan of $120m to the mining company "
            "Pelka Zinc Corporation for the expansion of its mine.")  # fmt: skip
    lender = "Northern Development Bank"
    assert _counterparty(text, "$120m", lender) == "Pelka Zinc Corporation"


def test_a_bank_lends_to_the_company_the_article_is_about() -> None:
    text = (
        "Borlen Copper Company will build a new smelter near the river. Borlen Copper Company "
        "says the smelter will open in 2027. The $90 million is a loan from the Northern "
        "Development Bank of Freedonia."
    )
    bank = "Northern Development Bank of Freedonia"
    assert _counterparty(text, "$90 million", bank) == "Borlen Copper Company"


def test_a_local_producer_is_of_the_country_the_article_is_about() -> None:
    text = (
        "Glass fibre demand in Peru keeps rising. Local producer, Andes Fibra Works, will "
        "invest $12 million to double its output."
    )
    index = ArticleIndex.build(text, 2025)
    assert investor_country(index, "Andes Fibra Works") == "Peru"


def test_a_groups_unit_named_for_the_host_country_has_no_home_from_its_name() -> None:
    text = (
        "Borlen Mining will invest $80 million in Peru. Borlen Mining Peru, which runs the "
        "group's mines there, will build a new mill."
    )
    index = ArticleIndex.build(text, 2025)
    assert investor_country(index, "Borlen Mining Peru") is None
    assert investor_country(index, "Export-Import Bank of China") == "China"


def test_a_datelines_country_is_not_the_government_party() -> None:
    text = (
        "LIMA, Peru (AP) - Borlen Copper plans to invest $300 million over the next four "
        "years to expand output, its chief executive said."
    )
    assert _counterparty(text, "$300 million", "Borlen Copper") is None


def test_the_owner_of_the_holding_bought_is_the_seller() -> None:
    text = ("Omra Mining will pay $70 million to buy Borland Resources Ltd.'s interests in the "
            "Tarvik copper mine.")  # fmt: skip
    assert _counterparty(text, "$70 million", "Omra Mining") == "Borland Resources Ltd."


def test_a_project_in_a_country_s_named_mine_is_in_that_country() -> None:
    text = (
        "Tokyo-based Omra Corp raised its stake in Australia's Tarvik coal mine to 96% for "
        "$200 million. The Japanese trader also holds mines in Japan and Japan's ports."
    )
    index = ArticleIndex.build(text, 2025)
    assert host_country(index, 0) == "Australia"


def test_the_fuller_name_of_a_short_investor_carries_its_nationality() -> None:
    text = ("Zorbax to open a mine\n\n"
            "Peru's Zorbax Lima will sell the ore. Chile's Zorbax Mining has opened the mine. "
            "Zorbax paid $90 million for it.")  # fmt: skip
    index = ArticleIndex.build(text, 2025)
    # "Zorbax Lima" is the group's unit in a place: no fuller name of "Zorbax".
    assert investor_country(index, "Zorbax") == "Chile"
