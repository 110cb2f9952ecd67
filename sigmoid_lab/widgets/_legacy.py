"""The shape every widget factory returns: one container with its parts reachable."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import ipywidgets as widgets
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from sigmoid_lab.display import live_canvas
from sigmoid_lab.widgets import _cells
from sigmoid_lab.widgets._blit import Blitter, any_overlap

__all__ = ["Explorer"]

#: How far (pixels) a label may reach past the figure's edge or into a neighbour's labels
#: before the layout is redone: rounding, not clipping.
_LAYOUT_SLACK = 0.5


def _layout_fits(figure: Figure) -> bool:
    """Whether every Axes' labels lie inside the figure and clear of the other Axes' labels.

    Costs about a third of a full draw, so :class:`Explorer` asks only when
    :func:`_label_key` changed.
    """
    renderer = figure.canvas.get_renderer()
    page = figure.bbox
    boxes = [ax.get_tightbbox(renderer) for ax in figure.axes if ax.get_visible()]
    boxes = [box for box in boxes if box is not None]
    slack = _LAYOUT_SLACK
    for box in boxes:
        if (
            box.x0 < page.x0 - slack
            or box.y0 < page.y0 - slack
            or box.x1 > page.x1 + slack
            or box.y1 > page.y1 + slack
        ):
            return False
    return not any_overlap(boxes, slack)


def _label_key(figure: Figure) -> tuple:
    """What the labels' extents depend on: limits and scales (hence ticks), texts, size."""
    axes = tuple(
        (
            ax.get_xlim(),
            ax.get_ylim(),
            ax.get_xscale(),
            ax.get_yscale(),
            ax.get_xlabel(),
            ax.get_ylabel(),
            *(ax.get_title(loc) for loc in ("left", "center", "right")),
        )
        for ax in figure.axes
        if ax.get_visible()
    )
    return (figure.canvas.get_width_height(physical=True), figure.dpi, axes)


def _widget_tree(root: widgets.Widget) -> list[widgets.Widget]:
    """``root`` and every widget it holds in a synced trait (children, layout, style, the
    canvas' toolbar), each once."""
    found: dict[int, widgets.Widget] = {}
    stack = [root]
    while stack:
        widget = stack.pop()
        if id(widget) in found:
            continue
        found[id(widget)] = widget
        for name in widget.keys:
            value = getattr(widget, name, None)
            values = value if isinstance(value, (list, tuple)) else (value,)
            stack.extend(item for item in values if isinstance(item, widgets.Widget))
    return list(found.values())


class Explorer(widgets.VBox):
    """Controls above a live figure, with an error area under it.

    A factory builds the figure and its artists once, then calls :meth:`connect` with an
    ``update`` function that changes those artists in place. Moving any control calls
    ``update(**values)`` and repaints the canvas; an exception raised by ``update`` is shown
    to the learner in :attr:`errors` instead of vanishing in the kernel log.

    Attributes
    ----------
    controls : dict of str to Widget
        The sliders, dropdowns and checkboxes, by name. A test sets ``controls["w"].value``.
    artists : dict of str to matplotlib Artist
        What the update changes, by name. A test reads ``artists["curve"].get_ydata()``.
    figure : matplotlib.figure.Figure
    canvas : ipympl Canvas widget
    readout : ipywidgets.HTML
        A line of text the update may rewrite (a value, a verdict).
    errors : ipywidgets.Output
        Where a failing update shows its traceback.
    blitter : Blitter or None
        With ``blit=`` names, what redraws only the changing artists after a control moves.
    layouts : int
        How many times the figure was laid out: once when connected, and again whenever a
        frame's labels no longer fit the frozen layout (a tick label that grew from "0.7" to
        "0.70" would otherwise push the axis label off the figure).
    closed : bool
        Whether :meth:`close` has run.

    Notes
    -----
    A widget stays in the kernel until it is closed. In JupyterLab and Jupyter Notebook 7,
    which tell the kernel which cell runs, an explorer is closed by itself once every cell
    that made or displayed it has run again or been deleted: re-running an explorer's cell
    frees the old one. Elsewhere, call :meth:`close`.
    """

    closed = False

    def __init__(
        self,
        figure: Figure,
        controls: Mapping[str, widgets.Widget],
        artists: Mapping[str, Artist],
        *,
        alt: str,
        title: str | None = None,
        control_rows: Iterable[Iterable[str]] | None = None,
        blit: Iterable[str] = (),
    ):
        """
        Parameters
        ----------
        figure : Figure
            The figure the controls change; shown on an ipympl canvas.
        controls, artists : mapping of str
            The controls and the artists an update changes, by name.
        alt : str
            What the figure shows, for readers who cannot see it; also the caption.
        title : str, optional
            A bold line above the controls.
        control_rows : list of lists of str, optional
            The controls' names row by row; one row by default.
        blit : iterable of str
            Names in ``artists`` that are the only artists an update changes, besides Axes
            limits and scales. A frame that changes only those redraws them over a saved
            picture of the rest (:class:`~sigmoid_lab.widgets._blit.Blitter`), which is what
            makes a figure with many labels keep up with a slider. Empty: full draws.
        """
        self.controls = dict(controls)
        self.artists = dict(artists)
        blit = tuple(blit)
        unknown = [name for name in blit if name not in self.artists]
        if unknown:
            raise ValueError(f"Explorer: blit names {unknown} that are not among the artists.")
        self.blitter = Blitter(figure, [self.artists[name] for name in blit]) if blit else None
        self.figure = figure
        self.canvas = live_canvas(figure, alt=alt)
        self.alt = alt
        self.readout = widgets.HTML()
        self.errors = widgets.Output()
        self._update: Callable[..., object] | None = None
        self._shown = False
        self._layout_engine = None
        self._checked_labels: tuple | None = None
        self.layouts = 0
        rows = control_rows or [list(self.controls)]
        control_box = widgets.VBox(
            [widgets.HBox([self.controls[name] for name in row]) for row in rows]
        )
        caption = widgets.HTML(f"<small><i>Figure: {alt}</i></small>")
        heading = [widgets.HTML(f"<b>{title}</b>")] if title else []
        super().__init__([*heading, control_box, self.canvas, self.readout, caption, self.errors])
        _cells.made_or_shown(self)

    def _repr_mimebundle_(self, **kwargs):
        # The text form is what a reader sees where widgets cannot run (GitHub, nbviewer, a
        # notebook opened before its cells are run), so it says what to do rather than
        # printing the widget tree.
        _cells.made_or_shown(self)
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = (
            f"[Interactive figure: {self.alt} Run this cell in Jupyter to use its "
            "controls; a static version follows.]"
        )
        return bundle

    def close(self) -> None:
        """Close every widget of the explorer and let go of its figure.

        The controls stop calling the update, every widget inside (controls, canvas and its
        toolbar, readout, error area, their layouts and styles) is closed, the saved blitting
        background is dropped, and :attr:`figure`, :attr:`canvas` and :attr:`blitter` become
        None and :attr:`controls` and :attr:`artists` empty, so that what the output history
        still holds is small. Closing twice does nothing.
        """
        if self.closed:
            return
        if "canvas" not in vars(self):
            # __init__ stopped before it made anything (Widget.__del__ calls close() too).
            super().close()
            return
        self.closed = True
        _cells.forget(self)
        for control in self.controls.values():
            control.unobserve(self._on_change, names="value")
        self._update = None
        if self.blitter is not None:
            self.blitter.forget_background()
        tree = _widget_tree(self)
        super().close()  # first, so that the front end is not sent the emptied box
        for widget in tree:
            widget.close()
        self.children = ()
        self.figure = self.canvas = self.blitter = None
        self.controls = {}
        self.artists = {}

    def __repr__(self) -> str:
        if self.closed:
            return (
                f"[Closed interactive figure: {self.alt} Run the cell that made it again to "
                "get a new one.]"
            )
        return super().__repr__()

    def values(self) -> dict[str, object]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def connect(self, update: Callable[..., object]) -> Explorer:
        """Call ``update(**values)`` now and whenever a control's value changes."""
        self._update = update
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()
        self._freeze_layout()
        if self.blitter is not None:
            # Save the background now, so that the first slider move is as fast as the rest.
            self.blitter.draw()
        return self

    def _freeze_layout(self) -> None:
        """Lay the figure out once, for its first state, and keep that layout.

        Constrained layout would otherwise run again on every redraw, which measured about 40 %
        of the time from a slider move to new pixels. The controls change data and limits, not
        which labels exist, so the first layout keeps fitting.
        """
        engine = self.figure.get_layout_engine()
        if engine is None:
            return
        self.figure.draw_without_rendering()
        self.figure.set_layout_engine("none")
        self.layouts += 1
        # Frames are checked against the first layout only if it fitted: a figure whose
        # labels overlap by design (an inset) would otherwise be laid out on every frame.
        if _layout_fits(self.figure):
            self._layout_engine = engine
            self._checked_labels = _label_key(self.figure)

    def _relayout(self) -> None:
        """Lay the figure out again for its current labels, and keep that layout."""
        self.figure.set_layout_engine(self._layout_engine)
        self.figure.draw_without_rendering()
        self.figure.set_layout_engine("none")
        self.layouts += 1

    def refresh(self) -> None:
        """Run the update with the current values and repaint the figure.

        Inside a kernel a failure is shown in :attr:`errors`; outside one (a plain test) the
        exception propagates, so a test sees it.
        """
        if self.closed:
            raise RuntimeError(
                "Explorer.refresh(): this explorer was closed; run the cell that made it again."
            )
        if self._update is None:
            raise RuntimeError("Explorer.refresh() called before connect(update).")
        if self.errors.outputs:
            self.errors.clear_output()
        with self.errors:
            self._update(**self.values())
            self._repaint()

    def _repaint(self) -> None:
        # Until the browser has shown the canvas once, let ipympl schedule the first draw
        # itself (an image sent before the view exists leaves it blank). After that, draw now
        # rather than with draw_idle(), whose request travels to the browser and back before
        # the kernel draws: that round trip measured about a fifth of the time from a key press
        # to new pixels. Fast drags still coalesce, because ipywidgets holds back a slider's
        # next value until the kernel has handled the previous one.
        # With a blitter, only the changing artists are drawn again when nothing else moved.
        # A frame drawn in full may have new tick labels; if they no longer fit the frozen
        # layout, the figure is laid out again before the frame is sent.
        if not self._shown:
            self.canvas.draw_idle()
            return
        if self._render() and not self._layout_still_fits():
            self._relayout()
            self._render()
        self.canvas.blit()  # sends the frame in the canvas' buffer to the browser

    def _layout_still_fits(self) -> bool:
        if self._layout_engine is None:
            return True
        key = _label_key(self.figure)
        if key == self._checked_labels:
            return True
        self._checked_labels = key
        return _layout_fits(self.figure)

    def _render(self) -> bool:
        """Draw the current state into the canvas' buffer; True when drawn in full."""
        if self.blitter is not None:
            return self.blitter.draw()
        FigureCanvasAgg.draw(self.canvas)
        return True

    def _on_change(self, change) -> None:
        # Controls are moved by a learner, so by now the browser shows the canvas.
        self._shown = True
        self.refresh()
