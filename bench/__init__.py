"""Benchmarks of assay: ``python -m bench`` (``--quick`` for CI).

Prints one JSON object on stdout and writes docs/benchmarks.md. Each benchmark
is a small module with ``run(quick) -> dict``:

1. :mod:`bench._model`: model-bound extraction with the embedded default, next
   to the raw llama.cpp time for the same decodes;
2. :mod:`bench._batches` (``run_cached``): a cached re-run of 1,000 articles;
3. :mod:`bench._scorer`: the scorer over 1,000 articles of 10 records;
4. :mod:`bench._batches` (``run_concurrency``): speed-up at concurrency 32;
5. :mod:`bench._memory`: peak RSS of the embedded default during a batch;
6. :mod:`bench._ray` (only with ``--only ray``, needs ``assay[ray]``): the Ray
   engine's scaling over actors, its overhead over ``--engine local``, memory
   per actor, and a re-run of 1,000 unchanged articles (docs/scale.md).
"""
