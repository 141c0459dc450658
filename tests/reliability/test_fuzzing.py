"""Property tests that complete the ones in tests/extract (numbers, grounding) and cover loaders.

Already covered elsewhere, so not repeated here: find_quantities never raises on
any text and generated phrases parse to their value (tests/extract/test_numbers.py);
locate_evidence never raises and finds any substring exactly
(tests/extract/test_grounding.py).
"""

from __future__ import annotations

import json
import string
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evals._loaders import load_extractions, load_report
from extract._errors import InputError
from extract._pipeline.pipeline import ExtractionConfig, Extractor
from extract._schema import Article, ArticleExtraction, InvestmentDeal, PlantFact
from extract._strategies.guided.strategy import GuidedOptions
from extract._text.grounding import ground_extraction
from extract._text.numbers import find_quantities, parse_quantity

FUZZ = settings(derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip

# -- the number parser: one value, written several ways, reads back the same --------------------


def _renderings(value: int) -> list[str]:
    """``value`` as news writes it: grouped digits, plain digits, a scale word, a short scale."""
    forms = [f"{value:,} tonnes", f"{value} tonnes", f"{value:,}".replace(",", " ") + " tonnes"]
    for scale, words in ((10**9, (" billion", "bn")), (10**6, (" million", " mln")),
                         (10**3, (" thousand",))):  # fmt: skip
        if value >= scale and value % (scale // 100) == 0:
            number = f"{Decimal(value) / scale:f}".rstrip("0").rstrip(".")
            forms += [f"{number}{word} tonnes" for word in words]
            break
    return forms


@FUZZ
@given(st.integers(min_value=1, max_value=10**12).map(lambda n: n * 10 ** (n % 4)))
def test_a_value_rendered_several_ways_parses_back_the_same(value: int) -> None:
    for phrase in _renderings(value):
        quantity = parse_quantity(f"The plant made {phrase} of copper.")
        assert quantity is not None and quantity.value == float(value), phrase
        assert quantity.unit == "t", phrase


@FUZZ
@given(st.binary(max_size=300).map(lambda b: b.decode("utf-8", "replace")))
def test_parsers_never_raise_on_decoded_garbage(text: str) -> None:
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
    parse_quantity(text)


# -- grounding a whole extraction: kept records always quote the article verbatim -------------


@st.composite
def _records(draw: st.DrawFn) -> tuple[str, ArticleExtraction]:
    text = draw(st.text(alphabet=string.printable + "“”–$€ ", min_size=1, max_size=200))
    slices = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(
        lambda ab: text[min(ab) : max(ab)])  # fmt: skip
    evidence = st.one_of(slices, st.text(max_size=40))
    value = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([0.0, 1.0, 1e6])
    deals = st.builds(InvestmentDeal, evidence=evidence, amount=st.none() | value)
    facts = st.builds(PlantFact, facility=st.just("plant"), metric=st.just("capacity"),
                      value=value, unit=st.just("t"), evidence=evidence)  # fmt: skip
    raw = ArticleExtraction(doc_id="x", deals=draw(st.lists(deals, max_size=4)),
                            plant_facts=draw(st.lists(facts, max_size=4)))  # fmt: skip
    return text, raw


@FUZZ
@given(_records(), st.booleans())
def test_ground_extraction_never_raises_and_kept_evidence_is_verbatim(
    case: tuple[str, ArticleExtraction], keep_ungrounded: bool
) -> None:
    text, raw = case
    grounded = ground_extraction(raw, text, keep_ungrounded=keep_ungrounded)
    assert grounded.meta is not None
    assert len(grounded.meta.grounding) == len(raw.deals) + len(raw.plant_facts)
    for g in grounded.meta.grounding:
        if g.start is not None and g.end is not None:
            assert 0 <= g.start < g.end <= len(text)
    if not keep_ungrounded:
        kept = [*grounded.deals, *grounded.plant_facts]
        assert all(record.evidence in text for record in kept)
        assert grounded.meta.dropped == len(raw.deals) + len(raw.plant_facts) - len(kept)


# -- the whole rules-only pipeline on arbitrary text ----------------------------------------------

_PIECES = st.sampled_from(
    ["Kazakhmys", " plans to invest ", "$100 million", " in ", "the Aksu plant", ". ", "\n\n",
     "produced ", "200,000 tonnes", " of copper", " per year", " agreed", " 500 jobs", " 2024",
     "-", " LLP", "capacity of ", "1.2 bn tenge", "(", ")", "“", "”", "é", "<b>", "\x00"]
)  # fmt: skip
RULES_ONLY = Extractor(ExtractionConfig(strategy="guided", guided=GuidedOptions(use_model=False)))


@settings(derandomize=True, deadline=None, max_examples=150)
@given(st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=40).map("".join)))
def test_rules_only_extraction_is_valid_and_grounded_or_an_input_error(text: str) -> None:
    try:
        result = RULES_ONLY.extract(Article(id="x", text=text))
    except InputError:
        assert not text.strip()
        return
    ArticleExtraction.model_validate_json(result.model_dump_json())
    assert all(r.evidence in text for r in [*result.deals, *result.plant_facts])


# -- loaders: any bytes or JSON give a result or an InputError, nothing else --------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_FIELDS = ["doc_id", "deals", "plant_facts", "meta", "amount", "value", "metric", "stage",
           "evidence", "currency", "unit", "period", "jobs", "year", "commodities"]  # fmt: skip


def _load_or_input_error(path: Path) -> None:
    try:
        loaded = load_extractions(path)
    except InputError as exc:  # ValidationFailed is one
        assert "\n" not in str(exc) and str(exc).startswith(str(path))
        return
    assert all(isinstance(e, ArticleExtraction) for e in loaded.values())


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_in_a_gold_file(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "x.json").write_bytes(data)
    (tmp_path / "x.jsonl").write_bytes(data)
    _load_or_input_error(tmp_path)
    _load_or_input_error(tmp_path / "x.jsonl")
    with pytest.raises(InputError):
        load_report(tmp_path / "x.json")


@st.composite
def _mutated(draw: st.DrawFn) -> Any:
    good: dict[str, Any] = {"doc_id": "x", "deals": [{"amount": 1.0, "evidence": "e"}],
                            "plant_facts": [{"facility": "f", "metric": "capacity", "value": 1.0,
                                             "unit": "t", "evidence": "e"}]}  # fmt: skip
    target = draw(st.sampled_from([good, good["deals"][0], good["plant_facts"][0]]))
    target[draw(st.sampled_from(_FIELDS))] = draw(_JSON)
    return good


@FUZZ
@given(st.one_of(_JSON, st.builds(dict, doc_id=st.just("x"), deals=_JSON), _mutated()))
def test_random_json_in_a_prediction_file(tmp_path: Path, value: Any) -> None:
    text = json.dumps(value)
    (tmp_path / "x.json").write_text(text)
    (tmp_path / "x.jsonl").write_text(text + "\n" + text + "\n")
    _load_or_input_error(tmp_path)
    _load_or_input_error(tmp_path / "x.jsonl")
