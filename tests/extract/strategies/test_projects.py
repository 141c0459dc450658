"""What a deal is about: the project phrase a deal verb or an amount names."""

import pytest

from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.projects import (
    amount_project,
    plain_project,
    project_of,
    project_phrase,
)
from extract._text.nlp import parse


@pytest.mark.parametrize(
    ("phrase", "plain"),
    [
        ("its wire rod output", "wire rod output"),
        ("state-of-the-art zinc refinery", "zinc refinery"),
        ("these two kilns", "two kilns"),
        ("new zinc refinery", "new zinc refinery"),
        ("Freedonia-backed nickel smelter", "nickel smelter"),
        ("newly commissioned zinc refinery", "zinc refinery"),
        ("aforementioned project", None),  # a pointer to a project named elsewhere
        ("original nickel smelter", "nickel smelter"),
        (None, None),
    ],
)
def test_a_project_phrase_drops_the_pointers_and_praise_that_open_it(
    phrase: str | None, plain: str | None
) -> None:
    assert plain_project(phrase) == plain


def test_the_project_an_amount_finances_is_read_without_its_possessive() -> None:
    text = "Borlen Cement will invest $40 million in its clinker output at the Vesna plant."
    index = ArticleIndex.build(text, 2025)
    assert amount_project(index, text.index("$40 million")) == ("clinker output at the Vesna plant")


def test_a_bare_project_word_names_no_project() -> None:
    assert plain_project("project") is None
    assert plain_project("this project") is None
    assert plain_project("Pelka project") == "Pelka project"
    assert plain_project("trial production") is None
    assert plain_project("redevelopment project") is None
    assert plain_project("copper production") == "copper production"


def test_a_production_base_is_a_project() -> None:
    doc = parse("Kuma Fibre has completed its production base of 50,000 tons of glass fibre.")
    verb = next(t for t in doc if t.lemma_ == "complete")
    project = project_of(verb)
    assert project is not None
    assert project_phrase(project) == "production base of 50,000 tons of glass fibre"


@pytest.mark.parametrize(
    ("phrase", "plain"),
    [
        ("JPY plant", "plant"),
        ("U.S.-dollar nickel refinery", "nickel refinery"),
        ("2 billion yen kiln", "kiln"),
        ("crore project", None),
        ("LFP plant", "LFP plant"),
        ("2 kilns", "2 kilns"),
    ],
)
def test_a_project_phrase_drops_the_amount_words_that_open_it(
    phrase: str, plain: str | None
) -> None:
    assert plain_project(phrase) == plain
