"""Places and facility names as the records carry them."""

from extract._strategies.guided.mass_metric import mass_rules
from extract._text.facilities import facilities
from extract._text.facility_refs import full_facility_names
from extract._text.numbers import parse_quantity
from extract._text.reading import locations


def _places(text: str) -> list[str]:
    return [span.text for span in locations(text)]


def test_a_region_is_read_whole_after_in() -> None:
    assert _places("a gold deposit in the Jalal-Abad region, the cabinet said") == [
        "Jalal-Abad region"
    ]
    assert _places("new mines in East Kazakhstan and a mine in the South Gobi province") == [
        "East Kazakhstan",
        "South Gobi province",
    ]


def test_month_ranges_are_not_places() -> None:
    assert _places("Output grew in January-August.") == []


def test_a_shortened_facility_takes_its_full_name_but_not_a_place_tail() -> None:
    text = ("Saryarka Steel owns the Temirtau metallurgical plant. The Temirtau plant made steel. "
            "Coal comes from the Khurmen Tolgoi mine in the South Gobi. The Khurmen Tolgoi mine "
            "is large.")  # fmt: skip
    names = {text[s.start : s.end]: s.text for s in full_facility_names(facilities(text))}
    assert names["Temirtau plant"] == "Temirtau metallurgical plant"
    assert names["Khurmen Tolgoi mine"] == "Khurmen Tolgoi mine"


def _leading_metric(clause: str, figure: str, *, facility_in_sentence: bool) -> str:
    """The metric the cue words alone rank first for ``figure`` in ``clause``."""
    quantity = parse_quantity(figure)
    assert quantity is not None
    scores = mass_rules(clause, quantity, facility_in_sentence=facility_in_sentence)
    return max(scores, key=scores.__getitem__)


def test_a_national_total_is_no_plant_fact() -> None:
    from extract._strategies.guided.strategy import GuidedOptions, decide_figures

    text = ("Uzbekistan produced 14.2 million tonnes of cement in 2023. "
            "The Jizzakh cement plant produced 1.2 million tonnes of cement.")  # fmt: skip
    run = decide_figures(text, None, 2024, GuidedOptions(use_model=False))
    roles = {f.candidate.quantity.text: f.role for f in run.figures}
    assert roles == {"14.2 million tonnes": "skip", "1.2 million tonnes": "plant_fact"}


def test_commodity_synonyms_are_read_in_running_text_but_not_generic_ones() -> None:
    from extract._strategies.guided.figure_fields import commodities_in

    assert commodities_in("a plant for silicomanganese and sulphuric acid") == [
        "ferroalloys",
        "chemicals",
    ]
    assert commodities_in("a mineral fertilizer complex") == ["fertilizers"]
    assert commodities_in("tungsten concentrate") == ["tungsten"]


def test_a_figure_far_from_any_place_takes_the_place_its_facility_is_said_to_be_in() -> None:
    # Since e72d98b there is no fallback to "the article's only place": the place counts
    # because the sentence that names the facility puts it there.
    from extract._strategies.guided.article_index import ArticleIndex
    from extract._strategies.guided.facility_fields import location_for

    text = ("The Nura copper plant opened in the Karagandy region. It uses new technology. "
            "Workers were hired. Managers were trained. The plant made 9,000 tonnes.")  # fmt: skip
    index = ArticleIndex.build(text, 2024)
    at = text.index("9,000")
    assert location_for(index, "Nura copper plant", len(index.sentences) - 1, at) == (
        "Karagandy region"
    )
    unnamed = text.replace("The Nura copper plant opened", "Officials met")
    index = ArticleIndex.build(unnamed, 2024)
    at = unnamed.index("9,000")
    assert location_for(index, "plant", len(index.sentences) - 1, at) is None


def test_a_described_plant_of_the_genre_is_read_whole() -> None:
    text = (
        "Daewon signed on the construction of a silicomanganese plant in Zhezkazgan. "
        "The heap-leach facility will treat ore. Baotou will build a coal washing plant."
    )
    assert [span.text for span in facilities(text)] == [
        "silicomanganese plant in Zhezkazgan",
        "heap-leach facility",
        "coal washing plant",
    ]


def test_what_a_plant_will_process_is_throughput_even_up_to() -> None:
    figure = "up to 2 million tons of alumina per year"
    processed = f"an ore-dressing plant which will process {figure}"
    made = f"a plant that can make {figure}"
    assert _leading_metric(processed, figure, facility_in_sentence=True) == "throughput"
    assert _leading_metric(made, figure, facility_in_sentence=True) == "capacity"


def test_a_country_is_no_anchor_of_a_facility_s_name() -> None:
    text = ("A Chinese company opened a lithium processing plant in Zimbabwe on Wednesday. "
            "Borealis will build a copper smelter in Balkhash.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "lithium processing plant",
        "copper smelter in Balkhash",
    ]


def test_a_nationality_names_no_facility_but_opens_a_company_s_name() -> None:
    text = ("Vostok Metals released a study of the Russian project. A Korean flotation plant "
            "will start soon. The Russian Copper Company plant opened.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "flotation plant",
        "Russian Copper Company plant",
    ]


def test_a_facility_in_apposition_describes_the_one_named_before() -> None:
    text = ("A mine at Kelvatau – the region's largest untapped zinc deposit – would cost "
            "$2 billion, Borealis said.")  # fmt: skip
    assert [span.text for span in facilities(text)] == ["mine at Kelvatau"]


def test_a_named_facility_in_apposition_is_a_member_of_a_list() -> None:
    text = ("Velta has three zinc mines: the Korvala mine with reserves of 6 Mt; the Ostra "
            "mine – 0.8 Mt and the Kelva pit.")  # fmt: skip
    assert [span.text for span in facilities(text)][:3] == [
        "zinc mines",
        "Korvala mine",
        "Ostra mine",
    ]


def test_coordinated_modifiers_of_a_facility_are_read_as_one_name() -> None:
    text = ("Velta owns 100% interest in the Korvala and Ostra zinc mines in the north. "
            "It also built a mining and processing plant.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "Korvala and Ostra zinc mines",
        "mining and processing plant",
    ]


def test_a_hyphenated_word_of_praise_is_no_part_of_a_facility_s_name() -> None:
    text = ("Velta will build a state-of-the-art nickel refining plant. Borealis runs a "
            "world-class zinc smelter and an optimized tin production facility.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "nickel refining plant",
        "zinc smelter",
        "tin production facility",
    ]


def test_a_figure_s_unit_before_a_facility_is_no_part_of_its_name() -> None:
    text = ("Velta will build a $450m zinc smelter and a 120-MW gas-fired power plant. "
            "Borealis runs a 2 Mtpa concentrator.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "zinc smelter",
        "gas-fired power plant",
        "Mtpa concentrator",  # a unit alone before the head is kept: the head names nothing
    ]


def test_a_figure_s_word_before_a_facility_is_no_part_of_its_name() -> None:
    text = ("Velta will build a 3 Mt capacity zinc smelter and a 2 mtpa beneficiation plant. "
            "Borealis runs a 1 Mt capacity plant.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "zinc smelter",
        "beneficiation plant",
        "capacity plant",  # alone before the head it stays, as a unit does
    ]


def test_a_facility_of_money_is_no_plant() -> None:
    text = ("The bank is arranging a debt financing facility for the Kuma uranium project. "
            "Velta has a revolving credit facility and runs a zinc processing plant.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "Kuma uranium project",
        "zinc processing plant",
    ]


def test_a_plant_described_by_its_process_takes_the_name_it_was_given_before() -> None:
    from extract._text.facility_refs import referred_facility_names

    text = ("Velta will build a zinc smelter in Korla. The smelting plant will make 2 Mt a year. "
            "Velta will also build a processing plant. Borealis runs the Ostra Cement factory; "
            "its three million tonnes per annum factory is new.")  # fmt: skip
    spans = referred_facility_names(text, full_facility_names(facilities(text)))
    assert {text[s.start : s.end]: s.text for s in spans} == {
        "zinc smelter in Korla": "zinc smelter in Korla",
        "smelting plant": "zinc smelter in Korla",
        "processing plant": "processing plant",  # "a processing plant": another plant
        "Ostra Cement factory": "Ostra Cement factory",
        "annum factory": "Ostra Cement factory",
    }
    text = ("Velta builds a metallurgical plant and a gold refinery. "
            "The metallurgical enterprise is new.")  # fmt: skip
    spans = referred_facility_names(text, full_facility_names(facilities(text)))
    assert [s.text for s in spans][-1] == "metallurgical enterprise"  # not the gold refinery


def test_a_ranking_or_a_backing_word_is_no_part_of_a_facility_s_name() -> None:
    text = ("Velta runs the second-largest zinc smelter. Borealis owns a state-backed nickel "
            "plant and the newest tin mine.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "zinc smelter",
        "nickel plant",
        "tin mine",
    ]


def test_a_facility_s_place_anchor_ends_at_a_comma() -> None:
    text = ("Velta will build a smelter in Korla, Zandia. Borealis plans a mine near the "
            "village of Kuma in the Abai Region.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "smelter in Korla",
        "mine near the village of Kuma in the Abai Region",
    ]


def test_a_country_with_a_compass_word_is_no_anchor_but_a_compass_name_is() -> None:
    text = ("Velta will build an ammonia plant in northwest Russia and a nickel mine in "
            "Western Australia.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "ammonia plant",
        "nickel mine in Western Australia",
    ]


def test_a_facility_does_not_take_a_fuller_name_told_only_after_it() -> None:
    text = ("Velta will build a cement plant. Zandia's largest producer, the Kuma cement plant, "
            "makes 1 Mt. The Kuma plant is old.")  # fmt: skip
    names = {text[s.start : s.end]: s.text for s in full_facility_names(facilities(text))}
    assert names["cement plant"] == "cement plant"
    assert names["Kuma plant"] == "Kuma cement plant"


def test_a_headline_s_process_only_plant_names_no_facility() -> None:
    text = ("Zandia Ready to Open Giant Manufacturing Plant\n\nVelta is building the Kuma "
            "chemical complex. A processing plant is planned.")  # fmt: skip
    assert [span.text for span in facilities(text)] == [
        "Kuma chemical complex",
        "processing plant",  # in the body it is kept: the text may say no more of it
    ]


def test_a_definite_description_takes_the_one_name_of_its_kind_told_before() -> None:
    from extract._text.facility_refs import definite_facility_names

    text = ("Velta is developing the Korla zinc mine in the north. "
            "The open-cut and underground zinc mine will produce 2 Mt a year.")  # fmt: skip
    spans = definite_facility_names(text, full_facility_names(facilities(text)))
    assert [s.text for s in spans][-1] == "Korla zinc mine"
    text = ("Velta runs the Korla zinc mine and the Ostra zinc mine. "
            "The underground zinc mine will produce 2 Mt a year.")  # fmt: skip
    spans = definite_facility_names(text, full_facility_names(facilities(text)))
    assert [s.text for s in spans][-1] == "underground zinc mine"  # two names: which is meant?
    text = "Velta runs the Korla zinc mine. An underground zinc mine will produce 2 Mt a year."
    spans = definite_facility_names(text, full_facility_names(facilities(text)))
    assert [s.text for s in spans][-1] == "underground zinc mine"  # indefinite: another mine


def test_a_currency_code_or_an_amount_word_alone_before_the_head_names_nothing() -> None:
    text = ("The 40 million USD plant opened. Borealis runs a 0.5 MTPA potline and "
            "finished a Rs 900-crore project. Ostra runs a 2 Mtpa concentrator.")  # fmt: skip
    assert [span.text for span in facilities(text)] == ["Mtpa concentrator"]
