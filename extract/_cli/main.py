"""The ``assay`` command line: the command group, its commands and the entry point.

``extract`` and ``explain`` are part of the group from the start; ``eval``
(from :mod:`evals`), ``batch`` and ``runs`` are added by :func:`main` when the
console script runs, so that importing the group does not import the eval suite.
"""

from __future__ import annotations

import sys

import click

from extract._cli.articles import explain_command, extract_command
from extract._errors import AssayError
from extract._pipeline.pipeline import package_version


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_version(), prog_name="assay")
def cli() -> None:
    r"""Extract source-grounded investment deals and plant facts from news, and assay the output.

    \b
    assay extract ARTICLE.txt --json     one article, embedded model, no server or key
    assay batch CORPUS --store runs.db   many articles, cached and resumable
    assay eval --gold gold --pred DIR    score predictions against hand-labelled gold
    """


cli.add_command(extract_command)
cli.add_command(explain_command)


def _register_optional_commands() -> None:
    """Commands that live beside their packages."""
    from evals._command import eval_command
    from extract._cli.gold import gold_group

    cli.add_command(eval_command)
    cli.add_command(gold_group)
    try:
        from extract._cli.batch import batch_command
        from extract._cli.runs import runs_group
    except ImportError:  # pragma: no cover - present once the batch module lands
        return
    cli.add_command(batch_command)
    cli.add_command(runs_group)


def main() -> None:
    """Console-script entry point: one-line errors, no tracebacks, for expected failures."""
    _register_optional_commands()
    try:
        cli(standalone_mode=True)
    except AssayError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
