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

import hashlib
import json
import os
from pathlib import Path

import pytest
import site_harness as harness

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


SVG_STATE = """
(figure) => {
  const svg = figure.querySelector('svg.sl-figure-svg');
  return svg.outerHTML + '|' + figure.querySelector('.sl-readout').innerHTML;
}
"""


def _fingerprint(figure) -> tuple[str, str]:
    """The figure's markup (SVG and readout) and a hash of its pixels."""
    pixels = hashlib.sha256(figure.locator("svg.sl-figure-svg").screenshot()).hexdigest()
    return figure.evaluate(SVG_STATE), pixels


def _moved(figure, before, what: str, problems: list[str]) -> None:
    after = _fingerprint(figure)
    if after[0] == before[0]:
        problems.append(f"{what}: the figure's SVG did not change")
    elif after[1] == before[1]:
        problems.append(f"{what}: the figure's pixels did not change")


def _drive_figure(page, figure, name: str) -> tuple[list[str], list[str]]:
    """Move every control of one figure; return (problems, what was moved)."""
    problems: list[str] = []
    moved: list[str] = []
    figure.scroll_into_view_if_needed()
    sliders = figure.locator("input[type=range]")
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        label = slider.evaluate("s => s.labels[0].textContent")
        if slider.is_disabled():
            continue
        # The keyboard: an arrow key moves the slider one step.
        value = slider.input_value()
        at_max = value == slider.get_attribute("max")
        before = _fingerprint(figure)
        slider.focus()
        page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
        if slider.input_value() == value:
            problems.append(f"{name}, slider '{label}': the arrow key did not move it")
        else:
            _moved(figure, before, f"{name}, slider '{label}' by keyboard", problems)
            valuetext = slider.get_attribute("aria-valuetext") or ""
            if not valuetext.startswith(label):
                problems.append(f"{name}, slider '{label}': aria-valuetext is {valuetext!r}")
        # The mouse: a click a quarter of the way along the track.
        value = slider.input_value()
        box = slider.bounding_box()
        fraction = 0.25 if int(value) > int(slider.get_attribute("max")) / 2 else 0.75
        before = _fingerprint(figure)
        page.mouse.click(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2)
        if slider.input_value() == value:
            problems.append(f"{name}, slider '{label}': a click on its track did not move it")
        else:
            _moved(figure, before, f"{name}, slider '{label}' by mouse", problems)
        moved.append(f"slider '{label}'")
    boxes = figure.locator("input[type=checkbox]")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        label = box.evaluate("b => b.labels[0].textContent")
        before = _fingerprint(figure)
        box.click()
        _moved(figure, before, f"{name}, checkbox '{label}'", problems)
        moved.append(f"checkbox '{label}'")
    selects = figure.locator("select")
    for i in range(selects.count()):
        select = selects.nth(i)
        count = select.evaluate("s => s.options.length")
        if count < 2:
            continue
        before = _fingerprint(figure)
        current = select.evaluate("s => s.selectedIndex")
        select.select_option(index=(current + 1) % count)
        _moved(
            figure,
            before,
            f"{name}, select '{select.evaluate('s => s.labels[0].textContent')}'",
            problems,
        )
        moved.append("select")
    return problems, moved


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
        found, moved = _drive_figure(page, figure, f"figure {index + 1}")
        figure.screenshot(path=SHOTS / f"{stem}-figure{index + 1}-{color_scheme}-after.png")
        problems += found
        assert moved, f"figure {index + 1} has no control"
        assert figure.locator(".sl-errors").inner_text() == ""
    assert problems == []
    assert watch.problems() == []
