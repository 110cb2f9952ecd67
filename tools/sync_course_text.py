"""Rewrite every piece of course text that is generated from ``sigmoid_lab.course``.

Usage::

    python tools/sync_course_text.py          # rewrite what is out of date, list the files
    python tools/sync_course_text.py --check  # change nothing; exit 1 if anything is stale

After a chapter changes, its time estimate changes with it. This tool recomputes each
chapter's minutes with :func:`sigmoid_lab.course.estimate_minutes`, writes them into
``CHAPTERS`` in ``sigmoid_lab/course.py``, and then rewrites what the tests keep equal to the
package: the time stated at the top of each chapter, the start page's chapter map and
estimate note, the README's chapter table, and the teacher's guide (each chapter's goal line,
lesson plan and "Stop and predict" list, from the chapter's predictions), and each chapter's
"Check yourself" cell from its self-check questions, and the glossary page's table. Run it before
``tools/execute_notebooks.py``; Markdown edits leave the outputs alone.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
COURSE = ROOT / "sigmoid_lab" / "course.py"


def _set_minutes(text: str, file: str, minutes: int) -> str:
    """``CHAPTERS`` with the chapter of ``file`` given ``minutes``."""
    pattern = re.compile(
        rf'(Chapter\(\s*\d+,\s*"{re.escape(file)}",(?:\s*(?:"(?:[^"\\]|\\.)*"\s*)+,){{2}}\s*)'
        r"(\d+)(,?\s*\))"
    )
    new, count = pattern.subn(lambda m: f"{m.group(1)}{minutes}{m.group(3)}", text)
    if count != 1:
        raise SystemExit(f"could not find the CHAPTERS entry of {file} in {COURSE}")
    return new


def _replace_cell(nb, starts_with: str, source: str, occurrence: int = 0) -> None:
    found = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith(starts_with)]
    if len(found) <= occurrence:
        raise SystemExit(f"no cell {occurrence + 1} starting {starts_with!r}")
    found[occurrence].source = source


def _replace_line(nb, starts_with: str, line: str) -> None:
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.split("\n")
        for i, text in enumerate(lines):
            if text.startswith(starts_with):
                lines[i] = line
                cell.source = "\n".join(lines)


def _replace_note(nb, note: str) -> None:
    """Replace the sentence that says how times were estimated, wherever it stands."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(
                r"Times are estimates from each chapter's length:.*?in all\.",
                lambda _: note,
                cell.source,
                flags=re.DOTALL,
            )


def _predict_list(chapter) -> str:
    from sigmoid_lab.checks.predictions import _show
    from sigmoid_lab.checks.questions import chapter as questions

    lines = ["**Stop and predict.** Ask the class before running the cell that answers:", ""]
    for prediction in questions(chapter.number).PREDICTIONS.values():
        outcome = prediction.outcome()
        lines.append(f"- {prediction.question} ({_show(outcome, prediction.unit)}.)")
    return "\n".join(lines)


def sync(check: bool) -> list[Path]:
    """Rewrite the generated text; return the files that were (or would be) changed."""
    import sigmoid_lab.course

    changed: dict[Path, str] = {}
    text = COURSE.read_text(encoding="utf-8")
    new = text
    for chapter in sigmoid_lab.course.CHAPTERS:
        minutes = sigmoid_lab.course.estimate_minutes(NOTEBOOKS / chapter.file)
        new = _set_minutes(new, chapter.file, minutes)
    if new != text:
        changed[COURSE] = new
        if not check:
            COURSE.write_text(new, encoding="utf-8")
    course = importlib.reload(sigmoid_lab.course) if not check else sigmoid_lab.course

    def update(path: Path, edit) -> None:
        before = path.read_text(encoding="utf-8")
        nb = nbformat.reads(before, as_version=4)
        edit(nb)
        after = nbformat.writes(nb) + "\n"
        if after != before:
            changed[path] = after

    for chapter in course.CHAPTERS:

        def opening(nb, chapter=chapter):
            for cell in nb.cells[:3]:
                if cell.cell_type == "markdown" and re.search(r"\b\d+ min\b", cell.source):
                    cell.source = re.sub(
                        r"\b\d+ min\b", f"{chapter.minutes} min", cell.source, count=1
                    )
                    break

        def self_check(nb, chapter=chapter):
            from sigmoid_lab.checks.questions import chapter as questions
            from sigmoid_lab.checks.selfcheck import self_check_markdown

            questions_ = questions(chapter.number).SELF_CHECK
            _replace_cell(nb, "## Check yourself", self_check_markdown(questions_))

        update(NOTEBOOKS / chapter.file, opening)
        update(NOTEBOOKS / chapter.file, self_check)

    def start_page(nb):
        _replace_cell(nb, "| Article section |", course.chapter_map_markdown())
        _replace_note(nb, course.time_estimate_note())
        total = sum(chapter.minutes for chapter in course.CHAPTERS)
        for cell in nb.cells:
            cell.source = re.sub(
                r"takes about \d+ h \d+ min in all",
                f"takes about {total // 60} h {total % 60:02d} min in all",
                cell.source,
            )

    update(NOTEBOOKS / course.CONTENTS, start_page)

    def guide(nb):
        _replace_note(nb, course.time_estimate_note())
        for i, chapter in enumerate(course.CHAPTERS):
            _replace_cell(
                nb, "| Section | Minutes | Clock |", course.lesson_plan_markdown(chapter), i
            )
            _replace_line(
                nb,
                f"**Goal.** {chapter.goal.split('.')[0]}",
                f"**Goal.** {chapter.goal} **Follows** {chapter.article_section}. "
                f"**Time:** {chapter.minutes} min.",
            )
            stops = [
                c
                for c in nb.cells
                if c.cell_type == "markdown" and c.source.startswith("**Stop and predict.**")
            ]
            cell = stops[i]
            rest = cell.source.split("\n\n**", 1)
            tail = f"\n\n**{rest[1]}" if len(rest) == 2 else ""
            cell.source = _predict_list(chapter) + tail

    update(NOTEBOOKS / "teachers-guide.ipynb", guide)

    def glossary_page(nb):
        from sigmoid_lab.glossary import glossary_markdown

        table = glossary_markdown()
        header = table.split("\n", 1)[0]
        for cell in nb.cells:
            if cell.cell_type == "markdown" and header in cell.source:
                cell.source = cell.source[: cell.source.index(header)] + table

    update(NOTEBOOKS / "glossary.ipynb", glossary_page)

    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split("<!-- chapters -->", 1)
    _, tail = rest.split("<!-- /chapters -->", 1)
    new = f"{head}<!-- chapters -->\n{course.chapter_table_markdown()}\n<!-- /chapters -->{tail}"
    if new != text:
        changed[readme] = new

    if not check:
        for path, content in changed.items():
            path.write_text(content, encoding="utf-8")
    return sorted(changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is stale")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    changed = sync(args.check)
    for path in changed:
        print(("stale: " if args.check else "rewrote: ") + str(path.relative_to(ROOT)))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
