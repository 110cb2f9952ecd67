"""The sigmoid as a curve: one neuron's S-curve, its properties, its inverse, small networks.

Each ``plot_x`` draws on the given Axes or makes its own figure, and returns a dict of the
artists it drew, by name, so a test or a widget can reach them. Where a widget moves a figure,
an ``update_x(artists, ...)`` function changes those same artists in place: the static
figures in the notebooks and the live ones are drawn by the same code.
"""

from __future__ import annotations

import numpy as np

from sigmoid_lab.activations import logit, sigmoid, sigmoid_grad
from sigmoid_lab.display import new_figure
from sigmoid_lab.distributions import empirical_cdf
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.plots._args import as_grid, as_real, fmt
from sigmoid_lab.style import COLORS, style_context

__all__ = [
    "RISE_WIDTH_FACTOR",
    "plot_fit_to_labels",
    "plot_logistic_samples",
    "plot_logit",
    "plot_neuron",
    "plot_sigmoid",
    "plot_two_layer_net",
    "update_neuron",
]

#: σ goes from 0.1 to 0.9 between z = −ln 9 and z = ln 9, so a neuron σ(wx + b) rises over a
#: width of ``RISE_WIDTH_FACTOR / |w|`` in x: the larger |w|, the closer to a step.
RISE_WIDTH_FACTOR = 2 * np.log(9.0)


def _axes(ax, figsize=None):
    """The given Axes, or a new styled figure's single Axes."""
    if ax is None:
        fig = new_figure(figsize=figsize)
        ax = fig.add_subplot()
    return ax


def plot_neuron(w=1.0, b=0.0, *, x=None, ax=None):
    """Draw one sigmoid neuron's output σ(wx + b) against its input x.

    The step position x = −b/w (where the output is ½) is marked, and the step function the
    neuron tends to as |w| grows is drawn dashed, so the reader sees that the bias moves the
    step and the weight sets its steepness and direction.

    Parameters
    ----------
    w, b : float
        Weight and bias.
    x : array_like, optional
        The inputs to draw. Default: 601 points from −6 to 6.
    ax : matplotlib.axes.Axes, optional
        Where to draw. Default: a new figure.

    Returns
    -------
    dict of str to Artist
        ``"curve"`` (σ(wx + b)), ``"limit"`` (the step function), ``"step_line"`` and
        ``"step_point"`` (the step position) and ``"step_label"`` (its value as text).
        Pass the dict to :func:`update_neuron` to move the neuron.

    Examples
    --------
    >>> artists = plot_neuron(4.0, -2.0)
    >>> float(artists["step_point"].get_xdata()[0])
    0.5
    """
    w = as_real("plot_neuron", "w", w)
    b = as_real("plot_neuron", "b", b)
    x = as_grid("plot_neuron", "x", x, (-6.0, 6.0, 601))
    with style_context():
        ax = _axes(ax)
        (limit,) = ax.plot(
            x,
            np.zeros_like(x),
            color=COLORS["reference"],
            linestyle="--",
            linewidth=1.3,
            label=_("step it tends to as |w| grows"),
        )
        (curve,) = ax.plot(x, np.zeros_like(x), color=COLORS["sigmoid"], label="σ(wx + b)")
        step_line = ax.axvline(0.0, color=COLORS["neutral"], linewidth=0.8, linestyle=":")
        (step_point,) = ax.plot(
            [0.0],
            [0.5],
            marker="o",
            linestyle="none",
            color=COLORS["accent"],
            markersize=6,
            label=_("step at x = −b/w"),
        )
        step_label = ax.annotate(
            "",
            xy=(0.0, 0.5),
            xytext=(7, -4),
            textcoords="offset points",
            fontsize=9,
            verticalalignment="top",
        )
        ax.set_xlim(x[0], x[-1])
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel(_("input x"))
        ax.set_ylabel(_("output σ(wx + b)"))
        ax.legend(loc="upper left", fontsize=8)
    artists = {
        "curve": curve,
        "limit": limit,
        "step_line": step_line,
        "step_point": step_point,
        "step_label": step_label,
    }
    update_neuron(artists, w, b)
    return artists


def update_neuron(artists, w, b):
    """Move the neuron drawn by :func:`plot_neuron` to a new weight and bias, in place.

    Parameters
    ----------
    artists : dict
        What :func:`plot_neuron` returned.
    w, b : float
        The new weight and bias.

    Returns
    -------
    float or None
        The step position −b/w, or None when w = 0 (a flat line has no step).
    """
    w = as_real("update_neuron", "w", w)
    b = as_real("update_neuron", "b", b)
    curve = artists["curve"]
    x = np.asarray(curve.get_xdata(), dtype=float)
    curve.set_ydata(sigmoid(w * x + b))
    ax = curve.axes
    if w == 0:
        step = None
        in_view = False
    else:
        step = -b / w + 0.0  # + 0.0 turns −0.0 into 0.0, so a label never reads "−0.00"
        x_low, x_high = ax.get_xlim()
        in_view = x_low <= step <= x_high
        artists["limit"].set_ydata(np.heaviside(w * x + b, 0.5))
        artists["step_line"].set_xdata([step, step])
        artists["step_point"].set_data([step], [0.5])
        artists["step_label"].xy = (step, 0.5)
        label = artists["step_label"]
        label.set_text(f"−b/w = {fmt(step)}")
        # Beside the point, away from the nearer edge and in a quadrant the curve leaves
        # free: a rising curve leaves the lower right and the upper left.
        right_half = step > (x_low + x_high) / 2
        below = (w > 0) != right_half
        label.set_horizontalalignment("right" if right_half else "left")
        label.set_verticalalignment("top" if below else "bottom")
        label.set_position((-7 if right_half else 7, -4 if below else 4))
    artists["limit"].set_visible(w != 0)
    for name in ("step_line", "step_point", "step_label"):
        artists[name].set_visible(in_view)
    legend = ax.get_legend()
    if legend is not None:
        # A falling curve fills the upper left corner; move the legend out of its way.
        legend.set_loc("upper left" if w >= 0 else "upper right")
    return step


def plot_sigmoid(*, x=None, ax=None):
    """Draw the S-curve σ(x) = 1 / (1 + e⁻ˣ) with its asymptotes and its midpoint.

    Parameters
    ----------
    x : array_like, optional
        Default: 401 points from −8 to 8.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    dict of str to Artist
        ``"curve"``, ``"lower"`` and ``"upper"`` (the lines y = 0 and y = 1 that σ
        approaches but never reaches), ``"midpoint"`` (the point (0, ½)) and
        ``"midpoint_label"``.
    """
    x = as_grid("plot_sigmoid", "x", x, (-8.0, 8.0, 401))
    with style_context():
        ax = _axes(ax)
        lower = ax.axhline(0.0, color=COLORS["neutral"], linewidth=0.9, linestyle=":")
        upper = ax.axhline(1.0, color=COLORS["neutral"], linewidth=0.9, linestyle=":")
        (curve,) = ax.plot(x, sigmoid(x), color=COLORS["sigmoid"], label="σ(x) = 1 / (1 + e⁻ˣ)")
        (midpoint,) = ax.plot(
            [0.0], [0.5], marker="o", linestyle="none", color=COLORS["accent"], markersize=6
        )
        midpoint_label = ax.annotate(
            "σ(0) = ½", xy=(0.0, 0.5), xytext=(8, -4), textcoords="offset points", va="top"
        )
        ax.set_xlim(x[0], x[-1])
        ax.set_ylim(-0.08, 1.08)
        ax.set_xlabel(_("input x"))
        ax.set_ylabel("σ(x)")
        # Below the asymptote y = 1, in the empty upper left.
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.92))
    return {
        "curve": curve,
        "lower": lower,
        "upper": upper,
        "midpoint": midpoint,
        "midpoint_label": midpoint_label,
    }


def plot_logistic_samples(samples, *, x=None, ax=None, density_ax=None):
    """Compare samples with the standard logistic distribution: σ is its CDF, σ′ its density.

    Parameters
    ----------
    samples : array_like
        Real numbers, e.g. from :func:`sigmoid_lab.distributions.sample_logistic`; not
        empty, no NaN.
    x : array_like, optional
        Where to draw the curves. Default: 401 points from −8 to 8.
    ax : matplotlib.axes.Axes, optional
        Where to draw the empirical CDF beside σ. Default: a new figure with two panels,
        the densities on the left and the CDFs on the right.
    density_ax : matplotlib.axes.Axes, optional
        Where to draw a histogram of the samples (as a density) beside σ′.

    Returns
    -------
    dict of str to Artist
        ``"cdf"`` (σ), ``"empirical"`` (the fraction of samples ≤ x, on ``x``); with a
        density panel also ``"density"`` (σ′) and ``"histogram"`` (the bars, a
        BarContainer).

    Raises
    ------
    TypeError, ValueError
        If ``samples`` is not numeric, is empty or holds NaN.
    """
    x = as_grid("plot_logistic_samples", "x", x, (-8.0, 8.0, 401))
    fraction = empirical_cdf(samples, x)  # validates the samples
    values = np.asarray(samples, dtype=float).ravel()
    with style_context():
        if ax is None:
            fig = new_figure(figsize=(7.5, 3.0))
            density_ax, ax = fig.subplots(1, 2)
        artists = {}
        if density_ax is not None:
            inside = values[(values >= x[0]) & (values <= x[-1])]
            # Scale the bars so that their area over [x₀, x_end] is the share of samples there.
            heights, edges = np.histogram(inside, bins=60, range=(x[0], x[-1]))
            width = edges[1] - edges[0]
            bars = density_ax.bar(
                edges[:-1],
                heights / (values.size * width),
                width=width,
                align="edge",
                color=COLORS["light"],
                alpha=0.6,
                label=_("samples (histogram)"),
            )
            (density,) = density_ax.plot(
                x, sigmoid_grad(x), color=COLORS["gradient"], label=_("density σ′(x)")
            )
            density_ax.set_xlim(x[0], x[-1])
            density_ax.set_ylim(0, 0.36)  # room for the legend above the peak ¼
            density_ax.set_xlabel("x")
            density_ax.set_ylabel(_("density"))
            density_ax.legend(loc="upper left", fontsize=8)
            artists.update({"density": density, "histogram": bars})
        (empirical,) = ax.step(
            x,
            fraction,
            where="post",
            color=COLORS["light"],
            linewidth=3.0,
            label=_("fraction of samples ≤ x"),
        )
        (cdf,) = ax.plot(x, sigmoid(x), color=COLORS["sigmoid"], linestyle="--", label="σ(x)")
        ax.set_xlim(x[0], x[-1])
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("x")
        ax.set_ylabel("P(X ≤ x)")
        ax.legend(loc="upper left", fontsize=8)
    artists.update({"cdf": cdf, "empirical": empirical})
    return artists


def plot_logit(*, p=None, ax=None):
    """Draw the logit ln(p / (1 − p)), the inverse of the sigmoid, against a probability p.

    Parameters
    ----------
    p : array_like, optional
        Probabilities strictly between 0 and 1. Default: 999 points from 0.001 to 0.999.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    dict of str to Artist
        ``"curve"`` and ``"midpoint"`` (the point (½, 0): even odds are log-odds 0).
    """
    p = as_grid("plot_logit", "p", p, (0.001, 0.999, 999))
    if np.any((p <= 0) | (p >= 1)):
        raise ValueError(
            _("plot_logit: p must lie strictly between 0 and 1, where the log-odds are finite.")
        )
    with style_context():
        ax = _axes(ax)
        (curve,) = ax.plot(
            p, logit(p), color=COLORS["sigmoid"], label="logit(p) = ln(p / (1 − p))"
        )
        (midpoint,) = ax.plot(
            [0.5], [0.0], marker="o", linestyle="none", color=COLORS["accent"], markersize=6
        )
        ax.set_xlim(0.0, 1.0)
        ax.set_xlabel(_("probability p"))
        ax.set_ylabel(_("log-odds logit(p)"))
        ax.legend(loc="upper left")
    return {"curve": curve, "midpoint": midpoint}


def _two_layer_shapes(W1, b1, W2, b2):
    arrays = []
    for name, value in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2)):
        try:
            arrays.append(np.asarray(value, dtype=float))
        except (TypeError, ValueError):
            raise TypeError(
                _("plot_two_layer_net: {name} must be an array of numbers, got {type}.").format(
                    name=name, type=type(value).__name__
                )
            ) from None
    W1, b1, W2, b2 = arrays
    hidden = W1.shape[0] if W1.ndim == 2 else -1
    expected = {"W1": (hidden, 1), "b1": (hidden,), "W2": (1, hidden), "b2": (1,)}
    for name, array in zip(expected, arrays, strict=True):
        if hidden < 1 or array.shape != expected[name]:
            raise ValueError(
                _(
                    "plot_two_layer_net: for one input and one output with h hidden "
                    "units the shapes are W1 (h, 1), b1 (h,), W2 (1, h), b2 (1,); got "
                    "W1 {shape}, b1 {shape2}, W2 {shape3}, b2 {shape4}."
                ).format(shape=W1.shape, shape2=b1.shape, shape3=W2.shape, shape4=b2.shape)
            )
    return W1, b1, W2, b2


def plot_two_layer_net(W1, b1, W2, b2, *, x=None, ax=None, sigmoid_ax=None):
    """Draw a two-layer network with and without a sigmoid between its layers.

    Without an activation the network W2 (W1 x + b1) + b2 is the single linear map
    (W2 W1) x + (W2 b1 + b2), drawn dashed on top of it; with σ between the layers,
    W2 σ(W1 x + b1) + b2 bends.

    Parameters
    ----------
    W1, b1, W2, b2 : array_like
        Weights and biases of a network with one input, h hidden units and one output:
        shapes (h, 1), (h,), (1, h) and (1,).
    x : array_like, optional
        Inputs. Default: 401 points from −4 to 4.
    ax : matplotlib.axes.Axes, optional
        Where to draw the network without activation. Default: a new figure with two
        panels side by side, without and with the sigmoid, each on its own vertical scale
        (the linear network's output grows without bound, the sigmoid one's does not).
    sigmoid_ax : matplotlib.axes.Axes, optional
        Where to draw the network with the sigmoid. Default: ``ax`` itself when ``ax`` is
        given.

    Returns
    -------
    dict of str to Artist
        ``"linear"`` (two linear layers), ``"collapsed"`` (the one equivalent linear layer)
        and ``"sigmoid"`` (σ between the layers).
    """
    W1, b1, W2, b2 = _two_layer_shapes(W1, b1, W2, b2)
    x = as_grid("plot_two_layer_net", "x", x, (-4.0, 4.0, 401))
    inputs = x[:, None]
    hidden = inputs @ W1.T + b1
    linear = (hidden @ W2.T + b2)[:, 0]
    collapsed = (inputs @ (W2 @ W1).T + (W2 @ b1 + b2))[:, 0]
    bent = (sigmoid(hidden) @ W2.T + b2)[:, 0]
    with style_context():
        if ax is None:
            fig = new_figure(figsize=(7.5, 3.0))
            ax, sigmoid_ax = fig.subplots(1, 2)
        elif sigmoid_ax is None:
            sigmoid_ax = ax
        (linear_line,) = ax.plot(
            x, linear, color=COLORS["gradient"], label=_("two linear layers"), linewidth=3.0
        )
        (collapsed_line,) = ax.plot(
            x,
            collapsed,
            color=COLORS["neutral"],
            linestyle="--",
            linewidth=1.3,
            label=_("one layer: W₂W₁x + (W₂b₁ + b₂)"),
        )
        (sigmoid_line,) = sigmoid_ax.plot(
            x, bent, color=COLORS["sigmoid"], label=_("σ between the layers")
        )
        for axes in [ax] if sigmoid_ax is ax else [ax, sigmoid_ax]:
            axes.set_xlim(x[0], x[-1])
            axes.set_xlabel(_("input x"))
            axes.set_ylabel(_("network output"))
            axes.legend(loc="best", fontsize=8)
    return {"linear": linear_line, "collapsed": collapsed_line, "sigmoid": sigmoid_line}


def plot_fit_to_labels(x, y, grid, output, *, ax=None, threshold=0.5):
    """Draw labelled points and a model's output curve through them.

    Used to show a network that reproduces every training label, including labels that are
    pure noise.

    Parameters
    ----------
    x, y : array_like
        The training inputs and their 0/1 labels.
    grid, output : array_like
        Inputs at which the model was evaluated, and its outputs there.
    ax : matplotlib.axes.Axes, optional
    threshold : float
        The decision threshold, drawn as a dotted line.

    Returns
    -------
    dict of str to Artist
        ``"points"``, ``"output"`` and ``"threshold"``.
    """
    x = as_grid("plot_fit_to_labels", "x", x, (0.0, 1.0, 2))
    y = np.asarray(y, dtype=float)
    grid = as_grid("plot_fit_to_labels", "grid", grid, (0.0, 1.0, 2))
    output = np.asarray(output, dtype=float)
    if y.shape != x.shape or output.shape != grid.shape:
        raise ValueError(
            _(
                "plot_fit_to_labels: y must have the shape of x and output the "
                "shape of grid; got x {shape}, y {shape2}, grid {shape3}, output "
                "{shape4}."
            ).format(shape=x.shape, shape2=y.shape, shape3=grid.shape, shape4=output.shape)
        )
    threshold = as_real("plot_fit_to_labels", "threshold", threshold)
    with style_context():
        ax = _axes(ax)
        line = ax.axhline(threshold, color=COLORS["neutral"], linewidth=0.8, linestyle=":")
        (curve,) = ax.plot(grid, output, color=COLORS["sigmoid"], label=_("network output"))
        (points,) = ax.plot(
            x,
            y,
            marker="o",
            linestyle="none",
            color=COLORS["gradient"],
            markersize=6,
            label=_("training labels (random)"),
        )
        ax.set_ylim(-0.1, 1.25)
        ax.set_xlabel(_("input x"))
        ax.set_ylabel(_("label / output"))
        ax.legend(loc="upper center", ncol=2, fontsize=8)
    return {"points": points, "output": curve, "threshold": line}
