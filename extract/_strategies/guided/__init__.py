"""The guided strategy: deterministic code reads the figures, the model decides the meaning.

Modules, bottom to top: ``cues`` (cue-word tables that score options) and
``candidates`` (every candidate figure and why context was dropped); ``fields``
(the article's spans and the rule priors read around a figure), ``decide``
(one scored, calibrated choice), ``mentions`` (deals stated without an amount)
and ``parties`` (counterparty and countries); ``strategy`` (``GuidedOptions``,
``decide_figures``: every question about every figure); ``assemble`` (decided
figures become ``PlantFact`` and ``InvestmentDeal`` records).

May import: :mod:`extract._strategies.prompts`, the ``Backend`` protocol of
:mod:`extract._backends.base`, :mod:`extract._text`, :mod:`extract._schema`,
:mod:`extract._vocab`; never :mod:`extract._strategies.direct`.
"""
