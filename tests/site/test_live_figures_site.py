"""On the built website, with no kernel and the network cut, every figure is live.

Each chapter's saved explorer outputs (``application/vnd.sigmoid-lab.figure+json``), in both
editions of the site, are drawn in the page by ``live_figures.js``. Every slider is moved with
the keyboard and with the mouse, every checkbox clicked and every select changed; each time the
figure's SVG and its pixels must change, and the page may log no error and request nothing
outside 127.0.0.1. Screenshots of every figure, light and dark, before and after, go to
``artifacts/site-live/``.

The site is the session's build of ``notebooks/``; set ``SIGMOID_LAB_NOTEBOOKS`` to another
folder of executed notebooks to build and test the site from that instead.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import site_harness as harness
from live_controls import drive_every_control

from sigmoid_lab.widgets.base import FIGURE_MIME

SHOTS = harness.browser_harness.ARTIFACTS / "site-live"
SOURCE = Path(os.environ.get("SIGMOID_LAB_NOTEBOOKS", harness.NOTEBOOKS)).resolve()
#: Each chapter of both editions (the Chinese one's under ``zh/``), as in the site.
CHAPTERS = [
    path.relative_to(SOURCE).as_posix()
    for folder in (SOURCE, SOURCE / "zh")
    for path in sorted(folder.glob("*.ipynb"))
]


def _outputs(notebook: str) -> tuple[int, int]:
    """How many explorer outputs the notebook holds, and how many carry their figure."""
    explorers = figures = 0
    for cell in json.loads((SOURCE / notebook).read_text())["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            figures += FIGURE_MIME in data
            explorers += "".join(data.get("text/plain", "")).startswith("[Interactive figure:")
    return explorers, figures


@pytest.fixture(scope="module")
def live_site(request, tmp_path_factory):
    if SOURCE == harness.NOTEBOOKS.resolve():
        yield request.getfixturevalue("site")
        return
    folder = tmp_path_factory.mktemp("live-site") / "_site"
    harness.build_site.build(folder, source=SOURCE)
    with harness.serve(folder) as base:
        yield base


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("notebook", CHAPTERS)
def test_every_control_of_every_figure_moves_it_with_no_kernel(
    new_page, live_site, notebook, color_scheme
):
    explorers, figures = _outputs(notebook)
    if explorers and not figures:
        pytest.skip(
            f"{notebook}'s outputs were saved before the figures were drawn in the browser: "
            "run tools/execute_notebooks.py on it"
        )
    page_name = notebook.removesuffix(".ipynb") + ".html"
    page, watch = new_page(color_scheme)
    page.goto(live_site + page_name)
    harness.wait_until_ready(page)
    shown = page.locator(".sl-live")
    if figures:
        shown.first.wait_for(timeout=15_000)
    assert shown.count() == figures, "every saved figure is drawn, once"
    assert page.locator(".sl-live-note").count() == 0, "no note asks for Jupyter instead"
    SHOTS.mkdir(parents=True, exist_ok=True)
    stem = notebook.removesuffix(".ipynb").replace("/", "-")
    problems: list[str] = []
    for index in range(shown.count()):
        figure = shown.nth(index)
        figure.screenshot(path=SHOTS / f"{stem}-figure{index + 1}-{color_scheme}-before.png")
        found, moved = drive_every_control(page, figure, f"figure {index + 1}")
        figure.screenshot(path=SHOTS / f"{stem}-figure{index + 1}-{color_scheme}-after.png")
        problems += found
        assert moved, f"figure {index + 1} has no control"
        assert figure.locator(".sl-errors").inner_text() == ""
    assert problems == []
    assert watch.problems() == []
