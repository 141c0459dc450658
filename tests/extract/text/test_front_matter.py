"""The front-matter header of an article file: provenance apart from the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract._errors import InputError
from extract._text.front_matter import KEYS, has_front_matter, split_front_matter

BODY = "KAZ Minerals to build copper plant\n\nA new $1.5 billion copper plant will be built.\n"
HEADER = (
    "---\n"
    "title: KAZ Minerals to build copper plant: a $1.5 billion project\n"
    "source: https://example.com/news/kaz-minerals?utm=1\n"
    "outlet: Kursiv Media\n"
    "published: 2024-06-03\n"
    "region: central_asia\n"
    "kind: genre\n"
    "group: kaz-copper\n"
    "---\n"
)


def test_the_header_is_read_and_the_text_starts_after_it() -> None:
    header, body = split_front_matter(HEADER + BODY, "a.txt")
    assert body == BODY
    assert header is not None and set(header) == set(KEYS)
    # A value keeps its own colons and '?': only the first colon separates the key.
    assert header["title"] == "KAZ Minerals to build copper plant: a $1.5 billion project"
    assert header["source"] == "https://example.com/news/kaz-minerals?utm=1"
    assert header["published"] == "2024-06-03"


def test_evidence_offsets_count_from_after_the_header() -> None:
    _, body = split_front_matter(HEADER + BODY, "a.txt")
    assert body.index("A new $1.5 billion") == BODY.index("A new $1.5 billion")


def test_a_text_without_a_header_is_returned_whole() -> None:
    text = "Kazakhstan -- the ore\n---\ntitle: not a header\n"
    assert split_front_matter(text, "a.txt") == (None, text)
    assert not has_front_matter(text)


def test_crlf_lines_and_blank_lines_in_the_header_are_accepted() -> None:
    text = "---\r\ntitle: A plant\r\n\r\nkind: genre\r\n---\r\nThe body.\r\n"
    header, body = split_front_matter(text, "a.txt")
    assert header == {"title": "A plant", "kind": "genre"}
    assert body == "The body.\r\n"


def test_a_header_closing_at_the_end_of_the_file_leaves_an_empty_text() -> None:
    assert split_front_matter("---\ntitle: A\n---", "a.txt") == ({"title": "A"}, "")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("---\ntitle: A\nThe body.\n", "never closed"),
        ("---", "never closed"),
        ("---\ntitle: A\nauthor: B\n---\nbody", "line 3: unknown key 'author'"),
        ("---\nTitle: A\n---\nbody", "line 2: unknown key 'Title'"),
        ("---\ntitle A\n---\nbody", "line 2: expected 'key: value', got 'title A'"),
        ("---\n: A\n---\nbody", "line 2: expected 'key: value'"),
        ("---\ntitle: A\ntitle: B\n---\nbody", "line 3: 'title' repeats an earlier line"),
        ("---\nsource:   \n---\nbody", "line 2: 'source' has no value"),
    ],
)
def test_a_bad_header_is_one_line_naming_the_file_and_the_problem(text: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        split_front_matter(text, "corpus/x.txt")
    message = str(caught.value)
    assert message.startswith("corpus/x.txt: ") and problem in message and "\n" not in message


@given(st.dictionaries(st.sampled_from(KEYS), st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1).map(str.strip)
    .filter(bool)), st.text())  # fmt: skip
def test_any_written_header_reads_back_with_the_text_untouched(
    header: dict[str, str], body: str
) -> None:
    text = "---\n" + "".join(f"{key}: {value}\n" for key, value in header.items()) + "---\n"
    assert split_front_matter(text + body, "a.txt") == (header, body)
