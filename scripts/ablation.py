"""Ablation of the guided strategy: what rules, the model and calibration each contribute.

Runs the embedded default over gold/ and devset/ in several modes, scores each
run with the eval suite and writes docs/ablation.md. Re-run it after changing a
prompt, a rule or the model:

    python scripts/ablation.py --modes rules   # rules only: seconds, no model
    python scripts/ablation.py --sets test --modes combined   # one cell (minutes)

Each cell (mode x set) is saved as JSON under out/ablation/, and the page is
written from every saved cell, so cells can be run one at a time (the model
modes take 20-60 s per article on 2 cores). The test split is read only here,
to report: never develop against its numbers (corpus/README.md).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from evals import EvalReport, evaluate, load_extractions, load_texts
from evals._loaders import load_headers
from evals._manifest import git_revision
from extract import BackendSettings, ExtractionConfig, Extractor, GuidedOptions
from extract._schema import Article, ArticleExtraction

ROOT = Path(__file__).resolve().parents[1]
# mode -> (what decides, the LoRA adapter: None is the default one, "none" the base model)
EVERY = GuidedOptions.QUESTIONS  # the model modes ask the model every question
MODES: dict[str, tuple[GuidedOptions, str | None]] = {
    "rules": (GuidedOptions(use_model=False), "none"),
    "model": (GuidedOptions(use_rules=False, model_questions=EVERY), "none"),
    "combined-uncalibrated": (GuidedOptions(calibrate=False, model_questions=EVERY), "none"),
    "combined-base": (GuidedOptions(model_questions=EVERY), "none"),
    "combined-company-only": (GuidedOptions(model_questions=("span_company",)), None),
    "combined": (GuidedOptions(), None),
}
SETS = {"tune": (ROOT / "corpus/tune/gold", ROOT / "corpus/tune/articles"),
        "test": (ROOT / "corpus/test/gold", ROOT / "corpus/test/articles"),
        "gold": (ROOT / "gold", ROOT / "gold/articles"),
        "devset": (ROOT / "devset/gold", ROOT / "devset/articles")}  # fmt: skip
CELLS = ROOT / "out/ablation"
# The issue-13 targets' field groups: micro F1 over the pooled counts of these fields.
PLANT_KEY = ("plant_fact.metric", "plant_fact.value", "plant_fact.unit", "plant_fact.period")
DEAL_KEY = ("deal.amount", "deal.currency", "deal.investor")
FIELDS = ("plant_fact.metric", "plant_fact.value", "plant_fact.unit", "plant_fact.period",
          "plant_fact.facility", "plant_fact.status", "deal.investor", "deal.amount",
          "deal.currency", "deal.stage")  # fmt: skip


HEADER = """# Quality of the embedded default (guided strategy)

Written by `python scripts/ablation.py` on {stamp}; re-run it to refresh.
Scores are field-level F1 from the eval suite (`evals`) on the real-news corpus
(`corpus/tune`, developed against; `corpus/test`, read only to report), `gold/`
(the five seed articles) and `devset/` (14 articles written here). Targets
(issue 13, test split): overall field F1 >= 0.70; every kept record grounded;
<= 10 s per article. docs/quality.md discusses these numbers.

Modes:

- **rules**: candidate figures, cue words and article spans only; no model call.
- **model**: the base model decides every choice (calibrated), no cue-word scores.
- **combined-uncalibrated**: rules plus the base model's raw log-likelihoods (every question).
- **combined-base**: rules plus the base model's calibrated scores (`--adapter none`,
  every question).
- **combined-company-only**: rules plus the model with the bundled adapter on the
  company question only (`GuidedOptions(model_questions=("span_company",))`); rules
  decide the other five questions.
- **combined**: the default: rules plus the calibrated scores of the model with the
  bundled `gemma3-270m-decisions-v4` adapter on every question (the adapter was
  trained on the 196 `corpus/tune` articles before the sixth round, `gold/` and
  `devset/`: test and the 66 tune articles of the sixth and seventh rounds are out
  of its sample).

Cells not re-run since the machine's saved cells were lost (model, combined-base,
combined-uncalibrated, combined-company-only) are in this page's git history.

"""
FOOTER = """
`code` is the git revision (and date) a cell's predictions were made with: a cell
older than the latest rule or adapter change is stale until re-run; "+dirty" marks
predictions made with uncommitted edits to extract/, prompts/ or adapters/. A rescored
cell keeps its predictions' revision.

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
    records: float | None = None
    plant_key: float | None = None
    deal_key: float | None = None
    # The code a cell's predictions came from, and when: cells are run one at a time,
    # so the page shows which of them predate the latest rules or adapter.
    revision: str | None = None
    written: str | None = None


def _labelled(dataset: str) -> tuple[dict[str, ArticleExtraction], dict[str, str]]:
    """A set's gold and the texts of its labelled articles."""
    gold_dir, article_dir = SETS[dataset]
    gold = load_extractions(gold_dir)
    return gold, {k: v for k, v in load_texts(article_dir).items() if k in gold}


def run(mode: str, dataset: str) -> Row:
    """Extract one set in one mode and score it."""
    gold, texts = _labelled(dataset)
    headers = load_headers(SETS[dataset][1])
    guided, adapter = MODES[mode]
    extractor = Extractor(ExtractionConfig(backend=BackendSettings(adapter=adapter), guided=guided))
    started = time.perf_counter()
    predictions: dict[str, ArticleExtraction] = {
        doc_id: extractor.extract(_article(doc_id, text, headers.get(doc_id)))
        for doc_id, text in texts.items()
    }
    seconds = (time.perf_counter() - started) / len(texts)
    report = evaluate(gold, predictions, texts)
    _save_predictions(mode, dataset, predictions)
    return _row(mode, dataset, report, seconds)


def _row(mode: str, dataset: str, report: EvalReport, seconds: float) -> Row:
    return Row(mode, dataset, report.overall.f1, report.by_type["plant_fact"].f1,
               report.by_type["deal"].f1,
               {name: report.by_field[name].f1 for name in FIELDS if name in report.by_field},
               report.grounding.rate or 0.0, seconds, report.overall.records.f1,
               _pooled_f1(report, PLANT_KEY), _pooled_f1(report, DEAL_KEY),
               _short(git_revision()), time.strftime("%Y-%m-%d", time.gmtime()))  # fmt: skip


def _short(revision: str | None) -> str | None:
    """The revision's first 7 hex digits; "+dirty" when the code behind predictions is edited."""
    if not revision:
        return None
    return revision[:7] + ("+dirty" if _code_edited() else "")


def _code_edited() -> bool:
    """Uncommitted changes to what makes predictions (library, prompts, adapters)."""
    command = ["git", "status", "--porcelain", "--", "extract", "prompts", "adapters"]
    status = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return bool(status.stdout.strip())


def _pooled_f1(report: EvalReport, names: tuple[str, ...]) -> float:
    """F1 of the summed counts of some fields (a group's micro F1)."""
    tp, fp, fn = (sum(getattr(report.by_field[n], k) for n in names if n in report.by_field)
                  for k in ("tp", "fp", "fn"))  # fmt: skip
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def _save_predictions(mode: str, dataset: str, predictions: dict[str, ArticleExtraction]) -> None:
    """Keep a cell's predictions, so it can be re-scored without the model."""
    folder = CELLS / f"{mode}-{dataset}"
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, extraction in predictions.items():
        (folder / f"{doc_id}.json").write_text(extraction.model_dump_json(indent=2))


def _article(doc_id: str, text: str, header: dict[str, str] | None) -> Article:
    """The article as the CLI reads it: its front matter gives title, date and source."""
    header = header or {}
    return Article(id=doc_id, text=text, title=header.get("title"),
                   published=header.get("published"), source=header.get("source"))  # fmt: skip


def markdown(rows: list[Row]) -> str:
    """The ablation table as Markdown."""
    head = ["mode", "set", "F1", "records", "PlantFact key", "deal key", "PlantFact F1", "Deal F1",
            *FIELDS, "grounded", "s/article", "code"]  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        groups = (_cell(r.records), _cell(r.plant_key), _cell(r.deal_key))
        cells = [r.mode, r.dataset, f"{r.overall:.3f}", *groups, f"{r.plant_facts:.3f}",
                 f"{r.deals:.3f}",
                 *(f"{r.fields.get(name, float('nan')):.3f}" for name in FIELDS),
                 f"{r.grounded:.0%}", f"{r.seconds_per_article:.1f}",
                 f"{r.revision} ({r.written})" if r.revision else "before rev. stamps"]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _seconds(mode: str, dataset: str, default: float) -> float:
    """The seconds per article a cell recorded when it ran, else ``default``."""
    saved = CELLS / f"{mode}-{dataset}.json"
    if saved.exists():
        return float(json.loads(saved.read_text())["seconds_per_article"])
    return default


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def rescore(mode: str, dataset: str, seconds_per_article: float) -> Row:
    """Score a cell's kept predictions (out/ablation/MODE-SET/) again: no model call."""
    gold, texts = _labelled(dataset)
    predictions = load_extractions(CELLS / f"{mode}-{dataset}")
    report = evaluate(gold, predictions, texts)
    saved = CELLS / f"{mode}-{dataset}.json"
    kept = json.loads(saved.read_text()) if saved.exists() else {}
    # The predictions are the old ones: so is the code they came from.
    row = _row(mode, dataset, report, seconds_per_article)
    return replace(row, revision=kept.get("revision"), written=kept.get("written"))


def _saved_rows() -> list[Row]:
    """Every saved cell, in set then mode order."""
    cells = [Row(**json.loads(p.read_text())) for p in CELLS.glob("*.json")]
    order = {name: i for i, name in enumerate([*SETS, *MODES])}
    return sorted(cells, key=lambda r: (order[r.dataset], order[r.mode]))


def main() -> None:
    """Run the ablation and write docs/ablation.md (docs/quality.md reads it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--out", type=Path, default=ROOT / "docs/ablation.md")
    parser.add_argument(
        "--rescore",
        action="store_true",
        help="score the kept predictions of these cells again (after a gold "
        "change, or predictions copied in from an eval-gate run)",
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=float("nan"),
        help="with --rescore: seconds per article to record when the cell has none",
    )
    args = parser.parse_args()
    CELLS.mkdir(parents=True, exist_ok=True)
    for dataset in args.sets:
        for mode in args.modes:
            if args.rescore and not (CELLS / f"{mode}-{dataset}").is_dir():
                continue
            row = (
                rescore(mode, dataset, _seconds(mode, dataset, args.seconds))
                if args.rescore
                else run(mode, dataset)
            )
            (CELLS / f"{mode}-{dataset}.json").write_text(json.dumps(asdict(row), indent=2))
            print(f"{mode:24} {dataset:7} F1 {row.overall:.3f}  "
                  f"{row.seconds_per_article:.1f} s/article", flush=True)  # fmt: skip
    rows = _saved_rows()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    args.out.write_text(HEADER.format(stamp=stamp) + markdown(rows) + FOOTER)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
