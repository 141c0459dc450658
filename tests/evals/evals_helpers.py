"""Small hand-made gold fixtures for the eval-suite tests (imported, not collected)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extract._schema import ArticleExtraction, InvestmentDeal, PlantFact

TEXT_A = (
    "Zijin Mining Group signed an agreement with Kazakh Invest on Tuesday to invest "
    "$100 million in a copper cathode plant in the Karagandy region. The project will "
    "create 500 jobs. The Almaly plant produces up to 9,000 tonnes of copper cathode "
    "per year. It processes about 10,000 tonnes of ore per day. HMS Bergbau AG is "
    "considering a 1,2 bn tenge lithium project."
)
TEXT_B = (
    "ERG plans to spend $320 million on the Aksu ferroalloy plant. The plant has "
    "reserves of 27 million tonnes of chrome ore."
)
TEXT_EMPTY = "Share prices of Kazakh miners rose 3 % on Monday."

DEAL_ZIJIN: dict[str, Any] = {
    "investor": "Zijin Mining Group",
    "investor_country": "China",
    "counterparty": "Kazakh Invest",
    "host_country": "Kazakhstan",
    "project": "copper cathode plant",
    "commodities": ["copper cathode"],
    "amount": 100_000_000.0,
    "currency": "USD",
    "stage": "agreed",
    "jobs": 500,
    "year": 2024,
    "evidence": "Zijin Mining Group signed an agreement with Kazakh Invest on Tuesday to "
    "invest $100 million in a copper cathode plant in the Karagandy region.",
}
DEAL_HMS: dict[str, Any] = {
    "investor": "HMS Bergbau AG",
    "investor_country": "Germany",
    "project": "lithium project",
    "commodities": ["lithium"],
    "amount": 1_200_000_000.0,
    "currency": "KZT",
    "stage": "discussed",
    "evidence": "HMS Bergbau AG is considering a 1,2 bn tenge lithium project.",
}
FACT_CAPACITY: dict[str, Any] = {
    "facility": "Almaly plant",
    "location": "Karagandy region",
    "country": "Kazakhstan",
    "commodity": "copper cathode",
    "metric": "capacity",
    "value": 9000.0,
    "unit": "t",
    "period": "year",
    "status": "operating",
    "evidence": "The Almaly plant produces up to 9,000 tonnes of copper cathode per year.",
}
FACT_THROUGHPUT: dict[str, Any] = {
    "facility": "Almaly plant",
    "commodity": "ore",
    "metric": "throughput",
    "value": 10000.0,
    "unit": "t",
    "period": "day",
    "status": "operating",
    "evidence": "It processes about 10,000 tonnes of ore per day.",
}
DEAL_ERG: dict[str, Any] = {
    "investor": "ERG",
    "project": "Aksu ferroalloy plant",
    "commodities": ["ferroalloys"],
    "amount": 320_000_000.0,
    "currency": "USD",
    "stage": "planned",
    "evidence": "ERG plans to spend $320 million on the Aksu ferroalloy plant.",
}
FACT_RESERVES: dict[str, Any] = {
    "facility": "Aksu ferroalloy plant",
    "operator": "ERG",
    "commodity": "ore",
    "metric": "reserves",
    "value": 27_000_000.0,
    "unit": "t",
    "evidence": "The plant has reserves of 27 million tonnes of chrome ore.",
}

# Scored units of article "a" (non-null fields, list elements counted one by one):
# Zijin 11, HMS 7, capacity 9, throughput 7.
UNITS_A = 34
UNITS_B = 6 + 6


def deal(base: dict[str, Any], **changes: Any) -> InvestmentDeal:
    """Return an InvestmentDeal from a fixture dict with some fields changed."""
    return InvestmentDeal.model_validate({**base, **changes})


def fact(base: dict[str, Any], **changes: Any) -> PlantFact:
    """Return a PlantFact from a fixture dict with some fields changed."""
    return PlantFact.model_validate({**base, **changes})


def article(
    doc_id: str, deals: Sequence[InvestmentDeal] = (), facts: Sequence[PlantFact] = ()
) -> ArticleExtraction:
    """Return an ArticleExtraction of the given records."""
    return ArticleExtraction(doc_id=doc_id, deals=list(deals), plant_facts=list(facts))


def gold_set() -> dict[str, ArticleExtraction]:
    """Three gold articles: two with records, one empty."""
    return {
        "a": article(
            "a", [deal(DEAL_ZIJIN), deal(DEAL_HMS)], [fact(FACT_CAPACITY), fact(FACT_THROUGHPUT)]
        ),
        "b": article("b", [deal(DEAL_ERG)], [fact(FACT_RESERVES)]),
        "empty": article("empty"),
    }


def texts() -> dict[str, str]:
    """The article texts of :func:`gold_set`."""
    return {"a": TEXT_A, "b": TEXT_B, "empty": TEXT_EMPTY}


def write_dir(directory: Path, extractions: dict[str, ArticleExtraction]) -> Path:
    """Write extractions as <doc_id>.json files; return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    for doc_id, extraction in extractions.items():
        (directory / f"{doc_id}.json").write_text(extraction.model_dump_json(indent=2))
    return directory


def write_texts(directory: Path, by_id: dict[str, str]) -> Path:
    """Write article texts as <doc_id>.txt files; return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    for doc_id, text in by_id.items():
        (directory / f"{doc_id}.txt").write_text(text)
    return directory


def write_jsonl(path: Path, extractions: dict[str, ArticleExtraction]) -> Path:
    """Write extractions one per line; return the path."""
    path.write_text("".join(e.model_dump_json() + "\n" for e in extractions.values()))
    return path
