from pathlib import Path

import pytest
from training_helpers import ARTICLE, fake_checker, write_labelled

from training._cli import main
from training._data import (
    DataError,
    check_reserved,
    load_labelled,
    refuse_test_split,
    split_front_matter,
)

ROOT = Path(__file__).resolve().parents[2]


def test_front_matter_is_cut_and_read() -> None:
    header, body = split_front_matter("---\ntitle: T\npublished: 2024-06-03\n---\nHead\n\nBody")
    assert header == {"title": "T", "published": "2024-06-03"}
    assert body == "Head\n\nBody"
    assert split_front_matter("No header") == ({}, "No header")


def test_labelled_directory_is_read_with_header_cut(tmp_path: Path, ok_checker: Path) -> None:
    labelled = write_labelled(tmp_path / "tune", header="---\npublished: 2024-06-03\n---\n")
    [article] = load_labelled([labelled], ok_checker)
    assert article.doc_id == "a1" and article.text == ARTICLE
    assert article.published == "2024-06-03"
    assert len(article.gold.deals) == 1 and len(article.gold.plant_facts) == 1


def test_seed_gold_layout_skips_the_schema_file() -> None:
    articles = load_labelled([ROOT / "gold"])
    assert len(articles) == 5
    assert all(a.article_path.parent == ROOT / "gold" / "articles" for a in articles)


@pytest.mark.parametrize("split", ["corpus/test", "corpus/test/gold", "corpus/tune/../test"])
def test_a_test_split_is_refused(split: str) -> None:
    with pytest.raises(DataError, match="test split is never used"):
        refuse_test_split(ROOT / split)


def test_a_symlink_into_a_test_split_is_refused(tmp_path: Path, ok_checker: Path) -> None:
    real = write_labelled(tmp_path / "test")
    link = tmp_path / "innocent"
    link.symlink_to(real)
    with pytest.raises(DataError, match="test split"):
        load_labelled([link], ok_checker)


def test_a_reserved_article_stops_everything(tmp_path: Path) -> None:
    labelled = write_labelled(tmp_path / "tune")
    with pytest.raises(DataError, match="RESERVED"):
        load_labelled([labelled], fake_checker(tmp_path, "RESERVED (overlap 40 %)"))


def test_a_missing_checker_refuses_rather_than_skips(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="check-reserved not found"):
        check_reserved([tmp_path / "a.txt"], tmp_path / "nowhere")


def test_the_real_checker_passes_the_seed_articles() -> None:
    check_reserved(sorted((ROOT / "gold" / "articles").glob("*.txt")))


def test_evidence_not_in_its_article_is_an_error(tmp_path: Path, ok_checker: Path) -> None:
    from training_helpers import GOLD

    broken = {**GOLD, "plant_facts": [{**GOLD["plant_facts"][0], "evidence": "Not there."}]}
    labelled = write_labelled(tmp_path / "tune", gold=broken)
    with pytest.raises(DataError, match=r"a1\.json: evidence 'Not there\.'"):
        load_labelled([labelled], ok_checker)


def test_gold_without_its_article_is_an_error(tmp_path: Path, ok_checker: Path) -> None:
    labelled = write_labelled(tmp_path / "tune")
    (labelled / "articles" / "a1.txt").unlink()
    with pytest.raises(DataError, match=r"no article for gold file a1\.json"):
        load_labelled([labelled], ok_checker)


def test_cli_refuses_a_test_split_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--train", "gold", str(ROOT / "corpus" / "test"), "--out", "x"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("a test split is never used for training") and "\n" not in err


def test_cli_refuses_reserved_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    labelled = write_labelled(tmp_path / "tune")
    monkeypatch.setenv(
        "ASSAY_CHECK_RESERVED", str(fake_checker(tmp_path, "RESERVED (overlap 90 %)"))
    )
    assert main(["--train", str(labelled), "--out", str(tmp_path / "out")]) == 1
    assert "check-reserved refused the training data" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
