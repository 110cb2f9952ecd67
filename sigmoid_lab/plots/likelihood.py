"""Figures for the derivation of the log-loss: losses along a line, and reliability diagrams."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from sigmoid_lab.calibration import ReliabilityTable
from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.plots._args import as_grid
from sigmoid_lab.style import COLORS, style_context

__all__ = ["LineArtists", "concave_stretches", "plot_loss_along_line", "plot_reliability"]


@dataclass(frozen=True)
class LineArtists:
    """What :func:`plot_loss_along_line` drew.

    Attributes
    ----------
    line : Line2D
        The loss against the position t.
    concave : list of Rectangle
        One shaded span per stretch of t where the loss curves downwards.
    """

    line: Line2D
    concave: list[Rectangle]


def concave_stretches(t, values, *, tolerance=1e-9) -> list[tuple[float, float]]:
    """The stretches of ``t`` where the second difference of ``values`` is negative.

    A second difference below ``-tolerance · max|values|`` counts as negative, so that
    rounding noise on a straight stretch is not taken for curvature.

    Parameters
    ----------
    t : array_like, shape (m,)
        Increasing, equally spaced positions.
    values : array_like, shape (m,)
        The function at those positions.
    tolerance : float, default 1e-9
        Relative noise level.

    Returns
    -------
    list of (float, float)
        The first and last position of each stretch, in order.

    Raises
    ------
    ValueError
        If the arrays differ in shape or hold fewer than 3 points.
    """
    t = as_grid("concave_stretches", "t", t, (0.0, 1.0, 3))
    values = np.asarray(values, dtype=float)
    if values.shape != t.shape or t.size < 3:
        raise ValueError(
            _(
                "concave_stretches: t and values need one shape of at least 3 "
                "points, got {shape} and {shape2}."
            ).format(shape=t.shape, shape2=values.shape)
        )
    scale = float(np.max(np.abs(values))) or 1.0
    concave = np.diff(values, 2) < -tolerance * scale
    stretches = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], concave.astype(int), [0]])))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        # Second difference i is centred on t[i + 1].
        stretches.append((float(t[start + 1]), float(t[stop])))
    return stretches


def plot_loss_along_line(
    t,
    values,
    *,
    ax: Axes | None = None,
    label: str = N_("loss"),
    color: str | None = None,
    xlabel: str = N_("position t along the line"),
    mark_concave: bool = True,
) -> LineArtists:
    """Plot a loss along a line in parameter space and shade where it curves downwards.

    A convex function has a nonnegative second derivative along every line; a shaded
    stretch is where the numbers show it negative, that is where the loss is not convex.

    Parameters
    ----------
    t : array_like, shape (m,)
        Equally spaced positions along the line.
    values : array_like, shape (m,)
        The loss at each position (from :func:`sigmoid_lab.likelihood.loss_along_line`).
    ax : Axes, optional
        Where to draw; a new figure is made when omitted.
    label : str
        The y label and the line's legend label.
    color : str, optional
        The line colour; the course's sigmoid blue by default.
    xlabel : str
        The x label.
    mark_concave : bool
        Shade the stretches found by :func:`concave_stretches`.

    Returns
    -------
    LineArtists

    Raises
    ------
    ValueError
        If ``t`` and ``values`` differ in shape, hold fewer than 3 points or are not finite.
    """
    t = as_grid("plot_loss_along_line", "t", t, (-10.0, 10.0, 201))
    values = np.asarray(values, dtype=float)
    if values.shape != t.shape or not np.all(np.isfinite(values)):
        raise ValueError(
            _(
                "plot_loss_along_line: values must be finite with the shape of t "
                "{shape}, got {shape2}."
            ).format(shape=t.shape, shape2=values.shape)
        )
    spans = concave_stretches(t, values) if mark_concave else []
    with style_context():
        if ax is None:
            ax = new_figure(figsize=(4.2, 3.0)).add_subplot()
        (line,) = ax.plot(
            t, values, color=color or COLORS["sigmoid"], linewidth=2.0, label=_(label)
        )
        concave = [
            ax.axvspan(
                low,
                high,
                color=COLORS["warning"],
                alpha=0.25,
                linewidth=0,
                label=_("curves downwards") if index == 0 else None,
            )
            for index, (low, high) in enumerate(spans)
        ]
        ax.set(xlabel=_(xlabel), ylabel=_(label))
        if concave:
            ax.legend(loc="best", fontsize=8)
    return LineArtists(line=line, concave=concave)


def plot_reliability(
    tables: Mapping[str, ReliabilityTable],
    *,
    ax: Axes | None = None,
    colors: Sequence[str] | None = None,
) -> dict[str, object]:
    """A reliability diagram: observed share of label 1 against mean predicted probability.

    Each bin of each table is a point with an error bar of ±2 standard errors (the spread
    the share would have if the predictions were exactly right); a calibrated model's
    points scatter around the diagonal, within their bars about 95% of the time.

    Parameters
    ----------
    tables : mapping of str to ReliabilityTable
        Legend label to a table from :func:`sigmoid_lab.calibration.reliability_table`.
    ax : Axes, optional
        Where to draw; a new figure is made when omitted.
    colors : sequence of str, optional
        One colour per table; the course palette in order by default.

    Returns
    -------
    dict of str to ErrorbarContainer
        The points of each table, by label, and ``"calibrated"``: the diagonal (a Line2D).

    Raises
    ------
    TypeError
        If ``tables`` is not a non-empty mapping of reliability tables.
    """
    if not isinstance(tables, Mapping) or not tables:
        raise TypeError(_("plot_reliability: pass a dict such as {'held out': table}."))
    for name, table in tables.items():
        if not isinstance(table, ReliabilityTable):
            raise TypeError(
                _(
                    "plot_reliability: {name!r} is a {type}; pass the result of "
                    "reliability_table(p, y)."
                ).format(name=name, type=type(table).__name__)
            )
    palette = list(colors) if colors is not None else list(COLORS.values())
    artists: dict[str, object] = {}
    with style_context():
        if ax is None:
            ax = new_figure(figsize=(3.6, 3.4)).add_subplot()
        (artists["calibrated"],) = ax.plot(
            [0, 1],
            [0, 1],
            color=COLORS["neutral"],
            linewidth=1.0,
            linestyle=(0, (3, 3)),
            label=_("calibrated"),
        )
        for index, (name, table) in enumerate(tables.items()):
            artists[name] = ax.errorbar(
                table.predicted,
                table.observed,
                yerr=2 * table.standard_error,
                color=palette[index % len(palette)],
                marker="o",
                markersize=4,
                linestyle="none",
                capsize=2,
                label=name,
            )
        ax.set(
            xlim=(0, 1),
            ylim=(-0.02, 1.02),
            xlabel=_("mean predicted P(y = 1)"),
            ylabel=_("observed share of y = 1"),
            aspect="equal",
        )
        # The lower right is empty for any model that is roughly calibrated.
        ax.legend(loc="lower right", fontsize=8)
    return artists
