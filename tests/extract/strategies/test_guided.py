"""The guided strategy offline: rules alone, and a fake model whose scores are known."""

from extract._backends.fake import FakeBackend
from extract._pipeline.pipeline import ExtractionConfig, Extractor, extract_article
from extract._schema import Article, ArticleExtraction
from extract._strategies.guided.candidates import find_candidates
from extract._strategies.guided.strategy import GuidedOptions, decide_figures
from extract._text.facilities import facilities
from extract._text.names import company_mentions as companies
from extract._text.reading import sentences

ARTICLE = (
    " date 2025-03-12 ASTANA – A ferroalloy plant in the Pavlodar region has completed its first "
    "year, the regional akimat reported.\n\n"
    "Last year, the Aksu Ferroalloy Works of Eurasian Alloys LLP produced 186 thousand tonnes of "
    "ferrochrome, up 12% on the previous year. The plant's design capacity is 240,000 tonnes of "
    "ferrochrome per year.\n\n"
    "China's Baotou Steel Group will invest $150 million in a second smelting shop at the plant, "
    "which will create 400 jobs. The cost of the plant's first stage was estimated at 62 billion "
    "tenge.\n\n"
    "Kazakhstan exported 1.9 million tonnes of ferroalloys in 2024, and the tenge traded at 505 "
    "per US dollar. Its shares rose to $12.5 on the news.\n"
)
RULES_ONLY = ExtractionConfig(guided=GuidedOptions(use_model=False))


def _rules_only() -> ArticleExtraction:
    return Extractor(RULES_ONLY).extract(Article(id="aksu", text=ARTICLE))


def test_candidates_keep_figures_and_explain_the_context_they_drop() -> None:
    reasons = {c.quantity.text: c.dropped for c in find_candidates(ARTICLE)}
    assert reasons["186 thousand tonnes"] is None
    assert reasons["$150 million"] is None
    assert reasons["12%"] == "percentage"
    assert reasons["$12.5"] is not None  # a share price
    assert "505" not in reasons or reasons["505"] is not None


def test_text_spans_are_offsets_into_the_article() -> None:
    for span in [*sentences(ARTICLE), *companies(ARTICLE), *facilities(ARTICLE)]:
        assert ARTICLE[span.start : span.end] == span.text
    assert "Aksu Ferroalloy Works" in {f.text for f in facilities(ARTICLE)}
    assert "Baotou Steel Group" in {c.text for c in companies(ARTICLE)}  # "China's" dropped


def test_rules_alone_extract_grounded_records() -> None:
    result = _rules_only()
    facts = {(f.metric, f.value, f.period, f.as_of) for f in result.plant_facts}
    assert ("production", 186000.0, "year", "2024") in facts  # "last year" in a 2025 article
    assert ("capacity", 240000.0, "year", None) in facts
    assert ("cost", 62e9, None, None) in facts
    assert all(f.value != 1.9e6 for f in result.plant_facts)  # a national total
    [deal] = result.deals
    assert (deal.amount, deal.currency, deal.jobs) == (150e6, "USD", 400)
    assert (deal.investor, deal.investor_country) == ("Baotou Steel Group", "China")
    assert deal.host_country == "Kazakhstan" and deal.year == 2025
    for record in [*result.deals, *result.plant_facts]:
        assert record.evidence in ARTICLE


def test_an_uncalibrated_model_bias_overturns_rules_and_calibration_cancels_it() -> None:
    # The fake model prefers "reserves" whatever the input: a pure bias.
    def biased() -> FakeBackend:
        return FakeBackend(scores={"reserves": 20.0, "production": -20.0})

    every = GuidedOptions.QUESTIONS  # whatever the default, the model decides the metric
    raw = ExtractionConfig(guided=GuidedOptions(calibrate=False, model_questions=every))
    asked = ExtractionConfig(guided=GuidedOptions(model_questions=every))
    tonnage = lambda result: {f.metric for f in result.plant_facts if f.unit == "t"}  # noqa: E731
    uncalibrated = extract_article(ARTICLE, doc_id="aksu", config=raw, backend=biased())
    calibrated = extract_article(ARTICLE, doc_id="aksu", config=asked, backend=biased())
    assert tonnage(uncalibrated) == {"reserves"}
    assert tonnage(calibrated) == tonnage(_rules_only())


def test_questions_carry_the_candidate_not_the_article() -> None:
    backend = FakeBackend()
    extract_article(ARTICLE, doc_id="aksu", backend=backend)
    assert backend.prompts and all("Article:" not in prompt for prompt in backend.prompts)
    assert any("186 thousand tonnes" in prompt for prompt in backend.prompts)


def test_meta_records_prompt_ids_and_grounding() -> None:
    result = extract_article(ARTICLE, doc_id="aksu", backend=FakeBackend())
    assert result.meta is not None
    assert set(result.meta.prompt_ids) >= {"mass_metric", "money_role"}
    assert result.meta.strategy == "guided" and result.meta.backend == "local"
    kept = len(result.deals) + len(result.plant_facts)
    assert sum(g.grounded for g in result.meta.grounding) >= kept
    assert all(g.match == "exact" for g in result.meta.grounding if g.grounded)


def test_a_cue_word_inside_a_name_does_not_frame_the_money() -> None:
    # "Export" and "Import" name the bank; "financed" frames the money as investment.
    text = (
        "Sylvania Steel will build the smelter. The smelter will be financed with $80 million "
        "from the Freedonia Export-Import Bank."
    )
    deals = extract_article(text, config=RULES_ONLY).deals
    assert [d.amount for d in deals] == [80_000_000.0]


def test_what_a_plant_is_currently_producing_beside_its_capacity_is_production() -> None:
    # GUIDELINES 28: "currently producing N" is the output now, not the capacity beside it.
    text = (
        "The Varno glass works has a capacity of 900 tonnes per day, but it is currently "
        "producing 600 tonnes per day."
    )
    run = decide_figures(text, None, 2031, GuidedOptions(use_model=False))
    metrics = {f.candidate.quantity.text: f.metric for f in run.figures}
    assert metrics["600 tonnes"] == "production"
