"""The references: oldest first, every chapter with further reading, the page as generated."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from sigmoid_lab import references
from sigmoid_lab.course import CHAPTERS

PAGE = Path(__file__).resolve().parents[1] / "notebooks" / "references.ipynb"


def test_references_are_oldest_first_with_unique_keys():
    years = [reference.year for reference in references.REFERENCES]
    assert years == sorted(years)
    keys = [reference.key for reference in references.REFERENCES]
    assert len(set(keys)) == len(keys)
    for reference in references.REFERENCES:
        assert reference.key.endswith(str(reference.year)), reference.key


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.file)
def test_every_chapter_has_further_reading(chapter):
    text = references.further_reading_markdown(chapter.number)
    assert text.startswith("**Further reading**")
    assert text.count("\n- ") >= 1


def test_every_reference_belongs_to_a_real_chapter():
    numbers = {chapter.number for chapter in CHAPTERS}
    for reference in references.REFERENCES:
        assert reference.chapters and set(reference.chapters) <= numbers, reference.key


def test_the_references_page_shows_the_generated_timeline():
    page = nbformat.read(PAGE, as_version=4)
    cells = [cell.source for cell in page.cells if cell.cell_type == "markdown"]
    assert references.timeline_markdown() in cells


def test_unknown_keys_and_chapters_are_named():
    with pytest.raises(KeyError, match="glorot2010"):
        references.get("nobody1900")
    with pytest.raises(ValueError, match="chapter 9"):
        references.further_reading_markdown(9)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.file)
def test_every_chapter_ends_with_its_further_reading(chapter):
    notebook = nbformat.read(PAGE.parent / chapter.file, as_version=4)
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    assert any(references.further_reading_markdown(chapter.number) in text for text in cells)
