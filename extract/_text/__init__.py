"""Reading the article's text, with no model: the bottom of the extraction path.

Owns the number normaliser (``numbers``, built on ``quantity_scan`` and the
word tables of ``quantity_lexicon``), sentences, years and places
(``reading``), facility names (``facilities``; the name each mention stands for:
``facility_refs``), proper names and what each denotes (``names``, built on the
candidate spans of ``name_spans``, the kind votes of ``name_kinds`` and the short
forms of ``aliases``), and grounding
(``grounding``: finding a record's evidence and figure in the article).

May import: :mod:`extract._schema`, :mod:`extract._vocab`, :mod:`extract._errors`
and its own modules; nothing above it (no backend, strategy, pipeline, batch or CLI).
"""
