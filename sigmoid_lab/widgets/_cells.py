"""Close an explorer once every notebook cell that made or showed it has run again.

ipywidgets keeps each widget in the kernel until it is closed, and IPython's output history
(``Out``, ``_``) keeps each value a cell displayed, so an explorer outlives its output: a
learner who re-runs an explorer's cell 25 times would keep 25 figures in memory. When a cell
runs again the front end clears the cell's old output, so an explorer that only that cell made
or showed can no longer be seen; it is closed then.

A cell is known by the ``cellId`` that JupyterLab and Jupyter Notebook 7 send with each
execution request (IPython hands it to ``pre_run_cell`` callbacks as ``info.cell_id``).
JupyterLab also lists the cells deleted since its last request (``deletedCells``); their
explorers are closed as well. A front end that sends no cell id (nbclient, nbconvert, Voilà,
a terminal) gives nothing to go by, and there nothing is closed automatically:
:meth:`sigmoid_lab.widgets.Explorer.close` frees an explorer by hand.
"""

from __future__ import annotations

import weakref

__all__ = ["current_cell", "forget", "made_or_shown"]

#: Each open explorer and the cells that made or showed it. ``None`` stands for a cell with
#: no id: an explorer that has one is never closed automatically.
_cells: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    return get_ipython()


def current_cell() -> str | None:
    """The id of the notebook cell being run, or None when the front end sent none."""
    kernel = getattr(_shell(), "kernel", None)
    if kernel is None or not hasattr(kernel, "get_parent"):
        return None
    parent = kernel.get_parent() or {}
    if parent.get("msg_type", parent.get("header", {}).get("msg_type")) != "execute_request":
        return None  # a slider's message, say: no cell is running
    cell = (parent.get("metadata") or {}).get("cellId")
    return cell if isinstance(cell, str) and cell else None


def made_or_shown(explorer) -> None:
    """Record that the running cell made or displayed ``explorer``."""
    _watch_cells()
    _cells.setdefault(explorer, set()).add(current_cell())


def forget(explorer) -> None:
    """Stop tracking ``explorer`` (it was closed)."""
    _cells.pop(explorer, None)


def _request_metadata() -> dict:
    """The metadata of the execute request being handled, or {} outside a kernel."""
    kernel = getattr(_shell(), "kernel", None)
    if kernel is None or not hasattr(kernel, "get_parent"):
        return {}
    parent = kernel.get_parent() or {}
    metadata = parent.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def _cell_runs(info) -> None:
    """``pre_run_cell`` callback: close the explorers that only this cell (or deleted ones)
    made or showed."""
    cleared = {getattr(info, "cell_id", None) or current_cell()}
    # IPython 9 hands the request's metadata over as cell_meta; IPython 8 does not, and there
    # it is read from the request itself.
    metadata = getattr(info, "cell_meta", None) or _request_metadata()
    deleted = metadata.get("deletedCells") if isinstance(metadata, dict) else None
    if isinstance(deleted, list):
        cleared.update(cell for cell in deleted if isinstance(cell, str))
    cleared.discard(None)
    if not cleared:
        return
    for explorer, cells in list(_cells.items()):
        if cells & cleared:
            cells -= cleared
            if not cells:
                explorer.close()


def _watch_cells() -> None:
    """Register :func:`_cell_runs` with the running IPython, once."""
    shell = _shell()
    events = getattr(shell, "events", None)
    if events is None:
        return
    if _cell_runs not in events.callbacks.get("pre_run_cell", []):
        events.register("pre_run_cell", _cell_runs)
