"""One article's path: strategy, then grounding, then the ``ArticleExtraction``.

Owns :class:`~extract._pipeline.pipeline.Extractor`, ``ExtractionConfig`` and
``extract_article`` (``pipeline``), and the splitting of long articles into
chunks and the merging of their records (``chunks``).

May import: :mod:`extract._strategies`, :mod:`extract._backends`,
:mod:`extract._text` and the contract (:mod:`extract._schema`,
:mod:`extract._vocab`, :mod:`extract._errors`); never the batch layer or the CLI.
"""
