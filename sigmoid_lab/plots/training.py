"""Figures for training a classifier: learning curves, the probability surface, the loss."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.contour import ContourSet
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.ticker import LogFormatter

from sigmoid_lab._validation import as_float_array
from sigmoid_lab.activations import sigmoid
from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.losses import binary_cross_entropy, naive_binary_cross_entropy
from sigmoid_lab.style import COLORS, style_context

__all__ = [
    "CLASS_COLORS",
    "PROBABILITY_CMAP",
    "SurfaceArtists",
    "boundary_segment",
    "nice_ceiling",
    "plain_log_axis",
    "plot_cross_entropy_comparison",
    "plot_history",
    "plot_probability_surface",
    "plot_training_curves",
    "plot_training_overview",
    "probability_grid",
    "scale_loss_axis",
    "steady_step_axis",
]

#: Class 0 and class 1, the ends of the probability colour map.
CLASS_COLORS = (COLORS["gradient"], COLORS["sigmoid"])
#: P(y = 1) from class 0's colour through white (undecided) to class 1's colour.
PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "sigmoid_lab_probability", [CLASS_COLORS[0], "#ffffff", CLASS_COLORS[1]]
)
_CLASS_MARKERS = ("o", "^")


def _history_of(run) -> Mapping[str, np.ndarray]:
    """Accept a result with a ``history`` or the history dict itself."""
    history = getattr(run, "history", run)
    if not isinstance(history, Mapping):
        raise TypeError(
            _(
                "expected a training result (with .history) or its history dict, got {type}."
            ).format(type=type(run).__name__)
        )
    return history


def _steps(history: Mapping[str, np.ndarray]) -> tuple[np.ndarray, str]:
    for key, label in (("iteration", N_("iteration")), ("epoch", N_("epoch"))):
        if key in history:
            return np.asarray(history[key]), label
    raise ValueError(_("the history has neither an 'iteration' nor an 'epoch' entry."))


def plot_history(
    runs: Mapping[str, object],
    metric: str = "loss",
    *,
    ax: Axes | None = None,
    logy: bool = False,
    colors: Sequence[str] | None = None,
    ylabel: str | None = None,
) -> dict[str, Line2D]:
    """Plot one recorded quantity of several training runs against the step.

    Parameters
    ----------
    runs : mapping of str to result or history
        Legend label to a training result (``TrainResult``, ``MLPResult``) or its
        ``history`` dict.
    metric : str
        The history entry to plot: ``"loss"``, ``"accuracy"``, ``"weight_norm"``, ...
    ax : Axes, optional
        Where to draw; a new figure is made when omitted.
    logy : bool
        Log scale on the y axis (for losses and norms that span decades).
    colors : sequence of str, optional
        One colour per run; the course palette in order by default.
    ylabel : str, optional
        The y label; the metric name by default.

    Returns
    -------
    dict of str to Line2D
        The line of each run, by label.
    """
    if not isinstance(runs, Mapping) or not runs:
        raise TypeError(_("plot_history: pass a dict such as {'lr = 0.1': result}."))
    palette = list(colors) if colors is not None else list(COLORS.values())
    lines = {}
    with style_context():
        if ax is None:
            ax = new_figure().add_subplot()
        step_label = N_("iteration")
        for index, (label, run) in enumerate(runs.items()):
            history = _history_of(run)
            if metric not in history:
                raise ValueError(
                    _(
                        "plot_history: no {metric!r} in the history of {label!r}; it has {sorted}."
                    ).format(metric=metric, label=label, sorted=sorted(history))
                )
            steps, step_label = _steps(history)
            (lines[label],) = ax.plot(
                steps, history[metric], color=palette[index % len(palette)], label=label
            )
        if logy:
            plain_log_axis(ax)
        ax.set(xlabel=_(step_label), ylabel=ylabel or _(metric.replace("_", " ")))
        if len(runs) > 1:
            ax.legend()
    return lines


class _PlainLogFormatter(LogFormatter):
    """Log-axis labels as plain numbers (0.3, 0.01, 1e-05), not 3×10⁻¹."""

    def _num_to_string(self, x, vmin, vmax):
        return f"{x:g}"


def plain_log_axis(ax: Axes, axis: str = "y") -> None:
    """Put ``ax``'s ``axis`` on a log scale labelled with plain numbers.

    Where the axis spans less than about two decades the in-between ticks (0.2, 0.3, ...) are
    labelled too, so a short log axis is never left with a single label.
    """
    target = ax.yaxis if axis == "y" else ax.xaxis
    (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
    target.set_major_formatter(_PlainLogFormatter(labelOnlyBase=False, minor_thresholds=(2, 0.4)))
    target.set_minor_formatter(_PlainLogFormatter(labelOnlyBase=False, minor_thresholds=(2, 0.4)))


def scale_loss_axis(ax: Axes, values: np.ndarray, *, steady: bool = False) -> None:
    """Fit a loss axis to ``values``: a log scale when they span more than a factor of 20.

    A loss that falls from 0.69 to 0.01 is read best on a log scale; one that moves from
    0.693 to 0.685 has no decade to show and reads best on a linear one. Log tick labels are
    plain numbers (0.1, not 10⁻¹).

    Parameters
    ----------
    ax : Axes
        The loss axes.
    values : array
        The losses to show; non-finite and non-positive values are ignored.
    steady : bool
        For a figure a slider redraws: keep the current limits while the values fit inside
        them and fill at least half of them, so that one run can be compared with the last
        against the same axis, and a log axis gets a round lower limit (0.01, 0.02, 0.05)
        with room below it. The axis is left untouched when it is kept.
    """
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values) & (values > 0)]
    if values.size == 0:
        return
    low, high = float(values.min()), float(values.max())
    log = high / low > 20
    if steady and ax.get_yscale() == ("log" if log else "linear"):
        if _still_suits(ax.get_ylim(), low, high, log=log):
            return
    if log:
        plain_log_axis(ax)
        ax.set_ylim(_nice_floor(low / 1.3) if steady else low / 1.3, high * 1.3)
    else:
        ax.set_yscale("linear")
        margin = 0.05 * (high - low) or 0.05 * high
        ax.set_ylim(low - margin, high + margin)


#: A kept axis must stay at least this full.
_FILL = 0.5


def _still_suits(limits: tuple[float, float], low: float, high: float, *, log: bool) -> bool:
    """Whether axis ``limits`` can be kept for values from ``low`` to ``high``.

    They can while the values fit inside them and fill at least ``_FILL`` of them (of their
    decades, on a log axis).
    """
    bottom, top = limits
    if not (bottom <= low and high <= top):
        return False
    if log:
        return np.log(high / low) >= _FILL * np.log(top / bottom)
    return high - low >= _FILL * (top - bottom)


def _nice_floor(value: float) -> float:
    """The largest of 1, 2, 5 times a power of ten that is at most ``value`` (> 0)."""
    power = 10.0 ** np.floor(np.log10(value))
    return float(max(m * power for m in (1.0, 2.0, 5.0) if m * power <= value * (1 + 1e-12)))


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten at least ``value``.

    Examples
    --------
    >>> nice_ceiling(300), nice_ceiling(310), nice_ceiling(0.07)
    (300.0, 400.0, 0.08)
    """
    if not value > 0:
        raise ValueError(
            _("nice_ceiling: value must be positive, got {value}.").format(value=value)
        )
    power = 10.0 ** np.floor(np.log10(value))
    for m in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * power >= value * (1 - 1e-12):
            return float(round(m * power, 12))
    raise AssertionError("unreachable: 10 × power is always at least value")


#: The history's metrics as axis labels (``metric.replace("_", " ")``), for the catalogue.
_METRIC_LABELS = (N_("log loss"), N_("grad norm"), N_("weight norm"), N_("train accuracy"))


def steady_step_axis(ax: Axes, last_step: float) -> None:
    """Show steps 0 to ``last_step`` on ``ax``'s x axis, moving the axis as little as possible.

    The axis starts at 0 and ends at a round number (:func:`nice_ceiling`). The current end is
    kept while ``last_step`` fits and fills at least half of the axis, so a slider that adds
    or removes a few iterations moves the curve's end, not the whole axis.
    """
    last_step = max(float(last_step), 1.0)
    limits = ax.get_xlim()
    if limits[0] == 0 and _still_suits(limits, 0.0, last_step, log=False):
        return
    ax.set_xlim(0, nice_ceiling(last_step))


def plot_training_curves(
    run, *, axes: Sequence[Axes] | None = None, label: str | None = None
) -> dict[str, Line2D]:
    """Plot the loss and the training accuracy of one run on two axes.

    The loss axis is logarithmic when the loss spans more than a factor of 20
    (:func:`scale_loss_axis`).

    Parameters
    ----------
    run : TrainResult, MLPResult or dict
        A training result or its ``history``.
    axes : pair of Axes, optional
        Where to draw the loss and the accuracy; a new two-panel figure when omitted.
    label : str, optional
        A legend label for both lines.

    Returns
    -------
    dict
        ``{"loss": Line2D, "accuracy": Line2D}``.
    """
    history = _history_of(run)
    steps, step_label = _steps(history)
    with style_context():
        if axes is None:
            axes = new_figure(figsize=(6.4, 2.8)).subplots(1, 2)
        ax_loss, ax_acc = axes
        (loss,) = ax_loss.plot(steps, history["loss"], color=COLORS["sigmoid"], label=label)
        (accuracy,) = ax_acc.plot(
            steps, history["accuracy"], color=COLORS["reference"], label=label
        )
        ax_loss.set(xlabel=_(step_label), ylabel=_("cross-entropy loss"), title=_("Loss"))
        scale_loss_axis(ax_loss, history["loss"])
        ax_acc.set(xlabel=_(step_label), ylabel=_("training accuracy"), title=_("Accuracy"))
        ax_acc.set_ylim(0.4, 1.02)
    return {"loss": loss, "accuracy": accuracy}


def _extent_of(X: np.ndarray, margin: float = 0.5) -> tuple[float, float, float, float]:
    x_min, y_min = X.min(axis=0) - margin
    x_max, y_max = X.max(axis=0) + margin
    return float(x_min), float(x_max), float(y_min), float(y_max)


def probability_grid(
    predict_proba: Callable[[np.ndarray], np.ndarray],
    extent: tuple[float, float, float, float],
    resolution: int = 80,
) -> np.ndarray:
    """Evaluate ``predict_proba`` on a ``resolution × resolution`` grid over ``extent``.

    Returns an array shaped (resolution, resolution) with rows along the second feature, the
    layout ``imshow(..., origin="lower", extent=extent)`` expects.
    """
    x_min, x_max, y_min, y_max = extent
    xs = np.linspace(x_min, x_max, resolution)
    ys = np.linspace(y_min, y_max, resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    return np.asarray(predict_proba(points), dtype=float).reshape(resolution, resolution)


def boundary_segment(
    weights: np.ndarray, bias: float, extent: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """The part of the line ``w·x + b = 0`` inside ``extent``, as two x and two y values.

    Returns empty arrays when the line misses the box (or ``w`` is zero).

    Examples
    --------
    >>> xs, ys = boundary_segment(np.array([1.0, 0.0]), -0.5, (-1, 1, -1, 1))
    >>> xs.tolist(), ys.tolist()
    ([0.5, 0.5], [-1.0, 1.0])
    """
    w1, w2 = (float(v) for v in np.asarray(weights, dtype=float).ravel()[:2])
    x_min, x_max, y_min, y_max = (float(v) for v in extent)
    candidates = []
    if w2 != 0.0:
        for x in (x_min, x_max):
            candidates.append((x, -(w1 * x + bias) / w2))
    if w1 != 0.0:
        for y in (y_min, y_max):
            candidates.append((-(w2 * y + bias) / w1, y))
    # Room for rounding only: a looser tolerance would accept points visibly outside the box
    # when the line is nearly parallel to one of its sides.
    tolerance = 1e-12 * max(1.0, x_max - x_min, y_max - y_min)
    inside = [
        (x, y)
        for x, y in candidates
        if x_min - tolerance <= x <= x_max + tolerance
        and y_min - tolerance <= y <= y_max + tolerance
    ]
    # Two distinct points define the visible segment; corners can appear twice.
    unique = []
    for point in inside:
        if all(np.hypot(point[0] - p[0], point[1] - p[1]) > tolerance for p in unique):
            unique.append(point)
    if len(unique) < 2:
        return np.array([]), np.array([])
    (x0, y0), (x1, y1) = sorted(unique[:2])
    return np.array([x0, x1]), np.array([y0, y1])


@dataclass
class SurfaceArtists:
    """What :func:`plot_probability_surface` drew.

    Attributes
    ----------
    image : AxesImage
        P(y = 1) over the plane.
    boundary : Line2D or ContourSet or None
        Where P = 0.5: a line for a linear model, a contour otherwise.
    points : tuple of PathCollection
        The class 0 and class 1 samples.
    extent : tuple of float
        ``(x_min, x_max, y_min, y_max)`` of the image.
    """

    image: AxesImage
    boundary: Line2D | ContourSet | None
    points: tuple
    extent: tuple[float, float, float, float]


def plot_probability_surface(
    model,
    X: np.ndarray,
    y: np.ndarray,
    *,
    ax: Axes | None = None,
    extent: tuple[float, float, float, float] | None = None,
    resolution: int = 80,
    colorbar: bool = True,
    title: str | None = None,
) -> SurfaceArtists:
    """Show a classifier's P(y = 1) over the plane, its decision boundary, and the data.

    Parameters
    ----------
    model : object with ``predict_proba(X)``, or a callable
        A trained model (``TrainResult``, ``MLPResult``) or a function from points (m, 2) to
        probabilities (m,). A model with 2 ``weights`` and a ``bias`` gets its boundary drawn
        as the exact line ``w·x + b = 0``; any other gets the contour P = 0.5.
    X : array, shape (m, 2)
        The samples.
    y : array, shape (m,)
        Their labels, 0 or 1.
    ax : Axes, optional
        Where to draw; a new figure is made when omitted.
    extent : tuple of float, optional
        ``(x_min, x_max, y_min, y_max)``; the data's range plus a margin by default.
    resolution : int
        Grid points per side.
    colorbar : bool
        Add a colour bar labelled P(y = 1).
    title : str, optional
        The axes title.

    Returns
    -------
    SurfaceArtists
    """
    predict_proba = model if callable(model) else getattr(model, "predict_proba", None)
    if predict_proba is None:
        raise TypeError(
            _(
                "plot_probability_surface: pass a trained model with "
                ".predict_proba(X) or a function of X; got {type}."
            ).format(type=type(model).__name__)
        )
    X = as_float_array(X, func="plot_probability_surface", name="X").astype(float, copy=False)
    y = as_float_array(y, func="plot_probability_surface", name="y")
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            _(
                "plot_probability_surface: X must have shape (m, 2), got {shape}; "
                "the plane can show two features."
            ).format(shape=X.shape)
        )
    if y.shape != (X.shape[0],):
        raise ValueError(
            _(
                "plot_probability_surface: y must have shape ({shape},) to match X, got {shape2}."
            ).format(shape=X.shape[0], shape2=y.shape)
        )
    extent = _extent_of(X) if extent is None else tuple(float(v) for v in extent)
    with style_context():
        if ax is None:
            ax = new_figure(figsize=(4.4, 3.6)).add_subplot()
        probabilities = probability_grid(predict_proba, extent, resolution)
        image = ax.imshow(
            probabilities,
            origin="lower",
            extent=extent,
            cmap=PROBABILITY_CMAP,
            vmin=0.0,
            vmax=1.0,
            aspect="auto",
            interpolation="bilinear",
            alpha=0.75,
            # Above the axis (zorder 0.5 with axisbelow; its ticks point outward and there is
            # no grid here, so nothing is covered), so that redrawing the surface on its own
            # leaves the tick labels alone: that keeps a live figure's frames fast.
            zorder=0.6,
        )
        weights = getattr(model, "weights", None)
        boundary: Line2D | ContourSet | None
        # A linear model (weights of shape (2,)) has a straight boundary; a network's weights
        # are a list of matrices, and its boundary is traced as a contour instead.
        linear = isinstance(weights, np.ndarray) and weights.size == 2
        if linear and hasattr(model, "bias"):
            xs, ys = boundary_segment(weights, float(model.bias), extent)
            (boundary,) = ax.plot(xs, ys, color=COLORS["neutral"], linewidth=1.5, label="P = 0.5")
        elif probabilities.min() < 0.5 < probabilities.max():
            boundary = ax.contour(
                probabilities,
                levels=[0.5],
                origin="lower",
                extent=extent,
                colors=[COLORS["neutral"]],
                linewidths=1.5,
            )
        else:
            boundary = None
        points = tuple(
            ax.scatter(
                X[y == label, 0],
                X[y == label, 1],
                s=12,
                marker=_CLASS_MARKERS[label],
                color=CLASS_COLORS[label],
                edgecolors="white",
                linewidths=0.4,
                label=f"y = {label}",
            )
            for label in (0, 1)
        )
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        ax.set(xlabel=_("feature x₁"), ylabel=_("feature x₂"))
        ax.grid(False)
        if title:
            ax.set_title(title)
        if colorbar:
            ax.figure.colorbar(image, ax=ax, label="P(y = 1)", fraction=0.05, pad=0.02)
    return SurfaceArtists(image=image, boundary=boundary, points=points, extent=extent)


def plot_training_overview(
    result,
    X: np.ndarray,
    y: np.ndarray,
    *,
    axes: Sequence[Axes] | None = None,
    resolution: int = 60,
    extent: tuple[float, float, float, float] | None = None,
) -> dict[str, object]:
    """The loss, the accuracy and the probability surface of one run, in three panels.

    Parameters
    ----------
    result : TrainResult
        A run of :func:`sigmoid_lab.training.train` on ``X, y``.
    X, y : arrays
        The training data, two features.
    axes : three Axes, optional
        Where to draw; a new 9 × 3 inch figure when omitted.
    resolution : int
        Grid points per side of the probability surface.
    extent : tuple of float, optional
        The surface's ``(x_min, x_max, y_min, y_max)``; the data's range by default.

    Returns
    -------
    dict
        ``"loss"`` and ``"accuracy"`` (Line2D) and ``"surface"`` (:class:`SurfaceArtists`).
    """
    with style_context():
        if axes is None:
            fig = new_figure(figsize=(9.0, 3.0))
            axes = fig.subplots(1, 3, width_ratios=[1, 1, 1.25])
        ax_loss, ax_acc, ax_surface = axes
        curves = plot_training_curves(result, axes=(ax_loss, ax_acc))
        surface = plot_probability_surface(
            result, X, y, ax=ax_surface, resolution=resolution, extent=extent
        )
        ax_surface.set_title(_("P(y = 1) and boundary"))
    return {**curves, "surface": surface}


def plot_cross_entropy_comparison(
    logits: np.ndarray | None = None, *, axes: Sequence[Axes] | None = None
) -> dict[str, object]:
    """Per-sample cross-entropy against the logit: from logits (stable) and from p (textbook).

    The textbook form ``-(y·log p + (1 - y)·log(1 - p))`` needs ``p = σ(z)``, which rounds to
    exactly 1.0 once ``z`` exceeds about 36.7. Then ``log(1 - p)`` is ``-inf``: the loss is
    ``nan`` for ``y = 1`` (``0 · (-inf)``) and ``inf`` for ``y = 0``. The stable form from the
    logit stays finite. The left panel shows ``y = 1`` on a log scale (the loss is about
    ``e^(-z)``), the right one ``y = 0`` (about ``z``); the region where the textbook form has
    no value is shaded.

    Parameters
    ----------
    logits : array, optional
        The logits z; ``np.linspace(0, 45, 451)`` by default.
    axes : pair of Axes, optional
        Where to draw ``y = 1`` and ``y = 0``; a new two-panel figure when omitted.

    Returns
    -------
    dict
        Line2D ``"stable y=1"``, ``"stable y=0"``, ``"textbook y=1"``, ``"textbook y=0"``
        (with NaN where the textbook form is not finite), and ``"not finite"``, the logits
        where it is not.
    """
    z = np.linspace(0.0, 45.0, 451) if logits is None else np.asarray(logits, dtype=float)
    stable = {label: np.empty_like(z) for label in (0, 1)}
    textbook = {label: np.empty_like(z) for label in (0, 1)}
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        # The warnings are the point of a notebook cell elsewhere; here the values speak.
        warnings.simplefilter("ignore", RuntimeWarning)
        for i, value in enumerate(z):
            p = sigmoid(np.array([value]))
            for label in (0, 1):
                target = np.array([label])
                stable[label][i] = binary_cross_entropy(np.array([value]), target)
                textbook[label][i] = naive_binary_cross_entropy(p, target)
    broken = ~(np.isfinite(textbook[0]) & np.isfinite(textbook[1]))
    artists: dict[str, object] = {"not finite": z[broken]}
    with style_context():
        if axes is None:
            axes = new_figure(figsize=(8.0, 3.0)).subplots(1, 2)
        for ax, label, color in zip(
            axes, (1, 0), (COLORS["sigmoid"], COLORS["gradient"]), strict=True
        ):
            (artists[f"stable y={label}"],) = ax.plot(
                z, stable[label], color=color, linewidth=2.0, label=_("from the logit z")
            )
            (artists[f"textbook y={label}"],) = ax.plot(
                z,
                np.where(np.isfinite(textbook[label]), textbook[label], np.nan),
                color=COLORS["neutral"],
                linestyle=(0, (3, 3)),
                linewidth=1.5,
                label=_("from p = σ(z)"),
            )
            if broken.any():
                ax.axvspan(
                    float(z[broken].min()),
                    float(z.max()),
                    color=COLORS["warning"],
                    alpha=0.25,
                    linewidth=0,
                    label=_("from p: ") + ("nan" if label == 1 else "inf"),
                )
            ax.set(xlabel="logit z", title=_("a sample with y = {label}").format(label=label))
        plain_log_axis(axes[0])
        axes[0].set_ylabel(_("loss of one sample (log scale)"))
        axes[1].set_ylabel(_("loss of one sample"))
        axes[0].legend(loc="lower left", fontsize=8)
        axes[1].legend(loc="upper left", fontsize=8)
    return artists
