r"""``assay gold``: build and check hand-labelled gold sets (draft, check, agree).

A gold set is a directory of ``<doc_id>.json`` files, one ArticleExtraction
each, beside a directory of the articles it labels (``articles/`` inside it, as
in ``gold/``, or beside it, as in ``corpus/<split>/{articles,gold}``).

Exit codes: 0 done (check: no problem), 1 some article failed to draft or the
check found problems, 2 usage errors and unreadable inputs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from evals._agreement import agreement, format_agreement
from evals._gold_check import canonical_json, check_gold_set
from evals._loaders import load_extractions, load_headers, load_texts
from extract._batch.inputs import BadInput, iter_articles
from extract._cli.options import Fatal, config_from_options, model_options, or_fatal
from extract._errors import AssayError
from extract._pipeline.pipeline import Extractor
from extract._schema import Article, ArticleExtraction
from extract._strategies.guided.strategy import GuidedOptions


@click.group("gold")
def gold_group() -> None:
    """Build and check hand-labelled gold sets: draft, check, agree."""


_DRAFT_HELP = """Write draft gold for ARTICLES into DIR, one <doc_id>.json per article.

ARTICLES are .txt files (a front-matter header is read as provenance, not
text), directories of them, or .jsonl files of {"id", "text"}. Each article is
extracted (the embedded default unless the model options say otherwise; with
--rules-only, by the guided strategy's rules alone, no model) and the result is
written as canonical gold JSON: contract-valid records with their evidence
sentences, run metadata removed.

A draft is a starting point for an annotator to correct against the contract
and gold/GUIDELINES.md, never gold as it stands: what the extractor misses or
gets wrong stays in a draft unless someone fixes it. The project's own gold
sets are labelled from scratch, without drafts, so that they do not inherit
the extractor's errors.

An existing file in DIR is never overwritten (it is reported and left alone)
unless --force is given. Exit status 1 when some article could not be drafted.

\b
  assay gold draft my_articles/ --out my_gold/
  assay gold check my_gold/ --articles my_articles/
"""


@gold_group.command(
    "draft", help=_DRAFT_HELP, short_help="Draft gold from a run, for an annotator to correct."
)
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the draft <doc_id>.json files (created if missing).",
)
@click.option("--force", is_flag=True, help="Overwrite draft files that already exist in DIR.")
@click.option(
    "--rules-only",
    is_flag=True,
    help="Draft with the guided strategy's rules alone: no model is loaded.",
)
@model_options
def draft_command(articles: tuple[Path, ...], out_dir: Path, force: bool, rules_only: bool,
                  **options: Any) -> None:  # fmt: skip
    if rules_only and options.get("strategy") == "direct":
        raise click.UsageError(
            "--rules-only drafts with the guided strategy, not --strategy direct"
        )
    guided = GuidedOptions(use_model=False) if rules_only else None
    if rules_only:
        options["strategy"] = "guided"
    items = list(iter_articles(articles))
    with Extractor(config_from_options(**options, guided=guided)) as extractor:
        summary = draft_articles(items, out_dir, extractor, force=force)
    written, skipped = len(summary.written), len(summary.skipped)
    click.echo(f"{out_dir}: {written} drafts written, {skipped} existing left alone, "
               f"{summary.failed} failed; correct the drafts, then run "
               f"'assay gold check {out_dir}'", err=True)  # fmt: skip
    if summary.failed:
        sys.exit(1)


@dataclass
class DraftSummary:
    """What :func:`draft_articles` did."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many articles could not be drafted."""
        return len(self.failures)


def draft_articles(items: Iterable[Article | BadInput], out_dir: Path, extractor: Extractor,
                   *, force: bool = False) -> DraftSummary:  # fmt: skip
    """Extract each article and write its draft gold file into ``out_dir``.

    An existing ``<doc_id>.json`` is left alone (and not extracted) unless ``force``.
    Progress and problems go to stderr, one line each.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = DraftSummary()
    for item in items:
        if isinstance(item, BadInput):
            _fail(summary, item.error)
            continue
        target = out_dir / f"{item.id}.json"
        if target.exists() and not force:
            summary.skipped.append(target)
            click.echo(f"{target}: exists, left alone (--force to overwrite)", err=True)
            continue
        draft = _draft_one(item, extractor)
        if isinstance(draft, str):
            _fail(summary, draft)
            continue
        _write(target, canonical_json(draft), force)
        summary.written.append(target)
        click.echo(f"{target}: {len(draft.deals)} deals, {len(draft.plant_facts)} plant facts",
                   err=True)  # fmt: skip
    return summary


def _draft_one(article: Article, extractor: Extractor) -> ArticleExtraction | str:
    """The article's draft, or the one-line error that stopped it."""
    try:
        return to_draft(extractor.extract(article))
    except AssayError as exc:
        message = str(exc)
        return message if message.startswith(f"{article.id}:") else f"{article.id}: {message}"
    except Exception as exc:  # one odd article must not cost the others their drafts
        return f"{article.id}: internal error ({type(exc).__name__}): {exc}"


def to_draft(result: ArticleExtraction) -> ArticleExtraction:
    """A run's result as gold: the same records, revalidated, without run metadata."""
    return ArticleExtraction.model_validate(result.model_dump(exclude={"meta"}))


def _fail(summary: DraftSummary, message: str) -> None:
    summary.failures.append(message)
    click.echo(f"error: {message}", err=True)


def _write(target: Path, content: str, force: bool) -> None:
    # Mode "x" refuses a file that appeared since the check: a draft never replaces a label.
    try:
        with target.open("w" if force else "x", encoding="utf-8") as handle:
            handle.write(content)
    except OSError as exc:
        raise Fatal(f"{target}: cannot write: {exc.strerror or exc}") from exc


_CHECK_HELP = """Check the gold set in DIR: one line per problem, exit 1 if there is any.

Every <doc_id>.json must be a valid ArticleExtraction named after its doc_id,
in canonical JSON (GUIDELINES rule 2) and without meta; every record's evidence
a verbatim piece of its article that carries the record's figure; units and
periods consistent with the metric; every article labelled. Articles with a
front-matter header must name their source (an http(s) URL), outlet and
published date (ISO); --require-provenance makes a missing header a problem
too (real-news corpora). With --subset, only the labelled articles are
checked (a second annotator's gold_b/ labels a sample of the articles).

The checks cannot tell whether a label is right, only that it could be.

Articles are read from --articles, else DIR/articles, else the articles/
directory beside DIR (corpus/<split>/articles for corpus/<split>/gold).

\b
  assay gold check gold
  assay gold check corpus/tune/gold --require-provenance
  assay gold check corpus/tune/gold_b --require-provenance --subset
"""


@gold_group.command(
    "check", help=_CHECK_HELP, short_help="Check a gold set: one line per problem, exit 1."
)
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--articles",
    "articles_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Article texts <doc_id>.txt [default: DIR/articles or ../articles].",
)
@click.option(
    "--require-provenance",
    is_flag=True,
    help="Every article must have a front-matter header with its provenance.",
)
@click.option(
    "--subset",
    is_flag=True,
    help="DIR labels only some of the articles (a second annotator's sample): "
    "an article without a gold file is not a problem.",
)
def check_command(
    gold_dir: Path, articles_dir: Path | None, require_provenance: bool, subset: bool
) -> None:
    articles = articles_dir or _default_articles(gold_dir)
    if articles is None:
        raise click.UsageError(f"no articles/ directory in or beside {gold_dir}; give --articles")
    texts = or_fatal(lambda: load_texts(articles))
    headers = or_fatal(lambda: load_headers(articles))
    files = sorted(p.stem for p in gold_dir.glob("*.json") if p.name != "schema.json")
    if subset:
        texts = {doc_id: text for doc_id, text in texts.items() if doc_id in files}
    problems = check_gold_set(gold_dir, texts, headers, require_provenance=require_provenance)
    for problem in problems:
        click.echo(problem)
    verdict = f"{len(problems)} problems" if problems else "no problems"
    click.echo(f"{gold_dir}: {len(files)} gold files, articles in {articles}: {verdict}", err=True)
    if problems:
        sys.exit(1)


def _default_articles(gold_dir: Path) -> Path | None:
    """DIR/articles (as in gold/), else the articles/ beside DIR (as in corpus/<split>/)."""
    beside = (gold_dir.parent if gold_dir.name else gold_dir.resolve().parent) / "articles"
    for candidate in (gold_dir / "articles", beside):
        if candidate.is_dir():
            return candidate
    return None


_AGREE_HELP = """Agreement of two annotators' labels of the same articles.

DIR_A and DIR_B are gold sets (directories of <doc_id>.json, or .jsonl files);
only the articles both labelled are scored, the others are listed. Each side's
labels are scored as predictions against the other's as gold, with the same
scorer as 'assay eval', and both directions are shown per field, per record
type and overall. The mean F1 is the ceiling to read an extractor against.

Articles (for the grounding of evidence) come from --articles, else from the
articles/ directory in or beside DIR_A, else DIR_B.

\b
  assay gold agree corpus/tune/gold corpus/tune/gold_b --json agreement.json
"""


@gold_group.command(
    "agree", help=_AGREE_HELP, short_help="Agreement of two annotators, per field and type."
)
@click.argument("dir_a", type=click.Path(exists=True, path_type=Path))
@click.argument("dir_b", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--articles",
    "articles_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Article texts <doc_id>.txt [default: articles/ in or beside DIR_A or DIR_B].",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the agreement report as JSON here.",
)
def agree_command(dir_a: Path, dir_b: Path, articles_dir: Path | None,
                  json_path: Path | None) -> None:  # fmt: skip
    labels_a = or_fatal(lambda: load_extractions(dir_a))
    labels_b = or_fatal(lambda: load_extractions(dir_b))
    articles = articles_dir or _default_articles(dir_a) or _default_articles(dir_b)
    texts = or_fatal(lambda: load_texts(articles)) if articles is not None else {}
    report = agreement(labels_a, labels_b, texts)
    if not report.articles:
        raise Fatal(f"{dir_a} and {dir_b} label no article in common")
    click.echo(f"A = {dir_a}, B = {dir_b}")
    click.echo(format_agreement(report))
    if json_path is not None:
        _write(json_path, report.model_dump_json(indent=2) + "\n", force=True)
