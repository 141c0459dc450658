import pytest
from training_helpers import ARTICLE, GOLD

from extract import ArticleExtraction
from training._answers import best_span, figure_kind, gold_answer, match_record, significant_digits

GOLD_RECORDS = ArticleExtraction.model_validate(GOLD)
DEAL_SENTENCE = "Zeta Metals will invest $120 million in a zinc plant in the Pavlodar region."
FACT_SENTENCE = "The zinc plant will have a capacity of 50,000 tonnes per year."
KI, ZP = "Kazakh Invest", "zinc plant"


@pytest.mark.parametrize(
    ("number", "digits"),
    [("$1.2-billion", "12"), (1.2e9, "12"), ("1 200 000 t", "12"), ("400 thousand", "4"),
     (400000.0, "4"), ("0.5 million", "5"), (500000, "5"), ("21,000 - 22,500 tons", "21"),
     ("KZT 520 bln", "52"), (5.2e11, "52"), ("1,2 bn", "12")],
)  # fmt: skip
def test_significant_digits(number: str | float, digits: str) -> None:
    assert significant_digits(number) == digits


@pytest.mark.parametrize(
    ("figure", "kind"),
    [("$120 million", "money"), ("40 billion tenge", "money"), ("KZT 520 bln", "money"),
     ("€320 million", "money"), ("1,500 permanent jobs", "jobs"), ("600 people", "jobs"),
     ("50,000 tonnes", "physical"), ("300 MW", "physical")],
)  # fmt: skip
def test_figure_kind(figure: str, kind: str) -> None:
    assert figure_kind(figure) == kind


def test_a_figure_matches_the_record_whose_evidence_covers_it() -> None:
    deal = match_record(ARTICLE, GOLD_RECORDS, DEAL_SENTENCE, "$120 million")
    fact = match_record(ARTICLE, GOLD_RECORDS, FACT_SENTENCE, "50,000 tonnes")
    assert deal is GOLD_RECORDS.deals[0] and fact is GOLD_RECORDS.plant_facts[0]
    # Same digits elsewhere, or a figure the gold skips: no record.
    assert match_record(ARTICLE, GOLD_RECORDS, FACT_SENTENCE, "$120 million") is None
    assert match_record(ARTICLE, GOLD_RECORDS, "The company's shares rose 3 %.", "3 %") is None


@pytest.mark.parametrize(
    ("name", "sentence", "figure", "spans", "answer"),
    [
        ("money_role", DEAL_SENTENCE, "$120 million", [], "investment"),
        ("mass_metric", FACT_SENTENCE, "50,000 tonnes", [], "capacity"),
        ("plant_status", FACT_SENTENCE, "50,000 tonnes", [], "planned"),
        ("deal_stage", DEAL_SENTENCE, "$120 million", [], "agreed"),
        ("plant_status", DEAL_SENTENCE, "$120 million", [], None),  # a deal has no status
        ("span_company", DEAL_SENTENCE, "$120 million", [KI, "Zeta Metals"], "Zeta Metals"),
        ("span_facility", FACT_SENTENCE, "50,000 tonnes", ["Pavlodar region", ZP], ZP),
        ("span_facility", DEAL_SENTENCE, "$120 million", [ZP, KI], ZP),
        ("span_company", FACT_SENTENCE, "50,000 tonnes", ["Kazakh Invest"], None),  # none fits
    ],
)  # fmt: skip
def test_gold_answers(
    name: str, sentence: str, figure: str, spans: list[str], answer: str | None
) -> None:
    assert gold_answer(name, ARTICLE, GOLD_RECORDS, sentence, figure, spans) == answer


def test_a_figure_without_gold_is_other() -> None:
    sentence = "Exports reached 3 million tonnes."
    article = ARTICLE + " " + sentence
    assert (
        gold_answer("mass_metric", article, GOLD_RECORDS, sentence, "3 million tonnes", [])
        == "other"
    )
    assert gold_answer("money_role", article, GOLD_RECORDS, sentence, "$3 million", []) == "other"


def test_a_cost_fact_answers_cost() -> None:
    sentence = "The plant's cost is estimated at 14 billion tenge."
    fact = {**GOLD["plant_facts"][0], "metric": "cost", "value": 14e9, "unit": "KZT",
            "evidence": sentence, "commodity": None, "period": None}  # fmt: skip
    gold = ArticleExtraction.model_validate({**GOLD, "plant_facts": [fact]})
    article = ARTICLE + " " + sentence
    assert gold_answer("money_role", article, gold, sentence, "14 billion tenge", []) == "cost"


def test_best_span_uses_the_scorers_agreement() -> None:
    spans = ["copper cathode manufacturing plant in the Karagandy region", "‘Almaly’ deposit"]
    assert best_span("copper cathode plant at the Almaly deposit", spans) == "‘Almaly’ deposit"
    assert (
        best_span("Zijin Mining Group Co. Ltd", ["Zijin Mining Group", "Kazakh Invest"])
        == "Zijin Mining Group"
    )
    assert best_span(None, spans) is None
