"""Many articles: inputs, cache keys, the result stores, runs, export and run diffs.

Owns reading inputs (``inputs``: .txt and .jsonl; ``corpus``: also datasets
files), cache keys (``keys``), the units of a batch (``work``), the batch
runner (``runner``), the SQLite result store (``store``; ``store_rows``, its
rows copied in and out) and its migrations (``migrations``), the parquet result
store (``parquet_store``; ``parquet_files``, its files written whole or not at
all), either store by path and copies between them (``stores``), what both say
about runs (``runinfo``), a run as a ``datasets.Dataset`` or parquet
(``export``), per-article differences between runs (``rundiff``), progress
lines (``progress``), and the Ray engine (``ray_engine``; ``ray_cluster``, the
cluster it runs on, the two modules importing ``ray``; ``ray_work``, what it
ships to its workers).

May import: :mod:`extract._pipeline` (one ``Extractor`` per batch), the
``Usage`` counters of :mod:`extract._backends.base`, and the contract
(:mod:`extract._schema`, :mod:`extract._errors`); never the CLI.
"""
