"""Printable handouts: every chapter prints to a PDF that holds all of its section headings.

``tools/build_handouts.py`` prints each chapter's web page with Debian's Chromium; this test
runs it on the site the session built and reads the PDFs back with pypdf.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path

import nbformat
import pypdf
import pytest

from sigmoid_lab.course import CHAPTERS

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "build_handouts", ROOT / "tools" / "build_handouts.py"
)
build_handouts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_handouts)


def _plain(text: str) -> str:
    """Text compared without layout: ligatures undone, quotes straightened, no whitespace."""
    text = unicodedata.normalize("NFKC", text).replace("`", "")
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))
    return re.sub(r"\s+", "", text)


def _headings(chapter) -> list[str]:
    notebook = nbformat.read(ROOT / chapter.path, as_version=4)
    return [
        line.lstrip("#").strip()
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if re.match(r"#{1,3} ", line)
    ]


@pytest.fixture(scope="module")
def handouts(site, browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    return build_handouts.print_chapters(site, out, browser)


def test_every_chapter_prints_with_all_its_headings(handouts):
    assert [path.stem for path in handouts] == [c.file.removesuffix(".ipynb") for c in CHAPTERS]
    for chapter, path in zip(CHAPTERS, handouts, strict=True):
        reader = pypdf.PdfReader(path)
        assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4 portrait
        text = _plain(" ".join(page.extract_text() for page in reader.pages))
        missing = [h for h in _headings(chapter) if _plain(h) not in text]
        assert not missing, f"{path.name} lacks the headings {missing}"
        # Printed pages carry the static figures, not the live ones' placeholders.
        assert "Runthiscell" not in text
