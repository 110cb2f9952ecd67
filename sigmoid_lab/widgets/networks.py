"""Explore what came after the sigmoid: activations and their slopes, gradients through depth."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sigmoid_lab._validation import as_real_scalar
from sigmoid_lab.activations import ACTIVATIONS, get_activation
from sigmoid_lab.data import make_moons
from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.nn import MLP
from sigmoid_lab.plots._args import fmt
from sigmoid_lab.plots.activations import ACTIVATION_STYLES, plot_activations
from sigmoid_lab.plots.networks import plot_layer_gradient_norms
from sigmoid_lab.style import COLORS, style_context
from sigmoid_lab.training import _check_count
from sigmoid_lab.widgets.base import Control, Explorer, encode, slider_value

__all__ = ["activation_explorer", "gradient_flow_explorer", "layer_gradient_norms"]

_ALL = ("sigmoid", "tanh", "relu", "leaky_relu", "silu", "gelu")


def _activation_names(func: str, argument: str, names) -> list[str]:
    """``names`` as keys of ACTIVATIONS (other spellings, such as "swish", resolved), each
    once, or a clear error naming ``func`` and ``argument``."""
    if isinstance(names, str) or not isinstance(names, Sequence):
        example = f"[{names!r}]" if isinstance(names, str) else "['sigmoid', 'relu']"
        raise TypeError(
            _(
                "{func}() expects {argument} to be a list of activation names, such as "
                "{example}, got {type} {names!r}."
            ).format(
                func=func,
                argument=argument,
                example=example,
                type=type(names).__name__,
                names=names,
            )
        )
    keys = []
    for name in names:
        try:
            key = get_activation(name).name
        except (TypeError, ValueError):
            key = None
        if key not in ACTIVATIONS:
            valid = ", ".join(repr(key) for key in ACTIVATIONS)
            raise ValueError(
                _(
                    "{func}() knows no activation {name!r} in {argument}. Valid names: {valid}."
                ).format(func=func, name=name, argument=argument, valid=valid)
            )
        if key not in keys:
            keys.append(key)
    return keys


#: The inputs the activation curves are drawn on (plot_activations' default).
ACTIVATION_X = (-4.0, 4.0, 401)


def _css_color(color: str) -> str:
    """A colour for HTML: the palette's black follows the theme's text colour, as in the view."""
    return f"var(--sl-fg, {color})" if color.lower() == "#000000" else color


def _activation_text() -> dict[str, str]:
    """The activations figure's words in the language in force, for the view and the readout."""
    return {
        "xlabel": _("input x"),
        "title_f": _("Activation"),
        "title_grad": _("Derivative"),
        "at": _("at x = {x}"),
        "none": _("Tick an activation to see its values."),
    }


def _activation_readout(text, labels, names, x, **ticked):
    visible = [name for name in names if ticked[name]]
    point = np.array([x])
    colors = {name: _css_color(ACTIVATION_STYLES[name]["color"]) for name in visible}
    cell = "<td style='padding: 0 1em 0 0; text-align: right'>"
    rows = "".join(
        f"<tr><td style='padding-right: 1em; color:{colors[name]}'>"
        f"{labels[name]}</td>"
        f"{cell}{fmt(float(ACTIVATIONS[name].function(point)[0]), '.4f')}</td>"
        f"{cell}{fmt(float(ACTIVATIONS[name].gradient(point)[0]), '.4f')}</td></tr>"
        for name in visible
    )
    header = text["at"].format(x=fmt(x, ".1f"))
    return (
        f"<table><tr><th>{header}</th>{cell}<b>f(x)</b></td>"
        f"{cell}<b>f′(x)</b></td></tr>{rows}</table>"
        if rows
        else text["none"]
    )


def activation_explorer(
    names: Sequence[str] = _ALL,
    *,
    shown: Sequence[str] = ("sigmoid", "relu"),
    x: float = -3.0,
) -> Explorer:
    """Activations beside their derivatives, ticked on and off, with values at a chosen input.

    The curves and the values at every position of the input slider are computed by
    :data:`sigmoid_lab.activations.ACTIVATIONS` and handed to the view.

    Parameters
    ----------
    names : sequence of str
        The activations offered, keys of :data:`sigmoid_lab.activations.ACTIVATIONS`.
    shown : sequence of str
        The ones ticked at the start.
    x : float
        The starting position of the input marker (slider from -4 to 4).

    Returns
    -------
    Explorer
        Controls: one checkbox per name (its value shows or hides both lines) and ``"x"``, a
        slider. The readout tabulates f(x) and f′(x) for the ticked activations. Artists of
        its Matplotlib form: ``"f:<name>"`` and ``"grad:<name>"`` lines, ``"marker_f"`` and
        ``"marker_grad"`` (the points at x on the visible curves), ``"x_line_f"`` and
        ``"x_line_grad"``.

    Raises
    ------
    TypeError, ValueError
        If ``names`` or ``shown`` is not a list of activation names (other spellings that
        :func:`~sigmoid_lab.activations.get_activation` knows, such as ``"swish"``, are
        accepted), if ``names`` is empty or ``shown`` names one it does not offer, or if
        ``x`` is not a number from -4 to 4.
    """
    func = "activation_explorer"
    names = _activation_names(func, "names", names)
    if not names:
        raise ValueError(
            _("{func}() needs at least one name in names, such as ['sigmoid'].").format(func=func)
        )
    shown = _activation_names(func, "shown", shown)
    missing = [name for name in shown if name not in names]
    if missing:
        raise ValueError(
            _(
                "activation_explorer: shown={missing} are not among names={names}; add them to "
                "names or remove them from shown."
            ).format(missing=missing, names=names)
        )
    x = as_real_scalar(x, func=func, name="x")
    if not -4 <= x <= 4:
        raise ValueError(
            _("activation_explorer: x = {x} is outside the slider's range −4 to 4.").format(x=x)
        )
    text = _activation_text()
    labels = {name: _(ACTIVATIONS[name].label) for name in names}
    controls: dict[str, Control] = {
        name: Control(
            name,
            "checkbox",
            labels[name],
            name in shown,
            color=ACTIVATION_STYLES[name]["color"],
        )
        for name in names
    }
    controls["x"] = Control("x", "float", _("input x"), x, min=-4.0, max=4.0, step=0.1)
    grid = np.linspace(*ACTIVATION_X)
    positions = np.array([slider_value(-4.0, 0.1, k) for k in range(81)])
    curves = [
        {
            "name": name,
            "label": labels[name],
            "color": ACTIVATION_STYLES[name]["color"],
            "dash": ACTIVATION_STYLES[name]["linestyle"],
            "f": ACTIVATIONS[name].function(grid),
            "grad": ACTIVATIONS[name].gradient(grid),
            "at": ACTIVATIONS[name].function(positions),
            "grad_at": ACTIVATIONS[name].gradient(positions),
        }
        for name in names
    ]
    # The axes of plot_activations, for the offered activations: fixed while ticking.
    limits = {}
    for key, floor in (("f", (-0.1, 1.1)), ("grad", (-0.05, 0.3))):
        values = np.concatenate([curve[key] for curve in curves])
        low, high = min(floor[0], float(values.min())), max(floor[1], float(values.max()))
        pad = 0.06 * (high - low)
        limits[key] = [low - pad, high + pad]
    for curve in curves:
        for key in ("f", "grad", "at", "grad_at"):
            curve[key] = encode(curve[key])

    def static():
        with style_context():
            fig = new_figure(figsize=(7.2, 3.0))
            lines = plot_activations(names, axes=fig.subplots(1, 2))
            ax_f, ax_g = lines.axes
            x_line_f = ax_f.axvline(x, color=COLORS["neutral"], linewidth=1.0, linestyle="--")
            x_line_g = ax_g.axvline(x, color=COLORS["neutral"], linewidth=1.0, linestyle="--")
            (marker_f,) = ax_f.plot([], [], "o", color=COLORS["neutral"], markersize=5)
            (marker_g,) = ax_g.plot([], [], "o", color=COLORS["neutral"], markersize=5)
        artists = {
            **{f"f:{name}": line for name, line in lines.functions.items()},
            **{f"grad:{name}": line for name, line in lines.gradients.items()},
            "marker_f": marker_f,
            "marker_grad": marker_g,
            "x_line_f": x_line_f,
            "x_line_grad": x_line_g,
        }

        def update(x, **ticked):
            visible = [name for name in names if ticked[name]]
            for name in names:
                lines.functions[name].set_visible(ticked[name])
                lines.gradients[name].set_visible(ticked[name])
            x_line_f.set_xdata([x, x])
            x_line_g.set_xdata([x, x])
            point = np.array([x])
            values = [
                (
                    float(ACTIVATIONS[n].function(point)[0]),
                    float(ACTIVATIONS[n].gradient(point)[0]),
                )
                for n in visible
            ]
            marker_f.set_data([x] * len(values), [v[0] for v in values])
            marker_g.set_data([x] * len(values), [v[1] for v in values])
            if visible:
                ax_f.legend(
                    [lines.functions[name] for name in visible],
                    [labels[name] for name in visible],
                    loc="upper left",
                )
            elif ax_f.legend_ is not None:
                ax_f.legend_.remove()

        return fig, artists, update

    return Explorer(
        "activations",
        controls,
        {
            "x": encode(grid),
            "x_control": {"min": -4.0, "max": 4.0, "step": 0.1},
            "activations": curves,
            "ylim_f": limits["f"],
            "ylim_grad": limits["grad"],
            "text": text,
        },
        alt=_(
            "Left: the ticked activation functions from x = -4 to 4. Right: their derivatives. "
            "A dashed vertical line marks the chosen input on both panels."
        ),
        title=_("Activations and their derivatives: tick to compare, slide x to read values"),
        control_rows=[names, ["x"]],
        describe=lambda values: _activation_readout(text, labels, names, **values),
        static=static,
    )


def _decade_below(norms: np.ndarray) -> float:
    """The power of ten at or below a third of the smallest positive norm (1e-4 at most)."""
    positive = norms[norms > 0]
    smallest = min(3e-4, float(positive.min())) if positive.size else 3e-4
    return float(10.0 ** np.floor(np.log10(smallest / 3)))


#: The initialisation each activation is used with: He et al. (2015) for the rectifiers,
#: whose variance 2/fan_in makes up for passing only positive inputs; Glorot & Bengio's
#: (Xavier, 2010) for the others.
STANDARD_INIT = {"relu": "he", "leaky_relu": "he"}


def standard_init(activation: str) -> str:
    """The initialisation ``activation`` is normally used with: ``"he"`` or ``"xavier"``."""
    return STANDARD_INIT.get(get_activation(activation).name, "xavier")


def layer_gradient_norms(
    depth: int,
    activation: str,
    *,
    init: str | None = None,
    width: int = 16,
    n_samples: int = 200,
    seed: int = 0,
) -> np.ndarray:
    """The gradient norm of each layer's weights at initialisation, for a deep MLP.

    The network has ``depth`` hidden layers of ``width`` units and one output unit, and is
    evaluated on ``make_moons(n_samples, seed=seed)``.

    Parameters
    ----------
    depth : int
        Number of hidden layers, at least 1.
    activation : str
        A key of :data:`sigmoid_lab.activations.ACTIVATIONS`, or another name that
        :func:`~sigmoid_lab.activations.get_activation` knows.
    init : {"xavier", "he"}, optional
        The weight initialisation; by default the one the activation is normally used with
        (:func:`standard_init`: He for ReLU and leaky ReLU, Xavier for the others).
    width, n_samples, seed : int
        Layer width, data size, and the seed for both data and initial weights.

    Returns
    -------
    numpy.ndarray
        ``depth + 1`` norms, first layer first.

    Raises
    ------
    TypeError, ValueError
        If ``depth`` or ``width`` is not a whole number of at least 1, ``seed`` not a whole
        number of at least 0, or ``activation`` not an activation's name (``n_samples`` is
        checked by :func:`~sigmoid_lab.data.make_moons`).
    """
    func = "layer_gradient_norms"
    depth = _check_count(depth, func, "depth", 1)
    (activation,) = _activation_names(func, "activation", [activation])
    width = _check_count(width, func, "width", 1)
    seed = _check_count(seed, func, "seed", 0)
    X, y = make_moons(n_samples, seed=seed)
    init = standard_init(activation) if init is None else init
    model = MLP([2, *([width] * depth), 1], activation, seed=seed, init=init)
    return np.asarray(model.layer_gradient_norms(X, y), dtype=float)


def gradient_flow_explorer(
    *,
    depth: int = 8,
    activation: str = "sigmoid",
    max_depth: int = 20,
    activations: Sequence[str] = ("sigmoid", "tanh", "relu", "leaky_relu", "silu", "gelu"),
    width: int = 16,
    seed: int = 0,
) -> Explorer:
    """Gradient norm per layer at initialisation, for a chosen depth and activation.

    Parameters
    ----------
    depth : int
        Starting number of hidden layers (slider from 1 to ``max_depth``).
    activation : str
        Starting activation (dropdown over ``activations``).
    max_depth : int
        The depth slider's maximum.
    activations : sequence of str
        The dropdown's options.
    width, seed : int
        Hidden layer width, and the seed of the data and the initial weights.

    Returns
    -------
    Explorer
        Controls ``"depth"`` (a slider) and ``"activation"`` (a select); artists of its
        Matplotlib form ``"norms"`` (the line of per-layer norms) and ``"reference"`` (the
        same network with ReLU, faint, for comparison). The readout gives the ratio of the
        first layer's norm to the last's.

    Raises
    ------
    TypeError, ValueError
        If ``activations`` is not a list of activation names or does not offer
        ``activation``, or if ``depth``, ``max_depth``, ``width`` or ``seed`` is not a whole
        number in its range (``1 <= depth <= max_depth``, ``width >= 1``, ``seed >= 0``).

    Notes
    -----
    The norms for every depth up to ``max_depth`` and every offered activation are computed
    when the explorer is made (by :func:`layer_gradient_norms`) and handed to the view, which
    switches between them as the controls move. The log axis is fixed for the explorer's
    life: from 10 (or above the largest norm) down to below the smallest norm any of them
    reaches. Moving the depth then shows a line sinking against the same scale, and switching
    the activation compares like with like.
    """
    func = "gradient_flow_explorer"
    activations = _activation_names(func, "activations", activations)
    (activation,) = _activation_names(func, "activation", [activation])
    if activation not in activations:
        raise ValueError(
            _(
                "gradient_flow_explorer: activation={activation!r} is not among the options "
                "{activations}."
            ).format(activation=activation, activations=activations)
        )
    max_depth = _check_count(max_depth, func, "max_depth", 1)
    depth = _check_count(depth, func, "depth", 1)
    if depth > max_depth:
        raise ValueError(
            _(
                "gradient_flow_explorer: depth={depth} is outside 1 to max_depth={max_depth}."
            ).format(depth=depth, max_depth=max_depth)
        )
    width = _check_count(width, func, "width", 1)
    seed = _check_count(seed, func, "seed", 0)
    # Every depth and activation the controls reach, computed once: the view switches
    # between them as the controls move.
    norms = {
        name: [
            layer_gradient_norms(d, name, width=width, seed=seed) for d in range(1, max_depth + 1)
        ]
        for name in {*activations, "relu"}
    }
    deepest = np.concatenate([norms[name][-1] for name in norms])
    every = np.concatenate([n for name in norms for n in norms[name]])
    ylim = (min(_decade_below(deepest), _decade_below(every)), max(10.0, float(every.max()) * 3))
    xticks = [float(t) for t in np.arange(1, max_depth + 2, 2 if max_depth > 10 else 1)]
    labels = {name: _(ACTIVATIONS[name].label) for name in {*activations, "relu"}}
    # One template per initialisation: a translation may say "initialisation" after the name.
    legends = {"he": _("{activation}, He"), "xavier": _("{activation}, Xavier")}
    text = {
        "xlabel": _("layer (1 = next to the input)"),
        "ylabel": _("‖∂loss/∂W‖ at initialisation"),
        "readout": _(
            "{activation}, {depth} hidden layers: the first layer's gradient is <b>{ratio}</b> "
            "times the last layer's (ReLU: {relu})."
        ),
        "one_layer": _(
            "{activation}, 1 hidden layer: the first layer's gradient is <b>{ratio}</b> "
            "times the last layer's (ReLU: {relu})."
        ),
    }
    reference_label = _("ReLU, He (for reference)")
    controls = {
        "depth": Control("depth", "int", _("hidden layers"), depth, min=1, max=max_depth, step=1),
        "activation": Control(
            "activation",
            "select",
            _("activation"),
            activation,
            options=[(labels[name], name) for name in activations],
        ),
    }

    def legend(name):
        return legends[standard_init(name)].format(activation=labels[name])

    def static():
        with style_context():
            fig = new_figure(figsize=(6.0, 3.2))
            ax = fig.add_subplot()
            reference = plot_layer_gradient_norms({"relu": norms["relu"][depth - 1]}, ax=ax)[
                "relu"
            ]
            reference.set(alpha=0.35, label=reference_label, linestyle="-")
            (line,) = ax.plot([], [], marker="o", markersize=5, linewidth=2.0)
            ax.set_xlim(0.5, max_depth + 1.5)
            ax.set_xticks(xticks)
            ax.set_ylim(*ylim)
        artists = {"norms": line, "reference": reference}

        def update(depth, activation):
            layers = np.arange(1, depth + 2)
            line.set_data(layers, norms[activation][depth - 1])
            line.set(color=ACTIVATION_STYLES[activation]["color"], label=legend(activation))
            reference.set_data(layers, norms["relu"][depth - 1])
            ax.legend(loc="best")

        return fig, artists, update

    def describe(depth, activation):
        values = norms[activation][depth - 1]
        relu = norms["relu"][depth - 1]
        ratio = values[0] / values[-1] if values[-1] > 0 else np.inf
        return text["readout" if depth > 1 else "one_layer"].format(
            activation=labels[activation],
            depth=depth,
            ratio=f"{ratio:.2g}",
            relu=f"{relu[0] / relu[-1]:.2g}",
        )

    return Explorer(
        "gradient_flow",
        controls,
        {
            "max_depth": max_depth,
            "ylim": list(ylim),
            "xticks": xticks,
            "options": {
                name: {
                    "label": labels[name],
                    "legend": legend(name),
                    "color": ACTIVATION_STYLES[name]["color"],
                    "norms": [encode(n) for n in norms[name]],
                }
                for name in activations
            },
            "relu": {
                "label": reference_label,
                "color": ACTIVATION_STYLES["relu"]["color"],
                "norms": [encode(n) for n in norms["relu"]],
            },
            "text": text,
        },
        alt=_(
            "The gradient norm of each layer's weights at initialisation on a log scale, "
            "first layer on the left, for the chosen activation with its usual initialisation "
            "(He for the rectifiers, Xavier for the others), with ReLU drawn faintly for "
            "comparison."
        ),
        title=_("Gradient flow at initialisation: how much signal reaches each layer"),
        describe=lambda values: describe(**values),
        static=static,
    )
