"""Which company a figure is of: the investor priors of a deal."""

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.company_fields import company_priors, main_company


def _best_investor(text: str, figure: str) -> str:
    index = ArticleIndex.build(text, 2025)
    at = text.index(figure)
    sentence_no = next(i for i, s in enumerate(index.sentences) if s.start <= at < s.end)
    priors = company_priors(index, sentence_no, at, investor=True)
    return max(priors, key=priors.__getitem__)


def test_the_group_behind_a_subsidiary_is_the_investor() -> None:
    text = ("A mining company opened a $300 million lithium plant on Wednesday.\n\n"
            "The plant was opened by Northgate Lithium Holdings, an arm of the Chinese company "
            "Redwood Cobalt Group, and can process 4.5 million tonnes a year.")  # fmt: skip
    assert _best_investor(text, "$300 million") == "Redwood Cobalt Group"


def test_the_foreign_partner_behind_a_joint_venture_is_the_investor() -> None:
    text = (
        "Three smelters worth $2 billion are being built by Sunrise Nickel Industries, a joint "
        "venture between the local firm Delta Bintara Group and China's Qinghe Holding Group."
    )
    assert _best_investor(text, "$2 billion") == "Qinghe Holding Group"


def test_a_country_in_a_partners_name_marks_it_foreign() -> None:
    text = (
        "Copper output in Chile keeps rising. The $500 million copper plant in Chile will be "
        "built by Andes Copper Works and the Steel Corporation of Japan."
    )
    assert _best_investor(text, "$500 million") == "Steel Corporation of Japan"


def test_a_company_named_with_no_parent_stays_the_investor() -> None:
    text = "Northgate Lithium Holdings will invest $300 million in a new lithium plant."
    assert _best_investor(text, "$300 million") == "Northgate Lithium Holdings"


def test_a_company_named_only_in_an_earlier_paragraph_is_not_the_figures() -> None:
    text = (
        "A lithium plant for the city\n\n"
        "Northgate Lithium Holdings opened an office in the city on Monday.\n\n"
        "The new plant will produce 9,000 tonnes of lithium a year, the akimat said."
    )
    index = ArticleIndex.build(text, 2025)
    at = text.index("9,000")
    number = next(i for i, s in enumerate(index.sentences) if s.start <= at < s.end)
    assert "Northgate Lithium Holdings" not in company_priors(index, number, at, investor=False)


def test_a_facility_name_is_neither_operator_nor_main_company() -> None:
    text = (
        "Redwood Cement Plant will produce 900,000 tonnes of cement a year, and Redwood Cement "
        "Plant will employ 300 people. Northgate Building Materials LLP has built it."
    )
    index = ArticleIndex.build(text, 2025)
    assert "Redwood Cement Plant" in {c.text for c in index.companies}
    at = text.index("900,000")
    priors = company_priors(index, 0, at, investor=False)
    assert "Redwood Cement Plant" not in priors
    assert main_company(index) == "Northgate Building Materials LLP"


def test_a_partner_alone_in_the_figures_sentence_leaves_the_article_company_investing() -> None:
    text = (
        "Northgate Potash Holdings has signed three contracts for its new fertilizer plant. "
        "Northgate Potash Holdings signed the first with a local builder.\n\n"
        "The third contract is for the port works with Delta Bintara Engineering for "
        "approximately $150 million over 18 months."
    )
    assert _best_investor(text, "$150 million") == "Northgate Potash Holdings"


def test_a_company_running_another_noun_leaves_the_article_company_investing() -> None:
    text = (
        "Northgate Potash Holdings said it will invest $900 million in its mines. "
        "Northgate Potash Holdings runs four mines.\n\n"
        "A further $150 million would be allocated to a new pit at Ulken, a mine operated "
        "by Delta Bintara Minerals."
    )
    assert _best_investor(text, "$150 million") == "Northgate Potash Holdings"


def test_a_sentence_naming_no_company_tells_of_the_subject_of_the_sentence_before() -> None:
    text = (
        "Northgate Potash Holdings runs three mines and a fertilizer plant. Northgate Potash "
        "Holdings plans a new smelter.\n\n"
        "Redwood Cobalt Mining, owned by Northgate Potash Holdings, said it has opened a new "
        "mine in the north. Investments have totalled $50 million."
    )
    assert _best_investor(text, "$50 million") == "Redwood Cobalt Mining"
