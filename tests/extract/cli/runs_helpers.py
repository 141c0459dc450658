"""A small result store with two runs and a gold set, for the runs-diff tests (not collected).

Run A and run B over four articles, written to the store as a batch writes them
(article text, result, run item):

- ``a``: the Zijin deal's stage changes (planned -> agreed, as gold says) and it
  gains its counterparty; a throughput fact is added; the capacity fact is the same.
- ``b``: the ERG deal is removed, the reserves fact added.
- ``c``: the same records in both runs.
- ``d``: only in run A (not in gold).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract._batch.keys import article_hash, cache_key
from extract._batch.store import ResultStore
from extract._schema import Article, ArticleExtraction, InvestmentDeal, PlantFact

TEXTS = {
    "a": "Zijin Mining Group signed an agreement with Kazakh Invest on Tuesday to invest "
    "$100 million in a copper cathode plant in the Karagandy region. The Almaly plant "
    "produces up to 9,000 tonnes of copper cathode per year. It processes about 10,000 "
    "tonnes of ore per day.",
    "b": "ERG plans to spend $320 million on the Aksu ferroalloy plant. The plant has "
    "reserves of 27 million tonnes of chrome ore.",
    "c": "Kazzinc's Ridder mine produced 1.2 million tonnes of ore in 2023.",
    "d": "Share prices of Kazakh miners rose 3 % on Monday, lifting the index to 1,500 points.",
}
ZIJIN: dict[str, Any] = {
    "investor": "Zijin Mining Group",
    "counterparty": "Kazakh Invest",
    "amount": 100_000_000.0,
    "currency": "USD",
    "stage": "agreed",
    "evidence": "Zijin Mining Group signed an agreement with Kazakh Invest on Tuesday to invest "
    "$100 million in a copper cathode plant in the Karagandy region.",
}
CAPACITY: dict[str, Any] = {
    "facility": "Almaly plant",
    "metric": "capacity",
    "value": 9000.0,
    "unit": "t",
    "period": "year",
    "evidence": "The Almaly plant produces up to 9,000 tonnes of copper cathode per year.",
}
THROUGHPUT: dict[str, Any] = {
    "facility": "Almaly plant",
    "metric": "throughput",
    "value": 10000.0,
    "unit": "t",
    "period": "day",
    "evidence": "It processes about 10,000 tonnes of ore per day.",
}
ERG: dict[str, Any] = {
    "investor": "ERG",
    "amount": 320_000_000.0,
    "currency": "USD",
    "stage": "planned",
    "evidence": "ERG plans to spend $320 million on the Aksu ferroalloy plant.",
}
RESERVES: dict[str, Any] = {
    "facility": "Aksu ferroalloy plant",
    "metric": "reserves",
    "value": 27_000_000.0,
    "unit": "t",
    "evidence": "The plant has reserves of 27 million tonnes of chrome ore.",
}
RIDDER: dict[str, Any] = {
    "facility": "Ridder mine",
    "metric": "production",
    "value": 1_200_000.0,
    "unit": "t",
    "period": "year",
    "as_of": "2023",
    "evidence": "Kazzinc's Ridder mine produced 1.2 million tonnes of ore in 2023.",
}
INDEX: dict[str, Any] = {
    "facility": "index",
    "metric": "production",
    "value": 1500.0,
    "unit": "t",
    "evidence": "lifting the index to 1,500 points",
}


def extraction(doc_id: str, deals: list[dict[str, Any]], facts: list[dict[str, Any]]) -> Any:
    """An ArticleExtraction of fixture dicts."""
    return ArticleExtraction(
        doc_id=doc_id,
        deals=[InvestmentDeal.model_validate(d) for d in deals],
        plant_facts=[PlantFact.model_validate(f) for f in facts],
    )


def run_a() -> dict[str, ArticleExtraction]:
    """Run A's records."""
    zijin = {**ZIJIN, "stage": "planned", "counterparty": None}
    return {
        "a": extraction("a", [zijin], [CAPACITY]),
        "b": extraction("b", [ERG], []),
        "c": extraction("c", [], [RIDDER]),
        "d": extraction("d", [], [INDEX]),
    }


def run_b() -> dict[str, ArticleExtraction]:
    """Run B's records."""
    return {
        "a": extraction("a", [ZIJIN], [CAPACITY, THROUGHPUT]),
        "b": extraction("b", [], [RESERVES]),
        "c": extraction("c", [], [RIDDER]),
    }


def gold() -> dict[str, ArticleExtraction]:
    """The gold records of a, b and c."""
    return {
        "a": extraction("a", [ZIJIN], [CAPACITY, THROUGHPUT]),
        "b": extraction("b", [ERG], [RESERVES]),
        "c": extraction("c", [], [RIDDER]),
    }


def make_store(path: Path) -> tuple[str, str]:
    """Write run A and run B to a new store at ``path``; return their ids."""
    ids = []
    with ResultStore(path) as store:
        for identity, records in (("A", run_a()), ("B", run_b())):
            run_id = store.start_run({"strategy": "guided", "model": f"model-{identity}"})
            for doc_id, result in records.items():
                article = Article(id=doc_id, text=TEXTS[doc_id])
                digest = article_hash(article)
                key = cache_key(digest, {"run": identity})
                store.record_result(run_id, article, digest, key, result, [])
            store.finish_run(run_id, {"extracted": len(records)})
            ids.append(run_id)
    return ids[0], ids[1]


def write_gold(directory: Path) -> Path:
    """Write :func:`gold` and its texts as a gold directory (``articles/`` beside it)."""
    (directory / "articles").mkdir(parents=True, exist_ok=True)
    for doc_id, result in gold().items():
        (directory / f"{doc_id}.json").write_text(result.model_dump_json(indent=2))
        (directory / "articles" / f"{doc_id}.txt").write_text(TEXTS[doc_id])
    return directory
