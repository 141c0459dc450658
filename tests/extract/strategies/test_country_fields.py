"""The country an article is about, read from how the text uses its country names."""

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.country_fields import main_country, nationality_of


def test_a_state_body_names_the_country_the_article_is_about() -> None:
    text = ("Uranium deal signed\n\n"
            "The agreement was signed in Paris (France) by the French company Orano Mining, "
            "the press service of the Ministry of Geology of Uzbekistan said. The Ministry of "
            "Geology of Uzbekistan expects the first output in 2025.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Uzbekistan"


def test_a_company_name_carrying_a_country_does_not_outweigh_the_place() -> None:
    text = ("China National Chemical Engineering Company will build the plant in Oman for "
            "$325 million.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Oman"


def test_domestic_names_carrying_a_country_outweigh_a_foreign_firm_s_nationality() -> None:
    text = ("Smelter to open next year\n\n"
            "Lakeland Nickel Company, a joint venture between a Chinese firm and Zambia Copper "
            "Holdings, is building a $60 million smelter. Zambia Copper Holdings will supply "
            "the ore to Lakeland Nickel Company, the Chinese firm said. Zambia Copper Holdings "
            "owns two mines.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Zambia"


def _nationality(text: str, company: str) -> str | None:
    index = ArticleIndex.build(text, 2025)
    mention = next(n for n in index.names if n.text == company)
    return nationality_of(index, mention)


def test_an_apposition_states_the_company_s_nationality() -> None:
    text = "Zorbax Mining, a Chinese firm, will invest $50 million in a smelter."
    assert _nationality(text, "Zorbax Mining") == "China"


def test_a_nationality_after_a_preposition_in_the_apposition_is_another_party_s() -> None:
    for text in (
        "Zorbax Mining, a unit of the Russian group Velora, will build a smelter.",
        "Zorbax Mining, a supplier to Indian steelmakers, will build a smelter.",
    ):
        assert _nationality(text, "Zorbax Mining") is None


def test_a_country_that_is_the_subject_of_a_verb_marks_no_company() -> None:
    text = "Peru will cooperate with Zorbax Mining on a copper smelter."
    assert _nationality(text, "Zorbax Mining") is None


def test_a_nationality_before_a_noun_phrase_still_marks_the_company() -> None:
    text = "The Chinese state-owned company Zorbax Mining will build a smelter in Peru."
    assert _nationality(text, "Zorbax Mining") == "China"


def test_a_country_goods_come_from_is_not_the_one_the_article_is_about() -> None:
    text = ("Zorbax Mining will build a smelter in Peru. The equipment will be imported from "
            "China. China supplies the kilns, and China ships the parts from China.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Peru"


def test_a_headline_s_last_word_marks_no_company_of_the_next_paragraph() -> None:
    text = ("Plant to rise in Moldova\n\n"
            "Borlen Cement, a Romanian firm, will build a plant near Soroca.")  # fmt: skip
    assert _nationality(text, "Borlen Cement") == "Romania"


def test_a_short_name_of_a_country_counts_for_its_full_name() -> None:
    text = ("Acme to build Congo smelter\n\nAcme will build a smelter in the Democratic "
            "Republic of Congo. The Congo smelter will cost $500 million, "
            "Acme said in Congo.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Democratic Republic of the Congo"


def test_a_country_ending_the_headline_marks_no_company_opening_the_text() -> None:
    text = ("A firm will build a zinc plant in Kazakhstan\n\nBorealis Zinc Co., a Chinese "
            "company, signed the deal. Borealis Zinc Co. will build it in Kazakhstan.")  # fmt: skip
    index = ArticleIndex.build(text, 2025)
    first = next(c for c in index.companies if c.text.startswith("Borealis"))
    assert nationality_of(index, first) == "China"
    assert main_country(index) == "Kazakhstan"


def test_a_country_inside_a_place_outweighs_an_investor_s_home() -> None:
    text = ("Fertilizer plant gets new line\n\n"
            "Greenfield Agro will add a urea unit at its plant in northwest Russia, backed by "
            "a group including Japan's Hoshino Trading. The Vologda region plant will make "
            "500,000 tonnes a year.")  # fmt: skip
    index = ArticleIndex.build(text, 2025)
    assert main_country(index) == "Russia"


def test_a_sum_in_a_national_currency_names_the_country_with_no_place_named() -> None:
    text = ("Glass works opened\n\n"
            "The Norvale Glass Works, built near the town of Brisk for 900 million rupees, "
            "is owned by local shareholders and a British partner.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "India"


def test_a_place_carrying_an_accented_country_name_counts_for_it() -> None:
    text = ("Copper exports start\n\n"
            "The first shipload of concentrate from the Cobre Perú mine in Talara will "
            "leave this month, said a spokesman for the subsidiary of Canada's Norvale "
            "Metals.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Peru"


def test_a_country_the_project_is_outside_of_is_not_the_article_s() -> None:
    text = ("Miner to build first lithium plant outside China\n\n"
            "Norvale Metals will spend $40 million on the plant in Freedonia, near the "
            "port of Brisk. Freedonia expects the first output next year.")  # fmt: skip
    index = ArticleIndex.build(text, 2025)
    assert main_country(index) is None  # the made-up Freedonia is in no vocabulary


def test_a_company_of_a_country_is_that_country_s() -> None:
    text = "Velmor Minerals of China will build a smelter for $90 million, the ministry said."
    assert _nationality(text, "Velmor Minerals") == "China"


def test_a_company_of_a_nationality_s_person_is_not_that_country_s() -> None:
    # "X, a part of Y Holdings of Russian tycoon Z": the nationality is the tycoon's.
    text = "Velmor Mining, a part of Kestrel Holdings of Russian tycoon Ivan Petrov, started work."
    assert _nationality(text, "Kestrel Holdings") is None


def test_a_country_s_possessive_or_based_in_after_a_comma_states_the_company_s_home() -> None:
    for text in (
        "Zorbax Mining Corp., Peru's largest zinc producer, will invest $50 million in a mill.",
        "Zorbax Mining Corp., based in Peru, will invest $50 million in a mill.",
    ):
        assert _nationality(text, "Zorbax Mining Corp.") == "Peru"
    text = "Zorbax Mining Corp., Peru Copper's supplier, will invest $50 million in a mill."
    assert _nationality(text, "Zorbax Mining Corp.") is None
