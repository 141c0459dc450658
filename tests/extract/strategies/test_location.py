"""Where a facility is: the most specific place the text puts it in, never its own name."""

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.country_fields import main_country
from extract._strategies.guided.facility_fields import location_for


def _location(text: str, facility: str, sentence_no: int) -> str | None:
    index = ArticleIndex.build(text, 2025)
    return location_for(index, facility, sentence_no, index.sentences[sentence_no].start)


def test_a_place_that_names_the_mine_is_not_its_location() -> None:
    text = ("The Bakyrchik gold mine lies in the Abai region of Kazakhstan. "
            "The Bakyrchik gold mine will produce 300,000 ounces a year.")  # fmt: skip
    assert _location(text, "Bakyrchik gold mine", 1) == "Abai region"


def test_a_place_the_facility_is_said_to_be_in_is_its_location() -> None:
    text = "The company will build a copper smelter in Balkhash. It will cost $200 million."
    assert _location(text, "copper smelter in Balkhash", 1) == "Balkhash"


def test_where_a_company_is_listed_or_based_is_not_its_plant_s_location() -> None:
    text = ("Toronto-listed Borealis Copper will expand the Kuma mine. "
            "The Kuma mine will produce 40,000 tonnes a year.")  # fmt: skip
    assert _location(text, "Kuma mine", 1) is None


def test_the_country_a_place_is_said_to_be_in_is_the_article_s() -> None:
    text = ("The agreement was signed in Russia on Monday. The fertilizer plant will be built "
            "in Zhambyl region, Kazakhstan. It will supply Kazakhstan farms.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Kazakhstan"


def test_a_trip_to_a_country_does_not_make_it_the_article_s() -> None:
    text = ("Uranium output rises\n\nThe President paid a visit to France. Kazakhstan expects "
            "more investment in its uranium mines. Kazakhstan's output rose.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Kazakhstan"


def test_a_place_the_plant_is_said_to_be_in_beats_a_more_specific_one_named_otherwise() -> None:
    text = ("Officials of Shymkent city said the copper plant will be built in Kentau "
            "and will produce 65,000 tonnes a year.")  # fmt: skip
    assert _location(text, "copper plant", 0) == "Kentau"


def test_an_article_naming_no_country_of_its_own_is_about_the_one_its_names_carry() -> None:
    text = ("President instructs to finish copper plant\n\nThe President instructed the company "
            "to launch the plant by Kazakhstan’s Independence Day. The plant will produce "
            "100,000 tonnes of copper a year.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Kazakhstan"


def test_a_domestic_company_s_name_gives_the_country_when_no_other_is_named() -> None:
    text = ("Russian Copper Company builds a plant\n\nRussian Copper Company will build a plant "
            "that will produce 100,000 tonnes of copper a year.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Russia"


def test_a_country_named_on_its_own_outranks_one_inside_a_name() -> None:
    text = ("Russian Copper Company builds a plant\n\n"
            "The plant in Kazakhstan will produce 100,000 tonnes of copper a year.")  # fmt: skip
    assert main_country(ArticleIndex.build(text, 2025)) == "Kazakhstan"


def test_a_sentence_calling_the_facility_by_its_head_noun_places_it() -> None:
    text = ("Tungsten plant to open next year\n\nJiaxin is building the Boguta tungsten processing "
            "plant. The plant stands in the Enbekshikazakh district, far from Almaty city. "
            "Officials from Almaty city visited it on Monday. Officials said many things about "
            "the weather. Its workers said more things. The plant will have a capacity of 10,000 "
            "tons of ore per day.")  # fmt: skip
    assert _location(text, "Boguta tungsten processing plant", 6) == "Enbekshikazakh district"


def test_a_place_near_the_figure_that_nothing_is_said_to_be_in_is_no_location() -> None:
    # Officials of two regions are named beside the figure: the regions are a topic, and
    # the text never says the plant is in either.
    text = ("The governors of Karaganda region and Pavlodar region met on Monday. "
            "The Nova smelter will produce 50,000 tonnes of zinc a year.")  # fmt: skip
    assert _location(text, "Nova smelter", 1) is None


def test_the_article_s_only_place_is_not_the_plant_s_location_unless_the_text_says_so() -> None:
    text = ("The governor of Karaganda region welcomed the news on Monday. "
            "The Nova smelter will produce 50,000 tonnes of zinc a year.")  # fmt: skip
    assert _location(text, "Nova smelter", 1) is None


def test_a_place_that_only_bounds_a_ranking_is_no_location() -> None:
    # GUIDELINES 25: "the largest smelter in X" ranks the smelter within X; it does not
    # say the smelter is there.
    text = ("Zorbax Mining runs the largest copper smelter in Asia. "
            "The copper smelter produced 300,000 tonnes last year.")  # fmt: skip
    assert _location(text, "copper smelter", 1) is None


def test_a_place_that_acts_as_a_verb_s_subject_is_no_location() -> None:
    # GUIDELINES 25: a name taken for a place that supplies or says acts; it places nothing.
    text = "Under the deal, Springfield will supply the Kuma copper smelter with 800,000 tonnes."
    assert _location(text, "Kuma copper smelter", 0) is None
    placed = "Springfield will supply ore. The Kuma copper smelter in Zenda will make 800,000 t."
    assert _location(placed, "Kuma copper smelter", 1) == "Zenda"


def test_a_village_the_plant_is_said_to_be_near_beats_its_region() -> None:
    text = ("The zinc plant will be built near the village of Orlovka in the Borei region. "
            "The zinc plant will produce 50,000 tonnes a year.")  # fmt: skip
    assert _location(text, "zinc plant", 1) == "Orlovka"


def test_where_the_text_says_the_article_s_site_is_located_places_its_plant() -> None:
    text = ("At a tungsten deposit located in the Orlov district, work has begun. "
            "Drilling began in May. Costs were reviewed. Staff were hired. "
            "The beneficiation plant will process 5,000 tonnes of ore a day.")  # fmt: skip
    assert _location(text, "beneficiation plant", 4) == "Orlov district"


def test_a_place_that_names_another_facility_of_the_article_is_no_location() -> None:
    text = ("The Kelvatau quarry is one of the largest gold mines. "
            "About 5 million tonnes of ore are mined in Kelvatau annually.")  # fmt: skip
    assert _location(text, "gold mines", 1) is None


def test_a_continent_is_no_location_of_a_facility() -> None:
    text = ("Velta opened a zinc smelter, the largest of its kind in the Middle East. "
            "The zinc smelter will produce 90,000 tonnes a year.")  # fmt: skip
    assert _location(text, "zinc smelter", 1) is None


def test_of_two_places_in_a_facility_s_name_the_first_is_the_narrower() -> None:
    text = ("Velta mines lead in Varnia. It plans a zinc smelter in Port Kessel, Varnia. "
            "The smelter will produce 90,000 tonnes a year.")  # fmt: skip
    assert _location(text, "zinc smelter in Port Kessel, Varnia", 2) == "Port Kessel"


def test_a_place_that_opens_a_list_of_deposits_is_their_name_not_their_location() -> None:
    text = ("Velta will develop the Port Kessel and Dunmore zinc deposits. "
            "The deposits will yield 90,000 tonnes a year.")  # fmt: skip
    assert _location(text, "Port Kessel and Dunmore zinc deposits", 1) is None


def test_a_place_the_text_says_is_a_project_is_no_location() -> None:
    text = ("Velta will build a mine at Varnia. Varnia is a greenfield project. "
            "The mine will produce 90,000 tonnes a year.")  # fmt: skip
    assert _location(text, "mine at Varnia", 2) is None


def test_a_name_the_text_also_gives_a_company_is_no_place_whatever_its_apostrophe() -> None:
    from dataclasses import replace

    from extract._text.names import Name
    from extract._text.reading import Span

    text = "Mu'alim's zinc complex will make 2 Mt a year, Nordic Mining (Mu’alim) said."
    index = ArticleIndex.build(text, 2025)
    place = Span(0, 7, "Mu'alim")  # the tagger took the headline's owner for a place
    company = Name(text.index("Mu’alim"), text.index("Mu’alim") + 7, "Mu’alim", "company")
    index = replace(index, locations=[place], names=(*index.names, company))
    assert location_for(index, "zinc complex", 0, 0) is None


def test_the_facility_said_after_a_plant_is_named_places_that_plant() -> None:
    text = ("Velta will build a zinc plant. The facility will be built in the Kuma district. "
            "Velta was founded in 1990. Its shares rose. Its chief spoke. Analysts agreed. "
            "It will make 50,000 tonnes a year.")  # fmt: skip
    assert _location(text, "zinc plant", 6) == "Kuma district"


def test_a_place_the_facility_lies_north_of_is_its_location() -> None:
    text = (
        "Norvale Mining is studying the Kuma project, an open-cut and underground coal mine in "
        "the Tarrin Basin, north-west of Bellmont. The open-cut and underground coal mine will "
        "produce 2 million tonnes a year."
    )
    assert _location(text, "open-cut and underground coal mine", 1) == "Bellmont"
