"""Mark every chapter's cells for presenting as slides (jupyterlab-slideshow, RISE, nbconvert).

Usage::

    python tools/mark_slides.py            # write the slide types into every chapter
    python tools/mark_slides.py --check    # exit 1 if a chapter's slide types are out of date

A chapter becomes a talk by one rule, so that a teacher gets the same shape in every chapter
and a changed chapter is re-marked with one command:

- the title, each ``##`` section and the exercises start a new **slide**;
- each ``###`` heading and each paragraph that follows a demonstration start a **subslide**
  (a step down in the same section); a live explorer joins the paragraph that introduces it,
  or starts a subslide of its own;
- a code cell is a **fragment**: its result appears on the next click, after the class has
  had a moment to predict it;
- the imports cell, a static figure that only repeats the live explorer above it, the
  exercises (the heading stays, as a slide that sends the class to their notebooks; an
  exercise's code cell is skipped wherever it stands), a prediction's guess cell
  (``my_guess = ...``: the class answers aloud) and the navigation line are **skipped**
  (they still run with *Run All*); a paragraph after a skipped cell continues its slide.

Everything else continues the current slide. The metadata is the standard
``cell.metadata.slideshow.slide_type`` that every Jupyter slide tool reads; a cell that
continues the current slide carries none (nbconvert reads that as ``"-"``, and
jupyterlab-slideshow does not know ``"-"``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sigmoid_lab.course import CHAPTERS  # noqa: E402

EXPLORER = "_explorer("


def _is_heading(cell, level: int) -> bool:
    return cell.cell_type == "markdown" and cell.source.startswith("#" * level + " ")


def _is_guess(cell) -> bool:
    """A prediction's guess cell: ``my_guess = ...``, which the class answers aloud."""
    return any(
        line.rstrip().split("#")[0].rstrip().endswith("= ...") for line in cell.source.splitlines()
    )


def slide_types(cells) -> list[str]:
    """The slide type of each cell of a chapter, by the rule in the module docstring."""
    types = []
    first_code = next((i for i, cell in enumerate(cells) if cell.cell_type == "code"), None)
    previous_code = None
    in_exercises = False
    for index, cell in enumerate(cells):
        if _is_heading(cell, 2):
            in_exercises = cell.source.startswith("## Exercises")
        if index == 0 or _is_heading(cell, 2):
            kind = "slide"
        elif in_exercises:
            kind = "skip"
        elif index == len(cells) - 1 or index == first_code:
            kind = "skip"
        elif _is_heading(cell, 3):
            kind = "subslide"
        elif cell.cell_type == "code" and (
            "raise NotImplementedError" in cell.source or _is_guess(cell)
        ):
            kind = "skip"
        elif cell.cell_type == "code" and EXPLORER in cell.source:
            kind = "-" if cells[index - 1].cell_type == "markdown" else "subslide"
        elif (
            cell.cell_type == "code"
            and "static_figure(" in cell.source
            and previous_code is not None
            and EXPLORER in previous_code.source
        ):
            kind = "skip"
        elif cell.cell_type == "code":
            kind = "fragment"
        elif cells[index - 1].cell_type == "code" and types[-1] != "skip":
            kind = "subslide"
        else:
            kind = "-"
        types.append(kind)
        if cell.cell_type == "code":
            previous_code = cell
    return types


def mark(path: Path, *, check: bool) -> bool:
    """Set (or, with ``check``, compare) the slide types of one notebook; True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    changed = False
    for cell, kind in zip(notebook.cells, slide_types(notebook.cells), strict=True):
        current = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if current != kind or ("slideshow" in cell.metadata and kind == "-"):
            changed = True
            if kind == "-":
                cell.metadata.pop("slideshow", None)
            else:
                cell.metadata["slideshow"] = {"slide_type": kind}
    if changed and not check:
        nbformat.write(notebook, path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report chapters to re-mark")
    args = parser.parse_args(argv)
    stale = []
    for chapter in CHAPTERS:
        path = ROOT / chapter.path
        if mark(path, check=args.check):
            stale.append(chapter.path)
    if args.check and stale:
        print("Slide types out of date (run python tools/mark_slides.py):", *stale, sep="\n  ")
        return 1
    for path in stale:
        print(f"marked {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
