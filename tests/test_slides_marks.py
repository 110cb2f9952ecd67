"""Every chapter is marked for slides by tools/mark_slides.py's rule, as a talk-sized deck."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from sigmoid_lab.course import CHAPTERS

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("mark_slides", ROOT / "tools" / "mark_slides.py")
mark_slides = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mark_slides)


def test_every_chapter_carries_the_slide_types_of_the_rule():
    assert mark_slides.main(["--check"]) == 0, "run: python tools/mark_slides.py"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.file)
def test_each_chapter_makes_a_talk_of_15_to_50_slides(chapter):
    # 45 seconds to a minute a slide: a 20 to 40-minute talk. The longest chapter (4, two
    # hours of work for a student) is the one that needs 50.
    notebook = nbformat.read(ROOT / chapter.path, as_version=4)
    kinds = Counter(c.metadata.get("slideshow", {}).get("slide_type", "-") for c in notebook.cells)
    assert 15 <= kinds["slide"] + kinds["subslide"] <= 50, kinds
    assert notebook.cells[0].metadata["slideshow"]["slide_type"] == "slide"


def test_the_rule_on_a_small_chapter():
    cell = nbformat.v4
    cells = [
        cell.new_markdown_cell("# Title"),
        cell.new_code_cell("import sigmoid_lab as sl"),
        cell.new_markdown_cell("## 1.1 A section"),
        cell.new_markdown_cell("More text."),
        cell.new_code_cell("print(1)"),
        cell.new_markdown_cell("What to notice."),
        cell.new_markdown_cell("Move the slider."),
        cell.new_code_cell("neuron_explorer()"),
        cell.new_code_cell("sl.static_figure(fig, alt='...')"),
        cell.new_markdown_cell("## Exercises"),
        cell.new_code_cell("def my_neuron(): ..."),
        cell.new_markdown_cell("## Summary"),
        cell.new_markdown_cell("[Contents](00-start-here.ipynb)"),
    ]
    assert mark_slides.slide_types(cells) == [
        "slide",
        "skip",
        "slide",
        "-",
        "fragment",
        "subslide",
        "-",
        "-",
        "skip",
        "slide",
        "skip",
        "slide",
        "skip",
    ]
