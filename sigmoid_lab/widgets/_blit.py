"""Redraw only what a slider changes, over a saved picture of everything else.

A full Agg draw of a figure spends most of its time on text: tick labels, axis labels and
titles, laid out and rasterised again on every frame although a slider rarely changes them.
Blitting keeps a picture of the figure without the artists an update changes (the
*background*), and on the next frame pastes it back and draws only those artists on top. It is
Matplotlib's own technique (see its "Faster rendering by using blitting" guide); this module
adds the bookkeeping that keeps it correct for a learner's figure:

* The artists redrawn on top are everything the figure would draw at or above the lowest
  changing artist of each Axes, in the order ``Axes.draw`` would draw them. An image under the
  data points therefore brings the points with it, and a line keeps its spines on top, so a
  fast frame has the same pixels as a full draw.
* The background is drawn again when it can be out of date: when the canvas size or dpi, an
  Axes' position, limits or scale changed, or any other artist marked itself stale (``set_text``,
  ``set_data``, ``set_visible`` and the like do).
* Axes that overlap, or that rasterise below a zorder, always get a full draw.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import attrgetter

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

__all__ = ["Blitter", "any_overlap"]


def _draw_order(ax: Axes) -> list[Artist]:
    """What ``Axes.draw`` draws after the Axes background patch, in the order it draws it."""
    children = [child for child in ax.get_children() if child is not ax.patch]
    if not (ax.axison and ax.get_frame_on()):
        spines = set(map(id, ax.spines.values()))
        children = [child for child in children if id(child) not in spines]
    if not ax.axison:
        axes = {id(ax.xaxis), id(ax.yaxis), id(getattr(ax, "zaxis", None))}
        children = [child for child in children if id(child) not in axes]
    children = [child for child in children if not child.get_animated()]
    # sorted() is stable, as in Axes.draw: equal zorders keep the order of get_children().
    return sorted(children, key=attrgetter("zorder"))


@contextmanager
def _left_out(artists: Iterable[Artist]) -> Iterator[None]:
    """Leave ``artists`` out of a figure draw.

    Marked animated, as Matplotlib's blitting guide does, rather than hidden: a hidden title
    or axis would change how ``Axes.draw`` places the titles, an animated one does not.
    """
    for artist in artists:
        artist.set_animated(True)
    try:
        yield
    finally:
        for artist in artists:
            artist.set_animated(False)


def any_overlap(boxes: Iterable[Bbox], slack: float = 0.0) -> bool:
    """Whether any two of ``boxes`` overlap by more than ``slack`` in both directions."""
    boxes = list(boxes)
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            if (
                box.x0 < other.x1 - slack
                and other.x0 < box.x1 - slack
                and box.y0 < other.y1 - slack
                and other.y0 < box.y1 - slack
            ):
                return True
    return False


class Blitter:
    """Draw a figure by redrawing only ``artists`` (and what lies on them) when possible.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure with an Agg-based canvas (ipympl's canvas is one).
    artists : iterable of Artist
        The artists that change from frame to frame. Each must belong to an Axes of ``figure``.

    Attributes
    ----------
    full_draws, fast_draws : int
        How many frames were drawn in full and how many by blitting.

    Notes
    -----
    :meth:`draw` leaves the new frame in the canvas' Agg buffer; the caller sends it on (for
    ipympl, ``canvas.blit()``). A change to any other artist is picked up when it marks itself
    stale, which Matplotlib's setters do; a change nested inside another artist (a legend
    entry, a tick label set by hand) is not, so an update that makes one should not blit.
    """

    def __init__(self, figure: Figure, artists: Iterable[Artist]):
        self.figure = figure
        self.artists = tuple(artists)
        for artist in self.artists:
            if artist.axes is None or artist.axes.get_figure(root=True) is not figure:
                raise ValueError(
                    f"Blitter: {artist!r} is not drawn in an Axes of this figure; only "
                    "artists inside the figure's Axes can be redrawn on their own."
                )
        self.full_draws = 0
        self.fast_draws = 0
        self._background = None
        self._drawn_key: tuple | None = None

    def forget_background(self) -> None:
        """Drop the saved background; the next :meth:`draw` is a full one."""
        self._background = None
        self._drawn_key = None

    def _overlay(self) -> list[Artist]:
        """Per Axes, the changing artists and everything drawn after the first of them."""
        changing = set(map(id, self.artists))
        overlay = []
        for ax in self.figure.axes:
            order = _draw_order(ax)
            first = next((i for i, child in enumerate(order) if id(child) in changing), None)
            if first is not None:
                overlay.extend(order[first:])
        return overlay

    def _key(self) -> tuple:
        """What the background depends on, besides the artists' own stale flags."""
        canvas = self.figure.canvas
        axes = tuple(
            (
                ax.get_position().bounds,
                ax.get_xlim(),
                ax.get_ylim(),
                ax.get_xscale(),
                ax.get_yscale(),
                ax.get_visible(),
            )
            for ax in self.figure.axes
        )
        return (canvas.get_width_height(physical=True), self.figure.dpi, axes)

    def _static(self, overlay: list[Artist]) -> list[Artist]:
        on_top = set(map(id, overlay))
        static = [child for child in self.figure.get_children() if not isinstance(child, Axes)]
        for ax in self.figure.axes:
            static.extend(child for child in ax.get_children() if id(child) not in on_top)
        return static

    def can_blit(self) -> bool:
        """Whether the figure's layout allows a fast frame at all."""
        boxes = [ax.get_position() for ax in self.figure.axes if ax.get_visible()]
        rasterizing = any(ax.get_rasterization_zorder() is not None for ax in self.figure.axes)
        return not rasterizing and not any_overlap(boxes)

    def draw(self) -> bool:
        """Render the current state into the canvas, in full or by blitting.

        Returns True when the frame was drawn in full.
        """
        canvas = self.figure.canvas
        overlay = self._overlay()
        static = self._static(overlay)
        fresh = (
            self._background is not None
            and self._key() == self._drawn_key
            and not any(artist.stale for artist in static)
        )
        if fresh:
            canvas.restore_region(self._background)
            self.fast_draws += 1
            drawn_in_full = False
        elif not self.can_blit():
            FigureCanvasAgg.draw(canvas)
            self._background = None
            self.full_draws += 1
            return True
        else:
            with _left_out(overlay):
                # Agg's own draw: ipympl's would send the frame without the overlay.
                FigureCanvasAgg.draw(canvas)
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._drawn_key = self._key()
            for artist in static:
                # Drawn into the background just now (or invisible): up to date. Setting False
                # never propagates, so nothing else sees this.
                artist.stale = False
            self.full_draws += 1
            drawn_in_full = True
        renderer = canvas.get_renderer()
        for artist in overlay:
            if artist.get_visible():
                artist.draw(renderer)
        return drawn_in_full
