"""The counterparty of a deal: signing partner, the sentence's agency, the article's."""

from extract._strategies.guided.fields import ArticleIndex
from extract._strategies.guided.parties import counterparty


def _counterparty(text: str, sentence_no: int, investor: str | None) -> str | None:
    return counterparty(ArticleIndex.build(text, 2025), sentence_no, investor)


def test_the_partner_who_signed_with_the_investor() -> None:
    text = ("BISHKEK – Kyrgyzaltyn and the Emirati company Gulf Horizon Mining have signed an "
            "agreement to develop a deposit, Kazakh Invest reported. Gulf Horizon Mining will "
            "invest $318 million in the deposit.")  # fmt: skip
    assert _counterparty(text, 1, "Gulf Horizon Mining") == "Kyrgyzaltyn"


def test_an_agency_in_the_deal_sentence_wins_and_a_ministry_keeps_its_full_name() -> None:
    text = ("Kazakh Invest reported nine agreements. Russia’s Uralmed signed a memorandum with the "
            "Karaganda region akimat on a plant. Talks were held at the Ministry of Investment, "
            "Industry and Trade.")  # fmt: skip
    assert _counterparty(text, 1, "Uralmed") == "Karaganda region akimat"
    assert _counterparty(text, 2, None) == "Ministry of Investment, Industry and Trade"


def test_the_state_when_only_officials_are_party() -> None:
    text = "The Prime Minister met the delegation of Zijin Mining Group in Kazakhstan."
    assert _counterparty(text, 0, "Zijin Mining Group") == "Government of Kazakhstan"
