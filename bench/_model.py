"""Benchmark 1: model-bound extraction with the embedded default, next to the raw model.

"Raw" is llama.cpp doing exactly the model work the pipeline did and nothing
else. While an article is extracted, every ``llama_decode`` the pipeline issues
is traced (its start position, its token count, and whether it asked for the
logits of every row, as option scoring does). The trace is then replayed on the
same model: the same number of tokens, cut from the article's own tokens, at the
same positions and in the same batches (so attention spans the same cache),
each followed by one read of the last row's logits. What the replay leaves out
is the pipeline: candidate search, prompt rendering, tokenising, prefix
matching, log-softmax over the vocabulary, grounding and assembly.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract import Article, Extractor

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLES = ROOT / "gold" / "articles"
DECODE_TOKENS = 32

Call = tuple[int, int, bool]  # (start position, tokens, logits for every row)


def seed_articles(limit: int | None = None) -> list[Article]:
    """The seed articles (gold/articles/*.txt), the first ``limit`` of them."""
    paths = sorted(SEED_ARTICLES.glob("*.txt"))[:limit]
    return [Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths]


@dataclass
class Trace:
    """The decodes of one extraction, and the seconds spent inside them."""

    calls: list[Call] = field(default_factory=list)
    decode_seconds: float = 0.0


@contextmanager
def traced(llm: Any) -> Iterator[Trace]:
    """Record every batch the pipeline hands to ``llama_decode`` (set_batch precedes each)."""
    trace = Trace()
    set_batch, decode = llm._batch.set_batch, llm._ctx.decode

    def record(batch: Any, n_past: int, logits_all: bool) -> None:
        trace.calls.append((n_past, len(batch), logits_all))
        set_batch(batch=batch, n_past=n_past, logits_all=logits_all)

    def timed(batch: Any) -> Any:
        started = time.perf_counter()
        try:
            return decode(batch)
        finally:
            trace.decode_seconds += time.perf_counter() - started

    llm._batch.set_batch, llm._ctx.decode = record, timed
    try:
        yield trace
    finally:
        del llm._batch.set_batch, llm._ctx.decode  # the instance attributes shadowed the methods


def replay(llm: Any, calls: list[Call], tokens: list[int]) -> float:
    """Seconds for llama.cpp to decode ``calls`` with the article's own tokens."""
    source = tokens * (1 + max(p + n for p, n, _ in calls) // len(tokens))
    started = time.perf_counter()
    for n_past, count, logits_all in calls:
        llm._ctx.kv_cache_seq_rm(-1, n_past, -1)  # what eval() and option scoring also drop
        llm._batch.set_batch(batch=source[n_past:n_past + count], n_past=n_past,
                             logits_all=logits_all)  # fmt: skip
        llm._ctx.decode(llm._batch)
        llm._ctx.get_logits_ith(-1)
    seconds = time.perf_counter() - started
    llm.n_tokens = 0  # the cache holds replay tokens now: let the pipeline start afresh
    return seconds


def prefill_rate(llm: Any, tokens: list[int]) -> float:
    """Prompt tokens per second: the whole article evaluated from an empty cache."""
    llm.n_tokens = 0
    started = time.perf_counter()
    llm.eval(tokens)
    seconds = time.perf_counter() - started
    llm.n_tokens = 0
    return len(tokens) / seconds


def decode_rate(llm: Any, text: str) -> float:
    """Generated tokens per second: ~32 greedy tokens after an already evaluated prompt."""
    prompt = text[:400]
    llm.n_tokens = 0
    no_stop = {llm.token_eos(): -1e9}  # always generate the full count
    llm.create_completion(prompt, max_tokens=1, temperature=0.0)  # evaluates the prompt
    started = time.perf_counter()
    out = llm.create_completion(prompt, max_tokens=DECODE_TOKENS, temperature=0.0,
                                logit_bias=no_stop)  # fmt: skip
    seconds = time.perf_counter() - started
    llm.n_tokens = 0
    return int(out["usage"]["completion_tokens"]) / seconds


def extract_and_replay(extractor: Extractor, article: Article) -> tuple[Any, float, Trace, float]:
    """One extraction under the trace, then its replay: (result, seconds, trace, raw seconds)."""
    backend: Any = extractor.backend
    llm = backend._llm
    llm.n_tokens = 0  # every article starts from an empty cache, as in the replay
    with traced(llm) as trace:
        started = time.perf_counter()
        result = extractor.extract(article)
        seconds = time.perf_counter() - started
    raw = replay(llm, trace.calls, backend._tokens(article.text, bos=True))
    return result, seconds, trace, raw


def measure_article(extractor: Extractor, article: Article, repeats: int) -> dict[str, Any]:
    """Extract and replay ``repeats`` times; keep the fastest of each (the least disturbed)."""
    runs = [extract_and_replay(extractor, article) for _ in range(repeats)]
    result, _, trace, _ = runs[0]
    meta = result.meta
    assert meta is not None
    tokens = extractor.backend._tokens(article.text, bos=True)  # type: ignore[attr-defined]
    llm = extractor.backend._llm  # type: ignore[attr-defined]
    return {"doc_id": article.id, "seconds": round(min(r[1] for r in runs), 3),
            "raw_seconds": round(min(r[3] for r in runs), 3),
            "decode_seconds_in_pipeline": round(min(r[2].decode_seconds for r in runs), 3),
            "model_calls": meta.model_calls, "prompt_tokens": meta.prompt_tokens,
            "decodes": len(trace.calls), "traced_tokens": sum(n for _, n, _ in trace.calls),
            "article_tokens": len(tokens), "prefill_tok_s": round(prefill_rate(llm, tokens), 1),
            "records": len(result.deals) + len(result.plant_facts)}  # fmt: skip


# Not a seed article, so that no per-text cache (the spaCy parse) is warm for a measured one.
WARM_UP_TEXT = ("Warm-up Mining plans to build a copper plant in the north. The plant will produce "
                "100,000 tonnes of copper cathode a year and cost $200 million.")  # fmt: skip


def warm_up(extractor: Extractor) -> None:
    """Load the model and spaCy, and touch the weights, so the first article pays no load time.

    Without the warm-up extraction the first measured article also paid for loading the
    spaCy pipeline (seconds), which quick mode (one repeat) reported as pipeline overhead.
    """
    backend: Any = extractor.backend
    backend._llm.n_tokens = 0
    backend._llm.eval(backend._tokens("Warm-up. " * 60, bos=True))
    extractor.extract(Article(id="warm-up", text=WARM_UP_TEXT))
    backend._llm.n_tokens = 0


def run(quick: bool = False) -> dict[str, Any]:
    """Benchmark the embedded default (guided) on the seed articles (quick: 2 of them, once)."""
    extractor = Extractor()  # the embedded default: local Gemma 3 270M, guided
    warm_up(extractor)
    repeats = 1 if quick else 2
    rows = [measure_article(extractor, a, repeats) for a in seed_articles(2 if quick else None)]
    llm: Any = extractor.backend
    decode = decode_rate(llm._llm, seed_articles(1)[0].text)

    def mean(key: str) -> float:
        return statistics.fmean(r[key] for r in rows)

    seconds, raw = mean("seconds"), mean("raw_seconds")
    return {"seconds_per_article": round(seconds, 3),
            "raw_model_seconds_per_article": round(raw, 3),
            "pipeline_overhead_ratio": round(seconds / raw, 3),
            "prefill_tokens_per_article": round(mean("prompt_tokens"), 1),
            "article_tokens": round(mean("article_tokens"), 1),
            "decode_seconds_in_pipeline": round(mean("decode_seconds_in_pipeline"), 3),
            "prefill_tok_s": round(mean("prefill_tok_s"), 1),
            "decode_tok_s": round(decode, 1),
            "model": {"articles": len(rows), "repeats": repeats, "per_article": rows}}  # fmt: skip
