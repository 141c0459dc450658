"""One article's path: strategy -> raw records -> grounding -> ArticleExtraction.

:class:`Extractor` holds a backend (a loaded model is reused across articles)
and everything that decides the output; :meth:`Extractor.identity` is that set,
from which the batch store derives its cache keys.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace
from importlib import metadata
from types import TracebackType
from typing import Any

from extract._backends.base import Backend, BackendSettings
from extract._backends.factory import make_backend
from extract._backends.model_files import NO_ADAPTER
from extract._errors import InputError
from extract._pipeline.chunks import DEFAULT_CHUNK_CHARS, chunk_text, merge_chunks
from extract._schema import Article, ArticleExtraction, ExtractionMeta
from extract._strategies.direct import direct_prompt_ids, extract_direct
from extract._strategies.guided.assemble import assemble
from extract._strategies.guided.strategy import (
    GuidedOptions,
    GuidedRun,
    decide_figures,
    guided_prompt_ids,
)
from extract._strategies.prompts import schema_hash
from extract._strategies.records import extract_records, records_prompt_ids
from extract._text.grounding import ground_extraction
from extract._text.reading import publication_year

STRATEGIES = ("direct", "guided", "records")


def package_version() -> str:
    """The installed version of assay, or 'unknown' in a bare checkout."""
    try:
        return metadata.version("assay")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class ExtractionConfig:
    """Everything that decides how an article is extracted."""

    backend: BackendSettings = field(default_factory=BackendSettings)
    strategy: str | None = None  # None: guided for local, direct for openai
    keep_ungrounded: bool = False
    guided: GuidedOptions = field(default_factory=GuidedOptions)
    chunk_chars: int = DEFAULT_CHUNK_CHARS


class Extractor:
    """Extracts articles one at a time with one backend."""

    def __init__(self, config: ExtractionConfig | None = None, backend: Backend | None = None):
        self.config = config or ExtractionConfig()
        self._backend = backend
        self._injected = backend
        strategy = self.config.strategy or (
            "direct" if self.config.backend.backend == "openai" else "guided"
        )
        if strategy not in STRATEGIES:
            raise InputError(f"unknown strategy {strategy!r}: use one of {', '.join(STRATEGIES)}")
        self.strategy = strategy
        # The guided runs of the last article (one per chunk): candidates, reasons and
        # decisions, kept for `assay explain` and for debugging.
        self.last_runs: list[GuidedRun] = []

    @property
    def backend(self) -> Backend:
        """The backend, built (and its model loaded) on first use."""
        if self._backend is None:
            self._backend = make_backend(self._backend_settings())
        return self._backend

    def _backend_settings(self) -> BackendSettings:
        settings = self.config.backend
        # The bundled adapter was trained on the guided questions only: other strategies
        # get the base model unless an adapter is named.
        if settings.adapter is None and settings.backend == "local" and self.strategy != "guided":
            return replace(settings, adapter=NO_ADAPTER)
        return settings

    def close(self) -> None:
        """Release what this extractor opened itself (a remote backend's HTTP connections).

        A backend passed in by the caller stays open: the caller owns it.
        """
        backend, self._backend = self._backend, self._injected
        close = getattr(backend, "close", None) if backend is not self._injected else None
        if close is not None:
            close()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:  # fmt: skip
        self.close()

    def prompt_ids(self) -> dict[str, str]:
        """Ids of the prompts this strategy uses."""
        if self.strategy == "records":
            return records_prompt_ids()
        return guided_prompt_ids() if self.strategy == "guided" else direct_prompt_ids()

    def identity(self) -> dict[str, Any]:
        """Every input that changes the output, and nothing else (cache-key material)."""
        guided = asdict(self.config.guided) if self.strategy == "guided" else None
        return {"strategy": self.strategy, "prompt_ids": self.prompt_ids(), "schema": schema_hash(),
                "backend": self.backend.identity(), "guided": guided,
                "chunk_chars": self.config.chunk_chars}  # fmt: skip

    def extract(self, article: Article) -> ArticleExtraction:
        """Extract, ground and annotate one article."""
        if not article.text.strip():
            raise InputError(f"{article.id}: article text is empty")
        started = time.perf_counter()
        self.last_runs = []
        year = publication_year(article.text, article.published)
        parts = [self._extract_chunk(chunk, article.id, year)
                 for _, chunk in chunk_text(article.text, self.config.chunk_chars)]  # fmt: skip
        raw = merge_chunks(article.id, parts) if len(parts) > 1 else parts[0]
        raw = raw.model_copy(update={"meta": self._meta(raw.meta)})
        grounded = ground_extraction(raw, article.text, keep_ungrounded=self.config.keep_ungrounded)
        assert grounded.meta is not None
        grounded.meta.seconds = round(time.perf_counter() - started, 3)
        return grounded

    def _extract_chunk(self, text: str, doc_id: str, year: int | None) -> ArticleExtraction:
        if self.strategy == "direct":
            return extract_direct(text, self.backend, doc_id)
        if self.strategy == "records":
            return extract_records(text, self.backend, doc_id)
        use_model = self.config.guided.use_model
        run = decide_figures(text, self.backend if use_model else None, year, self.config.guided)
        self.last_runs.append(run)
        result = assemble(run, doc_id)
        kept = sum(1 for c in run.candidates if c.dropped is None)
        return result.model_copy(update={"meta": ExtractionMeta(candidates=kept)})

    def _meta(self, partial: ExtractionMeta | None) -> ExtractionMeta:
        usage = self.backend.usage.take() if self._uses_model() else None
        return ExtractionMeta(
            prompt_ids=self.prompt_ids(), schema_hash=schema_hash(),
            model=self.backend.model if self._uses_model() else None,
            backend=self.config.backend.backend if self._uses_model() else "rules",
            strategy=self.strategy, package_version=package_version(),
            candidates=partial.candidates if partial else None,
            model_calls=usage.model_calls if usage else 0,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
        )  # fmt: skip

    def _uses_model(self) -> bool:
        return self.strategy != "guided" or self.config.guided.use_model


def extract_article(
    text: str,
    *,
    doc_id: str = "article",
    config: ExtractionConfig | None = None,
    backend: Backend | None = None,
) -> ArticleExtraction:
    """Extract the deals and plant facts of one article.

    Args:
        text: The article's text (English news, 1-10 KB typical; longer is chunked).
        doc_id: Id written into the result.
        config: Backend, strategy and options; defaults to the embedded model, guided.
        backend: A ready backend (e.g. a fake in tests) instead of building one.

    Returns:
        The grounded records, with run metadata in ``meta``.

    """
    with Extractor(config, backend) as extractor:
        return extractor.extract(Article(id=doc_id, text=text))
