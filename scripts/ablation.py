"""Ablation of the guided strategy: what rules, the model and calibration each contribute.

Runs the embedded default over gold/ and devset/ in several modes, scores each
run with the eval suite and writes docs/quality.md. Re-run it after changing a
prompt, a rule or the model:

    python scripts/ablation.py                 # all modes, both sets (about 15 minutes)
    python scripts/ablation.py --modes rules   # rules only: seconds, no model
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from evals import evaluate, load_extractions, load_texts
from extract import ExtractionConfig, Extractor, GuidedOptions
from extract._schema import Article, ArticleExtraction

ROOT = Path(__file__).resolve().parents[1]
MODES = {
    "rules": GuidedOptions(use_model=False),
    "model": GuidedOptions(use_rules=False),
    "combined-uncalibrated": GuidedOptions(calibrate=False),
    "combined": GuidedOptions(),
}
SETS = {"gold": (ROOT / "gold", ROOT / "gold/articles"),
        "devset": (ROOT / "devset/gold", ROOT / "devset/articles")}  # fmt: skip
FIELDS = ("plant_fact.metric", "plant_fact.value", "plant_fact.unit", "plant_fact.period",
          "plant_fact.facility", "plant_fact.status", "deal.investor", "deal.amount",
          "deal.currency", "deal.stage")  # fmt: skip


HEADER = """# Quality of the embedded default (guided strategy)

Written by `python scripts/ablation.py` on {stamp}; re-run it to refresh.
Scores are field-level F1 from the eval suite (`evals`), on `gold/` (the five
seed articles) and `devset/` (14 articles written and labelled here, kept apart
from gold). Targets (issue 5): PlantFact metric, value, unit, period >= 0.80 and
all PlantFact fields >= 0.65; deal amount, currency, investor >= 0.65 and all
deal fields >= 0.50; every kept record grounded; <= 20 s per article.

Modes:

- **rules**: candidate figures, cue words and article spans only; no model call.
- **model**: the model decides every choice (calibrated), no cue-word scores.
- **combined-uncalibrated**: rules plus the model's raw log-likelihoods.
- **combined**: rules plus the model's calibrated scores (the default).

"""
FOOTER = """
What the columns do not show: seconds per article depend on what else runs on
the machine; the rules mode makes no model call at all. `grounded` is the eval
suite's own check (evidence verbatim in the article and containing the value).
"""


@dataclass
class Row:
    """One mode on one set: scores and speed."""

    mode: str
    dataset: str
    overall: float
    plant_facts: float
    deals: float
    fields: dict[str, float]
    grounded: float
    seconds_per_article: float


def run(mode: str, dataset: str) -> Row:
    """Extract one set in one mode and score it."""
    gold_dir, article_dir = SETS[dataset]
    texts = load_texts(article_dir)
    extractor = Extractor(ExtractionConfig(guided=MODES[mode]))
    started = time.perf_counter()
    predictions: dict[str, ArticleExtraction] = {
        doc_id: extractor.extract(Article(id=doc_id, text=text)) for doc_id, text in texts.items()
    }
    seconds = (time.perf_counter() - started) / len(texts)
    report = evaluate(load_extractions(gold_dir), predictions, texts)
    return Row(mode, dataset, report.overall.f1, report.by_type["plant_fact"].f1,
               report.by_type["deal"].f1,
               {name: report.by_field[name].f1 for name in FIELDS if name in report.by_field},
               report.grounding.rate or 0.0, seconds)  # fmt: skip


def markdown(rows: list[Row]) -> str:
    """The ablation table as Markdown."""
    head = ["mode", "set", "F1", "PlantFact F1", "Deal F1", *FIELDS, "grounded", "s/article"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r.mode, r.dataset, f"{r.overall:.3f}", f"{r.plant_facts:.3f}", f"{r.deals:.3f}",
                 *(f"{r.fields.get(name, float('nan')):.3f}" for name in FIELDS),
                 f"{r.grounded:.0%}", f"{r.seconds_per_article:.1f}"]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the ablation and write docs/quality.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--out", type=Path, default=ROOT / "docs/quality.md")
    args = parser.parse_args()
    rows = []
    for dataset in args.sets:
        for mode in args.modes:
            rows.append(run(mode, dataset))
            print(f"{mode:24} {dataset:7} F1 {rows[-1].overall:.3f}  "
                  f"{rows[-1].seconds_per_article:.1f} s/article", flush=True)  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    args.out.write_text(HEADER.format(stamp=stamp) + markdown(rows) + FOOTER)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
