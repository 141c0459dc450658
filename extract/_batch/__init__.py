"""Many articles: inputs, cache keys, the result store, runs, export and run diffs.

Owns reading inputs (``inputs``: .txt and .jsonl; ``corpus``: also datasets
files), cache keys (``keys``), the units of a batch (``work``), the batch
runner (``runner``), the SQLite result store (``store``) and its migrations
(``migrations``), a run as a ``datasets.Dataset`` or parquet (``export``),
per-article differences between runs (``rundiff``) and progress lines
(``progress``).

May import: :mod:`extract._pipeline` (one ``Extractor`` per batch), the
``Usage`` counters of :mod:`extract._backends.base`, and the contract
(:mod:`extract._schema`, :mod:`extract._errors`); never the CLI.
"""
