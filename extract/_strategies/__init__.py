"""Strategies: how one piece of article text becomes raw (ungrounded) records.

Owns the prompts as validated data (``prompts``), the direct strategy (whole
article to records in one structured call, ``direct``) and the guided strategy
(``guided``: candidate figures, cue words and small scored questions).

May import: :mod:`extract._backends` (the ``Backend`` protocol only, never a
concrete backend), :mod:`extract._text`, :mod:`extract._schema`,
:mod:`extract._vocab`, :mod:`extract._errors`. ``direct`` and ``guided`` are
independent of each other; both may import ``prompts``.
"""
