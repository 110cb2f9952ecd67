"""Re-execute the course notebooks in place, each in a fresh kernel, with a timeout.

Usage::

    python tools/execute_notebooks.py              # every notebook under notebooks/
    python tools/execute_notebooks.py notebooks/02-meet-the-sigmoid.ipynb

This is the one command that produces the committed outputs that strict nbval compares.
Each notebook runs from its own folder, top to bottom, in a new kernel, so no state is shared
between notebooks. Execution times are printed so slow chapters are noticed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def find_notebooks(paths: list[str]) -> list[Path]:
    """The notebooks to run: the given paths, or every notebook under ``notebooks/``."""
    if paths:
        return [Path(p).resolve() for p in paths]
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _drop_widget_views(nb) -> None:
    """Keep the stable forms of widget outputs, without the widget view.

    Without saved widget state a stored widget view can only say "Error displaying widget:
    model not found" when the notebook is opened; its random model id would also change on
    every run. An explorer's output keeps its text form (which says to run the cell) and its
    figure (``application/vnd.sigmoid-lab.figure+json``: settings, control values and data,
    the same on every run), which the website draws live; nbval compares both.
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)


def _merge_streams(nb) -> None:
    """Join consecutive stdout (or stderr) outputs of a cell into one.

    How printed text is split into messages depends on buffer timing, so without this a
    re-run could change the file while changing no text.
    """
    for cell in nb.cells:
        merged = []
        for output in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (
                output.output_type == "stream"
                and previous is not None
                and previous.output_type == "stream"
                and previous.name == output.name
            ):
                previous.text += output.text
            else:
                merged.append(output)
        if "outputs" in cell:
            cell.outputs = merged


def execute(path: Path, timeout: int) -> float:
    """Run one notebook in place in a fresh kernel and return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        # nbclient needs the widget state while it runs (its Output-widget handling looks it
        # up); it is dropped before writing: it holds random model ids, and each explorer's
        # output already carries its figure in a stable form.
        store_widget_state=True,
        record_timing=False,
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    _drop_widget_views(nb)
    _merge_streams(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="notebooks to run (default: all)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = parser.parse_args(argv)
    for path in find_notebooks(args.paths):
        seconds = execute(path, args.timeout)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{seconds:6.1f} s  {shown}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
