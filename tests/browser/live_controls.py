"""Move every control of a live figure as a learner would, and check the figure follows.

Shared by the JupyterLab and Voilà tests (``test_live_figures_lab.py``) and the website's
(``tests/site/test_live_figures_site.py``): the figures are the same ``live_figures.js`` views
in all three, so they are driven and judged the same way.
"""

from __future__ import annotations

import hashlib

#: The figure's SVG markup and its readout, as one string.
SVG_STATE = """
(figure) => {
  const svg = figure.querySelector('svg.sl-figure-svg');
  return svg.outerHTML + '|' + figure.querySelector('.sl-readout').innerHTML;
}
"""


def fingerprint(figure) -> tuple[str, str]:
    """The figure's markup (SVG and readout) and a hash of its pixels."""
    pixels = hashlib.sha256(figure.locator("svg.sl-figure-svg").screenshot()).hexdigest()
    return figure.evaluate(SVG_STATE), pixels


def check_moved(figure, before: tuple[str, str], what: str, problems: list[str]) -> None:
    """Add to ``problems`` if the figure's SVG or its pixels are what they were ``before``."""
    after = fingerprint(figure)
    if after[0] == before[0]:
        problems.append(f"{what}: the figure's SVG did not change")
    elif after[1] == before[1]:
        problems.append(f"{what}: the figure's pixels did not change")


def _drive_slider(page, figure, slider, name: str, problems: list[str]) -> str | None:
    """One arrow key, then one click on the track; the slider's label, or None if disabled."""
    label = slider.evaluate("s => s.labels[0].textContent")
    if slider.is_disabled():
        return None
    # JupyterLab takes the arrow keys for itself unless the input opts out.
    if slider.get_attribute("data-lm-suppress-shortcuts") is None:
        problems.append(f"{name}, slider '{label}' lacks data-lm-suppress-shortcuts")
    value = slider.input_value()
    before = fingerprint(figure)
    slider.focus()
    page.keyboard.press("ArrowLeft" if value == slider.get_attribute("max") else "ArrowRight")
    if slider.input_value() == value:
        problems.append(f"{name}, slider '{label}': the arrow key did not move it")
    else:
        check_moved(figure, before, f"{name}, slider '{label}' by keyboard", problems)
        valuetext = slider.get_attribute("aria-valuetext") or ""
        if not valuetext.startswith(label):
            problems.append(f"{name}, slider '{label}': aria-valuetext is {valuetext!r}")
    # The mouse: a click a quarter of the way along the track, away from where it is.
    value = slider.input_value()
    box = slider.bounding_box()
    fraction = 0.25 if int(value) > int(slider.get_attribute("max")) / 2 else 0.75
    before = fingerprint(figure)
    page.mouse.click(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2)
    if slider.input_value() == value:
        problems.append(f"{name}, slider '{label}': a click on its track did not move it")
    else:
        check_moved(figure, before, f"{name}, slider '{label}' by mouse", problems)
    return label


def drive_every_control(page, figure, name: str) -> tuple[list[str], list[str]]:
    """Move every control of one live figure; return (what went wrong, what was moved).

    Each slider is moved by an arrow key and by a click on its track, each checkbox clicked
    and each select set to its next option; every time, the figure's SVG and its pixels must
    change. An error shown in the figure is a problem too.
    """
    problems: list[str] = []
    moved: list[str] = []
    figure.scroll_into_view_if_needed()
    sliders = figure.locator("input[type=range]")
    for i in range(sliders.count()):
        label = _drive_slider(page, figure, sliders.nth(i), name, problems)
        if label is not None:
            moved.append(f"slider '{label}'")
    boxes = figure.locator("input[type=checkbox]")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        label = box.evaluate("b => b.labels[0].textContent")
        before = fingerprint(figure)
        box.click()
        check_moved(figure, before, f"{name}, checkbox '{label}'", problems)
        moved.append(f"checkbox '{label}'")
    selects = figure.locator("select")
    for i in range(selects.count()):
        select = selects.nth(i)
        count = select.evaluate("s => s.options.length")
        if count < 2:
            continue
        label = select.evaluate("s => s.labels[0].textContent")
        before = fingerprint(figure)
        select.select_option(index=(select.evaluate("s => s.selectedIndex") + 1) % count)
        check_moved(figure, before, f"{name}, select '{label}'", problems)
        moved.append(f"select '{label}'")
    error = figure.locator(".sl-errors").inner_text()
    if error:
        problems.append(f"{name}: {error}")
    return problems, moved
