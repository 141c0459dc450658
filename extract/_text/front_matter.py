"""The front-matter header an article file may open with: provenance, not article text.

An article file may start with a header of ``key: value`` lines between two
``---`` lines (corpus/README.md)::

    ---
    title: KAZ Minerals to build a $1.5 billion copper plant
    source: https://example.com/news/kaz-minerals-copper-plant
    outlet: Kursiv Media
    published: 2024-06-03
    region: central_asia
    kind: genre
    ---
    KAZ Minerals to build a $1.5 billion copper plant
    ...

The article's text is everything after the closing ``---`` line, so evidence
offsets count from there. Values are taken literally (this is not YAML: no
quoting, no nesting); blank lines inside the header are ignored. Only the keys
below are accepted, so a misspelt key is an error rather than lost provenance.
This one parser serves every reader of article files (``assay extract`` and
``batch``, the eval loaders, the corpus scripts).
"""

from __future__ import annotations

import re

from extract._errors import InputError

# Keys that become the Article's own fields.
ARTICLE_KEYS = ("title", "source", "published")
# Provenance kept in the header only: who published it, and how the corpus files it.
PROVENANCE_ONLY_KEYS = ("outlet", "region", "kind", "group")
KEYS = ARTICLE_KEYS + PROVENANCE_ONLY_KEYS

_FENCE = "---"
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(.*)")

Header = dict[str, str]


def has_front_matter(text: str) -> bool:
    """Return True when ``text`` opens with a ``---`` line (a header, closed or not)."""
    return text.partition("\n")[0].rstrip("\r") == _FENCE


def split_front_matter(text: str, source: str) -> tuple[Header | None, str]:
    """Split a file's text into its front-matter header and the article's text.

    Args:
        text: The whole file, decoded.
        source: The file's name, for error messages.

    Returns:
        ``(header, body)``: the header's keys and values (None when the text has no
        header) and the text after the closing ``---`` line (``text`` itself when
        there is no header).

    Raises:
        InputError: A header that is never closed, a line that is not ``key: value``,
            an unknown or repeated key, or a key with no value; one line naming
            ``source``, the header line and the problem.

    """
    if not has_front_matter(text):
        return None, text
    lines = text.split("\n")
    # Find the closing line first: in a header never closed, the body's first line would
    # otherwise be reported as a malformed entry.
    close = next((n for n, line in enumerate(lines[1:], 1) if line.rstrip("\r") == _FENCE), 0)
    if not close:
        raise InputError(f"{source}: front matter opened by '---' on line 1 is never closed "
                         "by a '---' line")  # fmt: skip
    header: Header = {}
    for number, line in enumerate(lines[1:close], start=2):
        if line.strip():
            key, value = _entry(line.rstrip("\r"), header, f"{source}: front matter line {number}")
            header[key] = value
    return header, "\n".join(lines[close + 1 :])


def _entry(line: str, header: Header, where: str) -> tuple[str, str]:
    """One ``key: value`` line, checked against the known keys and those already read."""
    match = _LINE.fullmatch(line)
    if match is None:
        raise InputError(f"{where}: expected 'key: value', got {_short(line)}")
    key, value = match.group(1), match.group(2).strip()
    if key not in KEYS:
        raise InputError(f"{where}: unknown key {key!r} (known: {', '.join(KEYS)})")
    if key in header:
        raise InputError(f"{where}: {key!r} repeats an earlier line")
    if not value:
        raise InputError(f"{where}: {key!r} has no value (leave the line out instead)")
    return key, value


def _short(line: str) -> str:
    return repr(line) if len(line) <= 60 else repr(line[:57] + "...")
