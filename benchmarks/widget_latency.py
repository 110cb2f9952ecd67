"""Time a slider key press to changed pixels, per chapter, in JupyterLab in headless Chromium.

Run with ``python -m benchmarks.widget_latency [NOTEBOOK ...] [--presses N]``. For each
chapter (default: ``notebooks/*.ipynb``) it opens the notebook in JupyterLab, runs all cells
and presses the arrow keys on every slider that sits next to a live figure. The latency of one
press runs from the keydown event's timestamp to the first animation frame at which the
figure's pixels differ: the page polls the ipympl canvas with ``requestAnimationFrame`` and
``getImageData``, all timestamps from ``performance.now()``.

In the same session, the same figure is measured as a reference built the plain way: the
explorer's own ``update`` wrapped in ``ipywidgets.interact``, with the figure redrawn as an
inline PNG (IPython's ``print_figure(fig, "png", bbox_inches="tight")``, what ``%matplotlib
inline`` shows) into interact's output area. Its latency runs to the first frame at which the
new image has loaded in the page.

Target: every chapter's median <= 100 ms, and never slower than the reference. The kernel-side
columns split the time of one update: the explorer's ``update`` alone, the frame it draws
(blitted, for an explorer that redraws only its changing artists), a full Agg draw of the
figure and the reference's PNG, so a missed target can be traced to the kernel or the front
end.

The exit status is 0 when every chapter meets the target, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The browser harness lives with the browser tests; the benchmark drives pages the same way.
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import browser_harness as harness  # noqa: E402

__all__ = ["main"]

TARGET_MS = 100.0

#: Arms a measurement on control ``id``: resolves with the milliseconds from the next keydown
#: on the control to the first animation frame whose figure pixels (canvas) or image (img)
#: differ, or with null after ``limit`` ms.
ARM = r"""
([id, limit]) => {
  const control = document.querySelector('[data-sl-control="' + id + '"]');
  let scope = control;
  const FIGURE = '.jupyter-matplotlib-canvas-div canvas, .jp-OutputArea-output img';
  while (scope && !scope.querySelector(FIGURE)) {
    scope = scope.parentElement;
  }
  const canvas = scope.querySelector('.jupyter-matplotlib-canvas-div canvas');
  const imageOf = () => scope.querySelector('.jp-OutputArea-output img');
  const pixels = () => new Uint32Array(
    canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.buffer);
  const before = canvas ? pixels() : null;
  const beforeSrc = canvas ? null : imageOf().src;
  const differs = () => {
    if (!canvas) {
      const img = imageOf();
      return !!img && img.src !== beforeSrc && img.complete && img.naturalWidth > 0;
    }
    const now = pixels();
    if (now.length !== before.length) return true;
    for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) return true;
    return false;
  };
  window.__slLatency = new Promise((resolve) => {
    let t0 = null;
    const started = performance.now();
    control.addEventListener('keydown', (event) => { t0 = event.timeStamp; },
      { capture: true, once: true });
    const poll = () => {
      if (t0 !== null && differs()) { resolve(performance.now() - t0); return; }
      if (performance.now() - started > limit) { resolve(null); return; }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}
"""

#: Kernel-side helpers, run in the chapter's own kernel by a cell appended to the notebook.
KERNEL_HELPERS = '''
def _sl_reference(model_id, label):
    """Show the explorer's figure the plain way: interact plus an inline PNG."""
    import ipywidgets as widgets
    from IPython.core.pylabtools import print_figure
    from IPython.display import Image, display
    from ipywidgets.widgets.widget import _instances

    explorer = _instances[model_id]
    sliders = [n for n, c in explorer.controls.items() if "Slider" in type(c).__name__]
    name = next((n for n in sliders if explorer.controls[n].description == label), sliders[0])
    original = explorer.controls[name]
    keys = ("options", "min", "max", "step", "base", "readout_format", "value", "description",
            "continuous_update")
    clone = type(original)(**{k: getattr(original, k) for k in keys if original.has_trait(k)})

    def show(**values):
        explorer._update(**values)
        display(Image(data=print_figure(explorer.figure, "png", bbox_inches="tight")))

    fixed = {n: widgets.fixed(c.value) for n, c in explorer.controls.items() if n != name}
    return widgets.interact(show, **{name: clone}, **fixed)


def _sl_kernel_costs(model_id, repeats=5):
    """Median ms of the explorer's update, its frame, an Agg draw and an inline PNG, as JSON."""
    import json
    import statistics
    import time

    from IPython.core.pylabtools import print_figure
    from ipywidgets.widgets.widget import _instances
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    explorer = _instances[model_id]
    figure = explorer.figure
    values = explorer.values()
    blitter = getattr(explorer, "blitter", None)
    full_draw = lambda: FigureCanvasAgg.draw(figure.canvas)  # noqa: E731
    steps = {
        "update": lambda: explorer._update(**values),
        "frame": blitter.draw if blitter else full_draw,
        "draw": full_draw,
        "png": lambda: print_figure(figure, "png", bbox_inches="tight"),
    }
    costs = {name: [] for name in steps}
    # One step at a time: saving a PNG recolours the figure's background for a moment, which
    # makes the next frame a full draw, as it would for a learner who saved the figure.
    for name, step in steps.items():
        for _ in range(repeats):
            start = time.perf_counter()
            step()
            costs[name].append(1000 * (time.perf_counter() - start))
    width, height = figure.get_size_inches() * figure.dpi
    result = {name: statistics.median(times) for name, times in costs.items()}
    result.update(pixels=f"{width:.0f}x{height:.0f}", opaque=figure.get_facecolor()[3] == 1)
    print(json.dumps(result))
'''

#: Puts ``code`` in the benchmark's own cell (appended once, at the end) and runs it.
RUN_CELL = r"""
async (code) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  let index = notebook.widgets.findIndex((c) => c.model.getMetadata('sl-benchmark'));
  if (index < 0) {
    notebook.model.sharedModel.insertCell(notebook.model.cells.length, {
      cell_type: 'code', source: code, metadata: { 'sl-benchmark': true } });
    index = notebook.model.cells.length - 1;
  } else {
    notebook.widgets[index].model.sharedModel.setSource(code);
  }
  notebook.activeCellIndex = index;
  await app.commands.execute('notebook:run-cell');
  const cell = notebook.widgets[index];
  cell.node.setAttribute('data-sl-benchmark', '');
  const outputs = [];
  for (let i = 0; i < cell.model.outputs.length; i++) {
    outputs.push(cell.model.outputs.get(i).toJSON());
  }
  return outputs;
}
"""

#: The model id of the top-level widget each ``[data-sl-widget]`` output shows.
WIDGET_MODEL_IDS = r"""
() => {
  const found = {};
  window.jupyterapp.shell.currentWidget.content.widgets.forEach((cell) => {
    if (cell.model.type !== 'code') return;
    cell.outputArea.widgets.forEach((child, i) => {
      const output = child.node.querySelector('[data-sl-widget]');
      const data = cell.model.outputs.get(i) && cell.model.outputs.get(i).data;
      const view = data && data['application/vnd.jupyter.widget-view+json'];
      if (output && view) found[output.getAttribute('data-sl-widget')] = view.model_id;
    });
  });
  return found;
}
"""


@dataclass
class Row:
    """The measurements of one chapter."""

    chapter: str
    sliders: int = 0
    ours: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)
    missed: int = 0
    costs: list[dict] = field(default_factory=list)


def _median(values):
    return statistics.median(values) if values else float("nan")


def _worst(values):
    return max(values) if values else float("nan")


def _press_and_time(page, control_id: int, key: str, limit_ms: float) -> float | None:
    page.evaluate(ARM, [control_id, limit_ms])
    page.locator(f'[data-sl-control="{control_id}"] .noUi-handle').first.focus()
    page.keyboard.press(key)
    latency = page.evaluate("() => window.__slLatency")
    # Let the figure settle (later frames of the same update) before the next press.
    harness.wait_until_figure_settles(page, control_id, quiet=0.3, limit=10.0)
    return latency


def _measure_slider(page, control_id: int, presses: int, limit_ms: float, row: Row, bucket):
    for i in range(presses):
        # Alternate directions so the slider stays inside its range.
        key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
        latency = _press_and_time(page, control_id, key, limit_ms)
        if latency is None:
            row.missed += 1
        else:
            bucket.append(latency)


def measure_chapter(page, server, notebook: Path, presses: int, limit_ms: float) -> Row:
    """Measure every slider next to a live figure in one chapter, and its reference."""
    row = Row(notebook.stem)
    harness.open_in_jupyterlab(page, server, f"notebooks/{notebook.name}")
    harness.run_all_in_jupyterlab(page)
    report = harness.NotebookReport("JupyterLab", notebook.name)
    harness.wait_for_widgets(page, report, timeout=60)
    page.evaluate(RUN_CELL, KERNEL_HELPERS)
    page.evaluate("() => window.__sigmoidLab.tagWidgetOutputs()")
    model_ids = page.evaluate(WIDGET_MODEL_IDS)
    controls = page.evaluate("() => window.__sigmoidLab.tagControls()")
    for info in controls:
        if info["kind"] != "slider" or info["figures"] == 0:
            continue
        if page.evaluate("id => window.__sigmoidLab.disabled(id)", info["id"]):
            continue
        widget = page.evaluate(
            "id => document.querySelector('[data-sl-control=\"' + id + '\"]')"
            ".closest('[data-sl-widget]')?.getAttribute('data-sl-widget')",
            info["id"],
        )
        has_canvas = page.evaluate(
            "id => !!document.querySelector('[data-sl-control=\"' + id + '\"]')"
            ".closest('[data-sl-widget]')?.querySelector('.jupyter-matplotlib-canvas-div')",
            info["id"],
        )
        model_id = model_ids.get(widget)
        if model_id is None or not has_canvas:
            continue
        row.sliders += 1
        _measure_slider(page, info["id"], presses, limit_ms, row, row.ours)
        # The same figure, the plain way, in the benchmark's own cell.
        page.evaluate(RUN_CELL, f"_ = _sl_reference({model_id!r}, {info['label']!r})")
        page.wait_for_selector("[data-sl-benchmark] .jp-OutputArea-output img", timeout=60000)
        page.evaluate("() => { delete window.__sigmoidLab; }")
        page.evaluate(harness.PAGE_HELPERS)
        all_controls = page.evaluate("() => window.__sigmoidLab.tagControls()")
        reference = next(
            c["id"]
            for c in all_controls
            if c["kind"] == "slider"
            and page.evaluate(
                "id => !!document.querySelector('[data-sl-control=\"' + id + '\"]')"
                ".closest('[data-sl-benchmark]')",
                c["id"],
            )
        )
        _measure_slider(page, reference, presses, limit_ms, row, row.reference)
        outputs = page.evaluate(RUN_CELL, f"_sl_kernel_costs({model_id!r})")
        for output in outputs:
            if output.get("output_type") == "stream":
                row.costs.append(json.loads(output["text"].strip().splitlines()[-1]))
        # Re-tag: the reference cell's controls were numbered after the chapter's own.
        page.evaluate("() => { delete window.__sigmoidLab; }")
        page.evaluate(harness.PAGE_HELPERS)
        page.evaluate("() => window.__sigmoidLab.tagControls()")
    return row


def _ms(value: float, width: int, digits: int = 0) -> str:
    return f"{'-':>{width}}" if value != value else f"{value:{width - 2}.{digits}f}ms"


def _print_table(rows: list[Row]) -> bool:
    header = (
        f"{'chapter':26} {'sliders':>7} {'presses':>7} {'median':>7} {'worst':>7}"
        f" {'interact+PNG':>12} {'worst':>7}  {'update':>7} {'frame':>6} {'draw':>6} {'png':>6}"
        f" {'pixels':>15}  verdict"
    )
    print("Slider key press to changed pixels in JupyterLab:")
    print(header)
    print("-" * len(header))
    ok = True
    for row in rows:
        ours, ref = _median(row.ours), _median(row.reference)
        verdict = "no live slider"
        if row.ours:
            met = ours <= TARGET_MS and (not row.reference or ours <= ref) and not row.missed
            ok = ok and met
            verdict = "meets target" if met else "misses target"
            if row.missed:
                verdict += f" ({row.missed} presses without a redraw)"
        costs = {k: _median([c[k] for c in row.costs]) for k in ("update", "frame", "draw", "png")}
        pixels = ",".join(sorted({c["pixels"] for c in row.costs})) or "-"
        print(
            f"{row.chapter:26} {row.sliders:7d} {len(row.ours):7d}"
            f" {_ms(ours, 7)} {_ms(_worst(row.ours), 7)} {_ms(ref, 12)}"
            f" {_ms(_worst(row.reference), 7)}  {_ms(costs['update'], 7, 1)}"
            f" {_ms(costs['frame'], 6)} {_ms(costs['draw'], 6)} {_ms(costs['png'], 6)}"
            f" {pixels:>15}  {verdict}"
        )
    print(
        f"\nTarget: median <= {TARGET_MS:.0f} ms and <= the interact+PNG reference's median."
        "\nKernel columns: median time of the explorer's update(), of its frame (blitted where"
        " the explorer\nblits, else a full draw), of a full Agg draw of its figure, and of the"
        " reference's inline PNG\n(print_figure with bbox_inches='tight')."
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    """Measure every chapter (or the given notebooks) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--presses", type=int, default=8, help="key presses per slider")
    parser.add_argument("--limit", type=float, default=15000, help="ms to wait for a redraw")
    parser.add_argument("--json", type=Path, help="also write the raw latencies here")
    args = parser.parse_args(argv)
    notebooks = [p.resolve() for p in args.notebooks] or harness.chapter_notebooks()
    if not notebooks:
        print("no notebooks to measure", file=sys.stderr)
        return 2
    decision = harness.missing_browser({})
    if decision is not None:
        print(decision[1], file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    folders = {p.parent for p in notebooks}
    if len(folders) != 1:
        print("give notebooks from one folder", file=sys.stderr)
        return 2
    rows = []
    with harness.start_jupyterlab({"notebooks": folders.pop()}) as server, sync_playwright() as pw:
        browser = harness.launch_browser(pw)
        try:
            for notebook in notebooks:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                start = time.perf_counter()
                try:
                    rows.append(measure_chapter(page, server, notebook, args.presses, args.limit))
                finally:
                    context.close()
                    server.shutdown_kernels()
                print(
                    f"measured {notebook.name} in {time.perf_counter() - start:.0f} s",
                    file=sys.stderr,
                )
        finally:
            browser.close()
    ok = _print_table(rows)
    if args.json:
        args.json.write_text(json.dumps([row.__dict__ for row in rows], indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
