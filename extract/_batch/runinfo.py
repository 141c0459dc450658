"""What a result store says about its runs, whichever kind of store it is.

:class:`RunInfo` (a run and its counts) and :class:`RunItem` (one article of a
run) are read from the SQLite store (:mod:`extract._batch.store`) and from the
parquet store (:mod:`extract._batch.parquet_store`) alike, so that listing,
diffing and exporting runs does not care where they were written.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from extract._errors import StoreError
from extract._schema import ArticleExtraction


@dataclass(frozen=True)
class RunInfo:
    """One batch run: its manifest and the counts of its items so far."""

    run_id: str
    started_at: str
    finished_at: str | None
    manifest: dict[str, Any]
    extracted: int
    cached: int
    failed: int

    @property
    def status(self) -> str:
        """``finished``, or ``unfinished`` for a run that was killed or is still going."""
        return "finished" if self.finished_at else "unfinished"


@dataclass(frozen=True)
class RunItem:
    """One article of a run, with its result when it has one."""

    doc_id: str
    status: str
    cache_key: str | None
    error: str | None
    extraction: ArticleExtraction | None


def pick_run(runs: list[RunInfo], run_id: str, where: str) -> RunInfo:
    """Return the run ``run_id`` of ``runs`` (a unique prefix is enough).

    Raises:
        StoreError: No run, or more than one, matches.

    """
    matches = [run for run in runs if run.run_id.startswith(run_id)]
    exact = [run for run in matches if run.run_id == run_id]
    if exact or len(matches) == 1:
        return (exact or matches)[0]
    problem = "no run" if not matches else f"{len(matches)} runs match"
    raise StoreError(f"{where}: {problem} {run_id!r} (see: assay runs list)")


def new_run_id() -> str:
    """A run id: the UTC start time and a random suffix, e.g. ``20260101T120000Z-3fa2c1``."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def now() -> str:
    """The current UTC time as an ISO string with milliseconds (how stores date things)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def relabel(extraction: str | None, doc_id: str) -> ArticleExtraction | None:
    """Parse a stored extraction under this run's id (the same text may have had another)."""
    if extraction is None:
        return None
    return ArticleExtraction.model_validate_json(extraction).model_copy(update={"doc_id": doc_id})
