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
from sigmoid_lab.i18n import gettext as _
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


def _neuron_text() -> dict[str, str]:
    """The neuron figure's words in the language in force, for the view and the readout."""
    return {
        "xlabel": _("input x"),
        "ylabel": _("output σ(wx + b)"),
        "limit": _("step it tends to as |w| grows"),
        "step": _("step at x = −b/w"),
        "flat": _(
            "w = 0: the output is σ(b) = {value} for every input, a flat line with no step."
        ),
        "rises": _(
            "Step at x = −b/w = <b>{step}</b>. The output rises between 0.1 and 0.9 over a "
            "width of 2·ln 9 / |w| = <b>{width}</b>."
        ),
        "falls": _(
            "Step at x = −b/w = <b>{step}</b>. The output falls between 0.1 and 0.9 over a "
            "width of 2·ln 9 / |w| = <b>{width}</b>."
        ),
    }


def _neuron_readout(text, w, b):
    if w == 0:
        return text["flat"].format(value=fmt(float(sigmoid(b)), ".3f"))
    step = -b / w + 0.0  # + 0.0 turns −0.0 into 0.0, so a label never reads "−0.00"
    width = RISE_WIDTH_FACTOR / abs(w)
    return text["rises" if w > 0 else "falls"].format(step=fmt(step), width=fmt(width))


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
                _(
                    "neuron_explorer: {name} = {value} is outside the slider's range −10 to 10."
                ).format(name=name, value=value)
            )
    controls = {
        "w": slider("w", _("weight w"), w, -10.0, 10.0, 0.1),
        "b": slider("b", _("bias b"), b, -10.0, 10.0, 0.1),
    }
    text = _neuron_text()

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
        {
            "x": list(NEURON_X),
            "rise_width_factor": RISE_WIDTH_FACTOR,
            "colors": COLORS,
            "text": text,
        },
        alt=_(
            "The output σ(wx + b) of one neuron against its input x, an S-shaped curve "
            "from 0 to 1, with its step position x = −b/w marked; the dashed step function "
            "is what the curve approaches as |w| grows."
        ),
        title=_("One neuron: σ(wx + b)"),
        describe=lambda values: _neuron_readout(text, **values),
        static=static,
    )


def _tangent_text() -> dict[str, str]:
    """The tangent figure's words in the language in force, for the view and the readout."""
    return {
        "xlabel": _("input x"),
        "ylabel": _("slope σ′(x)"),
        "tangent": _("tangent"),
        "maximum": _("maximum ¼, at x = 0"),
        # The same note as the static figure's, one line per "\n".
        "note": _("x₀ = {fmt}\nσ(x₀) = {fmt2}\nslope σ′(x₀) = {fmt3}"),
        "readout": _(
            "At x₀ = {x0} the slope is σ′(x₀) = σ(x₀)(1 − σ(x₀)) = <b>{slope}</b>, {share} of "
            "the maximum ¼."
        ),
    }


def _tangent_readout(text, x0):
    slope = float(sigmoid_grad(x0))
    share = slope / 0.25
    return text["readout"].format(x0=fmt(x0), slope=fmt(slope, ".4f"), share=f"{share:.1%}")


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
        raise ValueError(
            _("tangent_explorer: x0 = {x0} is outside the slider's range −8 to 8.").format(x0=x0)
        )
    controls = {"x0": slider("x0", _("point x₀"), x0, -8.0, 8.0, 0.1)}
    text = _tangent_text()

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
        {"x": list(TANGENT_X), "colors": COLORS, "text": text},
        alt=_(
            "Above, the S-curve σ(x) with its tangent line at the chosen point x₀; below, the "
            "slope σ′(x) with the same point marked and the maximum ¼ at x = 0 dashed."
        ),
        title=_("The slope of the S-curve"),
        describe=lambda values: _tangent_readout(text, **values),
        static=static,
    )
