"""Benchmark 5: peak RSS of the embedded default during a batch, in a fresh process.

The child process (``python -m bench._memory N``) loads nothing before the
batch, runs ``run_batch`` with the embedded default (local Gemma 3 270M,
guided) over N real articles into a temporary store, and prints its own peak
resident set size (``getrusage(RUSAGE_SELF).ru_maxrss``, which Linux reports in
KiB) as JSON on its last line.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from extract import Article

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_DIRS = (ROOT / "gold" / "articles", ROOT / "devset" / "articles",
                ROOT / "extract" / "samples")  # fmt: skip


def real_articles(count: int) -> list[Article]:
    """``count`` distinct real articles: seed articles, then the dev set, then the sample."""
    paths = [p for d in ARTICLE_DIRS for p in sorted(d.glob("*.txt"))][:count]
    if len(paths) < count:
        raise SystemExit(f"only {len(paths)} articles available, {count} asked for")
    return [Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths]


def child(count: int) -> dict[str, Any]:
    """Run the batch in this process and measure its peak RSS."""
    from extract import Extractor
    from extract._batch.runner import run_batch
    from extract._batch.store import ResultStore

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, ResultStore(Path(tmp) / "runs.db") as store:
        summary = run_batch(real_articles(count), Extractor(), store)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = time.perf_counter() - started
    return {"peak_rss_mb": round(peak_kib / 1024, 1), "articles": count,
            "extracted": summary.extracted, "failed": summary.failed,
            "model_calls": summary.model_calls, "seconds": round(seconds, 2)}  # fmt: skip


def run(quick: bool = False) -> dict[str, Any]:
    """Peak RSS of a 20-article batch (quick: 3) in a child process."""
    count = 3 if quick else 20
    done = subprocess.run([sys.executable, "-m", "bench._memory", str(count)], cwd=ROOT,
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"memory benchmark failed: {done.stderr.strip()[-2000:]}")
    details = json.loads(done.stdout.strip().splitlines()[-1])
    return {"peak_rss_mb": details.pop("peak_rss_mb"), "memory": details}


if __name__ == "__main__":
    print(json.dumps(child(int(sys.argv[1]))))
