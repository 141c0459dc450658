"""Figures at lakh (10^5) and crore (10^7), the South Asian scales that are not powers of 1000."""

from __future__ import annotations

import pytest

from evals._grounding import figure_in, word_scaled_figures


@pytest.mark.parametrize(
    ("value", "evidence", "found"),
    [
        (7_300_000_000.0, "with an investment of ₹730 crore.", True),
        (77_650_000_000.0, "it would invest Rs 7,765 crore as capital expenditure", True),
        (50_690_000_000.0, "Rs 7,765 crore and Rs 5,069 crore in other projects", True),
        (12_500_000.0, "Rs 1.25 Crores", True),
        (2_500_000.0, "a grant of Rs 25 lakh", True),
        (2_500_000.0, "Rs 25 lakhs", True),
        (300_000.0, "3 lac tonnes a year", True),
        (7_300_000_000.0, "Rs 730cr", True),
        (1.5e12, "Rs 1.5 lakh crore", True),
        (73_000_000_000.0, "₹730 crore", False),
        (7_300_000_000.0, "730 crude oil tankers", False),
        (2_500_000.0, "25 lakes", False),
    ],
)
def test_lakh_and_crore_figures_are_found(value: float, evidence: str, found: bool) -> None:
    assert figure_in(value, evidence) is found


def test_only_a_number_followed_by_the_word_is_scaled() -> None:
    assert word_scaled_figures("Rs 730 crore, and 40 tonnes") == {7.3e9}
    assert word_scaled_figures("a crore of rupees, 12 people") == set()
