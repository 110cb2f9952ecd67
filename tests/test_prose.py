"""One spelling and one way of citing sections, in everything a learner reads.

The course writes British English (initialise, behaviour, colour) in its notebooks; names in
code keep their libraries' spelling (``color=``), and the titles of cited works keep theirs.
The course's own sections are "§4.2"; the article's are always "article §2.2".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(
    p
    for p in (ROOT / "notebooks").rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts and "zh" not in p.relative_to(ROOT).parts
)
#: Cited works keep the spelling of their titles: the references page and the further-reading
#: cell that ends each chapter.
CITATIONS = ("references.ipynb",)

#: American spellings and the British form the course uses.
AMERICAN = {
    r"\binitializ\w*": "initialis…",
    r"\bnormaliz\w*": "normalis…",
    r"\bregulariz\w*": "regularis…",
    r"\bminimiz\w*": "minimis…",
    r"\bmaximiz\w*": "maximis…",
    r"\boptimiz\w*": "optimis…",
    r"\bgeneraliz\w*": "generalis…",
    r"\bsummariz\w*": "summaris…",
    r"\brecogniz\w*": "recognis…",
    r"\bvisualiz\w*": "visualis…",
    r"\bparameteriz\w*": "parameteris…",
    r"\bbehavior\w*": "behaviour",
    r"\bcolor(s|ed|ful)?\b": "colour",
    r"\bcenter(s|ed)?\b": "centre",
    r"\bmodeled\b|\bmodeling\b": "modelled, modelling",
    r"\blabeled\b|\blabeling\b": "labelled, labelling",
    r"\banalyz\w*": "analys…",
}
PATTERN = re.compile("|".join(f"(?:{p})" for p in AMERICAN), flags=re.IGNORECASE)
CODE = re.compile(r"`[^`\n]*`|\$[^$\n]*\$|https?://\S+|\]\([^)]*\)")


def prose(text: str) -> str:
    """Text without inline code, math, URLs and link targets."""
    return CODE.sub(" ", text)


def markdown_cells(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            yield cell.get("id", "?"), "".join(cell["source"])


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.name not in CITATIONS], ids=lambda p: p.name
)
def test_notebook_prose_is_british(path):
    found = [
        f"{cell_id}: {match.group()!r}"
        for cell_id, text in markdown_cells(path)
        if not text.startswith("**Further reading**")
        for match in PATTERN.finditer(prose(text))
    ]
    assert not found, found


ARTICLE_SECTIONS = {"1", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.3", "4", "5", "6"}


def _course_sections() -> set[str]:
    sections = set()
    for path in NOTEBOOKS:
        for _, text in markdown_cells(path):
            sections |= set(re.findall(r"^##+ (\d+(?:\.\d+)*)\b", text, flags=re.MULTILINE))
    chapters = {p.name[1] for p in NOTEBOOKS if re.match(r"0[1-6]-", p.name)}
    return sections | chapters


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_section_references_say_whose_section(path):
    course = _course_sections()
    problems = []
    for cell_id, text in markdown_cells(path):
        for match in re.finditer(
            r"(article(?:'s)?\s+)?§\s*(\d+(?:\.\d+)*)(\s*[\u4e00-\u9fff])?", text
        ):
            number = match.group(2)
            if match.group(3) and not match.group(1):
                problems.append(
                    f"{cell_id}: §{number} is followed by the article's title: write 'article "
                    f"§{number}'"
                )
            elif match.group(1):
                if number not in ARTICLE_SECTIONS:
                    problems.append(f"{cell_id}: article §{number} does not exist")
            elif number not in course:
                problems.append(
                    f"{cell_id}: §{number} is not a section of the course; write 'article "
                    f"§{number}' for the article's"
                )
    assert not problems, problems
