"""Name spans: where one candidate name ends and the next begins."""

from spacy.tokens import Span

from extract._text.name_spans import name_mentions
from extract._text.nlp import pipeline


def _mentions_of_one_entity(text: str, first: str, last: str) -> list[str]:
    """The name spans when the model takes ``first`` .. ``last`` for one entity."""
    doc = pipeline()(text)  # a doc of its own: the cached parse is left as it was
    start = next(t.i for t in doc if t.text == first)
    end = next(t.i for t in doc if t.text == last) + 1
    doc.ents = [Span(doc, start, end, label="ORG")]
    return [span.text for span, _ in name_mentions(doc)]


def test_a_comma_between_two_names_parts_them() -> None:
    text = "Li Wen, president of PT Sarana Mining, Hengda Port Group's partner, spoke."
    mentions = _mentions_of_one_entity(text, "PT", "Group")
    assert "PT Sarana Mining" in mentions
    assert "Hengda Port Group" in mentions


def test_a_comma_before_a_legal_form_stays_in_the_name() -> None:
    text = "Xinjiang Bai Yi Da Construction Investment Co., Ltd. will build the plant."
    mentions = _mentions_of_one_entity(text, "Xinjiang", "Ltd.")
    full = "Xinjiang Bai Yi Da Construction Investment Co., Ltd"
    assert any(m.startswith(full) for m in mentions)


def test_a_bracket_parts_a_name_from_what_it_encloses() -> None:
    text = "The largest producer, Varnokcement (Karsk cement plant), makes 500,000 tonnes."
    mentions = _mentions_of_one_entity(text, "Varnokcement", "Karsk")
    assert "Varnokcement" in mentions
    assert not any("(" in m for m in mentions)


def test_a_country_after_an_office_parts_the_office_from_its_holder() -> None:
    text = "Prime Minister of Kazakhstan Nurlan Abenov announced that the plant would open in May."
    mentions = [span.text for span, _ in name_mentions(pipeline()(text))]
    assert "Nurlan Abenov" in mentions
    assert "Kazakhstan Nurlan Abenov" not in mentions


def test_a_verb_opening_the_clause_is_no_part_of_the_name_after_it() -> None:
    text = "Citing Brelvor's continued losses, the lender cut its rating of the miner."
    doc = pipeline()(text)
    doc[0].tag_, doc[0].dep_ = "VBG", "csubj"  # as the parse reads a longer such sentence
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    mentions = [span.text for span, _ in name_mentions(doc)]
    assert "Brelvor" in mentions
    assert not any(m.startswith("Citing") for m in mentions)


def test_a_bracketed_corporate_word_stays_in_the_name() -> None:
    text = "The plant was opened by Hexian Nonferrous Metals Industry (Group) Co., Ltd. on Monday."
    mentions = _mentions_of_one_entity(text, "Hexian", "Ltd.")
    assert any(m.startswith("Hexian Nonferrous Metals Industry (Group) Co., Ltd") for m in mentions)
    assert not any(m.strip(" ,.") in ("Group", "Ltd") for m in mentions)


def test_a_currency_after_a_figure_is_no_name() -> None:
    doc = pipeline()("The mill, built for 40 million Birr, employs 300 people.")
    assert "Birr" not in [span.text for span, _ in name_mentions(doc)]


def test_a_particle_between_proper_nouns_stays_in_the_name() -> None:
    doc = pipeline()(
        "The plant is owned by Companhia Siderurgica do Varel, which plans to expand it."
    )
    mentions = [span.text for span, _ in name_mentions(doc)]
    assert "Companhia Siderurgica do Varel" in mentions


def test_a_sum_written_with_a_currency_code_ends_a_name() -> None:
    text = "The company took a loan from the Velmor Development Bank for EUR350 million in May."
    mentions = _mentions_of_one_entity(text, "Velmor", "million")
    assert "Velmor Development Bank" in mentions
    assert not any("EUR" in m for m in mentions)
