"""What a name denotes: the evidence that makes it a company, and what does not."""

import pytest
from spacy.tokens import Doc

from extract._text.name_kinds import kinds_by_vote
from extract._text.name_spans import name_mentions
from extract._text.names import names
from extract._text.nlp import pipeline


def _kinds(text: str) -> dict[str, str]:
    """Name as written -> what it denotes."""
    return {name.text: name.kind for name in names(text)}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Zijin Mining Group will invest $1.26bn in the copper mine, as Kapital.kz reported.",
         "Kapital.kz"),
        ("The plant was launched on Monday, reports the correspondent of the business "
         "information center Kapital.kz.", "Kapital.kz"),
    ],
)  # fmt: skip
def test_the_source_a_report_is_attributed_to_is_no_company(text: str, source: str) -> None:
    assert _kinds(text)[source] == "media"


def test_a_company_reporting_its_own_figure_stays_a_company() -> None:
    text = "Polymetal reported revenue of $2bn. Polymetal will build a plant."
    assert _kinds(text)["Polymetal"] == "company"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The selected projects include copper mining in Chagai and a refinery project at "
         "Gwadar, where Barrick Gold will invest $2bn.", "Gwadar"),
        ("Orano Mining operates the Muyunkum and Tortkuduk deposits.", "Muyunkum"),
        ("The plant will produce PVC and caustic soda, Kas-Beton LLP said.", "PVC"),
    ],
)  # fmt: skip
def test_one_org_label_on_one_word_makes_no_company(text: str, word: str) -> None:
    kinds = _kinds(text)
    assert kinds[word] != "company"
    assert "company" in kinds.values()  # the company of the sentence is still read


def test_a_one_word_company_the_text_backs_stays_a_company() -> None:
    text = "Kazzinc will build a copper smelter in the east of the country."
    assert _kinds(text)["Kazzinc"] == "company"


def test_a_legal_form_written_before_a_name_makes_it_a_company() -> None:
    text = 'Construction of the new plant of LLP "Varnok-Tash" will start in May.'
    assert _kinds(text)["Varnok-Tash"] == "company"


def test_an_acronym_opening_a_paragraph_clause_is_no_dateline() -> None:
    text = (
        "Velmar Copper Refining Corp (VELCO) plans to expand.\n\n"
        "VELCO, which is 60-percent owned by Tessara, resumed operations last month."
    )
    assert _kinds(text)["VELCO"] != "place"


def test_a_dateline_the_parse_takes_for_a_subject_stays_a_place() -> None:
    # "KARSK, May 3 — Two firms intend to build a plant.", parsed with KARSK as the subject.
    words = ["KARSK", ",", "May", "3", "—", "Two", "firms", "intend", "to", "build", "a",
             "plant", "."]  # fmt: skip
    deps = ["nsubj", "punct", "npadvmod", "nummod", "punct", "nummod", "nsubj", "ROOT", "aux",
            "xcomp", "det", "dobj", "punct"]  # fmt: skip
    pos = ["PROPN", "PUNCT", "PROPN", "NUM", "PUNCT", "NUM", "NOUN", "VERB", "PART", "VERB",
           "DET", "NOUN", "PUNCT"]  # fmt: skip
    doc = Doc(
        pipeline().vocab,
        words=words,
        heads=[7, 0, 0, 2, 0, 6, 7, 7, 9, 7, 11, 9, 7],
        deps=deps,
        pos=pos,
        lemmas=[w.lower() for w in words],
        ents=["B-ORG"] + ["O"] * 12,
    )
    assert kinds_by_vote(doc, name_mentions(doc))["KARSK"] == "place"


@pytest.mark.parametrize(
    "text",
    [
        "Velmarsk, Oct 14 (Zanbo) Borex Mining will build a zinc plant for $40 million.",
        "Velmarsk, October 14, 2019 (zanbo.com) – Borex Mining will build a zinc plant.",
    ],
)
def test_a_title_case_dateline_with_a_date_is_a_place_and_its_credit_an_outlet(
    text: str,
) -> None:
    kinds = _kinds("Zinc plant for Velmarsk\n\n" + text)
    assert kinds["Velmarsk"] == "place"
    assert kinds.get("Zanbo", "media") == "media"
    assert kinds["Borex Mining"] == "company"


def test_a_company_introduced_before_a_comma_is_a_company() -> None:
    text = ("The mine is run by a joint venture between the state holding company, "
            "Varnok-Kazyna, and a Russian firm.")  # fmt: skip
    assert _kinds(text)["Varnok-Kazyna"] == "company"


def test_a_corporate_word_alone_is_no_company() -> None:
    text = "Spending reached $3 billion, according to the Energy and Mines Ministry."
    assert _kinds(text)["Energy"] != "company"


def test_a_name_after_a_country_possessive_is_a_company_but_not_a_site() -> None:
    text = ("The shortlisted bidders include China’s VKM, Orlen Copper and a consortium of banks. "
            "Kazakhstan's Tarbay uranium plot is large.")  # fmt: skip
    kinds = _kinds(text)
    assert kinds["VKM"] == "company"
    assert kinds["Tarbay"] != "company"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("LIMA, May 3 (Zanbo) - Borex Mining will buy a zinc mine in Peru.", "Zanbo"),
        ("LIMA. ZANBO - Borex Mining will buy a zinc mine in Peru.", "ZANBO"),
        ("Zinc output rose 5%, Zanbo said, citing data of Quorix. Borex Mining will invest.",
         "Zanbo"),
        ("\"We are growing,\" the chief said, cited by Zanbo. Borex Mining will invest.",
         "Zanbo"),
        ("Borex Mining will invest $5 million, its chief executive told Zanbo.", "Zanbo"),
        ("Borex Mining will invest $5 million, the Zanbo international news agency reported.",
         "Zanbo"),
        ("Borex Mining will invest $5 million, reports Zanbo.kz.", "Zanbo.kz"),
    ],
)  # fmt: skip
def test_a_credited_source_is_an_outlet_without_a_list_of_outlets(text: str, source: str) -> None:
    kinds = _kinds(text)
    assert kinds[source] == "media"
    assert kinds["Borex Mining"] == "company"


def test_a_spaced_dash_parts_a_credit_from_the_name_after_it() -> None:
    assert "ZANBO - Borex Mining" not in _kinds("LIMA. ZANBO - Borex Mining will buy a mine.")


def test_a_name_ending_in_a_title_is_an_official() -> None:
    text = "Brightwater Alloys met the Freedonian Consul General in Lakeport on Friday."
    kinds = _kinds(text)
    official = next(name for name in kinds if name.endswith("General"))
    assert kinds[official] == "person"


def test_a_programme_is_no_company() -> None:
    text = "The National Renewal Programme will fund two plants, Lakeport Metals said."
    assert _kinds(text)["National Renewal Programme"] == "other"


def test_a_commodity_alone_is_no_company() -> None:
    text = "The Brightwater smelting Nickel plant, bought by Lakeport Metals, will reopen."
    assert _kinds(text)["Nickel"] != "company"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The “Marek Solvi Daran” stock company plans to build a copper plant.",
         "Marek Solvi Daran"),
        ("Officials met top managers of the companies Hu Lanfeng and Brightwater Alloys.",
         "Hu Lanfeng"),
    ],
)  # fmt: skip
def test_a_name_the_text_calls_a_company_is_one_whatever_its_label(text: str, name: str) -> None:
    assert _kinds(text)[name] == "company"


def test_names_joined_after_a_place_nouns_of_are_places() -> None:
    text = (
        "Acme Steel will build plants in the states of Marivela and Terra Nova Alta. "
        "The Terra Nova Alta plant will cost $1bn."
    )
    kinds = _kinds(text)
    assert kinds["Marivela"] == kinds["Terra Nova Alta"] == "place"
    assert kinds["Acme Steel"] == "company"


def test_the_agent_of_a_passive_business_verb_is_a_company_but_not_an_owner() -> None:
    assert _kinds("The new smelter will be erected by ZORVEX within two years.")["ZORVEX"] == (
        "company"
    )
    text = "Acme Steel, which is owned by billionaire Ivan Petrovsky, will build a plant."
    assert _kinds(text)["Ivan Petrovsky"] == "person"


@pytest.mark.parametrize(
    "text",
    [
        "The Brelvor Mining expansion opened as Phase 1 has been completed on the project.",
        "Output rose at the Brelvor Mining mill as Stage 2 was completed.",
    ],
)
def test_one_word_with_a_small_number_after_it_numbers_a_part(text: str) -> None:
    kinds = _kinds(text)
    assert kinds["Phase" if "Phase" in text else "Stage"] == "other"
    assert kinds["Brelvor Mining"] == "company"


def test_the_actor_of_an_investment_by_is_a_company() -> None:
    text = "The mine is a $1 billion investment by Brelvor. Officials with Brelvor spoke."
    assert _kinds(text)["Brelvor"] == "company"


@pytest.mark.parametrize(
    ("text", "institution"),
    [
        ("The smelter, a joint venture between a Chinese firm and the Freedonia Defence "
         "Forces, will cost $60 million.", "Freedonia Defence Forces"),
        ("Shares of Brelvor Mining rose 5% on the Freedonia Stock Exchange, where Brelvor "
         "Mining is listed.", "Freedonia Stock Exchange"),
        ("Brelvor Mining said in its filing to the Freedonian Securities Exchange that output "
         "rose.", "Freedonian Securities Exchange"),
    ],
)  # fmt: skip
def test_an_institution_that_lists_or_defends_is_no_company(text: str, institution: str) -> None:
    assert _kinds(text)[institution] == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Output at the Korvath copper mine rose. Korvath will produce 50,000 tonnes in 2025.",
        "The Korvath mine is owned by Brelvor Mining. Korvath plans to expand output.",
    ],
)
def test_a_name_written_as_a_sites_is_no_company(text: str) -> None:
    assert _kinds(text)["Korvath"] != "company"


def test_an_office_joined_by_and_and_its_holder_are_no_companies() -> None:
    text = ("The factory opened in May. Minister of Industry and Trade Amara Velloso told the "
            "parliament that the factory is exporting glass to five countries.")  # fmt: skip
    kinds = _kinds(text)
    assert kinds.get("Industry and Trade") != "company"
    assert kinds["Amara Velloso"] == "person"


def test_a_name_ending_with_state_is_a_federal_state_s_place() -> None:
    text = "Officials of Velmoran State welcomed the $90 million lithium plant of Tarvik Mining."
    assert _kinds(text)["Velmoran State"] == "place"


def test_a_mine_or_park_named_with_company_words_is_a_site_not_a_company() -> None:
    text = (
        "Lakeport Metals will expand the Norvik Minerals Lithium Mine and build a plant "
        "at the Tarsen Industrial Park."
    )
    kinds = _kinds(text)
    assert kinds.get("Norvik Minerals Lithium Mine", "other") != "company"
    assert kinds.get("Tarsen Industrial Park", "other") != "company"
    assert kinds["Lakeport Metals"] == "company"


def test_a_capitalised_corporate_word_ending_a_name_introduces_no_company() -> None:
    # "the company X" introduces a company; "Zorbax Group Companies X" is a name's own word,
    # and the person after it is its chairman.
    text = ("The chairman of Zorbax Group Companies Ivor Paltrevski said the plant cost "
            "$40 million. Ivor Paltrevski built it in two years.")  # fmt: skip
    assert _kinds(text)["Ivor Paltrevski"] != "company"
    assert _kinds("The mining company Velmora will build a mill.")["Velmora"] == "company"
