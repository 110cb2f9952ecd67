"""Train logistic regression from sliders: every learning rate and iteration count at once.

The runs behind every position of the controls are computed by :func:`sigmoid_lab.training.train`
when the explorer is made, and handed to the view, which switches between them as a slider
moves: the figure follows the learning-rate slider while it is dragged, with no kernel.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
from matplotlib.lines import Line2D

from sigmoid_lab.data import make_seed_data
from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.plots._args import fmt
from sigmoid_lab.plots.training import (
    CLASS_COLORS,
    _nice_floor,
    boundary_segment,
    plot_training_overview,
    probability_grid,
    scale_loss_axis,
    steady_step_axis,
)
from sigmoid_lab.style import COLORS, style_context
from sigmoid_lab.training import (
    TrainingError,
    _check_both_classes,
    _check_count,
    _check_features,
    _check_flag,
    _check_l2,
    _check_labels,
    _check_lr,
    safe_learning_rate,
    train,
)
from sigmoid_lab.widgets.base import Control, Explorer, encode, slider_value

__all__ = ["TrainingExplorer", "training_explorer"]

# The history of explorer.result keeps about this many points whatever the iteration count.
_HISTORY_POINTS = 200
#: The learning-rate slider: exponents of 10 from −3 to 2 in steps of 0.1.
LR_EXPONENTS = (-3.0, 2.0, 0.1)


_FUNC = "training_explorer"


def _as_dataset(pair, name: str | None) -> tuple[np.ndarray, np.ndarray]:
    """One (X, y) through the same checks as :func:`~sigmoid_lab.training.train`, then the
    plane's two columns. ``name`` is the data set's key in ``datasets``, if any."""
    try:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(
                _("{func}() expects each data set to be a pair (X, y), got {type}.").format(
                    func=_FUNC, type=type(pair).__name__
                )
            )
        X = _check_features(pair[0], _FUNC)
        y = _check_labels(pair[1], X.shape[0], _FUNC)
        _check_both_classes(y, _FUNC)
        if X.shape[1] != 2:
            raise ValueError(
                _(
                    "{func}() draws the data in the plane, so X must have 2 columns (shape "
                    "(m, 2)), got shape {shape}."
                ).format(func=_FUNC, shape=X.shape)
            )
    except (TypeError, ValueError) as error:
        if name is None:
            raise
        # The same error, saying which data set it is about.
        raise type(error)(
            _("In datasets[{name!r}]: {error}").format(name=name, error=error)
        ) from None
    return X, y


def _check_settings(lr, iterations, max_iterations, auto_lr, l2, fit_intercept):
    """The explorer's own arguments, checked as train() checks its own."""
    max_iterations = _check_count(max_iterations, _FUNC, "max_iterations", 1)
    iterations = _check_count(iterations, _FUNC, "iterations", 1)
    if iterations > max_iterations:
        raise ValueError(
            _(
                "{func}() expects iterations={iterations} to be within the slider's range 1 to "
                "max_iterations={max_iterations}; raise max_iterations or lower iterations."
            ).format(func=_FUNC, iterations=iterations, max_iterations=max_iterations)
        )
    step = _check_lr(lr, _FUNC)
    if step is None:
        raise ValueError(
            _(
                "{func}() takes lr='auto' as auto_lr=True (a box to tick); lr is then the "
                "slider's starting value, a number from 0.001 to 100."
            ).format(func=_FUNC)
        )
    if not 1e-3 <= step <= 1e2:
        raise ValueError(
            _("{func}(): lr={lr:g} is outside the slider's range 0.001 to 100.").format(
                func=_FUNC, lr=step
            )
        )
    auto_lr = _check_flag(auto_lr, _FUNC, "auto_lr")
    l2 = _check_l2(l2, _FUNC)
    fit_intercept = _check_flag(fit_intercept, _FUNC, "fit_intercept")
    return step, iterations, max_iterations, auto_lr, l2, fit_intercept


def _runs(X, y, rates, iterations, *, l2, fit_intercept, seed):
    """Every run the controls reach, on one data set.

    Returns the recorded iterations, the values (rates, 5, iterations): loss, accuracy, w₁,
    w₂ and b, NaN after a run stopped), and for each rate the iteration at which it stopped
    (None if it did not) and the message of its TrainingError ("" if none).
    """
    last = int(iterations[-1])
    step = int(iterations[-1] - iterations[-2]) if len(iterations) > 1 else 1
    every = step if all(int(k) % step == 0 for k in iterations if k >= step) else 1
    samples = sorted({0, *range(1, every), *range(0, last + 1, every), last})
    index = {k: i for i, k in enumerate(samples)}
    values = np.full((len(rates), 5, len(samples)), np.nan)
    stops: list[int | None] = []
    failures: list[str] = []
    for row, rate in enumerate(rates):

        def keep(k, state, row=row):
            values[row, :, index[k]] = (
                state.loss,
                state.accuracy,
                state.weights[0],
                state.weights[1],
                state.bias,
            )

        settings = {"lr": rate, "l2": l2, "fit_intercept": fit_intercept, "seed": seed}
        stopped, failure = None, ""
        try:
            if every > 1:
                train(X, y, iterations=every - 1, record_every=1, callback=keep, **settings)
            train(X, y, iterations=last, record_every=every, callback=keep, **settings)
        except TrainingError as error:
            done = ~np.isnan(values[row, 0])
            stopped = next(k for k in samples if not done[index[k]])
            failure = str(error)
        stops.append(stopped)
        failures.append(failure)
    return np.array(samples, dtype=float), values, stops, failures


def _loss_axis(values: np.ndarray) -> tuple[list[float], bool]:
    """One loss axis for every run: log when the losses span more than a factor of 20."""
    losses = values[:, 0, :]
    losses = losses[np.isfinite(losses) & (losses > 0)]
    low, high = float(losses.min()), float(losses.max())
    if high / low > 20:
        return [_nice_floor(low / 1.3), high * 1.3], True
    margin = 0.05 * (high - low) or 0.05 * high
    return [low - margin, high + margin], False


def training_explorer(
    X: np.ndarray | None = None,
    y: np.ndarray | None = None,
    *,
    datasets: Mapping[str, tuple[np.ndarray, np.ndarray]] | None = None,
    lr: float = 0.1,
    iterations: int = 300,
    auto_lr: bool = False,
    l2: float = 0.0,
    fit_intercept: bool = True,
    max_iterations: int = 3000,
    seed: int = 0,
) -> Explorer:
    """Train logistic regression with sliders for the learning rate and the iterations.

    Every position of the controls is a run of :func:`sigmoid_lab.training.train`: one run of
    ``max_iterations`` steps per learning rate (51 rates from 10⁻³ to 10², and the safe step
    of ``lr = "auto"``) and data set, computed when the explorer is made, whose history at
    every position of the iterations slider is handed to the view. The figure therefore
    follows both sliders as they move, in the browser. It shows the loss, the training
    accuracy, and P(y = 1) over the data with the decision boundary.

    Parameters
    ----------
    X, y : arrays, optional
        Two features and 0/1 labels; ``make_seed_data()`` (the article's data) by default.
    datasets : mapping of str to (X, y), optional
        Several data sets to choose from in a select, by name (instead of ``X, y``).
    lr : float
        The starting learning rate (the slider spans 10⁻³ to 10² in steps of 10^0.1; a
        rate between two positions starts at the nearer one).
    iterations : int
        The starting number of gradient steps.
    auto_lr : bool
        Start with the "auto" box ticked: ``lr="auto"``, the safe step ``1/L``.
    l2, fit_intercept, seed
        Passed to :func:`sigmoid_lab.training.train`.
    max_iterations : int
        The iterations slider's maximum.

    Returns
    -------
    Explorer
        Controls ``"lr"`` (a log slider), ``"iterations"`` (a slider), ``"auto_lr"`` (a
        checkbox) and, with several ``datasets``, ``"data"`` (a select); ``explorer.result``
        is the run for the current values (trained when first read). Artists of its
        Matplotlib form: ``"loss"``, ``"accuracy"``, ``"surface"``, ``"boundary"``,
        ``"class0"`` and ``"class1"``. The readout adds the run's ``advice`` when it has one
        (for features of very different sizes).

    Raises
    ------
    TypeError, ValueError
        At creation, for data that :func:`~sigmoid_lab.training.train` would refuse (text
        labels, a text column, NaN, a column of labels, one class only, ...), with the same
        message, and for data without exactly 2 columns or settings outside the sliders'
        ranges. Every data set of ``datasets`` is checked; the message names the one at
        fault.

    Examples
    --------
    >>> explorer = training_explorer(iterations=100, max_iterations=200)
    >>> explorer.controls["lr"].value = 1.0
    >>> round(explorer.result.lr, 3)
    1.0
    """
    if datasets is not None:
        if X is not None or y is not None:
            raise TypeError(_("training_explorer: give either X and y, or datasets, not both."))
        if not isinstance(datasets, Mapping) or not datasets:
            raise TypeError(
                _("training_explorer: datasets must be a dict such as {'noisy': (X, y)}.")
            )
        data = {name: _as_dataset(pair, name) for name, pair in datasets.items()}
    elif X is None and y is None:
        data = {_("the article's data"): make_seed_data()}
    elif X is None or y is None:
        raise TypeError(_("training_explorer: give both X and y, or neither for the seed data."))
    else:
        data = {_("data"): _as_dataset((X, y), None)}
    lr, iterations, max_iterations, auto_lr, l2, fit_intercept = _check_settings(
        lr, iterations, max_iterations, auto_lr, l2, fit_intercept
    )
    safe_steps = {
        name: safe_learning_rate(X, l2=l2, fit_intercept=fit_intercept)
        for name, (X, _) in data.items()
    }
    first_name = next(iter(data))
    low, high, step = LR_EXPONENTS
    text = {
        "iteration": _("iteration"),
        "loss_label": _("cross-entropy loss"),
        "loss_title": _("Loss"),
        "accuracy_label": _("training accuracy"),
        "accuracy_title": _("Accuracy"),
        "x1": _("feature x₁"),
        "x2": _("feature x₂"),
        "surface_title": _("P(y = 1) and boundary"),
        "auto_lr": _('lr = "auto" ({rate})'),
        "readout": _(
            "step used: <b>{rate}</b> · final loss <b>{loss}</b> · training accuracy "
            "<b>{accuracy}</b> · ‖w‖ = <b>{norm}</b>, b = <b>{bias}</b>"
        ),
        "readout_auto": _(
            "step used: <b>{rate}</b> (auto = 1/L) · final loss <b>{loss}</b> · training "
            "accuracy <b>{accuracy}</b> · ‖w‖ = <b>{norm}</b>, b = <b>{bias}</b>"
        ),
        "advice": _("<b>Advice:</b> {advice}"),
        "failed": _("Training failed: {message}"),
    }

    def auto_label(name):
        return text["auto_lr"].format(rate=f"{safe_steps[name]:.3g}")

    controls = {
        "lr": Control(
            "lr", "log", _("learning rate"), lr, min=low, max=high, step=step, readout_format=".3g"
        ),
        "iterations": Control(
            "iterations",
            "int",
            _("iterations"),
            iterations,
            min=10 if iterations >= 10 else 1,
            max=max_iterations,
            step=10 if iterations % 10 == 0 else 1,
        ),
        "auto_lr": Control("auto_lr", "checkbox", auto_label(first_name), auto_lr),
    }
    rows = [["lr", "auto_lr"], ["iterations"]]
    if len(data) > 1:
        controls["data"] = Control(
            "data", "select", _("data"), first_name, options=[(name, name) for name in data]
        )
        rows[1].append("data")
    it = controls["iterations"]
    positions = [
        int(slider_value(it.min, it.step, k))
        for k in range(round((it.max - it.min) / it.step) + 1)
    ]
    if positions[-1] != max_iterations:
        positions.append(max_iterations)
    rates = controls["lr"].grid
    runs = {}
    for name, (X, y) in data.items():
        runs[name] = _runs(
            X,
            y,
            [*rates, safe_steps[name]],
            [0, *positions],
            l2=l2,
            fit_intercept=fit_intercept,
            seed=seed,
        )
    recorded = next(iter(runs.values()))[0]
    loss_ylim, loss_log = _loss_axis(np.concatenate([r[1] for r in runs.values()], axis=0))
    # One extent for every data set, so that switching data keeps the axes still.
    stacked = np.vstack([X for X, _ in data.values()])
    extent = (
        float(stacked[:, 0].min() - 0.5),
        float(stacked[:, 0].max() + 0.5),
        float(stacked[:, 1].min() - 0.5),
        float(stacked[:, 1].max() + 0.5),
    )
    advice = {
        name: train(X, y, lr="auto", iterations=0, l2=l2, fit_intercept=fit_intercept).advice
        for name, (X, y) in data.items()
    }

    def column(values):
        """The run for these values: (data set, index into the rates, rate)."""
        name = values.get("data", first_name)
        if values["auto_lr"]:
            return name, len(rates), safe_steps[name]
        index = rates.index(values["lr"])
        return name, index, rates[index]

    def describe(values):
        name, index, rate = column(values)
        _, table, stops, failures = runs[name]
        n = values["iterations"]
        if stops[index] is not None and stops[index] <= n:
            failed = text["failed"].format(message=html.escape(failures[index]))
            return f'<span style="color:{COLORS["gradient"]}">{failed}</span>'
        at = int(np.searchsorted(recorded, n))
        loss, accuracy, w1, w2, bias = table[index, :, at]
        norm = float(np.sqrt(w1 * w1 + w2 * w2))
        readout = text["readout_auto" if values["auto_lr"] else "readout"].format(
            rate=fmt(rate, ".3g"),
            loss=fmt(loss, ".4f"),
            accuracy=f"{accuracy:.1%}",
            norm=fmt(norm),
            bias=fmt(bias),
        )
        if advice[name]:
            readout += "<br>" + text["advice"].format(advice=html.escape(advice[name]))
        return readout

    cache: dict = {}

    def result_for(values):
        name, _, rate = column(values)
        key = (name, rate, values["iterations"])
        if key not in cache:
            X, y = data[name]
            n = values["iterations"]
            cache.clear()
            cache[key] = train(
                X,
                y,
                lr=rate,
                iterations=n,
                l2=l2,
                fit_intercept=fit_intercept,
                seed=seed,
                record_every=max(1, n // _HISTORY_POINTS),
            )
        return cache[key]

    def static():
        first = result_for(explorer.values())
        X0, y0 = data[explorer.values().get("data", first_name)]
        with style_context():
            fig = new_figure(figsize=(9.0, 3.0))
            ax_loss, ax_acc, ax_surface = fig.subplots(1, 3, width_ratios=[1, 1, 1.25])
            overview = plot_training_overview(
                first, X0, y0, axes=(ax_loss, ax_acc, ax_surface), extent=extent
            )
        surface = overview["surface"]
        if not isinstance(surface.boundary, Line2D):
            # train() fits a linear model, whose boundary is always drawn as a line.
            raise RuntimeError(_("training_explorer: expected a linear decision boundary."))
        artists = {
            "loss": overview["loss"],
            "accuracy": overview["accuracy"],
            "surface": surface.image,
            "boundary": surface.boundary,
            "class0": surface.points[0],
            "class1": surface.points[1],
        }

        def update(**values):
            name = values.get("data", first_name)
            X, y = data[name]
            try:
                result = result_for(values)
            except TrainingError:
                return
            history = result.history
            artists["loss"].set_data(history["iteration"], history["loss"])
            artists["accuracy"].set_data(history["iteration"], history["accuracy"])
            for ax in (ax_loss, ax_acc):
                steady_step_axis(ax, values["iterations"])
            scale_loss_axis(ax_loss, history["loss"], steady=True)
            artists["class0"].set_offsets(X[y == 0])
            artists["class1"].set_offsets(X[y == 1])
            artists["surface"].set_data(
                probability_grid(result.predict_proba, extent, resolution=60)
            )
            artists["boundary"].set_data(*boundary_segment(result.weights, result.bias, extent))

        return fig, artists, update

    explorer = TrainingExplorer(
        "training",
        controls,
        {
            "iterations": encode(recorded),
            "lr_grid": rates,
            "first_dataset": first_name,
            "datasets": {
                name: {
                    "X": encode(X),
                    "y": encode(y),
                    "runs": encode(runs[name][1]),
                    "fail_at": runs[name][2],
                    "failures": runs[name][3],
                    "safe_lr": safe_steps[name],
                    "advice": advice[name],
                }
                for name, (X, y) in data.items()
            },
            "extent": list(extent),
            "loss_ylim": loss_ylim,
            "loss_log": loss_log,
            "cmap": [CLASS_COLORS[0], "#ffffff", CLASS_COLORS[1]],
            "class_colors": list(CLASS_COLORS),
            "colors": COLORS,
            "text": text,
        },
        alt=_(
            "Three panels: the loss falling over the iterations, the training accuracy "
            "rising, and the data coloured by class over the model's P(y = 1), with the "
            "decision boundary as a black line."
        ),
        title=_("Train logistic regression: every position of the sliders is a finished run"),
        control_rows=rows,
        describe=describe,
        static=static,
    )

    def follow(change):
        values = change["new"]
        name = values.get("data", first_name)
        controls["lr"].disabled = bool(values["auto_lr"])
        controls["auto_lr"].description = auto_label(name)

    explorer.observe(follow, names="value")
    follow({"new": explorer.values()})
    explorer._result_for = result_for
    return explorer


class TrainingExplorer(Explorer):
    """An :class:`~sigmoid_lab.widgets.base.Explorer` with the run for its current values."""

    _result_for = None

    @property
    def result(self):
        """The :class:`~sigmoid_lab.training.TrainResult` for the current values.

        Raises :class:`~sigmoid_lab.training.TrainingError` when that run fails.
        """
        return self._result_for(self.values())
