"""An explorer for the gradient through a chain of sigmoid layers: vanishing and exploding."""

from __future__ import annotations

import numpy as np

from sigmoid_lab._validation import as_real_scalar
from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.plots._args import as_depth, fmt
from sigmoid_lab.plots.gradients import (
    FLOAT32_RESOLUTION,
    chain_gradient,
    plot_gradient_chain,
    update_gradient_chain,
)
from sigmoid_lab.style import COLORS, style_context
from sigmoid_lab.widgets.base import Control, Explorer
from sigmoid_lab.widgets.curves import slider

__all__ = ["gradient_chain_explorer"]

MAX_DEPTH = 30
#: The log axis of the chain's figure, fixed so that moving a slider never rescales it.
CHAIN_YLIM = (1e-30, 1e10)


def _chain_text() -> dict[str, str]:
    """The chain figure's words in the language in force, for the view and the readout."""
    return {
        "xlabel": _("depth n (layers)"),
        "ylabel": _("|∂aₙ/∂x| (log scale)"),
        "float32": _("float32: update lost (lr = 1)"),
        "best": _("best case ¼ⁿ (w = 1)"),
        "bound": _("bound (|w|/4)ⁿ"),
        "chain": _("this chain"),
        "note": _("after n = {depth} layers: {fmt}"),
        # One sentence for one layer, one for more: the noun's number is grammar.
        "one_layer": _(
            "After {depth} layer the gradient is <b>{value}</b> ({verdict}). Largest factor "
            "w·σ′(z) along the chain: {largest}; it can exceed 1 only if |w| > 4 (for a chain "
            "of single units)."
        ),
        "layers": _(
            "After {depth} layers the gradient is <b>{value}</b> ({verdict}). Largest factor "
            "w·σ′(z) along the chain: {largest}; it can exceed 1 only if |w| > 4 (for a chain "
            "of single units)."
        ),
        # Translators: the verdicts are the parenthesis of the sentences above.
        "lost": _(
            "at most 2⁻²⁵: with lr = 1, a gradient-descent update this small leaves a float32 "
            "weight of 1.0 unchanged"
        ),
        "grown": _("larger than 1: the gradient has grown"),
        "shrinking": _("shrinking"),
    }


def _chain_readout(text, depth, x, weight):
    chain = chain_gradient(x, depth, weight=weight)
    value = abs(float(chain.products[-1]))
    largest = float(np.abs(chain.factors).max())
    if value <= FLOAT32_RESOLUTION:
        # 2⁻²⁵ itself is lost too: 1 − 2⁻²⁵ is a tie, which rounds to even, i.e. to 1.
        verdict = text["lost"]
    elif value > 1:
        verdict = text["grown"]
    else:
        verdict = text["shrinking"]
    return text["layers" if depth > 1 else "one_layer"].format(
        depth=depth, value=fmt(value, ".1e"), verdict=verdict, largest=fmt(largest, ".3g")
    )


def gradient_chain_explorer(x=0.0, depth=10, weight=1.0):
    """Sliders for the depth, the input and the weight of a chain of sigmoid layers.

    The figure draws, on a log scale, the gradient ∂aₙ/∂x after each layer of the chain
    aₖ = σ(w·(aₖ₋₁ − ½)) (see :func:`sigmoid_lab.plots.gradients.chain_gradient`) beside the
    best case ¼ⁿ and the bound (|w|/4)ⁿ. With w = 1 the gradient can only shrink; a large
    input saturates the first layer and costs many orders of magnitude at once; with |w| > 4
    and the units near their steep middle, each layer multiplies by more than 1 and the
    product grows.

    Parameters
    ----------
    x : float
        Starting input (−10 to 10).
    depth : int
        Starting depth (1 to 30).
    weight : float
        Starting weight (0.5 to 8).

    Returns
    -------
    Explorer
        Controls ``"depth"``, ``"x"`` and ``"weight"``; artists of its Matplotlib form as in
        :func:`sigmoid_lab.plots.gradients.plot_gradient_chain`.
    """
    x = as_real_scalar(x, func="gradient_chain_explorer", name="x")
    depth = as_depth("gradient_chain_explorer", depth, maximum=MAX_DEPTH)
    weight = as_real_scalar(weight, func="gradient_chain_explorer", name="weight")
    if not -10 <= x <= 10:
        raise ValueError(
            _("gradient_chain_explorer: x = {x} is outside the slider's range −10 to 10.").format(
                x=x
            )
        )
    if not 0.5 <= weight <= 8:
        raise ValueError(
            _(
                "gradient_chain_explorer: weight = {weight} is outside the slider's range 0.5 "
                "to 8."
            ).format(weight=weight)
        )
    controls = {
        "depth": Control("depth", "int", _("depth n"), depth, min=1, max=MAX_DEPTH, step=1),
        "x": slider("x", _("input x"), x, -10.0, 10.0, 0.1),
        "weight": slider("weight", _("weight w"), weight, 0.5, 8.0, 0.1),
    }
    text = _chain_text()

    def static():
        with style_context():
            fig = new_figure(figsize=(6.0, 3.8))
            artists = plot_gradient_chain(
                x, depth, weight=weight, max_depth=MAX_DEPTH, ax=fig.add_subplot(), ylim=CHAIN_YLIM
            )

        def update(depth, x, weight):
            update_gradient_chain(artists, x, depth, weight)

        return fig, artists, update

    return Explorer(
        "gradient_chain",
        controls,
        {
            "max_depth": MAX_DEPTH,
            "ylim": list(CHAIN_YLIM),
            "float32_resolution": FLOAT32_RESOLUTION,
            "colors": COLORS,
            "text": text,
        },
        alt=_(
            "The gradient through a chain of sigmoid layers against the number of layers, on "
            "a log scale: the chain's actual gradient beside the best case one quarter to the "
            "power n and the bound (|w|/4) to the power n."
        ),
        title=_("The gradient through n sigmoid layers"),
        control_rows=[["depth"], ["x", "weight"]],
        describe=lambda values: _chain_readout(text, **values),
        static=static,
    )
