"""Split the real-news corpus once, by a fixed rule, into tune (2/3) and test (1/3).

The rule: an article's split key is its `group` (articles about one facility or
one chain of events share a group, so they never straddle the split) or else
its normalised source URL; the article goes to test when the SHA-256 of
``assay-split-v1:<key>`` is 0 modulo 3, else to tune. The rule never looks at
the text or the labels, so it cannot be tuned.

    python scripts/corpus_split.py            # move corpus/incoming/*.txt into their split
    python scripts/corpus_split.py --check    # each article is where the rule says (exit 1 if not)
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from pathlib import Path

from extract._errors import InputError
from extract._text.front_matter import split_front_matter

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SPLITS = ("tune", "test")
_SALT = "assay-split-v1:"


def normalise_url(url: str) -> str:
    """The URL as ../shared/tools/check-reserved compares it: no scheme, www, query or slash."""
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    url = re.sub(r"^www\.", "", url)
    return url.split("#")[0].split("?")[0].rstrip("/")


def front_matter(path: Path) -> dict[str, str]:
    """The article's front-matter header, read by the parser assay itself uses."""
    try:
        header, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    except InputError as exc:
        raise SystemExit(str(exc)) from None
    if header is None or not (header.get("group") or header.get("source")):
        raise SystemExit(f"{path}: no front-matter header with a source (see corpus/README.md)")
    return header


def split_key(meta: dict[str, str]) -> str:
    """The group when the article has one, else its normalised source URL."""
    return meta.get("group") or normalise_url(meta["source"])


def split_of(key: str) -> str:
    """``test`` for a third of the keys, ``tune`` for the rest, fixed by a hash."""
    digest = hashlib.sha256((_SALT + key).encode("utf-8")).hexdigest()
    return "test" if int(digest, 16) % 3 == 0 else "tune"


def place_incoming() -> None:
    """Move every article of corpus/incoming into corpus/<split>/articles with git mv."""
    for path in sorted((CORPUS / "incoming").glob("*.txt")):
        target = CORPUS / split_of(split_key(front_matter(path))) / "articles" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "mv", str(path), str(target)], check=True, cwd=ROOT)


def misplaced() -> list[str]:
    """One line per article whose folder is not the split the rule gives it."""
    problems = []
    for split in SPLITS:
        for path in sorted((CORPUS / split / "articles").glob("*.txt")):
            expected = split_of(split_key(front_matter(path)))
            if expected != split:
                problems.append(f"{path}: in {split}, the rule says {expected}")
    return problems


def main(argv: list[str]) -> int:
    """Place the incoming articles, or check the placement of all of them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the placement")
    args = parser.parse_args(argv)
    if not args.check:
        place_incoming()
    problems = misplaced()
    print("\n".join(problems) or "every article is in the split its rule gives it")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
