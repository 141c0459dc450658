"""The units of a batch: jobs (article + cache key), workers, outcomes, the run manifest."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract._backends.base import Usage
from extract._batch.inputs import BadInput
from extract._batch.keys import article_hash, article_set_hash, cache_key
from extract._errors import AssayError
from extract._pipeline.pipeline import Extractor, package_version
from extract._schema import Article, ArticleExtraction


@dataclass(frozen=True)
class Job:
    """One article to answer, with its content hash and cache key."""

    article: Article
    content_hash: str
    key: str

    @property
    def doc_id(self) -> str:
        """The article's id."""
        return self.article.id


@dataclass(frozen=True)
class Outcome:
    """What one extraction gave: a result with the raw responses behind it, or an error."""

    result: ArticleExtraction | None = None
    error: str | None = None
    raw_responses: list[str] = field(default_factory=list)


class _RecordingUsage(Usage):
    """Usage counters that keep what the pipeline last took (it keeps only the counts)."""

    def __init__(self) -> None:
        super().__init__()
        self.last: Usage | None = None

    def take(self) -> Usage:
        """Return and reset the counters, remembering them for the batch."""
        self.last = super().take()
        return self.last


class Worker:
    """One extractor with its own backend, so usage and raw responses stay per article."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        self._usage = _RecordingUsage()
        extractor.backend.usage = self._usage

    def extract(self, article: Article) -> Outcome:
        """Extract one article; any error becomes that article's failed outcome.

        An exception that is not an :class:`AssayError` is a bug, but one odd
        article must not cost a corpus of thousands the rest of its batch: it is
        recorded with its type so that it can be reported and retried.
        """
        self._usage.take()  # drop what a failed article before this one left behind
        self._usage.last = None
        try:
            result = self.extractor.extract(article)
        except AssayError as exc:
            return Outcome(error=_one_line(str(exc) or type(exc).__name__))
        except Exception as exc:  # see the docstring
            return Outcome(error=_one_line(f"internal error ({type(exc).__name__}): {exc}"))
        taken = self._usage.last
        return Outcome(result=result, raw_responses=list(taken.raw_responses) if taken else [])


def make_workers(extractor: Extractor, count: int) -> list[Worker]:
    """``count`` workers: ``extractor`` and copies built from its config.

    A copy is used only when it has the same identity (same prompts, model and
    parameters). An extractor with an injected backend that its config cannot
    rebuild gets fewer workers (at least itself): sharing one backend between
    threads would mix up the per-article usage and raw responses.
    """
    workers = [Worker(extractor)]
    identity = extractor.identity()
    for _ in range(count - 1):
        try:
            copy = _sibling(extractor)
            if copy.identity() != identity:
                break
        except AssayError:
            break
        workers.append(Worker(copy))
    return workers


def _sibling(extractor: Extractor) -> Extractor:
    """An extractor for another thread: a spawned backend where it can share its client."""
    spawn = getattr(extractor.backend, "spawn", None)
    if spawn is None:
        return Extractor(extractor.config)
    return Extractor(extractor.config, backend=spawn())


def plan_jobs(
    items: Sequence[Article | BadInput], identity: dict[str, Any]
) -> tuple[list[Job], list[BadInput]]:
    """Jobs for the articles, and the inputs that cannot be jobs (unreadable, duplicate id)."""
    jobs: list[Job] = []
    bad: list[BadInput] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, BadInput):
            bad.append(item)
        elif item.id in seen:
            bad.append(
                BadInput(f"{item.id} (duplicate)", f"{item.id}: duplicate article id in the corpus")
            )
        else:
            seen.add(item.id)
            digest = article_hash(item)
            jobs.append(Job(item, digest, cache_key(digest, identity)))
    return jobs, bad


def run_manifest(extractor: Extractor, jobs: Sequence[Job], bad: Sequence[BadInput],
                 concurrency: int, retry_failed: bool) -> dict[str, Any]:  # fmt: skip
    """Build the run's manifest: what produced it (cache-key identity) and how it was run."""
    settings = extractor.config.backend
    # How it was run, not what it produced: not part of any cache key.
    how = {"concurrency": concurrency, "retry_failed": retry_failed,
           "timeout": settings.timeout, "max_retries": settings.max_retries}  # fmt: skip
    pairs = [(job.doc_id, job.content_hash) for job in jobs]
    return manifest_for(extractor, pairs, len(jobs) + len(bad), len(bad), how)


def manifest_for(extractor: Extractor, pairs: Iterable[tuple[str, str]], articles: int,
                 unreadable: int, settings: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """Build a run's manifest from its ``(doc_id, content hash)`` pairs and how it was run."""
    identity = extractor.identity()
    return {
        "identity": identity, "prompt_ids": identity["prompt_ids"],
        "strategy": extractor.strategy, "backend": extractor.config.backend.backend,
        "model": extractor.backend.model, "schema_hash": identity["schema"],
        "package_version": package_version(), "git_revision": git_revision(),
        "article_set_hash": article_set_hash(pairs),
        "articles": articles, "unreadable": unreadable, "settings": settings,
    }  # fmt: skip


def git_revision() -> str | None:
    """``git rev-parse HEAD`` of the checkout assay runs from, when it runs from one."""
    here = Path(__file__).resolve().parent
    try:
        tracked = _git(here, "ls-files", "--error-unmatch", Path(__file__).name)
        if tracked.returncode != 0:  # an installed copy, not a file of the repository
            return None
        head = _git(here, "rev-parse", "HEAD")
    except (OSError, subprocess.SubprocessError):
        return None
    return (head.stdout.strip() or None) if head.returncode == 0 else None


def _git(where: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, timeout=5,
                          check=False)  # fmt: skip


def _one_line(text: str) -> str:
    return " ".join(text.split())
