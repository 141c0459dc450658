"""Corpus ids (scripts/corpus_split.py): the id rule, the --check report, the refusals of placement.

The corpus fixtures are small git repositories in tmp_path, so `place_incoming` runs its real
`git mv` there and never touches the repository's own corpus.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from shared_tools import require_check_reserved

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "corpus_split.py"

# The incident of guideline proposal 21: a page of the same site overwrote this article.
OLD_SOURCE, OLD_NAME = "https://timesca.com/?p=1261", "ca_8ece699273"
NEW_SOURCE = "https://timesca.com/?p=7253"


def _load(name: str, path: Path) -> ModuleType:
    loader = importlib.machinery.SourceFileLoader(name, str(path))
    spec = importlib.util.spec_from_loader(name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    loader.exec_module(module)
    return module


cs = _load("scripts_corpus_split", SCRIPT)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for folder in ("tune/articles", "test/articles", "incoming"):
        (tmp_path / "corpus" / folder).mkdir(parents=True)
    return tmp_path / "corpus"


def _write(corpus: Path, source: str, *, folder: str = "", name: str = "",
           region: str = "central_asia", group: str = "") -> Path:  # fmt: skip
    """An article under `folder` (default: the split its rule gives), named `name` (default: id)."""
    header = f"---\nsource: {source}\nregion: {region}\n" + (f"group: {group}\n" if group else "")
    folder = folder or cs.split_of(group or cs.article_key(source)) + "/articles"
    path = corpus / folder / f"{name or cs.article_id(region, source)}.txt"
    path.write_text(f"{header}---\nHeadline of {source}\n\nBody.\n", encoding="utf-8")
    subprocess.run(["git", "add", str(path)], check=True, cwd=corpus.parent)
    return path


def _shown(path: Path) -> str:
    """The path as the script prints it: from the folder that holds corpus/."""
    return str(path.relative_to(next(p for p in path.parents if p.name == "corpus").parent))


def _other(split: str) -> str:
    return "test" if split == "tune" else "tune"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://timesca.com/?p=1261", "timesca.com?p=1261"),
        ("http://www.Timesca.com?p=7253#top", "timesca.com?p=7253"),
        ("https://timesca.com/", "timesca.com"),
        ("https://timesca.com/?", "timesca.com"),
        ("http://mongolianbusinessdatabase.com/base/newsdetials?id=38833",
         "mongolianbusinessdatabase.com/base/newsdetials"),
        ("https://www.channelnewsasia.com/business/plant-2403021/?cid=cna_flip",
         "channelnewsasia.com/business/plant-2403021"),
    ],
)  # fmt: skip
def test_the_key_keeps_the_query_only_when_the_path_is_empty_without_it(url: str, key: str) -> None:
    assert cs.article_key(url) == key


def test_the_incident_pages_get_their_own_ids_and_the_old_name_stays_valid() -> None:
    assert (ROOT / "corpus" / "tune" / "articles" / f"{OLD_NAME}.txt").is_file()
    assert cs.article_id("central_asia", OLD_SOURCE, "v1") == OLD_NAME
    assert cs.article_id("central_asia", OLD_SOURCE) == "ca_222bb7ac2e"
    assert cs.article_id("central_asia", NEW_SOURCE) not in {OLD_NAME, "ca_222bb7ac2e"}
    assert cs.article_id("elsewhere", OLD_SOURCE).startswith("ww_")
    with pytest.raises(ValueError, match="'kazakhstan'"):
        cs.article_id("kazakhstan", OLD_SOURCE)


def test_check_accepts_v1_and_v2_names_in_their_splits(corpus: Path) -> None:
    _write(corpus, OLD_SOURCE, name=OLD_NAME)
    _write(corpus, NEW_SOURCE)
    _write(corpus, "https://example.com/news/a-plant", region="elsewhere")
    assert len(cs.placed_articles(corpus)) == 3 and cs.check(corpus) == []


def test_check_reports_a_file_named_by_no_id_and_one_in_the_wrong_split(corpus: Path) -> None:
    misnamed = _write(corpus, "https://example.com/a", name="ca_0123456789")
    right = cs.split_of("example.com/b")
    moved = _write(corpus, "https://example.com/b", folder=f"{_other(right)}/articles")
    assert set(cs.check(corpus)) == {
        f"{_shown(misnamed)}: not named by its id {cs.article_id('central_asia', 'example.com/a')}"
        " (nor its v1 id)",
        f"{_shown(moved)}: in {_other(right)}, the rule says {right}",
    }


def test_check_reports_pairs_with_one_id_source_or_key_naming_both(corpus: Path) -> None:
    name = cs.article_id("central_asia", "https://example.com/a")
    tune = _write(corpus, "https://example.com/a", folder="tune/articles")
    test = _write(corpus, "https://example.com/a", folder="test/articles")
    ca = _write(corpus, "https://example.com/source")
    ww = _write(corpus, "https://example.com/source", region="elsewhere")
    one = _write(corpus, "https://site.example/?p=5")
    other = _write(corpus, "http://www.site.example?p=5", region="elsewhere")
    pairs = [line for line in cs.check(corpus) if " and " in line]
    assert sorted(pairs) == sorted([
        f"{_shown(test)} and {_shown(tune)}: same id ({name})",
        f"{_shown(ww)} and {_shown(ca)}: same source (https://example.com/source)",
        f"{_shown(other)} and {_shown(one)}: same key (site.example?p=5)",
    ])  # fmt: skip


def test_placement_moves_a_page_the_old_rule_would_have_overwritten(corpus: Path) -> None:
    old = _write(corpus, OLD_SOURCE, name=OLD_NAME)
    before = old.read_bytes()
    new = _write(corpus, NEW_SOURCE, folder="incoming")
    assert cs.place_incoming(corpus) == []
    placed = corpus / cs.split_of("timesca.com?p=7253") / "articles" / new.name
    assert placed.is_file() and not new.exists() and old.read_bytes() == before
    assert cs.check(corpus) == []


def test_placement_refuses_to_overwrite_a_file_and_moves_nothing(corpus: Path) -> None:
    old = _write(corpus, OLD_SOURCE, name=OLD_NAME)
    before = old.read_bytes()
    home = _write(corpus, "https://timesca.com/", folder="incoming")  # its v2 id is OLD_NAME
    fine = _write(corpus, "https://example.com/fine", folder="incoming")
    assert cs.place_incoming(corpus) == [
        f"refused, nothing moved: {_shown(home)} would overwrite {_shown(old)} ({OLD_NAME})"
    ]
    assert home.is_file() and fine.is_file() and old.read_bytes() == before


def test_placement_refuses_an_id_or_key_held_in_the_other_split(corpus: Path) -> None:
    source = "https://example.com/taken"
    other = _other(cs.split_of("example.com/taken"))
    name = cs.article_id("central_asia", source)
    holder = _write(corpus, "https://example.com/holder", folder=f"{other}/articles", name=name)
    group = next(f"g{n}" for n in range(99) if cs.split_of(f"g{n}") != cs.split_of("example.com/k"))
    grouped = _write(corpus, "https://example.com/k", region="elsewhere", group=group)
    taken = _write(corpus, source, folder="incoming")
    same_key = _write(corpus, "https://example.com/k/", folder="incoming")
    assert cs.place_incoming(corpus) == [
        f"refused, nothing moved: {_shown(taken)} has the id of {_shown(holder)} ({name})",
        f"refused, nothing moved: {_shown(same_key)} has the key of {_shown(grouped)}"
        " (example.com/k)",
    ]
    assert taken.is_file() and same_key.is_file()


def test_placement_refuses_a_file_not_named_by_its_v2_id(corpus: Path) -> None:
    v1_named = _write(corpus, NEW_SOURCE, folder="incoming", name=cs.article_id(
        "central_asia", NEW_SOURCE, "v1"))  # fmt: skip
    v2 = cs.article_id("central_asia", NEW_SOURCE)
    assert cs.place_incoming(corpus) == [
        f"refused, nothing moved: {_shown(v1_named)}: not named by its id {v2}"
    ]
    assert v1_named.is_file()


def test_the_id_option_prints_a_new_article_s_id(corpus: Path) -> None:
    path = _write(corpus, NEW_SOURCE, folder="incoming", name="draft")
    run = subprocess.run([sys.executable, str(SCRIPT), "--id", str(path)],
                         capture_output=True, text=True, check=False)  # fmt: skip
    new_id = cs.article_id("central_asia", NEW_SOURCE)
    assert run.returncode == 0 and run.stdout == f"{new_id}\t{path}\n"


@pytest.mark.parametrize("url", [OLD_SOURCE, NEW_SOURCE, "HTTP://WWW.X.com/a/?b=1#c", "x.org//"])
def test_the_v1_rule_is_still_check_reserved_s(url: str) -> None:
    check_reserved = require_check_reserved("the comparison with its URL rule")
    assert cs.normalise_url(url) == _load("check_reserved", check_reserved).norm_url(url)
