"""The course's table of contents, its Binder links and its navigation, from one setting.

A fork changes :data:`REPOSITORY` (and :data:`BRANCH` if needed) and nothing else: the start
page's chapter map, every chapter's launch badge and navigation links, and the README's
chapter table are generated from here, and ``tests/test_course.py`` checks that the committed
notebooks and the README agree with it.

To print the README table after changing a chapter::

    python -c "import sigmoid_lab.course as c; print(c.chapter_table_markdown())"
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from sigmoid_lab.article import ARTICLE_SECTIONS

__all__ = [
    "BINDER_BADGE_IMAGE",
    "BRANCH",
    "CHAPTERS",
    "CONTENTS",
    "REPOSITORY",
    "Chapter",
    "binder_badge_markdown",
    "binder_url",
    "chapter_map_markdown",
    "chapter_table_markdown",
    "estimate_minutes",
    "get_chapter",
    "git_pull_link",
    "lesson_plan_markdown",
    "navigation_markdown",
    "repository_url",
    "section_minutes",
    "time_estimate_note",
]

#: The GitHub repository Binder builds, as ``owner/name``. A fork changes this line.
REPOSITORY = "sigmoid-lab/sigmoid-lab"
#: The branch Binder builds and JupyterHub links pull.
BRANCH = "main"
#: The folder a JupyterHub link pulls the course into, inside each student's home.
PULL_FOLDER = "sigmoid-lab"

BINDER_BADGE_IMAGE = "https://mybinder.org/badge_logo.svg"
#: The start page, which is also the table of contents.
CONTENTS = "00-start-here.ipynb"


@dataclass(frozen=True)
class Chapter:
    """One chapter of the course.

    Attributes
    ----------
    number : int
        The chapter number, which is also the article section it follows.
    file : str
        The notebook's file name inside ``notebooks/``.
    title : str
        The English title, starting with a verb.
    goal : str
        One line: what a learner can do after the chapter.
    minutes : int
        Time to learn, in minutes: :func:`estimate_minutes` of the notebook, which
        ``tests/test_course.py`` keeps it equal to.
    """

    number: int
    file: str
    title: str
    goal: str
    minutes: int

    @property
    def article_title(self) -> str:
        """The article's Chinese section title, as printed in the article."""
        return ARTICLE_SECTIONS[self.number]

    @property
    def article_section(self) -> str:
        """The section number and title, e.g. ``"article §4 具体代码实例和详细解释说明"``."""
        return f"article §{self.number} {self.article_title}"

    @property
    def path(self) -> str:
        """The notebook's path from the repository root."""
        return f"notebooks/{self.file}"

    @property
    def solutions_file(self) -> str:
        """The solutions notebook's path inside ``notebooks/``."""
        return f"solutions/{self.file.removesuffix('.ipynb')}-solutions.ipynb"


#: The chapters in reading order. The start page is not a chapter: it is the contents.
CHAPTERS = (
    Chapter(
        1,
        "01-build-a-neuron.ipynb",
        "Build a neuron",
        "See a neuron as a weighted sum plus an activation, and why the nonlinearity matters.",
        70,
    ),
    Chapter(
        2,
        "02-meet-the-sigmoid.ipynb",
        "Meet the sigmoid",
        "Check each property of σ, compute it without overflow, and test the article's claims.",
        80,
    ),
    Chapter(
        3,
        "03-follow-the-gradient.ipynb",
        "Follow the gradient",
        "Derive σ′ = σ(1 − σ), verify it, and see why it vanishes with depth but never explodes.",
        80,
    ),
    Chapter(
        4,
        "04-train-a-classifier.ipynb",
        "Train a classifier",
        "Run and repair the article's code, then train logistic regression and read what it does.",
        120,
    ),
    Chapter(
        5,
        "05-go-beyond-the-sigmoid.ipynb",
        "Go beyond the sigmoid",
        "Compare ReLU and its successors with the sigmoid in deep nets; test article §2.2 on "
        "overfitting.",
        95,
    ),
    Chapter(
        6,
        "06-answer-the-faq.ipynb",
        "Answer the FAQ",
        "Answer the article's three questions with demonstrations, correcting the second.",
        95,
    ),
)


def get_chapter(file_or_number: str | int) -> Chapter:
    """The chapter with this notebook file name or number.

    Raises
    ------
    KeyError
        If no chapter matches; the message lists the chapter files.
    """
    for chapter in CHAPTERS:
        if file_or_number in (chapter.file, chapter.number):
            return chapter
    files = ", ".join(chapter.file for chapter in CHAPTERS)
    raise KeyError(f"get_chapter: no chapter {file_or_number!r}; the chapters are {files}.")


def binder_url(path: str = f"notebooks/{CONTENTS}") -> str:
    """The Binder link that opens ``path`` (from the repository root) in JupyterLab.

    Examples
    --------
    >>> binder_url("notebooks/00-start-here.ipynb")  # doctest: +NORMALIZE_WHITESPACE
    'https://mybinder.org/v2/gh/sigmoid-lab/sigmoid-lab/main?urlpath=lab/tree/notebooks/00-start-here.ipynb'
    """
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?urlpath=lab/tree/{path}"


def binder_badge_markdown(path: str = f"notebooks/{CONTENTS}") -> str:
    """A Markdown "launch binder" badge that opens ``path`` in JupyterLab on Binder."""
    return f"[![Launch on Binder]({BINDER_BADGE_IMAGE})]({binder_url(path)})"


def navigation_markdown(file: str) -> str:
    """The previous / contents / next line that ends a chapter (links relative to the chapter).

    Parameters
    ----------
    file : str
        A chapter's file name, e.g. ``"04-train-a-classifier.ipynb"``.
    """
    chapter = get_chapter(file)
    index = CHAPTERS.index(chapter)
    parts = []
    if index > 0:
        previous = CHAPTERS[index - 1]
        parts.append(f"← Previous: [{previous.number}. {previous.title}]({previous.file})")
    parts.append(f"[Contents]({CONTENTS})")
    if index + 1 < len(CHAPTERS):
        following = CHAPTERS[index + 1]
        parts.append(f"Next: [{following.number}. {following.title}]({following.file}) →")
    return " · ".join(parts)


def chapter_map_markdown() -> str:
    """The start page's chapter map: the article's structure beside the course's chapters."""
    lines = [
        "| Article section | Chapter | Goal | Time | Launch |",
        "|---|---|---|---|---|",
    ]
    for chapter in CHAPTERS:
        lines.append(
            f"| {chapter.article_section} "
            f"| [{chapter.number}. {chapter.title}]({chapter.file}) "
            f"| {chapter.goal} | {chapter.minutes} min "
            f"| {binder_badge_markdown(chapter.path)} |"
        )
    return "\n".join(lines)


def chapter_table_markdown() -> str:
    """The README's chapter table (links relative to the repository root).

    ``tests/test_course.py`` compares it with the lines between ``<!-- chapters -->`` and
    ``<!-- /chapters -->`` in README.md.
    """
    lines = [
        "| # | Chapter | Article section | Goal | Time |",
        "|---|---------|-----------------|------|------|",
    ]
    for chapter in CHAPTERS:
        lines.append(
            f"| {chapter.number} | [{chapter.title}]({chapter.path}) "
            f"| {chapter.article_section} "
            f"| {chapter.goal} | {chapter.minutes} min |"
        )
    return "\n".join(lines)


def repository_url() -> str:
    """The repository's clone URL on GitHub, from :data:`REPOSITORY`."""
    return f"https://github.com/{REPOSITORY}"


def git_pull_link(
    server_url: str,
    notebook: str = CONTENTS,
    *,
    hub: bool = True,
    repository: str | None = None,
    branch: str = BRANCH,
    folder: str = PULL_FOLDER,
) -> str:
    """An nbgitpuller link that pulls the course and opens one notebook in JupyterLab.

    Send it to a class that uses a JupyterHub with nbgitpuller installed: each student who
    opens it gets the course cloned into ``folder`` in their own home on the first visit
    (later visits merge new commits without overwriting their own changes, nbgitpuller's
    rule), and the chosen notebook opens in JupyterLab.

    Parameters
    ----------
    server_url : str
        The JupyterHub's address, e.g. ``"https://hub.example.edu"`` (with ``hub=True``), or a
        single-user Jupyter server's base URL (with ``hub=False``).
    notebook : str, default the start page
        A notebook inside ``notebooks/``: a chapter file such as
        ``"03-follow-the-gradient.ipynb"`` or ``"solutions/..."``.
    hub : bool, default True
        Route the link through ``/hub/user-redirect/``, which sends each student to their own
        server. False gives the link for one Jupyter server.
    repository : str, optional
        Where to clone from; default :func:`repository_url`. Any URL git accepts
        (``file://`` included) works.
    branch, folder : str
        The branch to pull and the folder to pull it into.

    Returns
    -------
    str
        The link, with its query string encoded.

    Raises
    ------
    ValueError
        If ``server_url`` is not an http(s) address or ``notebook`` is not a notebook path.

    Examples
    --------
    >>> git_pull_link("https://hub.example.edu", "01-build-a-neuron.ipynb")
    ... # doctest: +NORMALIZE_WHITESPACE
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fsigmoid-lab%2Fsigmoid-lab&branch=main&targetpath=sigmoid-lab&urlpath=lab%2Ftree%2Fsigmoid-lab%2Fnotebooks%2F01-build-a-neuron.ipynb'
    """
    parts = urlsplit(server_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"git_pull_link: server_url must be an http(s) address such as "
            f"'https://hub.example.edu', got {server_url!r}."
        )
    if not notebook.endswith(".ipynb") or notebook.startswith("/") or ".." in notebook:
        raise ValueError(
            f"git_pull_link: notebook must be a notebook inside notebooks/, such as "
            f"{CHAPTERS[0].file!r}, got {notebook!r}."
        )
    query = urlencode(
        {
            "repo": repository or repository_url(),
            "branch": branch,
            "targetpath": folder,
            "urlpath": f"lab/tree/{folder}/notebooks/{notebook}",
        }
    )
    route = "hub/user-redirect/git-pull" if hub else "git-pull"
    return f"{server_url.rstrip('/')}/{route}?{query}"


#: The rates behind the time estimates: careful reading of technical prose, running a cell and
#: reading what it prints, doing one exercise with its checker, and trying one live figure.
READING_WORDS_PER_MINUTE = 150
MINUTES_PER_CODE_CELL = 0.75
MINUTES_PER_EXERCISE = 8
MINUTES_PER_EXPLORER = 3
MINUTES_PER_PREDICTION = 2


def _read(notebook):
    import nbformat

    return notebook if hasattr(notebook, "cells") else nbformat.read(notebook, as_version=4)


def _raw_minutes(cells) -> float:
    """Minutes for a run of cells, by the rates above, before rounding."""
    import re

    # The further-reading list at a chapter's end points beyond the chapter: not timed.
    markdown = [
        c.source
        for c in cells
        if c.cell_type == "markdown" and not c.source.startswith("**Further reading**")
    ]
    code = [c.source for c in cells if c.cell_type == "code"]
    words = sum(len(re.findall(r"\w+", text)) for text in markdown)
    exercises = sum(text.startswith("### Exercise") for text in markdown)
    explorers = sum("_explorer(" in text for text in code)
    predictions = sum("compare_prediction(" in text for text in code)
    return (
        words / READING_WORDS_PER_MINUTE
        + len(code) * MINUTES_PER_CODE_CELL
        + exercises * MINUTES_PER_EXERCISE
        + explorers * MINUTES_PER_EXPLORER
        + predictions * MINUTES_PER_PREDICTION
    )


def estimate_minutes(notebook) -> int:
    """How long a chapter takes a student, from its length, rounded to 5 minutes.

    The estimate adds reading time (the words of the Markdown cells at
    :data:`READING_WORDS_PER_MINUTE`), :data:`MINUTES_PER_CODE_CELL` for each code cell,
    :data:`MINUTES_PER_EXERCISE` for each exercise (a ``### Exercise`` heading) and
    :data:`MINUTES_PER_EXPLORER` for each live figure (a cell that makes an explorer) and
    :data:`MINUTES_PER_PREDICTION` for each prediction (a ``compare_prediction`` cell). The
    further-reading list that ends a chapter is not counted.

    Parameters
    ----------
    notebook : nbformat.NotebookNode or str or pathlib.Path
        The notebook, or the path of its file.
    """
    return max(5, 5 * round(_raw_minutes(_read(notebook).cells) / 5))


def section_minutes(notebook) -> list[tuple[str, int]]:
    """Each ``##`` section of a chapter with its estimated minutes, at the same rates.

    The cells before the first section (title, imports) count as ``"Introduction"``. A
    Markdown cell with a heading in its middle is split there. Each section gets at least
    1 minute.
    """
    import re

    from nbformat.v4 import new_markdown_cell

    sections: list[tuple[str, list]] = [("Introduction", [])]
    for cell in _read(notebook).cells:
        if cell.cell_type != "markdown":
            sections[-1][1].append(cell)
            continue
        parts = re.split(r"(?m)^(?=## )", cell.source)
        for part in parts:
            if part.startswith("## "):
                sections.append((part.splitlines()[0][3:].strip(), []))
            if part.strip():
                sections[-1][1].append(new_markdown_cell(part))
    return [(title, max(1, round(_raw_minutes(cells)))) for title, cells in sections]


def lesson_plan_markdown(chapter: Chapter) -> str:
    """A chapter's lesson plan: its sections with minutes and a running clock, as Markdown."""
    lines = ["| Section | Minutes | Clock |", "|---|---|---|"]
    clock = 0
    for title, minutes in section_minutes(f"notebooks/{chapter.file}"):
        clock += minutes
        lines.append(f"| {title.replace('|', chr(92) + '|')} | {minutes} | {clock} |")
    return "\n".join(lines)


def time_estimate_note() -> str:
    """One sentence that says how the chapters' times were estimated."""
    total = sum(chapter.minutes for chapter in CHAPTERS)
    return (
        f"Times are estimates from each chapter's length: reading at "
        f"{READING_WORDS_PER_MINUTE} words a minute, {MINUTES_PER_CODE_CELL * 60:.0f} seconds "
        f"for each code cell, {MINUTES_PER_EXERCISE} minutes for each exercise, "
        f"{MINUTES_PER_EXPLORER} for each live figure and {MINUTES_PER_PREDICTION} for each "
        f"prediction: "
        f"{total // 60} h {total % 60:02d} min in all."
    )
