"""Targets, pass/fail, and the Markdown page (docs/benchmarks.md) of a benchmark run."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    """A headline number, what it means, and the bound it must meet (if any)."""

    key: str
    label: str
    unit: str
    bound: float | None = None
    compare: str = "<="  # one of <, <=, >=
    optional: bool = False  # a row of an --only benchmark: shown only when measured

    def met(self, value: float | None) -> bool | None:
        """Whether ``value`` meets the bound; None without a bound or a value."""
        if self.bound is None or value is None:
            return None
        check: Callable[[float, float], bool] = {"<": operator.lt, "<=": operator.le,
                                                 ">=": operator.ge}[self.compare]  # fmt: skip
        return check(value, self.bound)

    def describe(self) -> str:
        """The target as written in the table, e.g. ``<= 1.15``."""
        return "-" if self.bound is None else f"{self.compare} {self.bound:g}{self.unit}"


RAY_TARGETS = (
    Target("ray_speedup_2_actors", "Ray: 2 actors over 1 (200 ms/request)", "x", 1.8, ">=", True),
    Target("ray_overhead", "Ray: 1 actor over --engine local", "", 0.15, "<=", True),
    Target("ray_actor_rss_mb", "Ray: peak RSS per actor (openai)", " MB", optional=True),
    Target("ray_rerun_seconds_1000", "Ray: re-run of 1,000 with cluster start", " s", 30, "<",
           True),
    Target("ray_rerun_model_calls", "Ray: model calls in that re-run", "", 0, "<=", True),
    Target("ray_model_articles_per_hour_per_actor", "Ray: embedded model, per actor",
           " articles/h", optional=True),
)  # fmt: skip
TARGETS = (
    Target("seconds_per_article", "Extraction, embedded default (guided)", " s"),
    Target("raw_model_seconds_per_article", "Raw llama.cpp, same decodes", " s"),
    Target("pipeline_overhead_ratio", "Pipeline / raw model time", "x", 1.15, "<="),
    Target("prefill_tokens_per_article", "Tokens evaluated per article", ""),
    Target("article_tokens", "Article length in tokens", ""),
    Target("cached_rerun_seconds_1000", "Cached re-run of 1,000 articles", " s", 3, "<"),
    Target("eval_seconds_1000", "Scorer, 1,000 articles x 10 records", " s", 5, "<"),
    Target("concurrency_speedup_32", "Speed-up at concurrency 32 (200 ms/request)", "x", 20, ">="),
    Target("peak_rss_mb", "Peak RSS, embedded default batch", " MB", 1500, "<"),
)
HEADLINE_KEYS = tuple(t.key for t in TARGETS)
OTHER_CPU_WARNING = 0.05  # others' share of the CPU above which timings are flagged
QUICK_NOTE = ("Quick mode: 2 seed articles instead of 5 for the model benchmark, 64 articles "
              "instead of 200 for concurrency (best possible speed-up 32x instead of 28.6x), and "
              "a 3-article batch instead of 20 for memory, 64 articles instead of 200 for the "
              "Ray engine's scaling and no embedded-model Ray run; the cached re-runs and the "
              "scorer run at full size.")  # fmt: skip


def verdicts(results: dict[str, Any]) -> dict[str, bool | None]:
    """Pass (True), fail (False) or no target/no value (None) for every headline number."""
    shown = [*TARGETS, *(t for t in RAY_TARGETS if results.get(t.key) is not None)]
    return {t.key: t.met(results.get(t.key)) for t in shown}


def _cell(value: Any) -> str:
    if value is None:
        return "not measured"
    return f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _verdict(ok: bool | None) -> str:
    return {True: "pass", False: "**FAIL**", None: "-"}[ok]


def results_table(results: dict[str, Any]) -> list[str]:
    """The headline table: metric, JSON key, value, target, pass/fail."""
    rows = ["| Metric | JSON key | Value | Target | Result |", "|---|---|---:|---|---|"]
    checks = verdicts(results)
    for t in (*TARGETS, *RAY_TARGETS):
        value = results.get(t.key)
        if t.optional and value is None:
            continue
        shown = _cell(value) + (t.unit if value is not None else "")
        verdict = _verdict(checks[t.key])
        rows.append(f"| {t.label} | `{t.key}` | {shown} | {t.describe()} | {verdict} |")
    return rows


def machine_table(machine: dict[str, Any]) -> list[str]:
    """The machine and checkout the numbers come from."""
    labels = {"cpu": "CPU", "cores": "Cores", "ram_gb": "RAM (GiB)", "python": "Python",
              "llama_cpp_python": "llama-cpp-python", "date": "Date",
              "git_revision": "Git revision", "load_average_start": "Load average at start (1 min)",
              "load_average_end": "Load average at end (1 min)"}  # fmt: skip
    rows = ["| | |", "|---|---|"]
    rows += [f"| {label} | {_cell(machine.get(key))} |" for key, label in labels.items()]
    for name, share in (machine.get("other_cpu_share") or {}).items():
        shown = "not measured" if share is None else f"{share:.0%}"
        rows.append(f"| CPU used by other processes during {name} | {shown} |")
    return rows


DEFINITIONS = """\
- **Extraction** (`seconds_per_article`): wall time of `Extractor.extract` per seed article
  (gold/articles/*.txt) with the embedded default: Gemma 3 270M Q4_K_M in process, guided
  strategy, model already loaded and warmed up, each article starting from an empty KV cache.
- **Raw** (`raw_model_seconds_per_article`): the same model doing exactly the llama.cpp work the
  pipeline did and nothing else. Every `llama_decode` of the extraction is traced (start
  position, token count, whether it asked for every row's logits, as option scoring does) and
  replayed right after it on the same model with the article's own tokens: the same number of
  tokens, in the same batches, at the same positions (so attention spans the same cache), each
  followed by one read of the last row's logits. Left out: candidate search, prompt rendering,
  tokenising, prefix matching, log-softmax over the 262k vocabulary, grounding, assembly.
  The full mode extracts and replays every article twice and keeps the fastest of each.
  *Decode s in pipeline* is the time spent inside `llama_decode` during the extraction itself:
  a cross-check that other load on the machine cannot skew (it slows both sides alike).
- **Tokens evaluated** (`prefill_tokens_per_article`): `meta.prompt_tokens`, the tokens actually
  evaluated after KV prefix reuse (prompts and option continuations), next to the article's own
  length in tokens (`article_tokens`). Prefill tok/s: a whole article evaluated from an empty
  cache; decode tok/s: 32 greedy tokens generated with `create_completion` after its prompt.
- **Cached re-run**: 1,000 distinct synthetic articles (a .jsonl corpus) fill a fresh store
  through `run_batch` with a fake in-process backend; a second `run_batch` over the same corpus
  must answer every article from the store with zero model calls, and is timed (reading the
  corpus, hashing, cache look-ups and the run's records included).
- **Scorer**: `evals.evaluate(gold, pred, texts)` over 1,000 synthetic articles of 10 records
  each (4 deals, 6 plant facts); predictions perturb half the records, miss one and add one.
- **Concurrency**: `run_batch` with the openai backend (direct strategy, one request per
  article) against the fake OpenAI server, run in its own process, answering every request after
  200 ms; concurrency 1 and 32, each into a fresh store. Building the 32 workers is inside the
  time. The best possible speed-up is the number of articles over the number of waves of 32.
- **Peak RSS**: `getrusage(RUSAGE_SELF).ru_maxrss` of a fresh Python process at the end of a
  `run_batch` over real articles (seed articles, then the dev set) with the embedded default.
"""


def _rows(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]


def model_details(results: dict[str, Any]) -> list[str]:
    """Per-article model numbers and the model's own rates."""
    model = results.get("model")
    if not model:
        return []
    rows = [[r["doc_id"], r["article_tokens"], r["model_calls"], r["decodes"], r["prompt_tokens"],
             r["seconds"], r["raw_seconds"], r.get("decode_seconds_in_pipeline"),
             round(r["seconds"] / r["raw_seconds"], 3)]
            for r in model["per_article"]]  # fmt: skip
    header = ["Article", "Article tokens", "Model calls", "Decodes", "Tokens evaluated",
              "Pipeline s", "Raw s", "Decode s in pipeline", "Ratio"]  # fmt: skip
    rates = (f"Prefill {_cell(results.get('prefill_tok_s'))} tok/s, decode "
             f"{_cell(results.get('decode_tok_s'))} tok/s.")  # fmt: skip
    return ["### Model-bound extraction", "", *_rows(header, rows), "", rates, ""]


def batch_details(results: dict[str, Any]) -> list[str]:
    """The cached re-run, concurrency, scorer and memory details, one line each."""
    lines = []
    names = {"cached": "Cached re-run", "concurrency": "Concurrency", "scorer": "Scorer",
             "memory": "Memory", "ray_scaling": "Ray engine, scaling and overhead",
             "ray_rerun": "Ray engine, re-run",
             "ray_model": "Ray engine, embedded model"}  # fmt: skip
    for key, title in names.items():
        if results.get(key):
            pairs = ", ".join(f"{name} {_cell(value)}" for name, value in results[key].items())
            lines.append(f"- **{title}**: {pairs}")
    return ["### Batches, scorer, memory", "", *lines, ""] if lines else []


def caveats(results: dict[str, Any]) -> list[str]:
    """Notes that change how to read the numbers: quick mode, other load on the machine."""
    notes = [QUICK_NOTE] if results.get("quick") else []
    shares = results.get("machine", {}).get("other_cpu_share") or {}
    busy = {name: share for name, share in shares.items() if share and share > OTHER_CPU_WARNING}
    if busy:
        listed = ", ".join(f"{name} {share:.0%}" for name, share in busy.items())
        notes.append(f"Other processes used part of the CPU during this run ({listed} of the "
                     f"machine): those timings are inflated.")  # fmt: skip
    notes += [f"Not measured: {name}: {error}" for name, error in results.get("errors", {}).items()]
    return [*(f"> {note}\n" for note in notes)]


def render_markdown(results: dict[str, Any]) -> str:
    """The whole docs/benchmarks.md page."""
    mode = "quick (CI)" if results.get("quick") else "full"
    lines = ["# Benchmarks", "",
             f"Written by `python -m bench{' --quick' if results.get('quick') else ''}` "
             f"({mode} mode, {_cell(results.get('wall_seconds'))} s); do not edit by hand.", "",
             *caveats(results), "## Results", "", *results_table(results), ""]  # fmt: skip
    lines += ["## Details", "", *model_details(results), *batch_details(results)]
    lines += ["## What the numbers mean", "", DEFINITIONS, "## Machine", "",
              *machine_table(results.get("machine", {})), ""]  # fmt: skip
    return "\n".join(lines)
