"""Strategies: how one piece of article text becomes raw (ungrounded) records.

Owns the prompts as validated data (``prompts``), the direct strategy (whole
article to records in one structured call, ``direct``), the guided strategy
(``guided``: candidate figures, cue words and small scored questions) and the
records strategy (``records``: a task-tuned local model writes the records
under a grammar from the schema).

May import: :mod:`extract._backends` (the ``Backend`` protocol only, never a
concrete backend), :mod:`extract._text`, :mod:`extract._schema`,
:mod:`extract._vocab`, :mod:`extract._errors`. ``direct``, ``guided`` and
``records`` are independent of each other; each may import ``prompts``.
"""
