"""A piece of the article by character offsets, and the sentence an offset falls in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article: ``text == article[start:end]``."""

    start: int
    end: int
    text: str


def sentence_index(spans: list[Span], offset: int) -> int:
    """Index of the sentence that contains character ``offset`` (or the nearest before)."""
    for i, span in enumerate(spans):
        if span.start <= offset < span.end:
            return i
        if span.start > offset:
            return max(0, i - 1)
    return len(spans) - 1
