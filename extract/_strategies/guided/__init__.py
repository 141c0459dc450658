"""The guided strategy: deterministic code reads the figures, the model decides the meaning.

Modules, top to bottom: each layer imports only the layers below it, and modules of one
layer do not import each other (the import-linter contract in ``pyproject.toml``).

* ``assemble``   decided figures become ``PlantFact`` and ``InvestmentDeal`` records;
* ``tellings``   how an article tells a deal: its repeats, its year, its commodities;
  ``jobs_figures``    a project's new jobs go on its deal, a plant's workforce is a fact;
* ``strategy``   ``GuidedOptions`` and ``decide_figures``: every question about every figure;
  ``mentions``   deals the text states without an amount;
  ``parties``    counterparty, host and investor countries;
  ``states``     the state of each facility at the time of the article;
  ``plant_status``    status and metric made consistent across an article's facts;
  ``operator_fields`` the company that runs each facility;
  ``facility_names``  a proper name the text gives a facility it first describes by kind;
* ``deal_actors``     who does a deal verb: subject, agent, the company a pronoun stands for;
* ``decide``     one scored choice, rules plus the model's calibrated scores;
  ``candidates`` every candidate figure, and why context was dropped;
  ``company_fields``  the company a figure is of (investor, owner) and the article's own;
  ``facility_fields`` the facility a figure is of, and the place it is in;
  ``figure_fields``   what a figure measures and when: commodity, as-of date, period;
  ``projects``   what a deal is about: the project a deal verb or an amount names;
  ``deal_stage``      a deal's stage from its sentence's cue words and the article's lead;
  ``state_parties``   the states among a deal's parties;
  ``measured``   the noun a figure measures ("reserves of 260 Mt"), from the parse;
  ``facility_owners`` the facilities a sentence names and the company that owns each;
  ``mass_metric``     the metric of a tonnage;
* ``country_fields``  the country marking a company, and the country the article is about;
  ``facility_sites``  the site a plant is put in, and places it is not in;
* ``article_index``   the article's spans (``ArticleIndex``), read once, and nearness to a figure;
  ``roles``, ``money_context``  who does what to a figure, and money that is context;
  ``cues``       the cue-word tables that score each option, and shared cue patterns;
* ``clauses``    clauses describing a noun, and the nouns a figure is of;
  ``money_changes``, ``money_aggregates``  money a change of an amount tells, and money
  that is no one deal's.

May import: :mod:`extract._strategies.prompts`, the ``Backend`` protocol of
:mod:`extract._backends.base`, :mod:`extract._text`, :mod:`extract._schema`,
:mod:`extract._vocab`; never :mod:`extract._strategies.direct`.
"""
