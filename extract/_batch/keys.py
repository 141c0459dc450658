"""Content-addressed ids: article hashes and result cache keys.

A result's cache key is the SHA-256 of the canonical JSON of the article's
content hash and :meth:`Extractor.identity` (strategy, prompt ids, schema hash,
backend identity with the model's output-affecting parameters). Nothing else
enters it: timeouts, concurrency, retries, the base URL and the API key change
how a result is fetched, not what it is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from extract._schema import Article

#: Article fields that can change an extraction. ``id`` and ``source`` are labels:
#: the same text under another id is the same work (the result is re-labelled).
CONTENT_FIELDS = ("text", "title", "published")


def canonical_json(value: Any) -> str:
    """Serialise ``value`` the same way on every run: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    """Hex SHA-256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_hash(article: Article) -> str:
    """Content hash of an article: its text and the metadata the extractor reads."""
    return sha256_hex(canonical_json({name: getattr(article, name) for name in CONTENT_FIELDS}))


def cache_key(content_hash: str, identity: dict[str, Any]) -> str:
    """Cache key of one article's result under one extractor identity."""
    return sha256_hex(canonical_json({"article": content_hash, "extractor": identity}))


def article_set_hash(pairs: Iterable[tuple[str, str]]) -> str:
    """Hash of a corpus as a set of ``(doc_id, content hash)`` pairs, order-independent."""
    return sha256_hex(canonical_json(sorted([doc_id, digest] for doc_id, digest in pairs)))
