"""The ``assay`` command line: the top of the package, which nothing else imports.

Owns the command group and entry point (``main``), one module per command
group (``articles``: extract and explain; ``batch``; ``runs``), the options
shared by commands (``options``) and the text formatting of summaries, run
lists and run diffs (``formatting``). ``assay eval`` lives in :mod:`evals` and
is registered here.

May import everything below it: :mod:`extract._batch`, :mod:`extract._pipeline`,
:mod:`extract._strategies`, :mod:`extract._backends`, the contract, and
:mod:`evals`.
"""

from extract._cli.main import cli, main

__all__ = ["cli", "main"]
