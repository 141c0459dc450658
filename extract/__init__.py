"""assay: source-grounded extraction of investment deals and plant facts from news.

    >>> from extract import extract_article
    >>> result = extract_article(open("article.txt").read())   # embedded model, no key
    >>> [fact.metric for fact in result.plant_facts]

The exception tree is drawn in :mod:`extract._errors`.
"""

from extract._backends.base import Backend, BackendSettings
from extract._backends.factory import make_backend
from extract._backends.fake import FakeBackend
from extract._errors import (
    AssayError,
    BackendError,
    BackendUnavailable,
    InputError,
    ModelOutputError,
    PromptError,
    StoreError,
    ValidationFailed,
)
from extract._pipeline.pipeline import ExtractionConfig, Extractor, extract_article
from extract._schema import (
    Article,
    ArticleExtraction,
    ExtractionMeta,
    InvestmentDeal,
    PlantFact,
    RecordGrounding,
)
from extract._strategies.guided.strategy import GuidedOptions

__all__ = [
    "Article",
    "ArticleExtraction",
    "AssayError",
    "Backend",
    "BackendError",
    "BackendSettings",
    "BackendUnavailable",
    "ExtractionConfig",
    "ExtractionMeta",
    "Extractor",
    "FakeBackend",
    "GuidedOptions",
    "InputError",
    "InvestmentDeal",
    "ModelOutputError",
    "PlantFact",
    "PromptError",
    "RecordGrounding",
    "StoreError",
    "ValidationFailed",
    "extract_article",
    "make_backend",
]
