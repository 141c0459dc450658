"""The guided strategy: small questions about each candidate figure.

Deterministic code proposes every candidate figure (with its sentence) and
reads what the text states outright; the model only decides the semantic
fields, by constrained choices scored with contextual calibration:

1. what a money figure is (investment, cost, other);
2. what a tonnage measures (capacity, production, throughput, reserves, other);
3. which nearby facility and company spans a figure belongs to;
4. a plant's status and a deal's stage.

Questions are grouped by prompt so that the article and each prompt's
instructions are evaluated once (prefix reuse in the local backend).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from extract._backends.base import Backend
from extract._errors import InputError
from extract._strategies.guided.article_index import ArticleIndex
from extract._strategies.guided.candidates import Candidate, find_candidates
from extract._strategies.guided.company_fields import company_priors
from extract._strategies.guided.cues import (
    MONEY_ROLE,
    PLANT_STATUS,
    clause,
    score,
    without_names,
)
from extract._strategies.guided.deal_stage import stage_rules
from extract._strategies.guided.decide import Decider, Decision
from extract._strategies.guided.facility_fields import facility_priors, names_a_facility
from extract._strategies.guided.mass_metric import mass_rules
from extract._strategies.guided.measured import measured_noun
from extract._strategies.guided.roles import figure_owner
from extract._strategies.prompts import ChoicePrompt, load_choice_prompt, prompt_id

GUIDED_PROMPTS = (
    "money_role", "mass_metric", "plant_status", "deal_stage", "span_facility", "span_company",
)  # fmt: skip
# The questions the embedded model answers by default: all of them. Cross-fitted on the
# tune split (an adapter trained without one half, measured on it; both ways), the model
# gained on both halves only on the company question, but on test the model on every
# question scored 0.544 against 0.537 for the company question alone (8.3 against 1.9 s
# per article), and the default changes only where it wins on test (docs/quality.md).
# Later, on 46 tune articles adapter v3 never saw, only the tonnage question gained; the
# subset (mass_metric, plant_status, span_facility) read the same there with a third fewer
# calls, but 0.5491 against 0.5497 on test (the money question helps amounts there).
# ``GuidedOptions(model_questions=("span_company",))`` is the fast setting.
DEFAULT_MODEL_QUESTIONS = GUIDED_PROMPTS


@dataclass(frozen=True)
class GuidedOptions:
    """Which parts decide: rules, model, and whether model scores are calibrated.

    ``model_questions`` names the questions the model answers (some of ``QUESTIONS``);
    rules alone decide the others. ``model_questions=GuidedOptions.QUESTIONS`` asks
    the model every question, as the ablation's model modes and training do.
    """

    QUESTIONS: ClassVar[tuple[str, ...]] = GUIDED_PROMPTS

    use_rules: bool = True
    use_model: bool = True
    calibrate: bool = True
    model_questions: tuple[str, ...] = DEFAULT_MODEL_QUESTIONS

    def __post_init__(self) -> None:
        unknown = sorted(set(self.model_questions) - set(GUIDED_PROMPTS))
        if unknown:
            raise InputError(
                f"unknown guided question(s) {', '.join(unknown)}: "
                f"use some of {', '.join(GUIDED_PROMPTS)}"
            )


@dataclass
class Figure:
    """A kept candidate and what has been decided about it so far."""

    candidate: Candidate
    clause: str
    role: str = "skip"  # deal, plant_fact, jobs or skip
    metric: str | None = None
    facility: str | None = None
    company: str | None = None
    status: str | None = None
    stage: str | None = None


@dataclass
class GuidedRun:
    """Everything the guided strategy found and decided for one article."""

    index: ArticleIndex
    candidates: list[Candidate]
    figures: list[Figure] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


def guided_prompt_ids() -> dict[str, str]:
    """Content-hash ids of every prompt the guided strategy uses."""
    prompts = [load_choice_prompt(name) for name in GUIDED_PROMPTS]
    return {p.name: prompt_id(p, p.output_schema()) for p in prompts}


def decide_figures(
    text: str, backend: Backend | None, published_year: int | None, options: GuidedOptions
) -> GuidedRun:
    """Find candidates in ``text`` and decide every semantic field of each."""
    index = ArticleIndex.build(text, published_year)
    run = GuidedRun(index, find_candidates(text))
    run.figures = [Figure(c, _clause(text, c)) for c in run.candidates if c.dropped is None]
    decider = Decider(backend if options.use_model else None, f"Article:\n{text}\n\n",
                      use_rules=options.use_rules, calibrate=options.calibrate,
                      model_questions=frozenset(options.model_questions))  # fmt: skip
    _decide_roles(decider, index, run.figures)
    _decide_spans(decider, index, run.figures)
    _decide_states(decider, run.figures)
    run.decisions = decider.log
    return run


_RELATIVE = re.compile(r"\s*(?:which|that)\b", re.IGNORECASE)
_INVESTS = re.compile(r"\bwill (?:finance|fund|invest)\b|\bto (?:finance|fund|invest)\b", re.I)
_INVESTED_AFTER = re.compile(
    r",?\s+(?:which|that)\s+(?:was|were|has been|have been|will be|is|are)\s+(?:\w+ly\s+)?"
    r"(?:invested|financed|funded)\b",
    re.IGNORECASE,
)
_COMPANY_TALK = re.compile(r"\bthe (?:company|corporation|group|holding)\b", re.IGNORECASE)


def _previous(index: ArticleIndex, sentence_no: int) -> str:
    return " ".join(s.text for s in index.sentences[max(0, sentence_no - 2) : sentence_no])


def _added(first: dict[str, float], second: dict[str, float]) -> dict[str, float]:
    return {label: first.get(label, 0.0) + second.get(label, 0.0) for label in first}


def _clause(text: str, candidate: Candidate) -> str:
    return clause(text, candidate.quantity, candidate.sentence.start, candidate.sentence.end)


def _ask(decider: Decider, name: str, figure: Figure, rules: dict[str, float]) -> str:
    prompt = load_choice_prompt(name)
    return decider.choose(prompt, figure.candidate.sentence.text, figure.candidate.quantity.text,
                          rules)  # fmt: skip


def _decide_roles(decider: Decider, index: ArticleIndex, figures: list[Figure]) -> None:
    """Money -> deal / cost / skip, tonnage -> metric, power -> capacity, jobs -> jobs."""
    unnamed = without_names(index.text, index.names)  # a name's words are no cue words
    for figure in (f for f in figures if f.candidate.kind == "money"):
        _decide_money(decider, index, unnamed, figure)
    for figure in (f for f in figures if f.candidate.kind == "mass"):
        _decide_mass(decider, index, figure)
    for figure in figures:
        if figure.candidate.kind == "power":
            figure.role, figure.metric = "plant_fact", "capacity"
        elif figure.candidate.kind == "jobs":
            figure.role, figure.metric = "jobs", "jobs"


def _decide_money(decider: Decider, index: ArticleIndex, unnamed: str, figure: Figure) -> None:
    """A money figure's role: a deal's amount, a plant's cost, or context to skip."""
    # The verb that frames money often stands outside its clause ("will finance the
    # project, which is estimated at $275 million"): read the sentence, the clause twice.
    quantity, sentence = figure.candidate.quantity, figure.candidate.sentence
    rules = _added(
        score(MONEY_ROLE, clause(unnamed, quantity, sentence.start, sentence.end)),
        score(MONEY_ROLE, unnamed[sentence.start : sentence.end]),
    )
    if _RELATIVE.match(figure.clause) and _INVESTS.search(figure.candidate.sentence.text):
        # "X will finance the project, which is estimated at $275 million": the relative
        # clause sizes the financed project, so its "estimated" is no cost cue of its own
        # (contract: money framed as investment is a deal).
        rules = score(MONEY_ROLE, figure.candidate.sentence.text)
        rules["investment"] += 1.0
    if _INVESTED_AFTER.match(index.text, quantity.end):
        # "the cost exceeded $150 million, which was fully invested by X": the amount
        # is what was invested, a deal (contract), not a cost told on its own.
        rules["investment"] += 2.0
    role = _ask(decider, "money_role", figure, rules)
    figure.role = {"investment": "deal", "cost": "plant_fact"}.get(role, "skip")
    figure.metric = "cost" if role == "cost" else None


def _decide_mass(decider: Decider, index: ArticleIndex, figure: Figure) -> None:
    """A tonnage's metric, or "other" (a national or company total) to skip."""
    sentence = figure.candidate.sentence
    named = names_a_facility(index, figure.candidate.sentence_no)
    rules = mass_rules(figure.clause, figure.candidate.quantity, named)
    if not named and _COMPANY_TALK.search(_previous(index, figure.candidate.sentence_no)):
        rules["other"] += 1.0  # "The company ... Its output totaled ...": a company total
    owner = figure_owner(index.text, index.names, figure.candidate.quantity.start)
    if owner is not None and owner.kind in ("country", "nationality"):
        rules["other"] += 2.5  # "Tajikistan produced 1.4 Mt of cement": a national total
    elif owner is not None and owner.kind == "company" and not facility_word(sentence.text):
        rules["other"] += 1.5  # "KAZ Minerals produced 299,000 t": a company's total
    q = figure.candidate.quantity
    if _MAKING_NOW.search(index.text, max(0, q.start - 40), q.start):
        rules["production"] += 2.0  # "is currently producing 450 t": what it runs at, no capacity
    of_reserves = _OF_RESERVES.match(index.text, q.end) is not None
    if of_reserves or measured_noun(index.text, q.start, q.end) in _RESERVE_NOUNS:
        # "reserves of 260 Mt", "reserves are estimated at ...": reserves among the
        # metrics; whether it is a facility's figure at all is left to the other cues.
        best = max(score for label, score in rules.items() if label != "other")
        rules["reserves"] = max(rules["reserves"], best + 1.0)
    metric = _ask(decider, "mass_metric", figure, rules)
    figure.role, figure.metric = ("skip", None) if metric == "other" else ("plant_fact", metric)


# "currently produces (about) N" right before the figure; not "up to N" (GUIDELINES 28).
_MAKING_NOW = re.compile(r"\bcurrently produc(?:es|ing)\s+(?:about\s+|around\s+)?$", re.I)
# Nouns whose figure is a stock in the ground, whatever the sentence says of output.
_RESERVE_NOUNS = frozenset({"reserve", "reserves", "resource", "resources"})
# "205 million tonnes of ore reserves": the figure's own "of" names the stock it measures.
_OF_RESERVES = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,2}(?:reserves?|resources?)\b", re.IGNORECASE)
_FACILITY_WORD = re.compile(
    r"\b(?:plant|smelter|refinery|factory|mine|mill|deposit|field|facility|complex|works|"
    r"combine|concentrator|furnace|quarry|pit|project|operation|site)s?\b",
    re.IGNORECASE,
)


def facility_word(sentence: str) -> bool:
    """Whether ``sentence`` speaks of a facility ("plant", "mine", "project" ...)."""
    return bool(_FACILITY_WORD.search(sentence))


def _decide_spans(decider: Decider, index: ArticleIndex, figures: list[Figure]) -> None:
    """Facility and company of every figure, chosen among the article's spans."""
    facility_prompt = load_choice_prompt("span_facility")
    company_prompt = load_choice_prompt("span_company")
    active = [f for f in figures if f.role != "skip"]
    for figure in active:
        c = figure.candidate
        priors = facility_priors(index, c.sentence_no, c.quantity.start)
        figure.facility = _span(decider, facility_prompt, figure, priors)
    for figure in active:
        c = figure.candidate
        priors = company_priors(
            index, c.sentence_no, c.quantity.start, investor=figure.role == "deal"
        )
        figure.company = _span(decider, company_prompt, figure, priors)


def _span(
    decider: Decider, prompt: ChoicePrompt, figure: Figure, priors: dict[str, float]
) -> str | None:
    c = figure.candidate
    return decider.choose_span(prompt, c.sentence.text, c.quantity.text, priors)


# The status of a plant whose clause has no status cue (or ties). Chosen by data: with
# "planned" instead, tune-196 rules-only went A +0.0018, B -0.0045 (status on half B:
# 9 figures with no cue are operating, 6 planned, 4 under construction).
DEFAULT_STATUS = "operating"
_TIE_BREAK = 0.01  # below any cue (cues count whole words), so it only breaks ties


def _decide_states(decider: Decider, figures: list[Figure]) -> None:
    """Status of plant facts, stage of deals."""
    for figure in (f for f in figures if f.role in ("plant_fact", "jobs")):
        rules = score(PLANT_STATUS, figure.clause)
        rules[DEFAULT_STATUS] += _TIE_BREAK  # a clause with no cue, or a tie, says this
        figure.status = _ask(decider, "plant_status", figure, rules)
    for figure in (f for f in figures if f.role == "deal"):
        rules = stage_rules(figure.candidate.sentence.text, decider.context)
        figure.stage = _ask(decider, "deal_stage", figure, rules)
