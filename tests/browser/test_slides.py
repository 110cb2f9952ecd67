"""A chapter presented as slides inside JupyterLab (jupyterlab-slideshow), its slider still live.

The slide types come from ``tools/mark_slides.py``; this test presents chapter 1 as a teacher
would (run all, go to the first cell, start the deck, press Space until the explorer is on
screen) and moves the explorer's weight slider with the keyboard: the readout and the figure
must change while the deck is showing.
"""

from __future__ import annotations

import time

import browser_harness as harness
import pytest

pytestmark = pytest.mark.browser

CHAPTER = "notebooks/01-build-a-neuron.ipynb"
#: Space in a deck: the next fragment or subslide, else the next slide.
SPACE = (
    "() => window.jupyterapp.commands.execute("
    "'deck:go', {direction: 'down', alternate: 'forward'})"
)


def test_a_chapter_as_slides_keeps_its_slider_live(lab, page):
    harness.open_in_jupyterlab(page, lab, CHAPTER)
    harness.run_all_in_jupyterlab(page)
    page.evaluate("() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0; }")
    page.evaluate("() => window.jupyterapp.commands.execute('deck:start')")
    page.wait_for_function(
        "() => document.body.dataset.jpDeckMode === 'presenting'", timeout=30_000
    )
    time.sleep(1)  # the deck lays out its first slide
    title = page.locator(".jp-RenderedMarkdown h1:visible")
    title.first.wait_for(timeout=30_000)
    assert "Build a neuron" in title.first.inner_text()

    slider = page.locator(".sl-live:visible input[type=range]")
    presses = 0
    while slider.count() == 0:
        presses += 1
        assert presses <= 30, "no slider on screen after 30 presses of Space"
        page.evaluate(SPACE)
        time.sleep(0.5)
    shots = harness.ARTIFACTS / "screenshots" / "slides"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "01-before.png"))

    readout = page.locator(".sl-live:visible .sl-readout", has_text="Step at x").first
    figure = page.locator(".sl-live:visible .sl-figure").first
    before_text, before_pixels = readout.inner_text(), figure.screenshot()
    slider.first.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([el, text]) => el.innerText !== text",
        arg=[readout.element_handle(), before_text],
        timeout=30_000,
    )
    deadline = time.monotonic() + 30
    while figure.screenshot() == before_pixels:
        assert time.monotonic() < deadline, "the figure did not change on the slide"
        time.sleep(0.2)
    page.screenshot(path=str(shots / "01-after.png"))
    assert readout.inner_text() != before_text
    # Still presenting: the move happened on the slide, not in the notebook view.
    assert page.evaluate("() => document.body.dataset.jpDeckMode") == "presenting"
