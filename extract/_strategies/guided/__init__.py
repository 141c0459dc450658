"""The guided strategy: deterministic code reads the figures, the model decides the meaning.

Modules, top to bottom (each imports only modules below it):

* ``assemble``   decided figures become ``PlantFact`` and ``InvestmentDeal`` records;
* ``strategy``   ``GuidedOptions`` and ``decide_figures``: every question about every figure;
  ``mentions``   deals the text states without an amount;
  ``parties``    counterparty, host and investor countries;
* ``decide``     one scored choice, rules plus the model's calibrated scores;
  ``candidates`` every candidate figure, and why context was dropped;
  ``fields``     the article's spans (``ArticleIndex``) and the priors read around a figure;
* ``cues``       the cue-word tables that score each option, and shared cue patterns.

May import: :mod:`extract._strategies.prompts`, the ``Backend`` protocol of
:mod:`extract._backends.base`, :mod:`extract._text`, :mod:`extract._schema`,
:mod:`extract._vocab`; never :mod:`extract._strategies.direct`.
"""
