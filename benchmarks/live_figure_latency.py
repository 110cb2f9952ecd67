"""Time a slider key press to changed pixels: live figures vs the ipympl explorers they replace.

Run with ``python -m benchmarks.live_figure_latency [--presses N] [--site DIR]``. For every
chapter with explorers it measures, in one run of headless Chromium:

- **JupyterLab, live**: the chapter run in JupyterLab (Run All); every slider of every live
  figure (``static/live_figures.js``) pressed with the arrow keys.
- **JupyterLab, ipympl**: the same explorer calls, made with the kernel-drawn ipympl explorers
  of the last commit that had them (taken from git into a temporary package), in a cell
  appended to the same notebook, and their sliders pressed the same way.
- **Website, live**: the chapter's page on the built website (``--site``, or a fresh build of
  ``notebooks/``), served from 127.0.0.1 with every other request aborted.

Beside them, a **floor**: a plain range input next to the first figure that changes one SVG
text, pressed the same way, shows what any change of pixels costs in that page on this machine
(JupyterLab's page is far heavier than the website's).

Each slider is scrolled into view and focused, and two frames are painted, before its first
press, as a reader finds a slider before pressing a key. One press runs from the keydown event's
timestamp to the end of the first frame that shows new pixels: the page checks each animation
frame (the SVG's mutation record for a live figure, the canvas pixels for ipympl) and, once the
change is there, waits for that frame to be painted (a message posted from the frame's
requestAnimationFrame callback arrives after its paint).
All timestamps are ``performance.now()``.

**When in the frame a key is pressed.** A reader's key press comes at any moment of the 16.7 ms
between two frames, and how long it waits for the next frame depends on that moment (its *phase*).
Key presses sent by the browser automation do not: sent one after another, they cluster at a moment
of the frame set by the page and the automation, early in the frame on some pages (almost a whole
frame to wait) and late on others. So each press is delayed by an offset spread evenly over one
frame period (stratified: one offset in each of ``presses`` equal slices of 16.7 ms, in a shuffled
order drawn from ``--seed``), and the phase every press arrived at is measured (from the
``requestAnimationFrame`` timestamp of the frame before it). The offsets only aim: the automation's
own delay varies, so a run can still land more presses early in the frame than late. So the frame
is cut into eight slices and a slider's presses are counted until each slice holds ``presses / 8``
of them, the first ones to land there whatever their latency; presses landing in a slice already
full are sent but not counted. The table gives both numbers and the counted presses' phase
quartiles. ``--frame-locked`` sends the presses without the offsets and counts them all, to show
the automation's own timing. Whatever the phase, the table also gives the share of presses whose
change was painted in the very next frame: the figure's work did not make them wait for a later
one.

Target: in every chapter and on both front ends, median <= 16 ms (one frame at 60 Hz) and
worst <= 50 ms. The exit status is 0 when every live row meets it, 1 otherwise.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "tests" / "site"))
sys.path.insert(0, str(ROOT / "tools"))

import browser_harness as harness  # noqa: E402

__all__ = ["main"]

MEDIAN_TARGET_MS = 16.0
WORST_TARGET_MS = 50.0
#: One frame at 60 Hz, the rate of headless Chromium's frames and of most displays.
FRAME_MS = 1000 / 60
#: The frame is cut into this many slices, each given the same number of counted presses.
PHASE_SLICES = 8
#: A slider is pressed at most this many times its count of presses to fill every slice.
MAX_SENT = 5
BASELINE_PACKAGE = "sl_ipympl_widgets"
FACTORIES = (
    "activation_explorer",
    "gradient_chain_explorer",
    "gradient_flow_explorer",
    "neuron_explorer",
    "tangent_explorer",
    "training_explorer",
)

#: Arms one measurement on the slider ``selector`` (an element inside the figure ``scope``):
#: resolves with ms from the next keydown to the end of the first painted frame that differs,
#: the keydown's phase (ms since the frame before it began) and which frame after the keydown
#: showed the change (1: the next one).
ARM = r"""
([selector, kind, limit]) => {
  const control = document.querySelector(selector);
  let scope = control;
  const FIGURE = kind === 'live' ? 'svg.sl-figure-svg' : '.jupyter-matplotlib-canvas-div canvas';
  while (scope && !scope.querySelector(FIGURE)) scope = scope.parentElement;
  const target = scope.querySelector(FIGURE);
  let changed = false;
  let observer = null;
  let before = null;
  const pixels = () => new Uint32Array(
    target.getContext('2d').getImageData(0, 0, target.width, target.height).data.buffer);
  if (kind === 'live') {
    observer = new MutationObserver(() => { changed = true; });
    observer.observe(target, { subtree: true, attributes: true, childList: true,
                               characterData: true });
  } else {
    before = pixels();
  }
  const differs = () => {
    if (kind === 'live') return changed;
    const now = pixels();
    if (now.length !== before.length) return true;
    for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) return true;
    return false;
  };
  window.__slLatency = new Promise((resolve) => {
    let t0 = null;
    let phase = null;
    let frameStart = null;  // the requestAnimationFrame timestamp of the latest frame
    let frames = 0;  // frames begun since the keydown, up to the one that shows the change
    const started = performance.now();
    control.addEventListener('keydown', (event) => {
      t0 = event.timeStamp;
      if (frameStart !== null) phase = t0 - frameStart;
    }, { capture: true, once: true });
    const painted = new MessageChannel();
    painted.port1.onmessage = () => {
      if (observer) observer.disconnect();
      resolve({ latency: performance.now() - t0, phase, frames });
    };
    const poll = (timestamp) => {
      if (t0 === null) frameStart = timestamp;
      else frames += 1;
      if (t0 !== null && differs()) { painted.port2.postMessage(null); return; }
      if (performance.now() - started > limit) {
        if (observer) observer.disconnect();
        resolve(null);
        return;
      }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}
"""

#: Puts ``code`` in a new cell at the end of the notebook and runs it.
RUN_NEW_CELL = r"""
async (code) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  const index = notebook.model.cells.length;
  notebook.model.sharedModel.insertCell(index, { cell_type: 'code', source: code });
  notebook.activeCellIndex = index;
  await app.commands.execute('notebook:run-cell');
  const cell = notebook.widgets[index];
  cell.node.setAttribute('data-sl-baseline', String(index));
  return index;
}
"""


#: A plain range input beside the first live figure that changes one SVG text: what any change
#: of pixels costs in this page, with no figure work at all.
FLOOR = r"""
() => {
  const holder = document.createElement('div');
  holder.innerHTML = '<input type="range" min="0" max="100" value="50" data-sl-bench="floor"'
    + ' data-lm-suppress-shortcuts><figure><svg class="sl-figure-svg" width="100" height="20">'
    + '<text x="5" y="15">50</text></svg></figure>';
  const input = holder.querySelector('input');
  const text = holder.querySelector('text');
  input.addEventListener('input', () => { text.textContent = input.value; });
  const figure = document.querySelector('.sl-live');
  figure.parentElement.insertBefore(holder, figure.nextSibling);
}
"""


@dataclass
class Row:
    """The presses of one chapter on one front end."""

    chapter: str
    where: str
    sliders: int = 0
    latencies: list[float] = field(default_factory=list)
    phases: list[float] = field(default_factory=list)
    frames: list[int] = field(default_factory=list)
    missed: int = 0
    sent: int = 0
    unfilled: int = 0

    def median(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    def worst(self) -> float:
        return max(self.latencies) if self.latencies else float("nan")

    def next_frame(self) -> float:
        """The share of presses whose change was in the first frame after the keydown."""
        return sum(f == 1 for f in self.frames) / len(self.frames) if self.frames else float("nan")

    def meets(self) -> bool:
        return (
            bool(self.latencies)
            and not self.missed
            and not self.unfilled
            and self.median() <= MEDIAN_TARGET_MS
            and self.worst() <= WORST_TARGET_MS
        )


def explorer_calls(notebook: Path) -> list[str]:
    """The source of each code cell whose output is an explorer, in order."""
    calls = []
    for cell in json.loads(notebook.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        texts = ["".join(o.get("data", {}).get("text/plain", "")) for o in cell.get("outputs", [])]
        if any(text.startswith("[Interactive figure:") for text in texts):
            calls.append("".join(cell["source"]))
    return calls


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def baseline_commit() -> str:
    """The last commit whose explorers were drawn by ipympl (their base module uses it)."""
    for commit in _git("rev-list", "HEAD", "--", "sigmoid_lab/widgets/").split():
        try:
            base = _git("show", f"{commit}:sigmoid_lab/widgets/base.py")
        except subprocess.CalledProcessError:
            continue
        if "live_canvas" in base:
            return commit
    raise RuntimeError("no commit with the ipympl explorers")


def baseline_package(target: Path) -> Path:
    """The ipympl explorers of the last commit that had them, as a package in ``target``."""
    commit = baseline_commit()
    package = target / BASELINE_PACKAGE
    package.mkdir(parents=True)
    for name in _git("ls-tree", "--name-only", commit, "sigmoid_lab/widgets/").split():
        if name.endswith(".py"):
            source = _git("show", f"{commit}:{name}")
            source = source.replace("sigmoid_lab.widgets", BASELINE_PACKAGE)
            (package / Path(name).name).write_text(source)
    return package


#: Resolves after two painted frames: whatever the page had to draw before is on screen.
TWO_FRAMES = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def press_offsets(presses: int, rng: random.Random | None) -> list[float]:
    """Seconds to wait before each press: one in each of ``presses`` slices of a frame, shuffled.

    With ``rng`` None (``--frame-locked``) every offset is 0.
    """
    if rng is None:
        return [0.0] * presses
    offsets = [(k + rng.random()) / presses * FRAME_MS / 1000 for k in range(presses)]
    rng.shuffle(offsets)
    return offsets


class PhaseQuota:
    """Which presses count: the first ``per_slice`` in each of the frame's PHASE_SLICES slices.

    The offsets only aim the presses; where in the frame each one lands also depends on how
    long the automation's message takes. Counting the same number of presses in every slice
    of the frame, the first ones to land there whatever their latency, makes the sample's
    phases even, so the median is not tipped by a run that happened to land early or late.
    """

    def __init__(self, per_slice: int) -> None:
        self.per_slice = per_slice
        self.counts = [0] * PHASE_SLICES

    @staticmethod
    def slice_of(phase: float) -> int:
        """The slice (0 to PHASE_SLICES - 1) of a phase in ms since a frame began."""
        return min(int(phase % FRAME_MS / (FRAME_MS / PHASE_SLICES)), PHASE_SLICES - 1)

    def take(self, phase: float | None) -> bool:
        """Whether a press at ``phase`` counts; it is counted if so."""
        if phase is None:
            return False
        index = self.slice_of(phase)
        if self.counts[index] >= self.per_slice:
            return False
        self.counts[index] += 1
        return True

    def full(self) -> bool:
        return min(self.counts) >= self.per_slice


def _press_one(page, selector: str, control, kind: str, key: str, offset: float):
    """One timed press: the result of ``ARM`` (None when no new pixels came)."""
    page.evaluate(ARM, [selector, kind, 5000])
    control.focus()
    time.sleep(offset)  # the press's moment in the frame: see the module's docstring
    page.keyboard.press(key)
    result = page.evaluate("() => window.__slLatency")
    # Let the kernel and the page settle before the next press.
    page.wait_for_timeout(150 if kind == "live" else 400)
    return result


def _press_all(
    page, selectors: list[str], kind: str, presses: int, row: Row, rng: random.Random | None
) -> None:
    for selector in selectors:
        row.sliders += 1
        # A reader scrolls to a slider and focuses it before pressing a key; the repaint that
        # scrolling and the focus ring cost belongs to neither press, so it happens first.
        control = page.locator(selector)
        control.scroll_into_view_if_needed()
        control.focus()
        page.evaluate(TWO_FRAMES)
        # Frame-locked presses all count; otherwise each slice of the frame gets its share.
        quota = PhaseQuota(presses // PHASE_SLICES) if rng is not None else None
        # Rounds of offsets, one after another, up to the most presses a slider may take.
        rounds = itertools.chain.from_iterable(
            press_offsets(presses, rng) for _ in itertools.count()
        )
        counted = 0
        for sent, offset in enumerate(itertools.islice(rounds, MAX_SENT * presses), start=1):
            key = "ArrowRight" if sent % 2 else "ArrowLeft"
            result = _press_one(page, selector, control, kind, key, offset)
            if result is None:
                row.missed += 1
                continue
            phase = None if result["phase"] is None else result["phase"] % FRAME_MS
            if quota is not None and not quota.take(phase):
                continue
            counted += 1
            row.latencies.append(result["latency"])
            row.frames.append(result["frames"])
            if phase is not None:
                row.phases.append(phase)
            if counted == presses:
                break
        row.sent += sent
        if counted < presses:
            row.unfilled += 1


def _tag_live_sliders(page, scope: str = "") -> list[str]:
    count = page.evaluate(
        """(scope) => {
          const found = [...document.querySelectorAll(scope + ' .sl-live input[type=range]')]
            .filter((s) => !s.disabled);
          found.forEach((s, i) => s.setAttribute('data-sl-bench', 'live-' + i));
          return found.length;
        }""",
        scope,
    )
    return [f'[data-sl-bench="live-{i}"]' for i in range(count)]


def _floor(page, where: str, chapter: str, presses: int, rng: random.Random | None) -> Row:
    row = Row(chapter, where)
    page.evaluate(FLOOR)
    page.locator('[data-sl-bench="floor"]').scroll_into_view_if_needed()
    _press_all(page, ['[data-sl-bench="floor"]'], "live", presses, row, rng)
    return row


def measure_lab(
    page, server, notebook: Path, presses: int, rng: random.Random | None
) -> list[Row]:
    live = Row(notebook.stem, "JupyterLab, live")
    old = Row(notebook.stem, "JupyterLab, ipympl")
    harness.open_in_jupyterlab(page, server, f"notebooks/{notebook.name}")
    harness.run_all_in_jupyterlab(page)
    page.locator(".sl-live").first.wait_for(timeout=60_000)
    _press_all(page, _tag_live_sliders(page), "live", presses, live, rng)
    floor = _floor(page, "JupyterLab, floor", notebook.stem, presses, rng)
    factories = ", ".join(f"{name}=_old.{name}" for name in FACTORIES)
    setup = (
        f"import sys\nsys.path.insert(0, '../baseline')\nimport {BASELINE_PACKAGE} as _old\n"
        f"_ns = dict(globals(), {factories})"
    )
    page.evaluate(RUN_NEW_CELL, setup)
    for call in explorer_calls(notebook):
        index = page.evaluate(RUN_NEW_CELL, f"eval({call.strip()!r}, _ns)")
        page.locator(
            f'[data-sl-baseline="{index}"] .jupyter-matplotlib-canvas-div'
        ).first.wait_for(timeout=120_000)
        handles = page.locator(f'[data-sl-baseline="{index}"] .widget-slider .noUi-handle')
        selectors = []
        for i in range(handles.count()):
            handles.nth(i).evaluate(
                "(h, tag) => h.setAttribute('data-sl-bench', tag)", f"old-{index}-{i}"
            )
            if not handles.nth(i).evaluate("h => !!h.closest('[disabled]')"):
                selectors.append(f'[data-sl-bench="old-{index}-{i}"]')
        page.locator(selectors[0]).scroll_into_view_if_needed()
        page.wait_for_timeout(1000)  # the canvas' first frame
        _press_all(page, selectors, "ipympl", presses, old, rng)
    return [live, floor, old]


def measure_site(
    page, base: str, notebook: Path, presses: int, rng: random.Random | None
) -> list[Row]:
    row = Row(notebook.stem, "website, live")
    page.goto(base + notebook.stem + ".html")
    page.locator(".sl-live").first.wait_for(timeout=30_000)
    _press_all(page, _tag_live_sliders(page), "live", presses, row, rng)
    return [row, _floor(page, "website, floor", notebook.stem, presses, rng)]


def _ms(value: float) -> str:
    return "-" if value != value else f"{value:.1f}"


def _quartiles(values: list[float]) -> str:
    if len(values) < 4:
        return "-"
    return "/".join(f"{q:.0f}" for q in statistics.quantiles(values, n=4))


def print_table(rows: list[Row], frame_locked: bool = False) -> bool:
    print("Slider key press to changed pixels (ms):")
    header = (
        f"{'chapter':26} {'where':20} {'sliders':>7} {'presses':>7} {'sent':>5} {'median':>7}"
        f" {'worst':>7} {'phase':>8} {'next':>5}  verdict"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for row in rows:
        live = row.where.endswith("live")  # the floor and ipympl rows are references
        verdict = ("meets target" if row.meets() else "misses target") if live else "reference"
        if row.missed:
            verdict += f" ({row.missed} presses without new pixels)"
        if row.unfilled:
            verdict += f" ({row.unfilled} sliders short of presses in some slice of the frame)"
        ok = ok and (row.meets() or not live)
        print(
            f"{row.chapter:26} {row.where:20} {row.sliders:7d} {len(row.latencies):7d}"
            f" {row.sent:5d}"
            f" {_ms(row.median()):>7} {_ms(row.worst()):>7} {_quartiles(row.phases):>8}"
            f" {row.next_frame():>5.0%}  {verdict}"
        )
    phases = [phase for row in rows for phase in row.phases]
    how = (
        "as the automation sent them (--frame-locked)"
        if frame_locked
        else "aimed by offsets spread over one frame, and the same number counted in each"
        " eighth of it (sent: all presses, counted or not)"
    )
    print(
        "\nPhase: ms from the start of a frame to the key press, quartiles per row;"
        f" presses {how}. All {len(phases)} presses: quartiles {_quartiles(phases)} ms"
        f" of {FRAME_MS:.1f} (evenly spread: 4/8/13)."
        "\nNext: the share of presses whose change was painted in the first frame after the key"
        " press, whatever its phase."
    )
    print(
        f"\nTarget for the live figures: median <= {MEDIAN_TARGET_MS:.0f} ms and worst <= "
        f"{WORST_TARGET_MS:.0f} ms per chapter, in JupyterLab and on the website."
        f"\nLoad average at the end (1, 5, 15 min): {os.getloadavg()}, on {os.cpu_count()} cores:"
        " other processes' work delays frames too."
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--presses",
        type=int,
        default=2 * PHASE_SLICES,
        help=f"key presses counted per slider, a multiple of {PHASE_SLICES}",
    )
    parser.add_argument("--site", type=Path, help="a built site (default: build notebooks/)")
    parser.add_argument("--json", type=Path, help="also write the latencies here")
    parser.add_argument("--chapters", nargs="*", help="only these (a prefix such as 01)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the presses' offsets")
    parser.add_argument(
        "--frame-locked",
        action="store_true",
        help="press without the offsets, at the moments the automation happens to send them",
    )
    args = parser.parse_args(argv)
    if args.presses < PHASE_SLICES or (args.presses % PHASE_SLICES and not args.frame_locked):
        parser.error(
            f"--presses must be at least {PHASE_SLICES}, and a multiple of {PHASE_SLICES} (an"
            " equal share for each slice of the frame) unless --frame-locked"
        )
    decision = harness.missing_browser({})
    if decision is not None:
        print(decision[1], file=sys.stderr)
        return 2
    import site_harness
    from playwright.sync_api import sync_playwright

    chapters = [p for p in harness.chapter_notebooks() if explorer_calls(p)]
    if args.chapters:
        chapters = [p for p in chapters if p.name.startswith(tuple(args.chapters))]
    rows: list[Row] = []
    rng = None if args.frame_locked else random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-latency-") as tmp:
        tmp = Path(tmp)
        site = args.site
        if site is None:
            site = tmp / "_site"
            site_harness.build_site.build(site)
        baseline = tmp / "baseline"
        baseline_package(baseline)
        sources = {"notebooks": harness.NOTEBOOKS, "baseline": baseline}
        with (
            harness.start_jupyterlab(sources) as server,
            site_harness.serve(site) as base,
            sync_playwright() as pw,
        ):
            browser = harness.launch_browser(pw)
            try:
                for notebook in chapters:
                    start = time.perf_counter()
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    try:
                        rows.extend(measure_lab(page, server, notebook, args.presses, rng))
                    finally:
                        context.close()
                        server.shutdown_kernels()
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.route(
                        "**/*",
                        lambda route: (
                            route.continue_()
                            if re.match(r"^http://127\.0\.0\.1[:/]", route.request.url)
                            else route.abort("blockedbyclient")
                        ),
                    )
                    try:
                        rows.extend(measure_site(page, base, notebook, args.presses, rng))
                    finally:
                        context.close()
                    print(
                        f"measured {notebook.name} in {time.perf_counter() - start:.0f} s",
                        file=sys.stderr,
                    )
            finally:
                browser.close()
    ok = print_table(rows, args.frame_locked)
    if args.json:
        args.json.write_text(json.dumps([row.__dict__ for row in rows], indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
