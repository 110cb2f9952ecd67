"""Show figures to a learner: static images with alt text, and live canvases for widgets.

Static figures are embedded as ``<figure><img alt=…>`` so the point comes across on GitHub and
nbviewer, where widgets do not run, and to screen readers. Live figures use ipympl's canvas
widget: the widget factories change artists in place and redraw the canvas, so a slider
repaints the one figure it belongs to without flicker and without a second copy of the plot.

Neither kind touches the learner's own plotting: figures are made with
:class:`~matplotlib.figure.Figure`, never registered with pyplot, and ipympl is loaded without
the backend switch its package runs on import, so ``plt.plot`` in a later cell still shows the
plot the way the notebook chose (``%matplotlib inline`` or another backend).
"""

from __future__ import annotations

import base64
import html
import importlib
import io
import itertools
import sys
import threading
import warnings
from contextlib import contextmanager
from types import ModuleType

import ipywidgets as widgets
import matplotlib
from matplotlib._pylab_helpers import Gcf
from matplotlib.figure import Figure
from matplotlib.text import Text

from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.style import register_cjk_font

__all__ = ["StaticFigure", "live_canvas", "new_figure", "static_figure"]

# ipympl numbers the figures it manages; ours never enter pyplot's registry, so a private
# counter keeps the numbers distinct without touching global pyplot state.
_canvas_numbers = itertools.count(1000)

_IPYMPL_BACKEND = "ipympl.backend_nbagg"
_import_lock = threading.Lock()

# ipympl's Toolbar passes its canvas on to traitlets, which warns about the extra argument
# (a DeprecationWarning that a kernel started with PYTHONWARNINGS=default prints under every
# explorer). Harmless and not ours to fix, so it is silenced where the canvas is built, only.
_TOOLBAR_WARNING = r"Passing unrecognized arguments to super\(Toolbar\)"


def _keep_backend(*args, **kwargs) -> None:
    """Stands in for :func:`matplotlib.use` while ipympl's package is imported."""


def _ipympl_backend() -> ModuleType:
    """ipympl's backend module, imported without switching Matplotlib's backend.

    ``ipympl/__init__.py`` calls ``matplotlib.use("module://ipympl.backend_nbagg")`` whenever
    Matplotlib is already imported, which makes ipympl pyplot's backend for the rest of the
    session: a later ``plt.plot`` becomes a widget, or shows nothing, instead of the image
    ``%matplotlib inline`` promised. The canvas and manager classes need none of that, so the
    call is skipped while the package is first imported. Once imported, ipympl is the same
    module for everyone, and ``%matplotlib widget`` still selects it as usual.
    """
    module = sys.modules.get(_IPYMPL_BACKEND)
    if module is not None:
        return module
    with _import_lock:
        use = matplotlib.use
        matplotlib.use = _keep_backend
        try:
            return importlib.import_module(_IPYMPL_BACKEND)
        finally:
            matplotlib.use = use


def new_figure(*, figsize=None, **kwargs) -> Figure:
    """Make a Matplotlib figure that is not registered with pyplot.

    A figure made this way is never displayed by accident at the end of a cell and is freed
    when nothing refers to it. Call it inside :func:`sigmoid_lab.style.style_context` to get
    the course style.
    """
    return Figure(figsize=figsize, **kwargs)


@contextmanager
def _cjk_fallback(fig: Figure):
    """Let every text of ``fig`` fall back to the shipped CJK font while it is drawn.

    Text made inside :func:`sigmoid_lab.style.style_context` has that fallback already; text a
    notebook adds afterwards (``ax.annotate(_("..."))`` in the Chinese edition) would otherwise
    draw Chinese characters as boxes. The figure's own families are put back afterwards.
    """
    family = register_cjk_font()
    changed = []
    for text in fig.findobj(Text):
        families = list(text.get_fontfamily())
        if family not in families:
            changed.append((text, families))
            text.set_fontfamily([*families, family])
    try:
        yield
    finally:
        for text, families in changed:
            text.set_fontfamily(families)


class StaticFigure:
    """A rendered figure with alt text, displayed as an HTML ``<figure>``.

    The ``text/plain`` form is the alt text, so text-only front ends, screen readers and
    notebook tests see what the figure shows.
    """

    def __init__(self, fig: Figure, alt: str, caption: str | None = None, dpi: int = 80):
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError(_("static_figure needs alt text: describe what the figure shows."))
        buffer = io.BytesIO()
        with _cjk_fallback(fig):
            # No software or date metadata, so that re-running a notebook gives the same bytes.
            fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        self.png = buffer.getvalue()
        self.alt = alt.strip()
        self.caption = caption

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png).decode("ascii")
        alt = html.escape(self.alt, quote=True)
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        markup = (
            f'<figure style="margin: 0.5em 0">'
            f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width: 100%"/>'
            f"{caption}</figure>"
        )
        return {"text/html": markup, "text/plain": _("[Figure: {alt}]").format(alt=self.alt)}

    def __repr__(self) -> str:
        return _("[Figure: {alt}]").format(alt=self.alt)


def static_figure(fig: Figure, *, alt: str, caption: str | None = None) -> StaticFigure:
    """Render ``fig`` once as a PNG with alt text, ready to display in a notebook.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render.
    alt : str
        What the figure shows, for readers who cannot see it. Required.
    caption : str, optional
        A visible caption under the image.

    Returns
    -------
    StaticFigure
        Displays as an image with alt text; its ``repr`` is the alt text.
    """
    return StaticFigure(fig, alt, caption)


def live_canvas(fig: Figure, *, alt: str) -> widgets.DOMWidget:
    """Wrap ``fig`` in an ipympl canvas widget for in-place updates.

    The toolbar, header and footer are hidden and resizing is off, so a class sees only the
    figure. ``alt`` is kept on the canvas as ``canvas.alt`` and shown by the widget factories
    as a caption.

    Matplotlib's backend, its rcParams and pyplot's figures are left as they were: the canvas
    is attached to ``fig`` directly, without pyplot, and ipympl is imported without its
    backend switch. Close the canvas (``canvas.close()``, and ``canvas.toolbar.close()``) to
    free it; :meth:`sigmoid_lab.widgets.Explorer.close` does both.

    Raises
    ------
    TypeError
        If ``fig`` is not a :class:`~matplotlib.figure.Figure`.
    ValueError
        If ``fig`` is one of pyplot's figures, or ``alt`` is empty.
    """
    if not isinstance(fig, Figure):
        raise TypeError(
            _(
                "live_canvas() expects a matplotlib Figure, got {type}; make one "
                "with new_figure()."
            ).format(type=type(fig).__name__)
        )
    if any(manager.canvas.figure is fig for manager in Gcf.get_all_fig_managers()):
        raise ValueError(
            _(
                "live_canvas() got a figure that pyplot manages (made with "
                "plt.figure or plt.subplots); giving it a second canvas would take "
                "it from pyplot's backend. Make the figure with new_figure() "
                "instead."
            )
        )
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(_("live_canvas needs alt text: describe what the figure shows."))
    # Imported here: ipympl pulls in the widget machinery, which plain plotting does not need.
    backend = _ipympl_backend()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_TOOLBAR_WARNING, category=DeprecationWarning)
        canvas = backend.Canvas(fig)
        backend.FigureManager(canvas, next(_canvas_numbers))
    canvas.toolbar_visible = False
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.resizable = False
    canvas.capture_scroll = False
    canvas.alt = alt
    return canvas
