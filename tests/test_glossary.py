"""The bilingual glossary: sorted, quoted from the article where it says so, shown as generated."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from sigmoid_lab import glossary
from sigmoid_lab.course import CHAPTERS, CONTENTS

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT.parent / "shared" / "seed" / "000_5845b3a8f8d195dd.txt"
PAGE = ROOT / "notebooks" / "glossary.ipynb"


def test_terms_are_unique_and_in_alphabetical_order():
    names = [term.english.lower() for term in glossary.TERMS]
    assert names == sorted(names)
    assert len(set(names)) == len(names)
    assert len({term.chinese for term in glossary.TERMS}) == len(glossary.TERMS)


@pytest.mark.parametrize(
    "term", [t for t in glossary.TERMS if t.in_article], ids=lambda t: t.english
)
def test_the_articles_own_words_are_quoted_exactly(term):
    if not ARTICLE.is_file():
        # The article sits beside the repository in the project's workspace and in CI.
        message = f"the seed article is not at {ARTICLE}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert term.chinese in ARTICLE.read_text(encoding="utf-8")


def test_each_term_names_a_real_chapter():
    numbers = {0} | {chapter.number for chapter in CHAPTERS}
    for term in glossary.TERMS:
        assert term.chapter in numbers, term


def test_the_glossary_page_shows_the_generated_table():
    cells = [
        c.source for c in nbformat.read(PAGE, as_version=4).cells if c.cell_type == "markdown"
    ]
    assert glossary.glossary_markdown() in cells, (
        "notebooks/glossary.ipynb is out of date; replace its table with "
        "sigmoid_lab.glossary.glossary_markdown()"
    )
    assert f"[Contents]({CONTENTS})" in cells[-1]


def test_lookup_is_case_blind_and_lists_the_terms_when_it_fails():
    assert glossary.lookup("LOGISTIC REGRESSION").chinese == "逻辑回归"
    with pytest.raises(KeyError, match="sigmoid function"):
        glossary.lookup("perceptron")
