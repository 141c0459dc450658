"""``assay runs diff``: the text, --json left as it was, and the --html page's content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from runs_helpers import TEXTS, gold, make_store, run_a, run_b, write_gold

from evals import evaluate
from extract._batch.rundiff import diff_predictions
from extract._batch.store import diff_runs
from extract._batch.stores import copy_run
from extract._cli.runs import runs_group
from extract._cli.runs_html import render_runs_diff
from extract._cli.runs_html_articles import filter_rows
from extract._cli.runs_page import RunsPage, changed_pairs, stored_texts


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "runs.db"
    first, second = make_store(path)
    return path, first, second


def _diff(store: tuple[Path, str, str], *args: str) -> Result:
    path, first, second = store
    return CliRunner().invoke(runs_group, ["diff", first, second, "--store", str(path), *args])


@pytest.mark.parametrize("extra", [[], ["--html", "{tmp}/d.html"], ["--gold", "{gold}"]])
def test_json_is_the_diff_model_dump_byte_for_byte(
    store: tuple[Path, str, str], tmp_path: Path, extra: list[str]
) -> None:
    gold_dir = write_gold(tmp_path / "gold")
    args = [arg.format(tmp=tmp_path, gold=gold_dir) for arg in extra]
    result = _diff(store, "--json", *args)
    assert result.exit_code == 0, result.output
    expected = diff_runs(store[0], store[1], store[2]).model_dump_json()
    assert result.stdout == expected + "\n"


def test_text_with_gold_adds_the_f1_of_both_runs(
    store: tuple[Path, str, str], tmp_path: Path
) -> None:
    result = _diff(store, "--gold", str(write_gold(tmp_path / "gold")))
    assert result.exit_code == 0, result.output
    texts = {doc_id: TEXTS[doc_id] for doc_id in gold()}
    shared = {doc_id: run_a()[doc_id] for doc_id in gold()}
    old, new = evaluate(gold(), shared, texts), evaluate(gold(), run_b(), texts)
    assert f"fields {old.overall.f1:.3f} -> {new.overall.f1:.3f}" in result.stdout
    stage = f"deal.stage {old.by_field['deal.stage'].f1:.3f} -> {new.by_field['deal.stage'].f1:.3f}"
    assert stage in result.stdout
    assert (
        "~ deal $100 million  counterparty: (not set) -> Kazakh Invest; stage: planned -> agreed"
        in (result.stdout)
    )
    assert "None" not in result.stdout


def test_gold_without_any_article_of_the_runs_is_one_line(
    store: tuple[Path, str, str], tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "zz.json").write_text('{"doc_id": "zz", "deals": [], "plant_facts": []}')
    result = _diff(store, "--gold", str(other), "--html", str(tmp_path / "d.html"))
    assert result.exit_code == 2
    assert "none of its 1 gold articles is in either run" in result.output
    assert not (tmp_path / "d.html").exists()


def test_page_shows_every_change_with_the_stored_text(
    store: tuple[Path, str, str], tmp_path: Path
) -> None:
    html = tmp_path / "d.html"
    result = _diff(store, "--html", str(html))
    assert result.exit_code == 0 and f"wrote {html}" in result.stderr
    page = html.read_text(encoding="utf-8")
    assert re.search(r"Content-Security-Policy\" content=\"default-src 'none'", page)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing to fetch
    sections = re.findall(r'<section class="article" id="article-(\w+)"', page)
    assert sections == ["a", "b", "d"]  # c is the same in both runs
    assert len(re.findall(r"<tr [^>]*data-row", page)) == len(_page(store).rows) == 19
    assert "Zijin Mining Group signed an agreement" in page  # the text, from the store
    assert "<b>model</b>" not in page and "model-A" in page and "model-B" in page
    assert "$100 million" in page and "None" not in page


def test_page_reads_the_texts_of_a_parquet_store_too(
    store: tuple[Path, str, str], tmp_path: Path
) -> None:
    path, first, second = store
    parquet = tmp_path / "parquet-store"
    for run_id in (first, second):
        copy_run(path, run_id, parquet)
    assert stored_texts(parquet, [first, second]) == stored_texts(path, [first, second]) == TEXTS
    html = tmp_path / "p.html"
    args = ["diff", first, second, "--store", str(parquet), "--html", str(html)]
    assert CliRunner().invoke(runs_group, args).exit_code == 0
    assert "Article text not available" not in html.read_text(encoding="utf-8")


def test_changed_records_are_found_whole_in_both_runs(store: tuple[Path, str, str]) -> None:
    built = _page(store).page
    (article,) = [a for a in built.diff.articles if a.doc_id == "a"]
    (pair,) = changed_pairs(article, built.pred_a["a"], built.pred_b["a"])
    assert (pair.a["stage"], pair.b["stage"]) == ("planned", "agreed")
    assert pair.a["investor"] == pair.b["investor"] == "Zijin Mining Group"
    assert pair.a["evidence"] == pair.b["evidence"]


def test_page_without_texts_still_shows_the_records(store: tuple[Path, str, str]) -> None:
    built = _page(store).page
    bare = RunsPage(built.diff, built.manifests, built.pred_a, built.pred_b, {}, "s")
    page = render_runs_diff(bare)
    assert page.count("Article text not available") == len(built.diff.articles)
    assert "<mark" not in page.split("<main>", 1)[1].split('<section class="article"', 1)[1]
    assert stored_texts(Path("/nonexistent/store.db"), ["x"]) == {}


class _Built:
    def __init__(self, page: RunsPage) -> None:
        self.page = page
        self.rows = filter_rows(page)


def _page(store: tuple[Path, str, str]) -> _Built:
    path, first, second = store
    a, b = run_a(), run_b()
    diff = diff_predictions(a, b, run_a=first, run_b=second)
    manifests = ({"model": "model-A"}, {"model": "model-B"})
    return _Built(RunsPage(diff, manifests, a, b, stored_texts(path, [first, second]), str(path)))
