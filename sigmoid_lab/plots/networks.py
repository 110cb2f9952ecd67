"""Figures for deep networks: gradient norms per layer, training runs compared, and accuracy
on training and held-out data as training goes on."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from sigmoid_lab.activations import ACTIVATIONS
from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.plots.activations import ACTIVATION_STYLES
from sigmoid_lab.plots.training import plain_log_axis
from sigmoid_lab.style import COLORS, style_context

__all__ = ["plot_accuracy_curves", "plot_layer_gradient_norms", "plot_train_test_accuracy"]


def plot_layer_gradient_norms(
    norms: np.ndarray | Mapping[str, np.ndarray],
    *,
    ax: Axes | None = None,
    logy: bool = True,
) -> dict[str, Line2D]:
    """Plot the gradient norm of each layer's weights, first layer on the left.

    Parameters
    ----------
    norms : array or mapping of str to array
        One Frobenius norm per layer (``MLP.layer_gradient_norms(X, y)``), or several such
        arrays keyed by activation name (which picks the line's colour) or any label.
    ax : Axes, optional
        Where to draw; a new figure is made when omitted.
    logy : bool
        Log scale on the y axis: gradients shrink by factors, so equal factors look equal.

    Returns
    -------
    dict of str to Line2D
        One line per entry (the key ``"norms"`` when a single array is given).
    """
    runs = dict(norms) if isinstance(norms, Mapping) else {"norms": norms}
    lines = {}
    with style_context():
        if ax is None:
            ax = new_figure().add_subplot()
        for index, (label, values) in enumerate(runs.items()):
            values = np.asarray(values, dtype=float)
            if values.ndim != 1 or values.size == 0:
                raise ValueError(
                    _(
                        "plot_layer_gradient_norms: expected one norm per layer (a 1-D "
                        "array), got shape {shape} for {label!r}."
                    ).format(shape=values.shape, label=label)
                )
            style = ACTIVATION_STYLES.get(
                label, {"color": list(COLORS.values())[index % len(COLORS)]}
            )
            legend = ACTIVATIONS[label].label if label in ACTIVATIONS else label
            (lines[label],) = ax.plot(
                np.arange(1, values.size + 1),
                values,
                marker="o",
                markersize=4,
                label=None if label == "norms" else legend,
                **style,
            )
        if logy:
            plain_log_axis(ax)
        ax.set(xlabel=_("layer (1 = next to the input)"), ylabel=_("‖∂loss/∂W‖ at initialisation"))
        if len(runs) > 1:
            ax.legend()
    return lines


def plot_train_test_accuracy(
    scores: Mapping[str, tuple[float, float]],
    *,
    ax: Axes | None = None,
    labels: tuple[str, str] = (N_("training data"), N_("held-out data")),
) -> dict[str, object]:
    """Bars of training and held-out accuracy for several models.

    Parameters
    ----------
    scores : mapping of str to (float, float)
        Model label to ``(train_accuracy, test_accuracy)``.
    ax : Axes, optional
        Where to draw; a new figure is made when omitted.
    labels : pair of str
        Legend entries for the two bars.

    Returns
    -------
    dict
        ``{"train": BarContainer, "test": BarContainer}``.
    """
    if not isinstance(scores, Mapping) or not scores:
        raise TypeError(
            _("plot_train_test_accuracy: pass a dict such as {'sigmoid net': (1.0, 0.8)}.")
        )
    names = list(scores)
    train = np.array([scores[name][0] for name in names], dtype=float)
    test = np.array([scores[name][1] for name in names], dtype=float)
    positions = np.arange(len(names))
    with style_context():
        if ax is None:
            ax = new_figure().add_subplot()
        bars_train = ax.bar(
            positions - 0.2, train, width=0.4, color=COLORS["sigmoid"], label=_(labels[0])
        )
        bars_test = ax.bar(
            positions + 0.2,
            test,
            width=0.4,
            color=COLORS["warning"],
            hatch="//",
            edgecolor="white",
            label=_(labels[1]),
        )
        for bars in (bars_train, bars_test):
            ax.bar_label(bars, fmt="%.2f", fontsize=8, padding=2)
        ax.set_xticks(positions, names)
        ax.set(ylabel=_("accuracy"), ylim=(0.0, 1.3))
        ax.legend(loc="upper center", ncols=2)
    return {"train": bars_train, "test": bars_test}


#: How each recorded data set is drawn by :func:`plot_accuracy_curves`.
_CURVE_STYLES = {
    "train": {"color": COLORS["sigmoid"], "linestyle": "-"},
    "validation": {"color": COLORS["reference"], "linestyle": ":"},
    "test": {"color": COLORS["warning"], "linestyle": "--"},
}


def plot_accuracy_curves(
    history: Mapping[str, np.ndarray],
    *,
    ax: Axes | None = None,
    labels: Mapping[str, str] | None = None,
    ceiling: float | None = None,
    ceiling_label: str = N_("best possible (Bayes) accuracy"),
) -> dict[str, Line2D]:
    """Accuracy on each data set against the number of gradient steps.

    Parameters
    ----------
    history : mapping of str to array
        What :func:`sigmoid_lab.experiments.train_and_track` returns: ``"epoch"`` and one
        ``"<name>_accuracy"`` array per data set (``"train"``, ``"validation"``,
        ``"test"``, or any other name), all of the same length.
    ax : Axes, optional
        Where to draw; a new figure is made when omitted.
    labels : mapping of str to str, optional
        Legend entry for a data set name, e.g. ``{"test": "5000 new points"}``; the name
        itself by default.
    ceiling : float, optional
        Draws a horizontal line at this accuracy, e.g. the Bayes accuracy of the data.
    ceiling_label : str
        The ceiling's legend entry.

    Returns
    -------
    dict of str to Line2D
        One line per data set, by name, and ``"ceiling"`` when a ceiling is drawn.

    Raises
    ------
    TypeError
        If ``history`` is not a mapping.
    ValueError
        If it has no ``"epoch"`` or no accuracy, or arrays of different lengths.
    """
    if not isinstance(history, Mapping):
        raise TypeError(
            _(
                "plot_accuracy_curves: pass the dict that train_and_track returns, got {type}."
            ).format(type=type(history).__name__)
        )
    names = [key[: -len("_accuracy")] for key in history if key.endswith("_accuracy")]
    if "epoch" not in history or not names:
        raise ValueError(
            _(
                "plot_accuracy_curves: expected an 'epoch' entry and at least one "
                "'<name>_accuracy' entry, got {sorted}."
            ).format(sorted=sorted(history))
        )
    epochs = np.asarray(history["epoch"], dtype=float)
    labels = dict(labels or {})
    # Other names take the colours the named data sets do not use, so no two lines share one.
    taken = {style["color"] for style in _CURVE_STYLES.values()}
    palette = [color for color in COLORS.values() if color not in taken]
    lines = {}
    with style_context():
        if ax is None:
            ax = new_figure().add_subplot()
        others = iter(palette * len(names))
        for name in names:
            values = np.asarray(history[f"{name}_accuracy"], dtype=float)
            if values.shape != epochs.shape:
                raise ValueError(
                    _(
                        "plot_accuracy_curves: {name}_accuracy has shape {shape} but epoch "
                        "has shape {shape2}; they must match."
                    ).format(name=name, shape=values.shape, shape2=epochs.shape)
                )
            style = _CURVE_STYLES.get(name) or {"color": next(others), "linestyle": "--"}
            (lines[name],) = ax.plot(epochs, values, label=labels.get(name, name), **style)
        if ceiling is not None:
            lines["ceiling"] = ax.axhline(
                ceiling, color=COLORS["neutral"], linewidth=0.8, label=_(ceiling_label)
            )
        ax.set(xlabel=_("gradient steps (epochs)"), ylabel=_("accuracy"))
        ax.legend(loc="lower right")
    return lines
