"""Split the real-news corpus once, by a fixed rule, into tune (2/3) and test (1/3).

The rule: an article's split key is its `group` (articles about one facility or
one chain of events share a group, so they never straddle the split) or else
its URL key (`article_key`); the article goes to test when the SHA-256 of
``assay-split-v1:<key>`` is 0 modulo 3, else to tune. The rule never looks at
the text or the labels, so it cannot be tuned. An article's file name is its id
(`article_id`), which this script gives, checks and never changes.

    python scripts/corpus_split.py            # move corpus/incoming/*.txt into their split
    python scripts/corpus_split.py --check    # placement, names and duplicates (exit 1 if wrong)
    python scripts/corpus_split.py --id FILE  # the id a new article's header gives it
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from extract._errors import InputError
from extract._text.front_matter import split_front_matter

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SPLITS = ("tune", "test")
_SALT = "assay-split-v1:"
_PREFIXES = {"central_asia": "ca", "elsewhere": "ww"}


def normalise_url(url: str) -> str:
    """The URL as ../shared/tools/check-reserved compares it: no scheme, www, query or slash."""
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    url = re.sub(r"^www\.", "", url)
    return url.split("#")[0].split("?")[0].rstrip("/")


def article_key(url: str) -> str:
    """The URL key an article's id and split come from (id rule v2).

    Rule v1 was `normalise_url`, which drops the query, so every ``site/?p=N``
    page of one site got one id and one split key (guideline proposal 21). Rule v2
    keeps the query when the path is empty once the query is dropped, as the v1
    key (its slash stripped) then ``?query``: ``https://timesca.com/?p=1261`` gives
    ``timesca.com?p=1261``. Every other URL keeps its v1 key, so v1 and v2 differ
    only for such pages; a query after a real path (``site/news?id=N``) is still
    dropped, and a second page of that kind is refused as a duplicate key rather
    than overwriting the first.

    The comparison with check-reserved still works because it never sees this key:
    it hashes the file's ``source:`` line by its own rule, which `normalise_url`
    repeats unchanged (a test compares the two). That rule is the coarser one, so it
    errs towards RESERVED: it reads ``site/?p=N`` as ``site``, and any reserved page
    of that form makes every such page of the site reserved.
    """
    query = url.strip().lower().split("#")[0].partition("?")[2]
    key = normalise_url(url)
    return f"{key}?{query}" if query and "/" not in key else key


def article_id(region: str, source: str, key_rule: str = "v2") -> str:
    """An article's id and file name: ``<ca|ww>_<first 10 hex of sha256 of its URL key>``.

    Args:
        region: The header's ``region``: ``central_asia`` (``ca``) or ``elsewhere`` (``ww``).
        source: The header's ``source`` URL.
        key_rule: ``v2`` (`article_key`, for every new article) or ``v1`` (`normalise_url`,
            the rule the articles named before v2 have; ids are never renamed).

    Raises:
        ValueError: A region other than central_asia or elsewhere, or an unknown rule.

    """
    if region not in _PREFIXES or key_rule not in ("v1", "v2"):
        raise ValueError(f"no id for region {region!r} under rule {key_rule!r}")
    key = article_key(source) if key_rule == "v2" else normalise_url(source)
    return f"{_PREFIXES[region]}_{hashlib.sha256(key.encode('utf-8')).hexdigest()[:10]}"


@dataclass(frozen=True)
class Article:
    """One article file and what its header gives it."""

    path: Path
    source: str
    key: str  # article_key(source)
    split_key: str  # its group, else key
    ids: tuple[str, str]  # (v2 id, v1 id): the names the file may have


def read_article(path: Path) -> Article:
    """The article's header read by the parser assay itself uses; exits on a bad header."""
    try:
        header, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    except InputError as exc:
        raise SystemExit(str(exc)) from None
    header = header or {}
    source, region = header.get("source", ""), header.get("region", "")
    if not source or region not in _PREFIXES:
        raise SystemExit(f"{path}: the header needs a source and a region (see corpus/README.md)")
    key = article_key(source)
    ids = (article_id(region, source), article_id(region, source, "v1"))
    return Article(path, source.strip(), key, header.get("group") or key, ids)


def split_of(key: str) -> str:
    """``test`` for a third of the keys, ``tune`` for the rest, fixed by a hash."""
    digest = hashlib.sha256((_SALT + key).encode("utf-8")).hexdigest()
    return "test" if int(digest, 16) % 3 == 0 else "tune"


def placed_articles(corpus: Path = CORPUS) -> list[Article]:
    """Every article of corpus/tune and corpus/test, in file order."""
    paths = [p for split in SPLITS for p in sorted((corpus / split / "articles").glob("*.txt"))]
    return [read_article(path) for path in paths]


def shared(articles: list[Article]) -> list[tuple[Article, Article, str, str]]:
    """Pairs sharing an id (file name), else a source, else a URL key: (first, later, what, it)."""
    pairs: dict[tuple[Path, Path], tuple[Article, Article, str, str]] = {}
    for what in ("id", "source", "key"):
        seen: dict[str, Article] = {}
        for article in articles:
            value = {"id": article.path.stem, "key": article.key, "source": article.source}[what]
            first = seen.setdefault(value, article)
            if first is not article:
                pairs.setdefault((first.path, article.path), (first, article, what, value))
    return list(pairs.values())


def check(corpus: Path = CORPUS) -> list[str]:
    """One line per misplaced or misnamed article and per pair sharing an id, key or source."""
    articles, root = placed_articles(corpus), corpus.parent
    problems = []
    for article in articles:
        split, name = article.path.parent.parent.name, article.path.relative_to(root)
        if split_of(article.split_key) != split:
            problems.append(f"{name}: in {split}, the rule says {split_of(article.split_key)}")
        if article.path.stem not in article.ids:
            problems.append(f"{name}: not named by its id {article.ids[0]} (nor its v1 id)")
    for first, later, what, value in shared(articles):
        problems.append(f"{later.path.relative_to(root)} and {first.path.relative_to(root)}: "
                        f"same {what} ({value})")  # fmt: skip
    return problems


def refusals(corpus: Path, incoming: list[Article], target: dict[Path, Path]) -> list[str]:
    """Why the incoming articles cannot be placed, one line naming both files per clash."""
    root = corpus.parent
    lines = [f"{a.path.relative_to(root)}: not named by its id {a.ids[0]}"
             for a in incoming if a.path.stem != a.ids[0]]  # fmt: skip
    for first, later, what, value in shared(placed_articles(corpus) + incoming):
        if later.path in target:  # placed articles come first: a pair with a new one ends with it
            new, old = later.path.relative_to(root), first.path.relative_to(root)
            clash = "would overwrite" if target[later.path] == first.path else f"has the {what} of"
            lines.append(f"{new} {clash} {old} ({value})")
    return [f"refused, nothing moved: {line}" for line in lines]


def place_incoming(corpus: Path = CORPUS) -> list[str]:
    """Move every article of corpus/incoming into its split with git mv, or refuse and move none.

    A new article is named by its v2 id and must not land on an existing file nor
    share an id, source or URL key with another article.

    Returns:
        The refusals, one line each (empty when every article was moved).

    """
    incoming = [read_article(p) for p in sorted((corpus / "incoming").glob("*.txt"))]
    target = {a.path: corpus / split_of(a.split_key) / "articles" / a.path.name for a in incoming}
    if problems := refusals(corpus, incoming, target):
        return problems
    for article in incoming:
        target[article.path].parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "mv", str(article.path), str(target[article.path])],
                       check=True, cwd=corpus.parent)  # fmt: skip
    return []


def main(argv: list[str]) -> int:
    """Place the incoming articles, or check all of them, or print new articles' ids."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the corpus")
    parser.add_argument("--id", nargs="+", type=Path, metavar="FILE", help="print each file's id")
    args = parser.parse_args(argv)
    if args.id:
        print("\n".join(f"{read_article(path).ids[0]}\t{path}" for path in args.id))
        return 0
    refused = [] if args.check else place_incoming()
    problems = refused or check()
    print("\n".join(problems) or "every article is in its split, named by its id, none shared")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
