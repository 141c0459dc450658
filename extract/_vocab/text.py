"""How vocabulary lookups fold a word: lower case, single spaces."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def key(text: str) -> str:
    """``text`` lower-cased with runs of whitespace folded to one space."""
    return _SPACES.sub(" ", text.strip().lower())
