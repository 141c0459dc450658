"""``assay extract`` and ``assay explain``: one article at a time, results as they come."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Any

import click

from extract._batch.inputs import BadInput, iter_articles, read_txt
from extract._cli.formatting import deal_line, fact_line, quantity_words
from extract._cli.options import config_from_options, model_options
from extract._errors import AssayError
from extract._pipeline.pipeline import Extractor
from extract._schema import Article, ArticleExtraction
from extract._strategies.guided.decide import Decision
from extract._text.numbers import Quantity


def sample_article() -> Path:
    """The bundled sample article."""
    return Path(str(resources.files("extract").joinpath("samples/sample_article.txt")))


@click.command("extract")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--sample", is_flag=True, help="Extract the bundled sample article.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Write results: FILE.jsonl (one line per article) or a DIR of <doc_id>.json.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print each ArticleExtraction as JSON (one per line)."
)
@model_options
def extract_command(paths: tuple[Path, ...], sample: bool, out: Path | None, as_json: bool,
                    **options: Any) -> None:  # fmt: skip
    """Extract records from PATHS: .txt files, directories of them, or .jsonl with {"id","text"}.

    Progress goes to stderr when there is more than one article. An article that
    fails is reported on stderr in one line and the others go on; the exit code
    is 1 when any failed.
    """
    inputs = [*paths, sample_article()] if sample else list(paths)
    if not inputs:
        raise click.UsageError("give at least one PATH, or --sample")
    items = list(iter_articles(inputs))
    with Extractor(config_from_options(**options)) as extractor:
        failures = _run(extractor, items, out, as_json)
    if failures:
        sys.exit(1)


def _run(
    extractor: Extractor, items: list[Article | BadInput], out: Path | None, as_json: bool
) -> int:
    failures = 0
    writer = _Writer(out)
    show_progress = len(items) > 1
    for number, item in enumerate(items, start=1):
        if show_progress:
            click.echo(
                f"[{number}/{len(items)}] {getattr(item, 'id', getattr(item, 'source', ''))}",
                err=True,
            )
        try:
            if isinstance(item, BadInput):
                raise AssayError(item.error)
            result = extractor.extract(item)
        except AssayError as exc:
            failures += 1
            click.echo(f"error: {_naming(item, str(exc))}", err=True)
            continue
        except Exception as exc:  # one odd article must not end the run
            failures += 1
            problem = f"internal error ({type(exc).__name__}): {exc}"
            click.echo(f"error: {_naming(item, problem)}", err=True)
            continue
        writer.write(result)
        _show(result, as_json)
    writer.close()
    return failures


def _naming(item: Article | BadInput, message: str) -> str:
    # A backend's error names the model, not the article; the reader's already names its file.
    if isinstance(item, BadInput) or message.startswith(f"{item.id}: "):
        return message
    return f"{item.id}: {message}"


def _show(result: ArticleExtraction, as_json: bool) -> None:
    if as_json:
        click.echo(result.model_dump_json())
        return
    meta = result.meta
    click.echo(
        f"{result.doc_id}: {len(result.deals)} deals, {len(result.plant_facts)} plant facts"
        + (f" ({meta.dropped} ungrounded dropped)" if meta and meta.dropped else "")
    )
    for deal in result.deals:
        click.echo(f"  {deal_line(deal)}")
    for fact in result.plant_facts:
        click.echo(f"  {fact_line(fact)}")


@click.command("explain")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@model_options
def explain_command(path: Path, **options: Any) -> None:
    """Show how the guided strategy read the article at PATH.

    Lists every candidate figure (and why context was dropped), then each decision
    with its cue-word score and the model's calibrated score per option.
    """
    extractor = Extractor(config_from_options(**options))
    if extractor.strategy != "guided":
        raise click.UsageError("explain shows the guided strategy; use --strategy guided")
    article = read_txt(path)
    result = extractor.extract(article)
    for run in extractor.last_runs:
        for candidate in run.candidates:
            state = f"dropped: {candidate.dropped}" if candidate.dropped else "kept"
            state += f"  ({_reading(candidate.quantity)})"
            click.echo(f"{candidate.quantity.text!r:32} {state}")
        for d in run.decisions:
            click.echo(f"{d.question:13} {d.figure!r:28} -> {d.choice:18} [{_scores(d)}]")
    _show(result, as_json=False)


def _reading(quantity: Quantity) -> str:
    """How the number normaliser read a figure, in words: '186,000 t/year'."""
    return quantity_words(quantity.value, quantity.unit, quantity.period, quantity.value_max)


def _scores(decision: Decision) -> str:
    """'option rule/model' for each option of a decision."""
    model = decision.model_scores or (None,) * len(decision.options)
    parts = zip(decision.options, decision.rule_scores, model, strict=True)
    return ", ".join(f"{o} {r:+.1f}/{'-' if m is None else f'{m:+.1f}'}" for o, r, m in parts)


class _Writer:
    """Writes results to a .jsonl file or a directory, as they come."""

    def __init__(self, out: Path | None) -> None:
        self.out = out
        self._file = None
        if out is not None and out.suffix == ".jsonl":
            out.parent.mkdir(parents=True, exist_ok=True)
            self._file = out.open("w", encoding="utf-8")
        elif out is not None:
            out.mkdir(parents=True, exist_ok=True)

    def write(self, result: ArticleExtraction) -> None:
        if self._file is not None:
            self._file.write(result.model_dump_json() + "\n")
            self._file.flush()
        elif self.out is not None:
            (self.out / f"{result.doc_id}.json").write_text(
                result.model_dump_json(indent=2), encoding="utf-8"
            )

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
