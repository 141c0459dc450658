"""Assembly: decided figures become PlantFacts and InvestmentDeals.

Every value comes from the normaliser, every name from a span of the article,
every evidence from the article's own sentences, so records are grounded by
construction; the grounding pass checks it anyway.
"""

from __future__ import annotations

import re

from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.company_fields import main_company
from extract._strategies.guided.country_fields import main_country
from extract._strategies.guided.cues import DEAL_STAGE, score
from extract._strategies.guided.deal_stage import spent_stage, stage_rules
from extract._strategies.guided.facility_fields import location_for
from extract._strategies.guided.facility_names import (
    described_names,
    with_described_names,
    with_member_names,
)
from extract._strategies.guided.facility_owners import facility_owners
from extract._strategies.guided.figure_fields import (
    as_of_for,
    commodity_for,
    deal_commodities,
    period_for,
    production_if_operating,
)
from extract._strategies.guided.jobs_figures import (
    CREATED,
    jobs_to_deals,
    nearest_deal,
    with_jobs,
    workforce_of_a_party,
)
from extract._strategies.guided.mentions import DealMention, deal_mentions, partner_at
from extract._strategies.guided.operator_fields import stated_operator, vehicles_of, with_operators
from extract._strategies.guided.parties import (
    counterparty,
    host_country,
    investor_country,
    state_investor,
)
from extract._strategies.guided.plant_status import (
    being_built,
    capacity_if_unbuilt,
    consistent_status,
    one_per_figure,
)
from extract._strategies.guided.projects import amount_project, plain_project
from extract._strategies.guided.states import facility_states
from extract._strategies.guided.strategy import Figure, GuidedRun
from extract._strategies.guided.tellings import (
    conversions,
    deal_year,
    one_per_amount,
    with_headline_commodities,
    without_conversions,
    without_fuel,
    without_running_totals,
    without_totals,
)

_GOVERNMENT = "Government of "


def assemble(run: GuidedRun, doc_id: str) -> ArticleExtraction:
    """Build the raw records of one article from its decided figures."""
    for figure in (f for f in run.figures if f.role == "deal"):
        if partner := partner_at(run.index, figure.candidate.quantity.start):
            figure.company = partner
    deals = [_deal(run.index, f) for f in run.figures if f.role == "deal"]
    facts = [_plant_fact(run.index, f) for f in run.figures if f.role == "plant_fact"]
    deal_figures = [f for f in run.figures if f.role == "deal"]
    jobs_figures = [f for f in run.figures if f.role == "jobs"]
    created = [f for f in jobs_figures if CREATED.search(f.clause)]
    for jobs in jobs_figures:
        host = nearest_deal(run.index, run.figures, jobs) if jobs in created else None
        if host is not None:
            deals[host] = with_jobs(run.index, deals[host], deal_figures[host], jobs)
        elif jobs not in created and not workforce_of_a_party(run.index, jobs):
            facts.append(_plant_fact(run.index, jobs))
    covered = {f.candidate.sentence_no for f in run.figures if f.role == "deal"}
    investors = {d.investor for d in deals}
    mentions = [_mention_deal(run.index, m) for m in deal_mentions(run.index, covered)
                if m.investor not in investors or _ALSO.search(m.sentence.text)]  # fmt: skip
    deals = _with_investors(deals, mentions)
    unplaced = [f for f in created if not any(d.jobs == int(f.candidate.quantity.value)
                                              for d in deals)]  # fmt: skip
    deals, spare = jobs_to_deals(run.index, deals, unplaced)
    facts += [_plant_fact(run.index, f) for f in spare]
    kept = consistent_status([fact for fact in facts if fact.facility], being_built(run.index))
    states = facility_states(run.index)
    kept = [capacity_if_unbuilt(f.model_copy(update={"status": states[f.facility]}))
            if f.facility in states else f for f in kept]  # fmt: skip
    owners, stated = facility_owners(run.index), stated_operator(run.index)
    kept = with_operators(kept, owners, deals, stated, vehicles_of(run.index))
    kept = [production_if_operating(f) for f in kept]
    kept = with_member_names(run.index, with_described_names(kept, described_names(run.index)))
    deals = [_staged_by_facility(d, states, kept) for d in deals]
    deals = [without_fuel(with_headline_commodities(run.index, d)) for d in deals]
    deals = without_running_totals(without_totals(without_conversions(deals, conversions(run))))
    headline = run.index.sentences[0].text if run.index.sentences else ""
    return ArticleExtraction(doc_id=doc_id, deals=one_per_amount(_unique(deals), run.index),
                             plant_facts=one_per_figure(_unique(kept), headline))  # fmt: skip


_STAGE_OF_STATE = {"operating": "completed", "under_construction": "under_way"}


def _staged_by_facility(
    deal: InvestmentDeal, states: dict[str, str], facts: list[PlantFact]
) -> InvestmentDeal:
    """A deal whose sentence states no stage takes it from its facility's state.

    "The $300 million project will create 1,000 jobs" says nothing of the stage;
    when the article says the plant was opened, the deal is completed.
    """
    if any(score(DEAL_STAGE, deal.evidence).values()) or not states:
        return deal
    facilities = {f.facility for f in facts} & set(states)
    known = {states[name] for name in facilities} or set(states.values())
    if len(known) != 1:
        return deal
    stage = _STAGE_OF_STATE.get(known.pop())
    return deal.model_copy(update={"stage": stage}) if stage else deal


def _with_investors(
    deals: list[InvestmentDeal], mentions: list[InvestmentDeal]
) -> list[InvestmentDeal]:
    """An amount with no investor takes the one investor the article states a project of.

    "Over 9.4 billion tenge will be invested" and "X will build the plant" tell one deal.
    """
    nameless = [i for i, deal in enumerate(deals) if deal.investor is None]
    if len(mentions) == 1 and nameless:
        mention = mentions[0]
        for i in nameless:
            deals[i] = deals[i].model_copy(update={
                "investor": mention.investor, "investor_country": mention.investor_country,
                "project": deals[i].project or mention.project})  # fmt: skip
        return deals
    return deals + mentions


# A mention of an investor that already has a deal is that deal told again, unless the text
# says it is another one: "the company is also building", "they also discussed".
_ALSO = re.compile(r"\balso\b", re.IGNORECASE)


def _mention_deal(index: ArticleIndex, mention: DealMention) -> InvestmentDeal:
    sentence = mention.sentence.text
    rules = stage_rules(sentence, index.text)
    stage = max(rules, key=rules.__getitem__) if any(rules.values()) else "planned"
    return InvestmentDeal(
        investor=mention.investor,
        investor_country=investor_country(index, mention.investor),
        counterparty=mention.partner or counterparty(index, mention.investor_at, mention.investor),
        host_country=host_country(index, mention.sentence_no),
        project=mention.project,
        commodities=deal_commodities(f"{sentence} {mention.project or ''}"),
        stage=stage,
        year=deal_year(sentence, index.published_year),
        evidence=sentence,
    )


def _plant_fact(index: ArticleIndex, figure: Figure) -> PlantFact:
    q, c = figure.candidate.quantity, figure.candidate
    metric = figure.metric or "production"
    return PlantFact(
        facility=figure.facility or "",
        operator=figure.company or main_company(index),
        location=location_for(index, figure.facility, c.sentence_no, q.start),
        country=main_country(index),
        commodity=None
        if metric in ("cost", "jobs")
        else commodity_for(q, figure.clause, figure.facility),
        metric=metric,
        value=q.value,
        value_max=q.value_max,
        unit=q.unit,
        period=period_for(q, metric, figure.clause),
        # A cost is an estimate, not dated by the commissioning year its sentence gives.
        as_of=None if metric == "cost" else as_of_for(figure.clause, index.published_year, q.text),
        status=figure.status,
        evidence=c.sentence.text,
    )


def _deal(index: ArticleIndex, figure: Figure) -> InvestmentDeal:
    q, c = figure.candidate.quantity, figure.candidate
    sentence = c.sentence.text
    state = state_investor(index, q.start)
    investor = state or figure.company
    other = counterparty(index, q.start, investor)
    return InvestmentDeal(
        investor=investor,
        investor_country=state.removeprefix(_GOVERNMENT)
        if state
        else investor_country(index, figure.company),
        counterparty=other if other != investor else None,
        host_country=host_country(index, c.sentence_no),
        project=_not_the_investor(amount_project(index, q.start) or figure.facility, investor),
        commodities=deal_commodities(f"{sentence} {figure.facility or ''}"),
        amount=q.value,
        currency=q.unit,
        stage=spent_stage(figure.stage, sentence, q.text),
        year=deal_year(sentence, index.published_year),
        evidence=sentence,
    )


def _not_the_investor(project: str | None, investor: str | None) -> str | None:
    """The project, unless it is the investor's own name or a piece of it (GUIDELINES 16).

    "Metallurgical Combine" of "Navoi Mining and Metallurgical Combine" names the company.
    """
    return None if project and investor and project in investor else plain_project(project)


def _unique(records: list[PlantFact] | list[InvestmentDeal]) -> list:  # type: ignore[type-arg]
    """Drop exact repeats (a figure restated in the same words)."""
    seen: set[str] = set()
    result = []
    for record in records:
        key = record.model_dump_json()
        if key not in seen:
            seen.add(key)
            result.append(record)
    return result
