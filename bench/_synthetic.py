"""Synthetic, genre-like articles and records: distinct, deterministic, cheap to make.

Every article is built from its records: each record's evidence sentence is a
sentence of the article, so grounding and the scorer see realistic inputs.
"""

from __future__ import annotations

import random

from extract._schema import Article, ArticleExtraction, InvestmentDeal, PlantFact

COMPANIES = ("Kazakhmys", "Eurasian Resources", "Altyn Group", "Steppe Copper",
             "Baotou Energy", "Erdenes Tolgoi", "Polymetal", "Kazatomprom", "Ural Steel",
             "Tau-Ken Samruk")  # fmt: skip
REGIONS = ("Karagandy", "Pavlodar", "East Kazakhstan", "Abai", "Kostanay", "Turkestan",
           "Almaty", "Aktobe", "Zhambyl", "Ulytau")  # fmt: skip
COUNTRIES = ("China", "Russia", "Turkey", "Germany", "Japan", "Korea")
COMMODITIES = ("copper", "zinc", "gold", "coal", "iron ore", "aluminium", "lithium", "tungsten")
STAGES = ("discussed", "agreed", "planned", "under_way", "completed")
VERBS = {"discussed": "discussed investing", "agreed": "signed an agreement to invest",
         "planned": "plans to invest", "under_way": "is investing",
         "completed": "has invested"}  # fmt: skip
FACT_METRICS = ("capacity", "production", "throughput", "reserves", "jobs", "cost")


def _deal(rng: random.Random, n: int, serial: int) -> InvestmentDeal:
    investor = f"{rng.choice(COMPANIES)} {serial}"
    stage = rng.choice(STAGES)
    millions = 10 + serial % 900 + n * 1000
    commodity = rng.choice(COMMODITIES)
    evidence = (f"{investor} of {rng.choice(COUNTRIES)} {VERBS[stage]} ${millions} million "
                f"in a {commodity} project in the {rng.choice(REGIONS)} region.")  # fmt: skip
    return InvestmentDeal(investor=investor, host_country="Kazakhstan",
                          project=f"{commodity} project", commodities=[commodity],
                          amount=millions * 1e6, currency="USD", stage=stage,
                          evidence=evidence)  # fmt: skip


def _fact(rng: random.Random, n: int, serial: int) -> PlantFact:
    commodity = rng.choice(COMMODITIES)
    facility = f"{commodity} plant No. {serial}-{n}"
    metric = FACT_METRICS[n % len(FACT_METRICS)]
    value = 1000 * (1 + (serial * 7 + n) % 500)
    unit, period = {"jobs": ("jobs", None), "cost": ("USD", None), "reserves": ("t", None)}.get(
        metric, ("t", "year"))  # fmt: skip
    words = {"capacity": f"can produce {value:,} tonnes of {commodity} a year",
             "production": f"produced {value:,} tonnes of {commodity} last year",
             "throughput": f"processes {value:,} tonnes of ore a year",
             "reserves": f"holds reserves of {value:,} tonnes",
             "jobs": f"will employ {value:,} people",
             "cost": f"cost ${value:,}"}[metric]  # fmt: skip
    evidence = f"The {facility} in the {rng.choice(REGIONS)} region {words}."
    return PlantFact(facility=facility, country="Kazakhstan", commodity=commodity, metric=metric,
                     value=float(value), unit=unit, period=period, status="operating",
                     evidence=evidence)  # fmt: skip


def gold_extraction(serial: int, records: int = 10) -> ArticleExtraction:
    """A gold extraction of ``records`` records (four in ten are deals) for article ``serial``."""
    rng = random.Random(serial)
    deals = [_deal(rng, n, serial) for n in range(records * 4 // 10)]
    facts = [_fact(rng, n, serial) for n in range(records - len(deals))]
    return ArticleExtraction(doc_id=f"synth-{serial:05d}", deals=deals, plant_facts=facts)


def article_text(extraction: ArticleExtraction) -> str:
    """The article an extraction came from: a dateline, then every evidence sentence."""
    sentences = [r.evidence for r in [*extraction.deals, *extraction.plant_facts]]
    dateline = f"ASTANA – The ministry reported on projects in update {extraction.doc_id}."
    return " ".join([dateline, *sentences]) + "\n"


def articles(count: int, records: int = 3) -> list[Article]:
    """``count`` distinct short articles (``records`` figures each) for batch benchmarks."""
    return [Article(id=f"synth-{i:05d}", text=article_text(gold_extraction(i, records)))
            for i in range(count)]  # fmt: skip


def perturbed(gold: ArticleExtraction, serial: int) -> ArticleExtraction:
    """A prediction for ``gold``: half the records exact, some with a wrong field, one missed,
    one spurious."""
    rng = random.Random(-serial - 1)
    deals = [_perturb(d, rng) for d in gold.deals]
    facts = [_perturb(f, rng) for f in gold.plant_facts[1:]]  # the first fact is missed
    facts.append(_fact(rng, 99, serial + 1))  # a spurious fact
    return ArticleExtraction(doc_id=gold.doc_id, deals=deals, plant_facts=facts)


def _perturb(record: InvestmentDeal | PlantFact, rng: random.Random) -> InvestmentDeal | PlantFact:
    roll = rng.random()
    if roll < 0.5:
        return record
    if isinstance(record, InvestmentDeal):
        amount = (record.amount or 1) * 2
        change = {"stage": rng.choice(STAGES)} if roll < 0.75 else {"amount": amount}
    else:
        change = {"value": record.value * 1.5} if roll < 0.75 else {"status": "planned"}
    return record.model_copy(update=change)
