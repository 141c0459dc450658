"""The guided strategy: deterministic code reads the figures, the model decides the meaning.

Modules, top to bottom (each imports only modules below it):

* ``assemble``   decided figures become ``PlantFact`` and ``InvestmentDeal`` records;
* ``strategy``   ``GuidedOptions`` and ``decide_figures``: every question about every figure;
  ``mentions``   deals the text states without an amount;
  ``parties``    counterparty, host and investor countries;
* ``decide``     one scored choice, rules plus the model's calibrated scores;
  ``candidates`` every candidate figure, and why context was dropped;
  ``company_fields``  the company a figure is of (investor, owner) and the article's own;
  ``facility_fields`` the facility a figure is of, and the place it is in;
  ``figure_fields``   what a figure measures and when: commodity, as-of date, period;
  ``deal_stage``      a deal's stage from its sentence's cue words and the article's lead;
  ``measured``   the noun a figure measures ("reserves of 260 Mt"), from the parse;
* ``country_fields``  the country marking a company, and the country the article is about;
* ``article_index``   the article's spans (``ArticleIndex``), read once, and nearness to a figure;
  ``cues``       the cue-word tables that score each option, and shared cue patterns;
  ``roles``, ``money_context``  who does what to a figure, from the parse;
* ``clauses``    clauses describing a noun, and the nouns a figure is of.

May import: :mod:`extract._strategies.prompts`, the ``Backend`` protocol of
:mod:`extract._backends.base`, :mod:`extract._text`, :mod:`extract._schema`,
:mod:`extract._vocab`; never :mod:`extract._strategies.direct`.
"""
