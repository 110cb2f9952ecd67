"""The live figures in JupyterLab and in Voilà: every control moves its figure in the browser.

Each chapter with explorers is run (Run All in JupyterLab; Voilà runs it on the server), then
every slider of every figure is moved with the arrow keys (which reach it only because the
input carries ``data-lm-suppress-shortcuts``; JupyterLab would otherwise move the cell
selection) and with the mouse, every checkbox is clicked and every select changed. Each time
the figure's SVG and pixels must change, and the page may log no error. Screenshots of every
figure before and after go to ``artifacts/screenshots/live-lab`` and ``live-voila``.
"""

from __future__ import annotations

import json

import browser_harness as harness
import pytest
from live_controls import drive_every_control

pytestmark = pytest.mark.browser


def _explorers(path) -> int:
    count = 0
    for cell in json.loads(path.read_text())["cells"]:
        for output in cell.get("outputs", []):
            text = "".join(output.get("data", {}).get("text/plain", ""))
            count += text.startswith("[Interactive figure:")
    return count


CHAPTERS = [
    pytest.param(path, _explorers(path), id=path.stem)
    for path in harness.chapter_notebooks()
    if _explorers(path)
]


def _drive_page(page, expected: int, folder, stem: str) -> list[str]:
    figures = page.locator(".sl-live")
    figures.first.wait_for(timeout=60_000)
    problems = []
    if figures.count() != expected:
        problems.append(f"{figures.count()} live figures shown, expected {expected}")
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(figures.count()):
        figure = figures.nth(index)
        figure.scroll_into_view_if_needed()
        figure.screenshot(path=folder / f"{stem}-figure{index + 1}-before.png")
        found, moved = drive_every_control(page, figure, f"figure {index + 1}")
        problems += found
        if not moved:
            problems.append(f"figure {index + 1} has no control")
        figure.screenshot(path=folder / f"{stem}-figure{index + 1}-after.png")
    return problems


#: Runs ``code`` in a new cell at the end of the notebook; returns the text it printed.
RUN_CELL = r"""
async (code) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  const index = notebook.model.cells.length;
  notebook.model.sharedModel.insertCell(index, { cell_type: 'code', source: code });
  notebook.activeCellIndex = index;
  await app.commands.execute('notebook:run-cell');
  const outputs = notebook.widgets[index].model.outputs;
  let text = '';
  for (let i = 0; i < outputs.length; i++) text += outputs.get(i).toJSON().text || '';
  return text;
}
"""

#: The values every open explorer holds in the kernel, as sorted JSON lines.
KERNEL_VALUES = (
    "import json\nfrom sigmoid_lab.widgets import _cells\n"
    "print('\\n'.join(sorted(json.dumps(e.values(), sort_keys=True) for e in _cells._cells)))"
)


@pytest.mark.parametrize(("notebook", "expected"), CHAPTERS)
def test_every_live_figure_moves_in_jupyterlab(notebook, expected, lab, page):
    watch = harness.PageWatch(page)
    harness.open_in_jupyterlab(page, lab, f"notebooks/{notebook.name}")
    harness.run_all_in_jupyterlab(page)
    folder = harness.ARTIFACTS / "screenshots" / "live-lab"
    problems = _drive_page(page, expected, folder, notebook.stem)
    assert problems == []
    # The kernel followed: Python's controls hold what the figures show.
    shown = page.evaluate(
        "() => [...document.querySelectorAll('.sl-live')].map((el) => el.__slFigure.values)"
    )
    page.wait_for_timeout(500)
    printed = page.evaluate(RUN_CELL, KERNEL_VALUES)
    assert printed.splitlines() == sorted(json.dumps(v, sort_keys=True) for v in shown)
    assert watch.problems() == []


@pytest.mark.parametrize(("notebook", "expected"), CHAPTERS)
def test_every_live_figure_moves_in_voila(notebook, expected, voila, page):
    watch = harness.PageWatch(page)
    page.goto(voila.address(f"/voila/render/notebooks/{notebook.name}"), wait_until="commit")
    page.wait_for_selector("#loading", state="detached", timeout=300_000)
    try:
        folder = harness.ARTIFACTS / "screenshots" / "live-voila"
        problems = _drive_page(page, expected, folder, notebook.stem)
    finally:
        kernel = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
        voila.api(f"/voila/api/shutdown/{kernel}", method="POST")
    assert problems == []
    assert watch.problems() == []
