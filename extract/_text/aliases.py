"""Short names an article defines for a company: "Eurasian Resources Group (ERG)".

News gives a company's full name once, with the short form it then uses in
brackets right after it ("Emirates Global Aluminium (EGA)", "The National Coal
and Mineral Industries Group (Vinacomin)"). Every later mention of the short
form names the same company: it is a company whatever its own mentions suggest,
and it carries the full name (GUIDELINES 12: names as written at the fullest
mention).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol, TypeVar


class _Mention(Protocol):
    """A name mention (:class:`extract._text.names.Name`): its span and what it denotes."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...


Name = TypeVar("Name", bound=_Mention)

_PARTIES = ("company", "agency")
# A short form is a name of its own, not a place or a country named in brackets.
_SHORT_KINDS = ("company", "agency", "other", "person", "media")


def defined_aliases(text: str, found: Sequence[Name]) -> dict[str, Name]:
    """Short form as written -> the company mention it is defined for.

    Args:
        text: The article.
        found: The article's name mentions in text order.

    """
    aliases: dict[str, Name] = {}
    for first, second in pairwise(found):
        closed = text[second.end : second.end + 1] in (")", ",")
        if text[first.end : second.start].strip() != "(" or not closed:
            continue
        # "Eurasian Resources Group (ERG)"; an acronym may come first: "RCC (Russian Copper
        # Company, CJSC)".
        full, short = (second, first) if _ACRONYM.fullmatch(first.text) else (first, second)
        if (
            full.kind in _PARTIES
            and short.kind in _SHORT_KINDS
            and len(short.text) < len(full.text)
        ):
            aliases.setdefault(short.text, full)
    return aliases


_ACRONYM = re.compile(r"[A-Z]{2,6}")
