"""The course hangs together: chapters, Binder links, navigation and README from course.py."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from sigmoid_lab import course

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
ALL_NOTEBOOKS = sorted(
    p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
)
LINK = re.compile(r"\]\(([^)\s]+)\)")
BINDER_PREFIX = "https://mybinder.org/v2/"


def _markdown(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


def _links(text: str) -> list[str]:
    return LINK.findall(text)


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_binder_url_is_built_from_the_one_repository_setting(monkeypatch):
    url = course.binder_url("notebooks/04-train-a-classifier.ipynb")
    assert url == (
        f"https://mybinder.org/v2/gh/{course.REPOSITORY}/{course.BRANCH}"
        "?urlpath=lab/tree/notebooks/04-train-a-classifier.ipynb"
    )
    # A fork changes one line, and every generated link follows it.
    monkeypatch.setattr(course, "REPOSITORY", "a-fork/sigmoid-lab")
    monkeypatch.setattr(course, "BRANCH", "teaching")
    assert "gh/a-fork/sigmoid-lab/teaching?" in course.binder_badge_markdown()
    assert "gh/a-fork/sigmoid-lab/teaching?" in course.chapter_map_markdown()


def test_chapters_are_numbered_in_order_and_name_real_notebooks():
    assert [c.number for c in course.CHAPTERS] == list(range(1, len(course.CHAPTERS) + 1))
    for chapter in course.CHAPTERS:
        assert chapter.file.startswith(f"{chapter.number:02d}-")
        assert (NOTEBOOKS / chapter.file).is_file(), f"missing {chapter.path}"
        assert (NOTEBOOKS / chapter.solutions_file).is_file(), (
            f"missing notebooks/{chapter.solutions_file}"
        )
    assert (NOTEBOOKS / course.CONTENTS).is_file()


def test_get_chapter_names_the_choices_when_it_fails():
    assert course.get_chapter(4).file == "04-train-a-classifier.ipynb"
    assert course.get_chapter("05-go-beyond-the-sigmoid.ipynb").number == 5
    with pytest.raises(KeyError, match=r"01-build-a-neuron\.ipynb"):
        course.get_chapter("07-nothing.ipynb")


def test_navigation_links_previous_contents_next():
    first = course.navigation_markdown(course.CHAPTERS[0].file)
    middle = course.navigation_markdown("04-train-a-classifier.ipynb")
    last = course.navigation_markdown(course.CHAPTERS[-1].file)
    assert "Previous" not in first and "Next" in first
    assert _links(middle) == [
        "03-follow-the-gradient.ipynb",
        course.CONTENTS,
        "05-go-beyond-the-sigmoid.ipynb",
    ]
    assert "Next" not in last and "Previous" in last


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_relative)
def test_every_binder_link_uses_the_setting_and_opens_a_real_file(path):
    prefix = f"https://mybinder.org/v2/gh/{course.REPOSITORY}/{course.BRANCH}?urlpath=lab/tree/"
    for text in _markdown(path):
        for link in _links(text):
            if not link.startswith(BINDER_PREFIX):
                continue
            assert link.startswith(prefix), f"{link} does not use course.REPOSITORY/BRANCH"
            target = link.removeprefix(prefix)
            assert (ROOT / target).is_file(), f"{link} opens {target}, which does not exist"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_relative)
def test_every_relative_notebook_link_resolves(path):
    for text in _markdown(path):
        for link in _links(text):
            if "://" in link or link.startswith("#"):
                continue
            target = (path.parent / link.split("#", 1)[0]).resolve()
            assert target.exists(), f"{_relative(path)} links to {link}, which does not exist"


@pytest.mark.parametrize("chapter", course.CHAPTERS, ids=lambda c: c.file)
def test_each_chapter_ends_with_previous_contents_next(chapter):
    cells = _markdown(NOTEBOOKS / chapter.file)
    links = set(_links(cells[-1]))
    index = course.CHAPTERS.index(chapter)
    expected = {course.CONTENTS}
    if index > 0:
        expected.add(course.CHAPTERS[index - 1].file)
    if index + 1 < len(course.CHAPTERS):
        expected.add(course.CHAPTERS[index + 1].file)
    assert expected <= links, f"the last cell of {chapter.file} should link to {sorted(expected)}"


@pytest.mark.parametrize("chapter", course.CHAPTERS, ids=lambda c: c.file)
def test_each_chapter_title_and_time_match_the_table(chapter):
    # The README and the start page promise a title, an article section and a time; the
    # chapter itself must say the same.
    cells = _markdown(NOTEBOOKS / chapter.file)
    title = cells[0].splitlines()[0]
    assert title.startswith("# "), f"{chapter.file} should open with a '# ' title"
    assert chapter.title.lower() in title.lower(), f"{title!r} lacks {chapter.title!r}"
    assert chapter.article_title in title, f"{title!r} lacks {chapter.article_title!r}"
    opening = "\n".join(cells[:3])
    assert re.search(rf"\b{chapter.minutes} min", opening), (
        f"{chapter.file} should state its time to learn, {chapter.minutes} minutes, near the top"
    )


def test_start_page_shows_the_chapter_map_with_a_binder_link_per_chapter():
    cells = _markdown(NOTEBOOKS / course.CONTENTS)
    assert course.chapter_map_markdown() in cells, (
        "the start page's chapter map differs from course.chapter_map_markdown()"
    )
    links = [link for text in cells for link in _links(text)]
    for chapter in course.CHAPTERS:
        assert course.binder_url(chapter.path) in links
        assert chapter.file in links


def test_readme_chapter_table_matches_the_course():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "<!-- chapters -->" in text and "<!-- /chapters -->" in text
    table = text.split("<!-- chapters -->", 1)[1].split("<!-- /chapters -->", 1)[0].strip()
    expected = course.chapter_table_markdown()
    assert table == expected, (
        "README.md's chapter table is out of date; paste this between the chapters markers:\n"
        + expected
    )


def test_readme_binder_links_use_the_setting():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    prefix = f"https://mybinder.org/v2/gh/{course.REPOSITORY}/{course.BRANCH}?urlpath=lab/tree/"
    binder = [link for link in _links(text) if link.startswith(BINDER_PREFIX)]
    assert binder, "README.md should have a Binder badge"
    for link in binder:
        assert link.startswith(prefix), link
        assert (ROOT / link.removeprefix(prefix)).is_file(), link


def test_chapter_4_quotes_the_articles_code_exactly_and_runs_it():
    # The lesson starts from the article's code as printed; a linter's autofix (np.int ->
    # int) or a formatter (blank lines) must never touch it.
    from sigmoid_lab.article import ARTICLE_CODE

    notebook = nbformat.read(NOTEBOOKS / "04-train-a-classifier.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    quoted = [cell for cell in code if cell.source == ARTICLE_CODE]
    fixed = [cell for cell in code if cell.source == ARTICLE_CODE.replace("np.int)", "int)")]
    assert len(quoted) == 1 and len(fixed) == 1
    for cell, error in ((quoted[0], "AttributeError"), (fixed[0], "ValueError")):
        assert "raises-exception" in cell.metadata.get("tags", [])
        errors = [out for out in cell.get("outputs", []) if out.output_type == "error"]
        assert [out.ename for out in errors] == [error]
    assert "np.int" in quoted[0].outputs[-1].evalue
    assert "non-broadcastable output operand" in fixed[0].outputs[-1].evalue


@pytest.mark.parametrize("chapter", course.CHAPTERS, ids=lambda c: c.file)
def test_each_chapter_time_is_its_estimate(chapter):
    estimate = course.estimate_minutes(NOTEBOOKS / chapter.file)
    assert chapter.minutes == estimate, (
        f"{chapter.file} has grown or shrunk: its time to learn is now {estimate} min; update "
        "course.CHAPTERS, the chapter's 'Time to learn' line, the start page and the README"
    )


def test_the_start_page_says_how_times_were_estimated():
    assert course.time_estimate_note() in "\n".join(_markdown(NOTEBOOKS / course.CONTENTS))


def test_estimate_counts_reading_cells_exercises_and_explorers():
    cell = nbformat.v4
    notebook = cell.new_notebook(
        cells=[
            cell.new_markdown_cell(" ".join(["word"] * 1500)),  # 10 min of reading
            cell.new_markdown_cell("### Exercise 1: try"),  # 8 min
            *[cell.new_code_cell("x = 1") for _ in range(4)],  # 3 min
            cell.new_code_cell("neuron_explorer()"),  # 3 + 0.75 min
        ]
    )
    assert course.estimate_minutes(notebook) == 25  # 24.75 rounded to 5


def test_the_teachers_guide_shows_each_chapters_lesson_plan():
    guide = "\n".join(_markdown(NOTEBOOKS / "teachers-guide.ipynb"))
    for chapter in course.CHAPTERS:
        assert course.lesson_plan_markdown(chapter) in guide, (
            f"the teacher's guide's plan for {chapter.file} is out of date"
        )
        assert f"({chapter.solutions_file})" in guide
    assert course.time_estimate_note() in guide


@pytest.mark.parametrize("chapter", course.CHAPTERS, ids=lambda c: c.file)
def test_a_lesson_plan_adds_up_to_about_the_chapters_time(chapter):
    plan = course.section_minutes(NOTEBOOKS / chapter.file)
    assert plan[0][0] == "Introduction" and len(plan) >= 4
    # Rounded per section and per chapter, the two totals differ by a few minutes at most.
    assert abs(sum(minutes for _, minutes in plan) - chapter.minutes) <= 5


def test_the_text_generated_from_the_course_is_up_to_date():
    """Chapter times, the start page's map, the README table, the teacher's guide, the
    self-check cells and the glossary page: ``python tools/sync_course_text.py`` rewrites them."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "sync_course_text", ROOT / "tools" / "sync_course_text.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.sync(check=True) == [], "run: python tools/sync_course_text.py"
