"""Pydantic models of the extraction contract (``shared/extraction-contract.md``).

The record models (:class:`InvestmentDeal`, :class:`PlantFact`) and
:class:`ArticleExtraction` carry exactly the contract's fields. Field
descriptions double as the instructions a model sees through function calling.
Run metadata (prompt ids, grounding, dropped records) lives in the optional
``meta`` envelope so that gold files stay plain contract records.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract._vocab import canonical_commodity, canonical_country, canonical_currency

Stage = Literal["discussed", "agreed", "planned", "under_way", "completed"]
Metric = Literal["capacity", "production", "throughput", "reserves", "cost", "jobs"]
Period = Literal["year", "half_year", "quarter", "month", "day"]
Status = Literal["operating", "planned", "under_construction"]
MatchStatus = Literal["exact", "fuzzy", "not_found"]
RecordType = Literal["deal", "plant_fact"]

STAGES: tuple[Stage, ...] = ("discussed", "agreed", "planned", "under_way", "completed")
METRICS: tuple[Metric, ...] = ("capacity", "production", "throughput", "reserves", "cost", "jobs")
PERIODS: tuple[Period, ...] = ("year", "half_year", "quarter", "month", "day")
STATUSES: tuple[Status, ...] = ("operating", "planned", "under_construction")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _country_or_none(value: str | None) -> str | None:
    return canonical_country(value) if value else None


class InvestmentDeal(_Record):
    """One distinct commitment, agreement, plan or talks to put capital into a project."""

    investor: str | None = Field(
        None, description="The party providing the capital, as named in the text."
    )
    investor_country: str | None = Field(
        None, description="English short country name of the investor, only if stated."
    )
    counterparty: str | None = Field(
        None,
        description="The other party of the deal as named (company, ministry, agency); "
        "'Government of <country>' when it is only the state or its officials.",
    )
    host_country: str | None = Field(None, description="Country where the money goes.")
    project: str | None = Field(None, description="Short noun phrase for what is financed.")
    commodities: list[str] = Field(
        default_factory=list, description="Canonical lower-case commodity names."
    )
    amount: float | None = Field(
        None,
        description="Absolute amount in currency units ('$100 million' -> 100000000); "
        "when given in two currencies, the USD one.",
    )
    currency: str | None = Field(None, description="ISO 4217 code: USD, KZT, EUR, CNY, RUB.")
    stage: Stage | None = Field(
        None,
        description="discussed: talks, considering; agreed: agreement or contract signed; "
        "planned: approved plan or announced intention; under_way: being built; "
        "completed: finished.",
    )
    jobs: int | None = Field(None, description="Jobs the deal or its project will create.")
    year: int | None = Field(None, description="Year of the deal event as the text dates it.")
    evidence: str = Field(
        description="Verbatim substring of the article (one or two sentences) supporting it."
    )

    _country = field_validator("investor_country", "host_country")(_country_or_none)

    @field_validator("commodities")
    @classmethod
    def _canonical_commodities(cls, value: list[str]) -> list[str]:
        return sorted({canonical_commodity(name) for name in value if name.strip()})

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str | None) -> str | None:
        return canonical_currency(value) if value else None


class PlantFact(_Record):
    """One figure that the text attributes to a production facility."""

    facility: str = Field(description="The facility as named or described in the text.")
    operator: str | None = Field(None, description="Company that owns or runs the facility.")
    location: str | None = Field(None, description="Region, city or deposit as named.")
    country: str | None = Field(None, description="English short country name.")
    commodity: str | None = Field(
        None,
        description="What the figure measures, canonical lower-case ('copper cathode', 'ore').",
    )
    metric: Metric = Field(
        description="capacity: what it can make per period or a planned plant's output; "
        "production: output in a stated or past period; throughput: material processed; "
        "reserves; cost: what the facility costs; jobs."
    )
    value: float = Field(
        description="Absolute number ('223 thousand tonnes' -> 223000); a range's low end."
    )
    value_max: float | None = Field(None, description="High end of a range, else null.")
    unit: str = Field(description="'t' for tonnes, 'MW', 'jobs', or an ISO 4217 code for money.")
    period: Period | None = Field(None, description="Period of a flow; null for stocks.")
    as_of: str | None = Field(None, description="When the figure holds: '2015', '2016-H1', '2029'.")
    status: Status | None = Field(None, description="operating, planned or under_construction.")
    evidence: str = Field(description="Verbatim substring of the article that contains the figure.")

    _country = field_validator("country")(_country_or_none)

    @field_validator("commodity")
    @classmethod
    def _canonical_commodity(cls, value: str | None) -> str | None:
        return canonical_commodity(value) if value else None

    @field_validator("unit")
    @classmethod
    def _canonical_unit(cls, value: str) -> str:
        lowered = value.strip().lower()
        if lowered in {"t", "tonne", "tonnes", "ton", "tons", "mt"}:
            return "t"
        if lowered in {"mw", "jobs"}:
            return "MW" if lowered == "mw" else "jobs"
        try:
            return canonical_currency(value)
        except ValueError:
            return value.strip()


class RecordGrounding(_Record):
    """Where a record's evidence sits in the article, and whether its figures check out."""

    record_type: RecordType
    index: int = Field(description="Index of the record in the raw record list of its type.")
    start: int | None = Field(None, description="Character offset of the evidence in the text.")
    end: int | None = Field(None, description="End offset (exclusive) of the evidence.")
    match: MatchStatus
    value_in_evidence: bool = Field(
        description="Every numeric field is among the evidence's figures."
    )
    grounded: bool
    reason: str | None = None


class ExtractionMeta(_Record):
    """How an extraction was produced: the run manifest of one article."""

    prompt_ids: dict[str, str] = Field(default_factory=dict)
    schema_hash: str | None = None
    model: str | None = None
    backend: str | None = None
    strategy: str | None = None
    package_version: str | None = None
    grounding: list[RecordGrounding] = Field(default_factory=list)
    dropped: int = 0
    ungrounded_deals: list[InvestmentDeal] = Field(default_factory=list)
    ungrounded_plant_facts: list[PlantFact] = Field(default_factory=list)
    candidates: int | None = Field(None, description="Candidate figures the guided strategy saw.")
    model_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float | None = None


class ArticleExtraction(_Record):
    """Everything extracted from one article: the unit of gold, prediction and scoring."""

    doc_id: str
    deals: list[InvestmentDeal] = Field(default_factory=list)
    plant_facts: list[PlantFact] = Field(default_factory=list)
    meta: ExtractionMeta | None = Field(
        None, description="Run metadata; absent in gold files. Not scored."
    )


class Article(_Record):
    """An input article: its text plus optional metadata."""

    id: str
    text: str
    title: str | None = None
    published: str | None = Field(None, description="ISO date of publication.")
    source: str | None = None
