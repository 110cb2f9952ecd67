"""The sigmoid's gradient: tangents, finite differences, chains of layers, rounding.

The numbers behind the figures are public too (:func:`central_difference`,
:func:`finite_difference_errors`, :func:`chain_gradient`), so a notebook can print the values
it plots and a test can check them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigmoid_lab.activations import naive_sigmoid_grad, sigmoid, sigmoid_grad
from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.plots._args import as_depth, as_grid, as_real, fmt
from sigmoid_lab.style import COLORS, style_context

__all__ = [
    "FLOAT32_RESOLUTION",
    "ChainGradient",
    "central_difference",
    "chain_gradient",
    "finite_difference_errors",
    "plot_finite_difference_error",
    "plot_gradient_chain",
    "plot_gradient_rounding",
    "plot_sigmoid_grad",
    "plot_tangent",
    "update_gradient_chain",
    "update_tangent",
]

#: 2⁻²⁵ ≈ 3.0e−8: an update of at most this size leaves a float32 weight of 1.0 unchanged
#: whichever way it points. float32 numbers are 2⁻²³ apart just above 1.0 and 2⁻²⁴ just below,
#: so a step up is lost up to half the gap above (2⁻²⁴) and a step down up to half the gap
#: below (2⁻²⁵); an exact half is a tie, and round-half-to-even keeps 1.0. Gradient descent
#: subtracts lr·g, so for the positive gradients of a chain of sigmoid units with w > 0 the
#: step is down. What is lost is the update lr·g, not the gradient g; Adam divides g by a
#: running estimate of its size, so a small gradient still moves the weight.
FLOAT32_RESOLUTION = float(np.finfo(np.float32).eps) / 4


def _axes(ax, figsize=None):
    if ax is None:
        fig = new_figure(figsize=figsize)
        ax = fig.add_subplot()
    return ax


def _padded(x):
    """Limits a little wider than the grid, so a marker at either end is not cut in half."""
    pad = 0.02 * (x[-1] - x[0])
    return x[0] - pad, x[-1] + pad


def _callable(func: str, name: str, value: object) -> None:
    if not callable(value):
        raise TypeError(
            _("{func}: {name} must be a function of an array, got {type}.").format(
                func=func, name=name, type=type(value).__name__
            )
        )


# --------------------------------------------------------------------------- the tangent


def plot_sigmoid_grad(*, x=None, x0=None, ax=None):
    """Draw σ′(x) = σ(x)(1 − σ(x)) with its maximum ¼ at x = 0.

    Parameters
    ----------
    x : array_like, optional
        Default: 401 points from −8 to 8.
    x0 : float, optional
        A point to mark on the curve.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    dict of str to Artist
        ``"curve"``, ``"maximum"`` (the line y = ¼) and ``"point"`` (hidden when ``x0`` is
        None).
    """
    x = as_grid("plot_sigmoid_grad", "x", x, (-8.0, 8.0, 401))
    with style_context():
        ax = _axes(ax)
        maximum = ax.axhline(
            0.25,
            color=COLORS["reference"],
            linestyle="--",
            linewidth=1.2,
            label=_("maximum ¼, at x = 0"),
        )
        (curve,) = ax.plot(x, sigmoid_grad(x), color=COLORS["gradient"], label="σ′(x)")
        (point,) = ax.plot(
            [0.0], [0.25], marker="o", linestyle="none", color=COLORS["accent"], markersize=6
        )
        ax.set_xlim(*_padded(x))
        ax.set_ylim(-0.01, 0.3)
        ax.set_xlabel(_("input x"))
        ax.set_ylabel(_("slope σ′(x)"))
        ax.legend(loc="upper left", fontsize=8)
    if x0 is None:
        point.set_visible(False)
    else:
        x0 = as_real("plot_sigmoid_grad", "x0", x0)
        point.set_data([x0], [float(sigmoid_grad(x0))])
    return {"curve": curve, "maximum": maximum, "point": point}


def plot_tangent(x0=0.0, *, x=None, ax=None, grad_ax=None):
    """Draw the S-curve with its tangent line at ``x0``, whose slope is σ′(x0).

    Parameters
    ----------
    x0 : float
        Where the tangent touches the curve.
    x : array_like, optional
        Default: 401 points from −8 to 8.
    ax : matplotlib.axes.Axes, optional
        Where to draw the curve and tangent. Default: a new figure with two panels, the
        curve above and σ′ below.
    grad_ax : matplotlib.axes.Axes, optional
        Where to draw σ′ with the point x0 marked (see :func:`plot_sigmoid_grad`).

    Returns
    -------
    dict of str to Artist
        ``"curve"``, ``"tangent"``, ``"point"`` and ``"slope_label"``; with a gradient
        panel also ``"grad_curve"``, ``"grad_maximum"`` and ``"grad_point"``. Pass it to
        :func:`update_tangent` to move the point.

    Examples
    --------
    >>> artists = plot_tangent(0.0)
    >>> float(artists["tangent"].get_ydata()[0] - artists["tangent"].get_ydata()[-1])
    -4.0
    """
    x0 = as_real("plot_tangent", "x0", x0)
    x = as_grid("plot_tangent", "x", x, (-8.0, 8.0, 401))
    with style_context():
        if ax is None:
            fig = new_figure(figsize=(6.0, 4.6))
            ax, grad_ax = fig.subplots(2, 1, sharex=True, height_ratios=[3, 2])
        (curve,) = ax.plot(x, sigmoid(x), color=COLORS["sigmoid"], label="σ(x)")
        (tangent,) = ax.plot(
            x, np.zeros_like(x), color=COLORS["gradient"], linewidth=1.6, label=_("tangent")
        )
        (point,) = ax.plot(
            [x0], [0.5], marker="o", linestyle="none", color=COLORS["accent"], markersize=7
        )
        slope_label = ax.text(
            0.03,
            0.95,
            "",
            transform=ax.transAxes,
            va="top",
            ha="left",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.5},
        )
        ax.set_xlim(*_padded(x))
        ax.set_ylim(-0.1, 1.1)
        ax.set_xlabel(_("input x"))
        ax.set_ylabel("σ(x)")
        ax.legend(loc="lower right", fontsize=8)
        artists = {"curve": curve, "tangent": tangent, "point": point, "slope_label": slope_label}
        if grad_ax is not None:
            grad = plot_sigmoid_grad(x=x, x0=x0, ax=grad_ax)
            artists.update({f"grad_{name}": artist for name, artist in grad.items()})
            if grad_ax.get_shared_x_axes().joined(ax, grad_ax):
                ax.set_xlabel("")
    update_tangent(artists, x0)
    return artists


def update_tangent(artists, x0):
    """Move the tangent drawn by :func:`plot_tangent` to the point ``x0``, in place.

    Returns
    -------
    float
        The slope σ′(x0).
    """
    x0 = as_real("update_tangent", "x0", x0)
    value = float(sigmoid(x0))
    slope = float(sigmoid_grad(x0))
    x = np.asarray(artists["curve"].get_xdata(), dtype=float)
    artists["tangent"].set_ydata(value + slope * (x - x0))
    artists["point"].set_data([x0], [value])
    artists["slope_label"].set_text(
        _("x₀ = {fmt}\nσ(x₀) = {fmt2}\nslope σ′(x₀) = {fmt3}").format(
            fmt=fmt(x0), fmt2=fmt(value, ".3f"), fmt3=fmt(slope, ".4f")
        )
    )
    if "grad_point" in artists:
        artists["grad_point"].set_data([x0], [slope])
        artists["grad_point"].set_visible(True)
    return slope


# --------------------------------------------------------------- finite differences


def central_difference(f, x, h):
    """The central difference (f(x + h) − f(x − h)) / (2h), an estimate of f′(x).

    Its truncation error shrinks like h², but f is only known to rounding error, which the
    division by 2h magnifies like 1/h: the best h balances the two.

    Parameters
    ----------
    f : callable
        A function of an array.
    x : array_like
    h : float
        The step, positive.

    Examples
    --------
    >>> float(central_difference(lambda t: t**3, 1.0, 0.5))  # 3x² + h² at x = 1
    3.25
    """
    _callable("central_difference", "f", f)
    h = as_real("central_difference", "h", h, positive=True)
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x - h)) / (2 * h)


def finite_difference_errors(f, grad, x, h):
    """The largest error of the central difference over the points ``x``, for each step in ``h``.

    Parameters
    ----------
    f, grad : callable
        A function and its exact derivative.
    x : array_like
        Points at which to compare.
    h : array_like
        Positive steps.

    Returns
    -------
    numpy.ndarray
        ``max |central_difference(f, x, h_i) − grad(x)|`` for each ``h_i``.
    """
    _callable("finite_difference_errors", "f", f)
    _callable("finite_difference_errors", "grad", grad)
    x = np.asarray(x, dtype=float)
    steps = np.asarray(h, dtype=float).ravel()
    if steps.size == 0 or np.any(~np.isfinite(steps) | (steps <= 0)):
        raise ValueError(_("finite_difference_errors: h must be finite, positive steps."))
    exact = grad(x)
    return np.array([np.max(np.abs(central_difference(f, x, step) - exact)) for step in steps])


def plot_finite_difference_error(f=None, grad=None, *, x=None, h=None, ax=None):
    """Draw the V-shaped error of the central difference against its step h, on log axes.

    To the right the error falls like h² (truncation: the formula drops the h² term of the
    Taylor series); to the left it grows like 1/h (round-off in f, divided by 2h).

    Parameters
    ----------
    f, grad : callable, optional
        A function and its exact derivative. Default: the package's ``sigmoid`` and
        ``sigmoid_grad``.
    x : array_like, optional
        Points over which the largest error is taken. Default: 81 points from −4 to 4.
    h : array_like, optional
        Steps. Default: 53 steps from 10⁻¹³ to 1, four per decade.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    dict of str to Artist
        ``"error"`` (its data are h and the errors), ``"truncation"`` (a guide ∝ h²),
        ``"round_off"`` (a guide ∝ 1/h), ``"best"`` and ``"best_label"``.
    """
    f = sigmoid if f is None else f
    grad = sigmoid_grad if grad is None else grad
    x = as_grid("plot_finite_difference_error", "x", x, (-4.0, 4.0, 81))
    steps = np.logspace(-13, 0, 53) if h is None else np.asarray(h, dtype=float)
    errors = finite_difference_errors(f, grad, x, steps)
    best = int(np.argmin(errors))
    # Guides of slope 2 and −1 through the two ends of the measured curve, drawn a factor
    # of 10 above it so that they stay visible beside it.
    truncation = 10 * errors[-1] * (steps / steps[-1]) ** 2
    round_off = 10 * errors[0] * steps[0] / steps
    with style_context():
        ax = _axes(ax)
        (trunc_line,) = ax.loglog(
            steps,
            truncation,
            color=COLORS["reference"],
            linestyle="--",
            linewidth=1.2,
            label=_("∝ h² (truncation)"),
        )
        (round_line,) = ax.loglog(
            steps,
            round_off,
            color=COLORS["warning"],
            linestyle=":",
            linewidth=1.6,
            label=_("∝ 1/h (round-off)"),
        )
        (error_line,) = ax.loglog(
            steps,
            errors,
            color=COLORS["gradient"],
            marker="o",
            markersize=3,
            label=_("central difference error"),
        )
        (best_point,) = ax.loglog(
            [steps[best]],
            [errors[best]],
            marker="o",
            linestyle="none",
            color=COLORS["accent"],
            markersize=8,
        )
        best_label = ax.annotate(
            _("best h ≈ {fmt}").format(fmt=fmt(steps[best], ".0e")),
            xy=(steps[best], errors[best]),
            xytext=(8, -8),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=9,
        )
        positive = errors[errors > 0]
        low = positive.min() if positive.size else 1e-16
        ax.set_ylim(low / 30, max(errors.max(), 1e-12) * 100)
        ax.set_xlabel(_("step h (log scale)"))
        ax.set_ylabel(_("largest |error| (log scale)"))
        ax.legend(loc="upper center", fontsize=8)
    return {
        "error": error_line,
        "truncation": trunc_line,
        "round_off": round_line,
        "best": best_point,
        "best_label": best_label,
    }


# ------------------------------------------------------------------- a chain of layers


@dataclass(frozen=True)
class ChainGradient:
    """The gradient through a chain of sigmoid layers, layer by layer.

    Attributes
    ----------
    preactivations : numpy.ndarray
        z₁ … zₙ, the input of each layer's sigmoid.
    factors : numpy.ndarray
        w·σ′(zₖ), what each layer multiplies the gradient by.
    products : numpy.ndarray
        The running products: ``products[k - 1]`` is ∂aₖ/∂x, the gradient after k layers.
    """

    preactivations: np.ndarray
    factors: np.ndarray
    products: np.ndarray


def chain_gradient(x, depth, *, weight=1.0):
    """The gradient of a chain of sigmoid layers with respect to its input, layer by layer.

    The chain is a₀ = x, zₖ = w·(aₖ₋₁ − ½), aₖ = σ(zₖ). Every layer has the same weight w and
    the bias −w/2, which puts its step at ½, the middle of the previous layer's output range:
    the kindest setting for the gradient. By the chain rule,
    ∂aₙ/∂x = ∏ w·σ′(zₖ), and since σ′ ≤ ¼ each factor is at most |w|/4.

    Parameters
    ----------
    x : float
        The chain's input.
    depth : int
        The number of layers.
    weight : float
        The weight w shared by every layer.

    Returns
    -------
    ChainGradient

    Examples
    --------
    >>> chain = chain_gradient(0.5, 3, weight=1.0)
    >>> chain.products.tolist()  # z stays 0, so each layer multiplies by σ′(0) = ¼
    [0.25, 0.0625, 0.015625]
    """
    x = as_real("chain_gradient", "x", x)
    depth = as_depth("chain_gradient", depth)
    weight = as_real("chain_gradient", "weight", weight)
    preactivations = np.empty(depth)
    activation = x
    for layer in range(depth):
        preactivations[layer] = weight * (activation - 0.5)
        activation = float(sigmoid(preactivations[layer]))
    factors = weight * sigmoid_grad(preactivations)
    return ChainGradient(preactivations, factors, np.cumprod(factors))


def plot_gradient_chain(x=0.0, depth=10, *, weight=1.0, max_depth=30, ax=None, ylim=(1e-30, 1e10)):
    """Draw how the gradient of a chain of sigmoid layers shrinks or grows with depth.

    On a log scale: the best case ¼ⁿ (w = 1, every unit at its steepest point), the bound
    (|w|/4)ⁿ for this weight, and the actual product ∏ w·σ′(zₖ) for this input (see
    :func:`chain_gradient`). The shaded band lies below :data:`FLOAT32_RESOLUTION`: a
    gradient descent update lr·g of that size, with lr = 1, leaves a float32 weight of 1.0
    unchanged, whatever its sign.

    Parameters
    ----------
    x : float
        The chain's input.
    depth : int
        How many layers to draw, at most ``max_depth``.
    weight : float
        The weight shared by every layer.
    max_depth : int
        The extent of the depth axis.
    ax : matplotlib.axes.Axes, optional
    ylim : (float, float)
        Fixed limits of the log axis, so that moving a slider does not rescale it.

    Returns
    -------
    dict of str to Artist
        ``"product"`` (x data: depths 1…n; y data: |∂aₖ/∂x|), ``"best_case"``, ``"bound"``,
        ``"end"`` (the last point), ``"end_label"``, ``"one"`` and ``"lost"`` (the band).
        Pass it to :func:`update_gradient_chain`.
    """
    max_depth = as_depth("plot_gradient_chain", max_depth)
    depth = as_depth("plot_gradient_chain", depth, maximum=max_depth)
    layers = np.arange(1, max_depth + 1)
    with style_context():
        ax = _axes(ax)
        ax.set_yscale("log")
        lost = ax.axhspan(
            ylim[0],
            FLOAT32_RESOLUTION,
            color=COLORS["light"],
            alpha=0.2,
            lw=0,
            label=_("float32: update lost (lr = 1)"),
        )
        one = ax.axhline(1.0, color=COLORS["neutral"], linewidth=0.8)
        (best_case,) = ax.plot(
            layers,
            0.25**layers,
            color=COLORS["reference"],
            linestyle="--",
            linewidth=1.3,
            label=_("best case ¼ⁿ (w = 1)"),
        )
        (bound,) = ax.plot(
            layers,
            np.ones_like(layers, dtype=float),
            color=COLORS["warning"],
            linestyle=":",
            linewidth=1.8,
            label=_("bound (|w|/4)ⁿ"),
        )
        (product,) = ax.plot(
            [1],
            [1.0],
            color=COLORS["gradient"],
            marker="o",
            markersize=3,
            label=_("this chain"),
        )
        (end,) = ax.plot(
            [1], [1.0], marker="o", linestyle="none", color=COLORS["accent"], markersize=8
        )
        # Top left: the product starts near 1 and leaves that corner whether it grows or not.
        end_label = ax.text(
            0.02,
            0.97,
            "",
            transform=ax.transAxes,
            ha="left",
            va="top",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.5},
        )
        ax.set_xlim(0.5, max_depth + 0.5)
        ax.set_ylim(*ylim)
        ax.set_xlabel(_("depth n (layers)"))
        ax.set_ylabel(_("|∂aₙ/∂x| (log scale)"))
        ax.legend(loc="lower left", fontsize=8)
    artists = {
        "product": product,
        "best_case": best_case,
        "bound": bound,
        "end": end,
        "end_label": end_label,
        "one": one,
        "lost": lost,
    }
    update_gradient_chain(artists, x, depth, weight)
    return artists


def update_gradient_chain(artists, x, depth, weight):
    """Redraw the chain of :func:`plot_gradient_chain` for a new input, depth or weight.

    Returns
    -------
    ChainGradient
        The numbers now drawn.
    """
    max_depth = len(artists["best_case"].get_xdata())
    depth = as_depth("update_gradient_chain", depth, maximum=max_depth)
    chain = chain_gradient(x, depth, weight=weight)
    magnitude = np.abs(chain.products)
    layers = np.arange(1, depth + 1)
    artists["product"].set_data(layers, magnitude)
    artists["end"].set_data([depth], [magnitude[-1]])
    all_layers = np.asarray(artists["best_case"].get_xdata(), dtype=float)
    artists["bound"].set_ydata((abs(weight) / 4) ** all_layers)
    artists["end_label"].set_text(
        _("after n = {depth} layers: {fmt}").format(depth=depth, fmt=fmt(magnitude[-1], ".1e"))
    )
    return chain


# ------------------------------------------------------------------------- rounding


def plot_gradient_rounding(*, x=None, ax=None, ylim=(1e-24, 1.0)):
    """Draw σ′ computed two ways on a log scale: the package's, and s·(1 − s) from a rounded s.

    For large x, s = σ(x) rounds to exactly 1.0, so s·(1 − s) is exactly 0 while the true
    σ′(x) ≈ e⁻ˣ is tiny but positive. The region where the rounded form is 0 is shaded.

    Parameters
    ----------
    x : array_like, optional
        Default: 1001 points from 0 to 50.
    ax : matplotlib.axes.Axes, optional
    ylim : (float, float)

    Returns
    -------
    dict of str to Artist
        ``"stable"``, ``"naive"`` (zeros are not drawn on a log scale) and ``"zero_region"``
        (hidden when the rounded form never reaches 0 on ``x``).
    """
    x = as_grid("plot_gradient_rounding", "x", x, (0.0, 50.0, 1001))
    stable = sigmoid_grad(x)
    with np.errstate(over="ignore"):
        naive = naive_sigmoid_grad(x)
    zeros = naive == 0
    with style_context():
        ax = _axes(ax)
        ax.set_yscale("log")
        start = x[zeros][0] if zeros.any() else x[-1]
        zero_region = ax.axvspan(start, x[-1], color=COLORS["warning"], alpha=0.15, lw=0)
        zero_region.set_visible(bool(zeros.any()))
        zero_region.set_label(_("s·(1 − s) is exactly 0"))
        (stable_line,) = ax.plot(x, stable, color=COLORS["gradient"], label="sigmoid_grad(x)")
        (naive_line,) = ax.plot(
            x,
            np.where(zeros, np.nan, naive),
            color=COLORS["neutral"],
            linestyle="--",
            linewidth=1.4,
            label=_("s·(1 − s), s = σ(x) rounded"),
        )
        ax.set_xlim(x[0], x[-1])
        ax.set_ylim(*ylim)
        ax.set_xlabel(_("input x"))
        ax.set_ylabel(_("σ′(x) (log scale)"))
        ax.legend(loc="lower left", fontsize=8)
    return {"stable": stable_line, "naive": naive_line, "zero_region": zero_region}
