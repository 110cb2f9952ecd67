"""Show figures to a learner: static images with alt text, and live canvases for widgets.

Static figures are embedded as ``<figure><img alt=…>`` so the point comes across on GitHub and
nbviewer, where widgets do not run, and to screen readers. Live figures use ipympl's canvas
widget: the widget factories change artists in place and redraw the canvas, so a slider
repaints the one figure it belongs to without flicker and without a second copy of the plot.
"""

from __future__ import annotations

import base64
import html
import io
import itertools

import ipywidgets as widgets
from matplotlib.figure import Figure

__all__ = ["StaticFigure", "live_canvas", "new_figure", "static_figure"]

# ipympl numbers the figures it manages; ours never enter pyplot's registry, so a private
# counter keeps the numbers distinct without touching global pyplot state.
_canvas_numbers = itertools.count(1000)


def new_figure(*, figsize=None, **kwargs) -> Figure:
    """Make a Matplotlib figure that is not registered with pyplot.

    A figure made this way is never displayed by accident at the end of a cell and is freed
    when nothing refers to it. Call it inside :func:`sigmoid_lab.style.style_context` to get
    the course style.
    """
    return Figure(figsize=figsize, **kwargs)


class StaticFigure:
    """A rendered figure with alt text, displayed as an HTML ``<figure>``.

    The ``text/plain`` form is the alt text, so text-only front ends, screen readers and
    notebook tests see what the figure shows.
    """

    def __init__(self, fig: Figure, alt: str, caption: str | None = None, dpi: int = 80):
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("static_figure needs alt text: describe what the figure shows.")
        buffer = io.BytesIO()
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
        return {"text/html": markup, "text/plain": f"[Figure: {self.alt}]"}

    def __repr__(self) -> str:
        return f"[Figure: {self.alt}]"


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
    """
    # Imported here: ipympl pulls in the widget machinery, which plain plotting does not need.
    from ipympl.backend_nbagg import Canvas, FigureManager

    canvas = Canvas(fig)
    FigureManager(canvas, next(_canvas_numbers))
    canvas.toolbar_visible = False
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.resizable = False
    canvas.capture_scroll = False
    canvas.alt = alt
    return canvas
