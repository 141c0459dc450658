"""Tests of the quantity normaliser: a phrasing table, seed sentences and properties."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract._text.numbers import Quantity, figures_in, find_quantities, parse_quantity

SEEDS = Path(__file__).resolve().parents[3] / "gold" / "articles"

# phrase -> (value, value_max, unit, period)
TABLE: list[tuple[str, float, float | None, str, str | None]] = [
    ("223 thousand tonnes", 223_000, None, "t", None),
    ("$1.2-billion", 1_200_000_000, None, "USD", None),
    ("US$318 million", 318_000_000, None, "USD", None),
    ("US$ 318 million", 318_000_000, None, "USD", None),
    ("300-million-U.S.-dollar", 300_000_000, None, "USD", None),
    ("160.2 billion tenge", 160_200_000_000, None, "KZT", None),
    ("14 billion Tenge", 14_000_000_000, None, "KZT", None),
    ("80 000 t/y", 80_000, None, "t", "year"),
    ("25-million to 50-million t/y", 25_000_000, 50_000_000, "t", "year"),
    ("21,000 – 22,500 tons", 21_000, 22_500, "t", None),
    ("1.2mn", 1_200_000, None, "", None),
    ("3.5mn t", 3_500_000, None, "t", None),
    ("$649mn", 649_000_000, None, "USD", None),
    ("2.6 trillion tenge", 2_600_000_000_000, None, "KZT", None),
    ("3.2 billion Birr", 3_200_000_000, None, "ETB", None),
    ("54.09-billion-taka", 54_090_000_000, None, "BDT", None),
    ("over $12 billion", 12_000_000_000, None, "USD", None),
    ("up to 2 million tons of alumina per year", 2_000_000, None, "t", "year"),
    ("10,000 tonnes of ore per day", 10_000, None, "t", "day"),
    ("400 thousand tonnes per year", 400_000, None, "t", "year"),
    ("one thousand tonnes per day", 1_000, None, "t", "day"),
    ("270,000 tonnes", 270_000, None, "t", None),
    ("1 million tons per annum", 1_000_000, None, "t", "year"),
    ("70-75 tonnes", 70, 75, "t", None),
    ("1,2 bn", 1_200_000_000, None, "", None),
    ("1,25 billion tenge", 1_250_000_000, None, "KZT", None),
    ("1 200 000 tonnes", 1_200_000, None, "t", None),
    ("1\u00a0200\u00a0000 tonnes", 1_200_000, None, "t", None),
    ("80\u2009000 t", 80_000, None, "t", None),
    ("USD 100 mln", 100_000_000, None, "USD", None),
    ("5 bln tenge", 5_000_000_000, None, "KZT", None),
    ("$5m", 5_000_000, None, "USD", None),
    ("50k jobs", 50_000, None, "jobs", None),
    ("150 kt", 150_000, None, "t", None),
    ("150 ktpa", 150_000, None, "t", "year"),
    ("10 Mt", 10_000_000, None, "t", None),
    ("10 Mtpa", 10_000_000, None, "t", "year"),
    ("10 million tonnes per annum", 10_000_000, None, "t", "year"),
    ("500 mt", 500, None, "t", None),
    ("3 million metric tons", 3_000_000, None, "t", None),
    ("a 4.5-million-metric-ton slab plant", 4_500_000, None, "t", None),
    ("60,000 tpa", 60_000, None, "t", "year"),
    ("5,000 tonnes a month", 5_000, None, "t", "month"),
    ("300 tonnes daily", 300, None, "t", "day"),
    ("120 tonnes annually", 120, None, "t", "year"),
    ("1.5 million tonnes a year", 1_500_000, None, "t", "year"),
    ("a 1,000-tonne-per-day plant", 1_000, None, "t", "day"),
    ("50 MW", 50, None, "MW", None),
    ("120 megawatts", 120, None, "MW", None),
    ("1.2 GW", 1_200, None, "MW", None),
    ("€50 million", 50_000_000, None, "EUR", None),
    ("50 million euros", 50_000_000, None, "EUR", None),
    ("5 billion yuan", 5_000_000_000, None, "CNY", None),
    ("KZT 10 billion", 10_000_000_000, None, "KZT", None),
    ("KZT10bn", 10_000_000_000, None, "KZT", None),
    ("10 bln tenge", 10_000_000_000, None, "KZT", None),
    ("$47 billion", 47_000_000_000, None, "USD", None),
    ("300 million US dollars", 300_000_000, None, "USD", None),
    ("2 billion rubles", 2_000_000_000, None, "RUB", None),
    ("£20 million", 20_000_000, None, "GBP", None),
    ("1,000 jobs", 1_000, None, "jobs", None),
    ("10,000 permanent jobs", 10_000, None, "jobs", None),
    ("will employ 500 people", 500, None, "jobs", None),
    ("500 workers", 500, None, "jobs", None),
    ("500 new workplaces", 500, None, "jobs", None),
    ("4.3%", 4.3, None, "%", None),
    ("40 per cent", 40, None, "%", None),
    ("85 percent", 85, None, "%", None),
    ("5-7%", 5, 7, "%", None),
    ("between 5 and 10 MW", 5, 10, "MW", None),
    ("1.2 to 1.5 billion", 1_200_000_000, 1_500_000_000, "", None),
    ("$1.2-1.5 billion", 1_200_000_000, 1_500_000_000, "USD", None),
    ("2000-3000 tonnes", 2_000, 3_000, "t", None),
    ("twenty-five thousand tonnes", 25_000, None, "t", None),
    ("a million tons", 1_000_000, None, "t", None),
    ("two hundred thousand tonnes", 200_000, None, "t", None),
    ("1.200.000 tonnes", 1_200_000, None, "t", None),
    ("1,500 kg of gold", 1.5, None, "t", None),
    ("30 large mining projects", 30, None, "", None),
    ("96 million tons", 96_000_000, None, "t", None),
    ("5m tonnes", 5_000_000, None, "t", None),
    ("LE12 billion", 12_000_000_000, None, "EGP", None),
    ("LE 3.5 million", 3_500_000, None, "EGP", None),
    ("EGP 900 million", 900_000_000, None, "EGP", None),
    ("250 kilo tonnes", 250_000, None, "t", None),
    ("a quarter of a million tonnes", 250_000, None, "t", None),
    ("half a billion dollars", 500_000_000, None, "USD", None),
    ("three-quarters of a million ounces", 750_000, None, "oz", None),
]


def test_a_fraction_needs_a_scale_word() -> None:
    assert find_quantities("Half a dozen mines sold a quarter of the output.") == []


def test_a_word_ending_in_le_is_no_egyptian_pound() -> None:
    assert [q.unit for q in find_quantities("The SALE 12 units and FILE12 went.")] == [""]


@pytest.mark.parametrize(("phrase", "value", "value_max", "unit", "period"), TABLE)
def test_phrasings(
    phrase: str, value: float, value_max: float | None, unit: str, period: str | None
) -> None:
    quantity = parse_quantity(phrase)
    assert quantity is not None
    assert (quantity.value, quantity.value_max) == (value, value_max)
    assert (quantity.unit, quantity.period) == (unit, period)
    assert phrase[quantity.start : quantity.end] == quantity.text


@pytest.mark.parametrize(
    ("phrase", "kind", "commodity", "qualifier"),
    [
        ("up to 2 million tons of alumina per year", "mass", "alumina", "up to"),
        ("approximately 10,000 tonnes of ore per day", "mass", "ore", "approximately"),
        ("9,000 tonnes of copper cathode per year", "mass", "copper cathode", None),
        ("about 223 thousand tonnes of cathode copper", "mass", "copper cathode", "about"),
        ("1 million tons of aluminum per annum", "mass", "aluminium", None),
        ("5,000 tonnes of low-grade ores", "mass", "ore", None),
        ("over $12 billion", "money", None, "over"),
        ("more than 10,000 permanent jobs", "jobs", None, "more than"),
        ("nearly 4.3%", "percent", None, "nearly"),
        ("at least 50 MW", "power", None, "at least"),
        ("less than 1,000 tonnes", "mass", None, "less than"),
        ("27 million tonnes of approved reserves", "mass", None, None),
    ],
)
def test_kind_commodity_qualifier(
    phrase: str, kind: str, commodity: str | None, qualifier: str | None
) -> None:
    quantity = parse_quantity(phrase)
    assert quantity is not None
    assert (quantity.kind, quantity.commodity, quantity.qualifier) == (kind, commodity, qualifier)


def test_qualifier_and_period_words_stay_outside_the_span() -> None:
    quantity = parse_quantity("up to 2 million tons of alumina per year")
    assert quantity is not None
    assert quantity.text == "2 million tons"


@pytest.mark.parametrize(
    "text",
    [
        "in 2015",
        "2024–2028",
        "2014-2015",
        "for 2015-2019",
        "Aug. 15",
        "an April 29 meeting",
        "on 15 August",
        "In H1 2016",
        "in Q3",
        "Top 10 leaders",
        "the 29th session",
        "in the 1990s",
        "date 2024-08-16 ASTANA",
        "at 10:30",
        "two hydrometallurgical plants",
        "one of the leading",
        "a 500m shaft",
        "COVID-19",
        "the 2022-23 season",
        "version 1.2.3",
        "scores of 1,2",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_from_to_is_two_quantities() -> None:
    found = find_quantities("double copper output from 450,000 to 1 million tons by 2029")
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("450,000", 450_000, "t"),
        ("1 million tons", 1_000_000, "t"),
    ]


def test_by_to_is_a_step_and_a_level_not_a_range() -> None:
    found = find_quantities("will lift zinc output by 40,000 tonnes to 250,000 tonnes a year")
    assert [(q.value, q.value_max) for q in found] == [(40_000, None), (250_000, None)]


def test_from_to_shares_the_scale() -> None:
    found = find_quantities("raises ore processing from 25 to 50 million tonnes a year")
    assert [(q.value, q.period) for q in found] == [(25_000_000, "year"), (50_000_000, "year")]


@pytest.mark.parametrize("text", [
    "capacities ranging from 80,000 to 200,000 tonnes a year",
    "output varies from 80,000 to 200,000 tonnes a year",
])  # fmt: skip
def test_ranging_from_to_is_one_range(text: str) -> None:
    found = find_quantities(text)
    assert [(q.value, q.value_max, q.unit) for q in found] == [(80_000, 200_000, "t")]


def test_two_currencies_give_two_quantities() -> None:
    text = "a project worth 160.2 billion tenge ($318 million)"
    found = find_quantities(text)
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("160.2 billion tenge", 160_200_000_000, "KZT"),
        ("$318 million", 318_000_000, "USD"),
    ]


def test_seed_sentences_have_exact_spans() -> None:
    text = (SEEDS / "001_47aee89f721ef669.txt").read_text(encoding="utf-8")
    found = find_quantities(text)
    assert all(text[q.start : q.end] == q.text for q in found)
    first = found[0]
    assert (first.text, first.value, first.commodity, first.qualifier) == (
        "223 thousand tonnes",
        223_000,
        "copper cathode",
        "about",
    )
    assert "2014" not in [q.text for q in found]


def _mass(text: str) -> list[tuple[str, float, str | None, str | None]]:
    return [
        (q.text, q.value, q.period, q.commodity)
        for q in find_quantities(text)
        if q.kind != "percent"
    ]


def test_seed_article_000() -> None:
    text = (SEEDS / "000_e602eb67b651133f.txt").read_text(encoding="utf-8")
    assert _mass(text) == [
        ("9,000 tonnes", 9_000, "year", "copper cathode"),
        ("27 million tonnes", 27_000_000, None, None),
        ("10,000 tonnes", 10_000, "day", "ore"),
        ("14 billion Tenge", 14_000_000_000, None, None),
    ]


def test_seed_article_002_skips_dates_and_keeps_money() -> None:
    text = (SEEDS / "002_6a78e8b725ffe9cc.txt").read_text(encoding="utf-8")
    found = find_quantities(text)
    assert [q.text for q in found if q.kind != "number"] == [
        "$100 million",
        "1,000 jobs",
        "$47 billion",
        "96 million tons",
        "720,000 tons",
        "250 tons",
    ]
    assert not any(q.value in (15, 2024, 2022, 2023) for q in found)


def test_seed_article_004_alumina_and_aluminium() -> None:
    text = (SEEDS / "004_30e9be752d8d28ff.txt").read_text(encoding="utf-8")
    found = [q for q in find_quantities(text) if q.kind == "mass"]
    assert [(q.value, q.commodity, q.period, q.qualifier) for q in found] == [
        (2_000_000, "alumina", "year", "up to"),
        (1_000_000, "aluminium", "year", "up to"),
    ]


def test_figures_in_lists_values_and_range_ends() -> None:
    assert figures_in("output of 21,000 – 22,500 tons in 30 days") == [21_000, 22_500, 30]
    assert figures_in("no figures here") == []


def test_parse_quantity_prefers_a_unit() -> None:
    quantity = parse_quantity("30 projects worth $5 billion")
    assert quantity is not None and quantity.unit == "USD"
    assert parse_quantity("nothing") is None


# -- properties ----------------------------------------------------------------------------

_SCALES: dict[str, int] = {
    "": 1, " thousand": 10**3, " million": 10**6, " billion": 10**9, "mn": 10**6, " mn": 10**6,
    " mln": 10**6, "bn": 10**9, " bn": 10**9,
}  # fmt: skip
_UNITS = {" tonnes": "t", " tons": "t", " t": "t", " MW": "MW", " tenge": "KZT", " jobs": "jobs"}


def _grouped(integer: int, separator: str) -> str:
    digits = str(integer)
    groups = [digits[max(0, end - 3) : end] for end in range(len(digits), 0, -3)]
    return separator.join(reversed(groups))


@st.composite
def _phrases(draw: st.DrawFn) -> tuple[str, Fraction, str]:
    integer = draw(st.integers(min_value=0, max_value=10**8))
    cents = draw(st.none() | st.integers(min_value=0, max_value=99))
    separator = draw(st.sampled_from([",", " ", "\u00a0", ""]))
    number = _grouped(integer, separator) + ("" if cents is None else f".{cents:02d}")
    scale = draw(st.sampled_from(sorted(_SCALES)))
    value = (integer + Fraction(cents or 0, 100)) * _SCALES[scale]
    if draw(st.booleans()):
        return f"{draw(st.sampled_from(['$', 'US$']))}{number}{scale}", value, "USD"
    suffix = draw(st.sampled_from(sorted(_UNITS)))
    return f"{number}{scale}{suffix}", value, _UNITS[suffix]


@settings(derandomize=True)
@given(_phrases())
def test_round_trip_of_generated_phrases(case: tuple[str, Fraction, str]) -> None:
    phrase, value, unit = case
    quantity = parse_quantity(phrase)
    assert quantity is not None, phrase
    assert quantity.value == float(value), phrase
    assert quantity.unit == unit
    assert quantity.text == phrase


def _check_spans(text: str, found: list[Quantity]) -> None:
    end = 0
    for quantity in found:
        assert end <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.value_max is None or quantity.value_max >= quantity.value
        end = quantity.end


@settings(derandomize=True)
@given(st.text())
def test_find_quantities_never_raises_on_any_text(text: str) -> None:
    _check_spans(text, find_quantities(text))


_PIECES = st.sampled_from(
    ["1", "2015", "1,200", "3.5", "0", " ", "-", "–", "to", "from", "between", "and", "$", "US$",
     "KZT", "mn", "bn", " million", " thousand", " tonnes", " t", "/y", " per year", "%", "of",
     " ore", "up to", "a", "one", "twenty-", "five", ",", ".", "Aug.", "H1", "m", "k", " jobs",
     " people", "employ", "\u00a0", "(", ")", "kt", "Mt", "mtpa"]
)  # fmt: skip


@settings(max_examples=300, derandomize=True)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_find_quantities_on_number_soup(text: str) -> None:
    _check_spans(text, find_quantities(text))
    assert all(isinstance(figure, float) for figure in figures_in(text))


def test_tones_misspelt_for_tonnes_are_tonnes() -> None:
    quantities = find_quantities("The Kerra pit holds reserves of 3.4 million tones of ore.")
    assert [(q.value, q.unit, q.kind) for q in quantities] == [(3_400_000.0, "t", "mass")]
