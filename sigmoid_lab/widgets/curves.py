"""Explorers for the S-curve: one neuron's weight and bias, and the tangent at a point.

The view draws each curve in the browser with the stable formulas of
:mod:`sigmoid_lab.activations` (σ(wx + b) on the same 601 points as
:func:`~sigmoid_lab.plots.curves.plot_neuron`), so the curve follows the mouse while dragging.
The Matplotlib form of each figure (``explorer.figure``) is drawn by the same plot functions
as the chapters' static figures.
"""

from __future__ import annotations

from sigmoid_lab._validation import as_real_scalar
from sigmoid_lab.activations import sigmoid, sigmoid_grad
from sigmoid_lab.display import new_figure
from sigmoid_lab.plots._args import fmt
from sigmoid_lab.plots.curves import RISE_WIDTH_FACTOR, plot_neuron, update_neuron
from sigmoid_lab.plots.gradients import plot_tangent, update_tangent
from sigmoid_lab.style import COLORS, style_context
from sigmoid_lab.widgets.base import Control, Explorer

__all__ = ["neuron_explorer", "slider", "tangent_explorer"]

#: The inputs the neuron's curve is drawn on: as plot_neuron's default, 601 points.
NEURON_X = (-6.0, 6.0, 601)
#: The inputs of the tangent figure: as plot_tangent's default, 401 points.
TANGENT_X = (-8.0, 8.0, 401)


def slider(name, description, value, low, high, step, *, readout_format=".1f"):
    """A float slider in the course's look: a visible name, live updates as it moves."""
    return Control(
        name,
        "float",
        description,
        value,
        min=low,
        max=high,
        step=step,
        readout_format=readout_format,
    )


def _neuron_readout(w, b):
    if w == 0:
        return (
            f"w = 0: the output is σ(b) = {fmt(float(sigmoid(b)), '.3f')} for every input, "
            "a flat line with no step."
        )
    step = -b / w + 0.0  # + 0.0 turns −0.0 into 0.0, so a label never reads "−0.00"
    width = RISE_WIDTH_FACTOR / abs(w)
    direction = "rises" if w > 0 else "falls"
    return (
        f"Step at x = −b/w = <b>{fmt(step)}</b>. The output {direction} between 0.1 and "
        f"0.9 over a width of 2·ln 9 / |w| = <b>{fmt(width)}</b>."
    )


def neuron_explorer(w=1.0, b=0.0):
    """Sliders for the weight and bias of one sigmoid neuron, σ(wx + b).

    The figure marks the step position x = −b/w; the readout gives it and the width over
    which the output rises from 0.1 to 0.9, 2·ln 9 / |w|, which shrinks as |w| grows: the
    neuron sharpens into the dashed step function.

    Parameters
    ----------
    w, b : float
        Starting weight (−10 to 10) and bias (−10 to 10).

    Returns
    -------
    Explorer
        Controls ``"w"`` and ``"b"``; artists of its Matplotlib form as in
        :func:`sigmoid_lab.plots.curves.plot_neuron`.

    Examples
    --------
    In a notebook, make it the last expression of a cell to show it. Without a browser,
    move a slider and read the figure:

    >>> explorer = neuron_explorer()
    >>> explorer.controls["w"].value = 4.0
    >>> explorer.readout.text.endswith("over a width of 2·ln 9 / |w| = 1.10.")
    True
    >>> bool(explorer.artists["curve"].get_ydata().max() > 0.99)
    True
    """
    w = as_real_scalar(w, func="neuron_explorer", name="w")
    b = as_real_scalar(b, func="neuron_explorer", name="b")
    for name, value in (("w", w), ("b", b)):
        if not -10 <= value <= 10:
            raise ValueError(
                f"neuron_explorer: {name} = {value} is outside the slider's range −10 to 10."
            )
    controls = {
        "w": slider("w", "weight w", w, -10.0, 10.0, 0.1),
        "b": slider("b", "bias b", b, -10.0, 10.0, 0.1),
    }

    def static():
        with style_context():
            fig = new_figure()
            artists = plot_neuron(w, b, ax=fig.add_subplot())

        def update(w, b):
            update_neuron(artists, w, b)

        return fig, artists, update

    return Explorer(
        "neuron",
        controls,
        {"x": list(NEURON_X), "rise_width_factor": RISE_WIDTH_FACTOR, "colors": COLORS},
        alt=(
            "The output σ(wx + b) of one neuron against its input x, an S-shaped curve "
            "from 0 to 1, with its step position x = −b/w marked; the dashed step function "
            "is what the curve approaches as |w| grows."
        ),
        title="One neuron: σ(wx + b)",
        describe=lambda values: _neuron_readout(**values),
        static=static,
    )


def _tangent_readout(x0):
    slope = float(sigmoid_grad(x0))
    share = slope / 0.25
    return (
        f"At x₀ = {fmt(x0)} the slope is σ′(x₀) = σ(x₀)(1 − σ(x₀)) = "
        f"<b>{fmt(slope, '.4f')}</b>, {share:.1%} of the maximum ¼."
    )


def tangent_explorer(x0=1.0):
    """A slider for a point on the S-curve, with its tangent line and slope σ′(x0).

    The lower panel draws σ′ itself: the slope is largest, exactly ¼, at x = 0, and falls
    towards 0 in both tails.

    Parameters
    ----------
    x0 : float
        Starting point (−8 to 8).

    Returns
    -------
    Explorer
        Control ``"x0"``; artists of its Matplotlib form as in
        :func:`sigmoid_lab.plots.gradients.plot_tangent`.
    """
    x0 = as_real_scalar(x0, func="tangent_explorer", name="x0")
    if not -8 <= x0 <= 8:
        raise ValueError(f"tangent_explorer: x0 = {x0} is outside the slider's range −8 to 8.")
    controls = {"x0": slider("x0", "point x₀", x0, -8.0, 8.0, 0.1)}

    def static():
        with style_context():
            fig = new_figure(figsize=(6.0, 4.6))
            ax, grad_ax = fig.subplots(2, 1, sharex=True, height_ratios=[3, 2])
            artists = plot_tangent(x0, ax=ax, grad_ax=grad_ax)

        def update(x0):
            update_tangent(artists, x0)

        return fig, artists, update

    return Explorer(
        "tangent",
        controls,
        {"x": list(TANGENT_X), "colors": COLORS},
        alt=(
            "Above, the S-curve σ(x) with its tangent line at the chosen point x₀; below, the "
            "slope σ′(x) with the same point marked and the maximum ¼ at x = 0 dashed."
        ),
        title="The slope of the S-curve",
        describe=lambda values: _tangent_readout(**values),
        static=static,
    )
