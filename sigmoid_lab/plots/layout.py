"""Small multiples: one plot function drawn at a few settings, side by side.

Widgets do not run on GitHub or nbviewer, so every interactive figure in the course is also
shown as a static row of panels, one per slider setting worth seeing. The panels share their
axes, so the reader compares shapes, not tick labels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.figure import Figure

from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.style import style_context

__all__ = ["SmallMultiples", "format_setting", "small_multiples"]


@dataclass
class SmallMultiples:
    """What :func:`small_multiples` drew.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    axes : numpy.ndarray of Axes
        One Axes per setting, in the order given (flat).
    artists : list
        What the plot function returned for each panel, in the same order.
    """

    figure: Figure
    axes: np.ndarray
    artists: list = field(default_factory=list)


def format_setting(setting: Mapping[str, object]) -> str:
    """A panel title from a setting: ``{"w": 4, "b": -2}`` becomes ``"w = 4, b = −2"``.

    Numbers use the typographic minus sign and at most three significant digits.

    Examples
    --------
    >>> format_setting({"w": 4.0, "b": -2})
    'w = 4, b = −2'
    """
    parts = []
    for name, value in setting.items():
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
            value, bool
        ):
            text = f"{float(value):.3g}".replace("-", "−")
        else:
            text = str(value)
        parts.append(f"{name} = {text}")
    return ", ".join(parts)


def small_multiples(
    plot: Callable[..., object],
    settings: Sequence[Mapping[str, object]],
    *,
    ncols: int | None = None,
    titles: Sequence[str] | None = None,
    panel_size: tuple[float, float] = (2.5, 2.3),
    sharex: bool = True,
    sharey: bool = True,
    legend: str = "figure",
) -> SmallMultiples:
    """Draw ``plot(ax=ax, **setting)`` once per setting, in a grid of shared axes.

    Parameters
    ----------
    plot : callable
        A plot function shaped ``plot(..., *, ax=None)``, such as
        :func:`sigmoid_lab.plots.curves.plot_neuron`.
    settings : sequence of dict
        Keyword arguments for each panel, e.g. ``[{"w": 1, "b": 0}, {"w": 5, "b": 0}]``.
    ncols : int, optional
        Panels per row. Default: all in one row, up to four.
    titles : sequence of str, optional
        One title per panel. Default: the setting, as ``"w = 1, b = 0"``.
    panel_size : (float, float)
        Width and height of one panel in inches.
    sharex, sharey : bool
        Share the axes, so that the panels are compared on the same scale. Inner tick
        labels and axis labels are then hidden.
    legend : {"figure", "first", "all", "none"}
        Where the legend the plot function drew goes: once for the whole figure, under the
        panels (the default); in the first panel only; in every panel; or nowhere. A legend
        repeated in every panel only crowds the figure.

    Returns
    -------
    SmallMultiples
        The figure, the axes (flat, one per setting) and what each call of ``plot`` returned.

    Examples
    --------
    >>> from sigmoid_lab.plots.curves import plot_neuron
    >>> grid = small_multiples(plot_neuron, [{"w": 1, "b": 0}, {"w": 5, "b": 0}])
    >>> len(grid.axes)
    2
    """
    if not callable(plot):
        raise TypeError(
            _(
                "small_multiples: plot must be a plot function such as plot_neuron, got {type}."
            ).format(type=type(plot).__name__)
        )
    if isinstance(settings, Mapping) or not isinstance(settings, Sequence):
        raise TypeError(
            _(
                "small_multiples: settings must be a list of dicts, one per panel, "
                'e.g. [{"w": 1, "b": 0}, {"w": 5, "b": 0}].'
            )
        )
    if not settings:
        raise ValueError(_("small_multiples: settings is empty; give at least one panel."))
    for setting in settings:
        if not isinstance(setting, Mapping):
            raise TypeError(
                _(
                    "small_multiples: each setting must be a dict of keyword "
                    "arguments, got {type}."
                ).format(type=type(setting).__name__)
            )
    if titles is not None and len(titles) != len(settings):
        raise ValueError(
            _(
                "small_multiples: got {count} titles for {count2} panels; give one "
                "title per setting."
            ).format(count=len(titles), count2=len(settings))
        )
    if legend not in ("figure", "first", "all", "none"):
        raise ValueError(
            _(
                'small_multiples: legend must be "figure", "first", "all" or '
                '"none", got {legend!r}.'
            ).format(legend=legend)
        )
    count = len(settings)
    if ncols is None:
        ncols = min(count, 4)
    if not isinstance(ncols, int) or ncols < 1:
        raise ValueError(
            _("small_multiples: ncols must be a positive integer, got {ncols!r}.").format(
                ncols=ncols
            )
        )
    nrows = math.ceil(count / ncols)
    width, height = panel_size
    with style_context():
        fig = new_figure(figsize=(width * ncols, height * nrows))
        grid = fig.subplots(nrows, ncols, sharex=sharex, sharey=sharey, squeeze=False)
        axes = grid.ravel()
        for ax in axes[count:]:
            ax.remove()
        axes = axes[:count]
        artists = []
        for index, (ax, setting) in enumerate(zip(axes, settings, strict=True)):
            artists.append(plot(ax=ax, **setting))
            title = titles[index] if titles is not None else format_setting(setting)
            ax.set_title(title, fontsize=10)
            existing = ax.get_legend()
            if existing is not None and legend != "all" and (legend != "first" or index):
                existing.remove()
        for index, ax in enumerate(axes):
            # A panel keeps its x labels when no panel sits below it (the last row may be short).
            if sharex and index + ncols < count:
                ax.set_xlabel("")
                ax.tick_params(labelbottom=False)
            if sharey and index % ncols:
                ax.set_ylabel("")
                ax.tick_params(labelleft=False)
        handles, labels = axes[0].get_legend_handles_labels()
        if legend == "figure" and handles:
            fig.legend(handles, labels, loc="outside lower center", ncols=min(len(handles), 4))
    return SmallMultiples(fig, axes, artists)
