"""Train logistic regression from sliders: learning rate and iterations, re-run on release."""

from __future__ import annotations

import html
import time
from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.lines import Line2D

from sigmoid_lab.data import make_seed_data
from sigmoid_lab.display import new_figure
from sigmoid_lab.plots._args import fmt
from sigmoid_lab.plots.training import (
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
from sigmoid_lab.widgets.base import Explorer

__all__ = ["training_explorer"]

# The history keeps about this many points whatever the iteration count, so redrawing the
# curves costs the same for 50 iterations as for 5000.
_HISTORY_POINTS = 200
# The progress bar moves at most this often (seconds): enough to show that a long run is
# alive. A run shorter than this sends no progress at all, only its result, since each message
# is work for the browser before it can show the new figure.
_PROGRESS_INTERVAL = 0.1


_FUNC = "training_explorer"


def _as_dataset(pair, name: str | None) -> tuple[np.ndarray, np.ndarray]:
    """One (X, y) through the same checks as :func:`~sigmoid_lab.training.train`, then the
    plane's two columns. ``name`` is the data set's key in ``datasets``, if any."""
    try:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(
                f"{_FUNC}() expects each data set to be a pair (X, y), got {type(pair).__name__}."
            )
        X = _check_features(pair[0], _FUNC)
        y = _check_labels(pair[1], X.shape[0], _FUNC)
        _check_both_classes(y, _FUNC)
        if X.shape[1] != 2:
            raise ValueError(
                f"{_FUNC}() draws the data in the plane, so X must have 2 columns (shape "
                f"(n, 2)), got shape {X.shape}."
            )
    except (TypeError, ValueError) as error:
        if name is None:
            raise
        # The same error, saying which data set it is about.
        raise type(error)(f"In datasets[{name!r}]: {error}") from None
    return X, y


def _check_settings(lr, iterations, max_iterations, auto_lr, l2, fit_intercept):
    """The explorer's own arguments, checked as train() checks its own."""
    max_iterations = _check_count(max_iterations, _FUNC, "max_iterations", 1)
    iterations = _check_count(iterations, _FUNC, "iterations", 1)
    if iterations > max_iterations:
        raise ValueError(
            f"{_FUNC}() expects iterations={iterations} to be within the slider's range 1 to "
            f"max_iterations={max_iterations}; raise max_iterations or lower iterations."
        )
    step = _check_lr(lr, _FUNC)
    if step is None:
        raise ValueError(
            f"{_FUNC}() takes lr='auto' as auto_lr=True (a box to tick); lr is then the "
            "slider's starting value, a number from 0.001 to 100."
        )
    if not 1e-3 <= step <= 1e2:
        raise ValueError(f"{_FUNC}(): lr={step:g} is outside the slider's range 0.001 to 100.")
    auto_lr = _check_flag(auto_lr, _FUNC, "auto_lr")
    l2 = _check_l2(l2, _FUNC)
    fit_intercept = _check_flag(fit_intercept, _FUNC, "fit_intercept")
    return step, iterations, max_iterations, auto_lr, l2, fit_intercept


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

    The sliders re-run training when released (``continuous_update=False``), since each
    position is a whole run. A progress bar under the figure moves during a run. The figure
    shows the loss, the training accuracy, and P(y = 1) over the data with the decision
    boundary.

    Parameters
    ----------
    X, y : arrays, optional
        Two features and 0/1 labels; ``make_seed_data()`` (the article's data) by default.
    datasets : mapping of str to (X, y), optional
        Several data sets to choose from in a dropdown, by name (instead of ``X, y``).
    lr : float
        The starting learning rate (the slider spans 10⁻³ to 10²).
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
        Controls ``"lr"`` (FloatLogSlider), ``"iterations"`` (IntSlider), ``"auto_lr"``
        (Checkbox) and, with several ``datasets``, ``"data"`` (Dropdown); artists
        ``"loss"``, ``"accuracy"``, ``"surface"``, ``"boundary"``, ``"class0"`` and
        ``"class1"``; the last run in ``explorer.result`` and the progress bar in
        ``explorer.progress``. The readout adds the run's ``advice`` when it has one (for
        features of very different sizes).

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
    >>> explorer = training_explorer(iterations=100)
    >>> explorer.controls["lr"].value = 1.0
    >>> round(explorer.result.lr, 3)
    1.0
    """
    if datasets is not None:
        if X is not None or y is not None:
            raise TypeError("training_explorer: give either X and y, or datasets, not both.")
        if not isinstance(datasets, Mapping) or not datasets:
            raise TypeError(
                "training_explorer: datasets must be a dict such as {'noisy': (X, y)}."
            )
        data = {name: _as_dataset(pair, name) for name, pair in datasets.items()}
    elif X is None and y is None:
        data = {"the article's data": make_seed_data()}
    elif X is None or y is None:
        raise TypeError("training_explorer: give both X and y, or neither for the seed data.")
    else:
        data = {"data": _as_dataset((X, y), None)}
    lr, iterations, max_iterations, auto_lr, l2, fit_intercept = _check_settings(
        lr, iterations, max_iterations, auto_lr, l2, fit_intercept
    )

    safe_steps = {
        name: safe_learning_rate(X, l2=l2, fit_intercept=fit_intercept)
        for name, (X, _) in data.items()
    }
    first_name = next(iter(data))
    controls = {
        "lr": widgets.FloatLogSlider(
            value=lr,
            base=10,
            min=-3,
            max=2,
            step=0.1,
            description="learning rate",
            readout_format=".3g",
            continuous_update=False,
            style={"description_width": "initial"},
        ),
        "iterations": widgets.IntSlider(
            value=iterations,
            min=10 if iterations >= 10 else 1,
            max=max_iterations,
            step=10 if iterations % 10 == 0 else 1,
            description="iterations",
            continuous_update=False,
            style={"description_width": "initial"},
        ),
        "auto_lr": widgets.Checkbox(
            value=auto_lr,
            description=f'lr = "auto" ({safe_steps[first_name]:.3g})',
            indent=False,
        ),
    }
    rows = [["lr", "auto_lr"], ["iterations"]]
    if len(data) > 1:
        controls["data"] = widgets.Dropdown(
            options=list(data), value=first_name, description="data"
        )
        rows[1].append("data")
    X0, y0 = data[first_name]
    first = train(
        X0,
        y0,
        lr=safe_steps[first_name] if auto_lr else lr,
        iterations=iterations,
        l2=l2,
        fit_intercept=fit_intercept,
        seed=seed,
    )
    # One extent for every data set, so that switching data keeps the axes still.
    stacked = np.vstack([X for X, _ in data.values()])
    extent = (
        float(stacked[:, 0].min() - 0.5),
        float(stacked[:, 0].max() + 0.5),
        float(stacked[:, 1].min() - 0.5),
        float(stacked[:, 1].max() + 0.5),
    )
    with style_context():
        fig = new_figure(figsize=(9.0, 3.0))
        ax_loss, ax_acc, ax_surface = fig.subplots(1, 3, width_ratios=[1, 1, 1.25])
        overview = plot_training_overview(
            first, X0, y0, axes=(ax_loss, ax_acc, ax_surface), extent=extent
        )
    surface = overview["surface"]
    if not isinstance(surface.boundary, Line2D):
        # train() fits a linear model, whose boundary is always drawn as a line.
        raise RuntimeError("training_explorer: expected a linear decision boundary.")
    artists = {
        "loss": overview["loss"],
        "accuracy": overview["accuracy"],
        "surface": surface.image,
        "boundary": surface.boundary,
        "class0": surface.points[0],
        "class1": surface.points[1],
    }
    progress = widgets.IntProgress(
        value=0,
        min=0,
        max=100,
        description="training",
        bar_style="info",
        style={"description_width": "initial"},
    )
    explorer = Explorer(
        fig,
        controls,
        artists,
        alt=(
            "Three panels: the loss falling over the iterations, the training accuracy "
            "rising, and the data coloured by class over the model's P(y = 1), with the "
            "decision boundary as a black line."
        ),
        title="Train logistic regression: move a slider and release it to re-run",
        control_rows=rows,
        blit=("loss", "accuracy", "surface", "boundary", "class0", "class1"),
    )
    explorer.progress = progress
    # The bar sits between the figure and the readout, where the eye is after a release.
    explorer.children = (*explorer.children[:-3], progress, *explorer.children[-3:])
    explorer.result = first
    datasets_by_name = data

    def update(lr, iterations, auto_lr, data=first_name):
        X, y = datasets_by_name[data]
        controls["lr"].disabled = auto_lr
        controls["auto_lr"].description = f'lr = "auto" ({safe_steps[data]:.3g})'
        record_every = max(1, iterations // _HISTORY_POINTS)
        next_tick = [time.perf_counter() + _PROGRESS_INTERVAL]

        def show_progress(iteration, _state):
            now = time.perf_counter()
            if now >= next_tick[0]:
                progress.max = iterations
                progress.bar_style = "info"
                progress.value = min(iteration, iterations)
                next_tick[0] = now + _PROGRESS_INTERVAL

        try:
            result = train(
                X,
                y,
                lr="auto" if auto_lr else lr,
                iterations=iterations,
                l2=l2,
                fit_intercept=fit_intercept,
                seed=seed,
                record_every=record_every,
                callback=show_progress,
            )
        except TrainingError as error:
            progress.bar_style = "danger"
            explorer.readout.value = (
                f'<span style="color:{COLORS["gradient"]}">Training failed: '
                f"{html.escape(str(error))}</span>"
            )
            return
        progress.max = iterations
        progress.value = iterations
        progress.bar_style = "success"
        explorer.result = result
        history = result.history
        artists["loss"].set_data(history["iteration"], history["loss"])
        artists["accuracy"].set_data(history["iteration"], history["accuracy"])
        # Steady axes: a slider step changes the curves, not the ticks, so the run can be
        # compared with the last one and the frame is redrawn by blitting.
        for ax in (ax_loss, ax_acc):
            steady_step_axis(ax, iterations)
        scale_loss_axis(ax_loss, history["loss"], steady=True)
        artists["class0"].set_offsets(X[y == 0])
        artists["class1"].set_offsets(X[y == 1])
        artists["surface"].set_data(probability_grid(result.predict_proba, extent, resolution=60))
        artists["boundary"].set_data(*boundary_segment(result.weights, result.bias, extent))
        advice = getattr(result, "advice", "")
        explorer.readout.value = (
            f"step used: <b>{fmt(result.lr, '.3g')}</b>{' (auto = 1/L)' if auto_lr else ''} · "
            f"final loss <b>{fmt(history['loss'][-1], '.4f')}</b> · "
            f"training accuracy <b>{history['accuracy'][-1]:.1%}</b> · "
            f"‖w‖ = <b>{fmt(history['weight_norm'][-1])}</b>, b = <b>{fmt(result.bias)}</b>"
        ) + (f"<br><b>Advice:</b> {html.escape(advice)}" if advice else "")

    return explorer.connect(update)
