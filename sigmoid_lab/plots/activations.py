"""Activation functions side by side with their derivatives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from sigmoid_lab.activations import ACTIVATIONS
from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.style import COLORS, style_context

__all__ = ["ACTIVATION_STYLES", "ActivationLines", "plot_activations"]

#: One look per activation, so that ReLU has the same colour and dash in every figure.
#: Leaky ReLU is dashed because it coincides with ReLU for positive inputs.
ACTIVATION_STYLES = {
    "sigmoid": {"color": COLORS["sigmoid"], "linestyle": "-"},
    "tanh": {"color": COLORS["reference"], "linestyle": "-"},
    "relu": {"color": COLORS["gradient"], "linestyle": "-"},
    "leaky_relu": {"color": COLORS["warning"], "linestyle": "--"},
    "silu": {"color": COLORS["accent"], "linestyle": "-"},
    "gelu": {"color": COLORS["neutral"], "linestyle": ":"},
}


@dataclass
class ActivationLines:
    """What :func:`plot_activations` drew.

    Attributes
    ----------
    functions, gradients : dict of str to Line2D
        One line per activation name, on the left and right axes.
    axes : tuple of Axes
        The function axes and the derivative axes.
    """

    functions: dict[str, Line2D] = field(default_factory=dict)
    gradients: dict[str, Line2D] = field(default_factory=dict)
    axes: tuple[Axes, Axes] | None = None


def _check_names(names: Sequence[str]) -> list[str]:
    if isinstance(names, str):
        names = [names]
    names = list(names)
    if not all(isinstance(name, str) for name in names):
        raise TypeError(
            _(
                "plot_activations: give activation names as strings, such as 'relu'; got {names}."
            ).format(names=names)
        )
    unknown = [name for name in names if name not in ACTIVATIONS]
    if unknown:
        raise ValueError(
            _("plot_activations: unknown activation(s) {unknown}; choose from {sorted}.").format(
                unknown=unknown, sorted=sorted(ACTIVATIONS)
            )
        )
    if not names:
        raise ValueError(_("plot_activations: give at least one activation name."))
    return names


def plot_activations(
    names: Sequence[str] = ("sigmoid", "tanh", "relu", "leaky_relu", "silu", "gelu"),
    *,
    axes: Sequence[Axes] | None = None,
    x: np.ndarray | None = None,
) -> ActivationLines:
    """Plot activation functions (left) beside their derivatives (right).

    Parameters
    ----------
    names : sequence of str
        Keys of :data:`sigmoid_lab.activations.ACTIVATIONS`.
    axes : pair of Axes, optional
        Where to draw the functions and the derivatives. A new figure with two panels is made
        when omitted. (A pair, because the point is to read a function beside its slope.)
    x : array_like, optional
        The inputs; ``np.linspace(-4, 4, 401)`` by default.

    Returns
    -------
    ActivationLines
        The lines by name, and the two axes.

    Examples
    --------
    >>> lines = plot_activations(["sigmoid", "relu"])
    >>> sorted(lines.functions)
    ['relu', 'sigmoid']
    """
    names = _check_names(names)
    x = np.linspace(-4.0, 4.0, 401) if x is None else np.asarray(x, dtype=float)
    with style_context():
        if axes is None:
            fig = new_figure(figsize=(7.2, 3.0))
            axes = fig.subplots(1, 2)
        ax_f, ax_g = axes
        lines = ActivationLines(axes=(ax_f, ax_g))
        for name in names:
            activation = ACTIVATIONS[name]
            style = ACTIVATION_STYLES.get(name, {})
            (lines.functions[name],) = ax_f.plot(
                x, activation.function(x), label=_(activation.label), **style
            )
            (lines.gradients[name],) = ax_g.plot(
                x, activation.gradient(x), label=_(activation.label), **style
            )
        ax_f.set(xlabel=_("input x"), ylabel="f(x)", title=_("Activation"))
        ax_g.set(xlabel=_("input x"), ylabel="f′(x)", title=_("Derivative"))
        for ax, drawn, floor in (
            (ax_f, lines.functions.values(), (-0.1, 1.1)),
            (ax_g, lines.gradients.values(), (-0.05, 0.3)),
        ):
            values = np.concatenate([line.get_ydata() for line in drawn])
            low, high = min(floor[0], values.min()), max(floor[1], values.max())
            pad = 0.06 * (high - low)
            ax.set_ylim(low - pad, high + pad)
        for ax in (ax_f, ax_g):
            ax.axhline(0.0, color=COLORS["neutral"], linewidth=0.6)
            ax.axvline(0.0, color=COLORS["neutral"], linewidth=0.6)
        ax_f.legend(loc="upper left")
    return lines
