"""The training explorer: every run its controls reach, computed when it is made."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from sigmoid_lab.data import make_seed_data, make_shifted_data
from sigmoid_lab.training import TrainingError, safe_learning_rate, train
from sigmoid_lab.widgets.base import decode
from sigmoid_lab.widgets.training import training_explorer


@pytest.fixture(scope="module")
def data():
    return make_seed_data(300, seed=2)


@pytest.fixture
def explorer(data):
    X, y = data
    return training_explorer(X, y, lr=0.1, iterations=100)


def test_every_position_of_the_controls_is_a_run_handed_to_the_view(data, explorer):
    lr, iterations, auto = (explorer.controls[k] for k in ("lr", "iterations", "auto_lr"))
    assert (lr.type, iterations.type, auto.type) == ("log", "int", "checkbox")
    assert len(lr.grid) == 51 and lr.grid[0] == 0.001 and lr.grid[-1] == 100.0
    runs = decode(explorer.spec["datasets"]["data"]["runs"])
    recorded = decode(explorer.spec["iterations"])
    # One run per rate and the safe step, each with loss, accuracy, w₁, w₂, b per position.
    assert runs.shape == (52 * 5 * recorded.size,)
    assert set(range(10, 3001, 10)) <= set(recorded.astype(int))
    X, y = data
    run = train(X, y, lr=lr.grid[7], iterations=3000, record_every=10)
    table = runs.reshape(52, 5, recorded.size)[7]
    at = np.searchsorted(recorded, run.history["iteration"])
    np.testing.assert_allclose(table[0, at], run.history["loss"], rtol=1e-12)
    np.testing.assert_allclose(table[1, at], run.history["accuracy"], rtol=1e-12)
    np.testing.assert_allclose(table[2:4, -1], run.weights, rtol=1e-12)


def test_moving_the_learning_rate_retrains_and_redraws(explorer):
    loss = explorer.artists["loss"].get_ydata().copy()
    surface = np.array(explorer.artists["surface"].get_array()).copy()
    boundary = np.array(explorer.artists["boundary"].get_xydata()).copy()
    explorer.controls["lr"].value = 3.0  # the slider's nearest position: 10^0.5
    assert explorer.controls["lr"].value == pytest.approx(10**0.5)
    assert explorer.result.lr == explorer.controls["lr"].value
    assert explorer.artists["loss"].get_ydata()[-1] < loss[-1]
    assert not np.allclose(np.array(explorer.artists["surface"].get_array()), surface)
    assert not np.allclose(np.array(explorer.artists["boundary"].get_xydata()), boundary)
    assert "final loss" in explorer.readout.value


def test_iterations_slider_sets_the_length_of_the_run(explorer):
    explorer.controls["iterations"].value = 1000
    steps = explorer.artists["loss"].get_xdata()
    assert steps[-1] >= 990
    assert len(steps) <= 1001
    assert explorer.artists["loss"].axes.get_xlim()[1] == pytest.approx(1000)


def test_auto_uses_the_safe_step_and_greys_out_the_slider(data, explorer):
    X, _ = data
    explorer.controls["auto_lr"].value = True
    assert explorer.result.lr == pytest.approx(safe_learning_rate(X))
    assert explorer.controls["lr"].disabled
    assert "auto" in explorer.readout.value
    explorer.controls["auto_lr"].value = False
    assert not explorer.controls["lr"].disabled
    assert explorer.result.lr == pytest.approx(explorer.controls["lr"].value)


def test_a_failed_run_is_explained_in_the_readout(data):
    X, y = data
    explorer = training_explorer(X, y, lr=0.1, iterations=100, l2=0.5, max_iterations=200)
    assert "Training failed" not in explorer.readout.value
    explorer.controls["lr"].value = 100.0
    assert "Training failed" in explorer.readout.value
    assert "smaller lr" in explorer.readout.value
    with pytest.raises(TrainingError):
        explorer.result  # noqa: B018


def test_the_figure_renders_after_updates(tmp_path, explorer):
    explorer.controls["iterations"].value = 500
    explorer.figure.savefig(tmp_path / "training.png")
    assert (tmp_path / "training.png").stat().st_size > 1000


def test_other_data_and_no_intercept():
    X, y = make_shifted_data(200, seed=0)
    explorer = training_explorer(X, y, iterations=50, fit_intercept=False)
    assert explorer.result.bias == 0.0


def test_data_dropdown_switches_the_points_and_the_safe_step():
    separable = make_seed_data(200, seed=0)
    noisy = make_seed_data(200, seed=0, label_noise=0.2)
    explorer = training_explorer(
        datasets={"separable": separable, "noisy": noisy}, iterations=100, auto_lr=True
    )
    assert explorer.controls["data"].type == "select"
    assert [value for _, value in explorer.controls["data"].options] == ["separable", "noisy"]
    separable_loss = explorer.result.history["loss"][-1]
    explorer.controls["data"].value = "noisy"
    assert explorer.result.history["loss"][-1] > separable_loss
    class1 = explorer.artists["class1"].get_offsets()
    np.testing.assert_array_equal(class1, noisy[0][noisy[1] == 1])
    assert f"{safe_learning_rate(noisy[0]):.3g}" in explorer.controls["auto_lr"].description


def test_a_single_data_set_has_no_dropdown(explorer):
    assert "data" not in explorer.controls


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"X": np.ones((4, 2))}, TypeError, "both X and y"),
        ({"X": np.ones((4, 3)), "y": [0, 1, 0, 1]}, ValueError, r"shape \(m, 2\)"),
        ({"iterations": 0}, ValueError, "iterations to be at least 1"),
        ({"iterations": 4000}, ValueError, "max_iterations=3000"),
        ({"iterations": "a"}, TypeError, "iterations to be a whole number"),
        ({"max_iterations": 2.5}, TypeError, "max_iterations to be a whole number"),
        ({"lr": 1e3}, ValueError, "lr=1000"),
        ({"lr": "auto"}, ValueError, "auto_lr=True"),
        ({"lr": "fast"}, ValueError, "positive number or 'auto'"),
        ({"auto_lr": "yes"}, TypeError, "auto_lr to be True or False"),
        ({"l2": -1}, ValueError, "l2 to be a finite number >= 0"),
        ({"fit_intercept": "no"}, TypeError, "fit_intercept to be True or False"),
        ({"X": np.ones((4, 2)), "y": np.ones(4), "datasets": {}}, TypeError, "not both"),
        ({"datasets": [(np.ones((4, 2)), np.ones(4))]}, TypeError, "must be a dict"),
    ],
)
def test_bad_arguments_are_explained(kwargs, error, match):
    with pytest.raises(error, match=match):
        training_explorer(**kwargs)


def _labels_as_text(y):
    return np.where(np.asarray(y) == 1, "yes", "no")


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(lambda X, y: (X, _labels_as_text(y)), id="text labels"),
        pytest.param(lambda X, y: (X, pd.Series(_labels_as_text(y))), id="text Series"),
        pytest.param(
            lambda X, y: (pd.DataFrame({"a": X[:, 0], "b": ["x"] * len(y)}), y),
            id="DataFrame with a text column",
        ),
        pytest.param(lambda X, y: (np.where(np.eye(*X.shape) == 1, np.nan, X), y), id="NaN"),
        pytest.param(lambda X, y: (X, y.reshape(-1, 1)), id="label column"),
        pytest.param(lambda X, y: (X, np.ones_like(y)), id="one class"),
    ],
)
def test_bad_data_gets_the_same_message_as_from_train(bad):
    # The explorer runs train()'s own checks when it is made, so a learner reads the same
    # explanation (not "could not convert string to float" from inside a callback).
    X, y = bad(*make_seed_data(40, seed=0))
    with pytest.raises((TypeError, ValueError)) as from_train:
        train(X, y, iterations=1)
    with pytest.raises(from_train.type) as from_explorer:
        training_explorer(X, y, iterations=10)
    expected = str(from_train.value).replace("train()", "training_explorer()")
    assert str(from_explorer.value) == expected


def test_each_data_set_is_checked_and_named():
    X, y = make_seed_data(40, seed=0)
    with pytest.raises(ValueError, match=r"In datasets\['one class'\]: .*only class 1"):
        training_explorer(datasets={"fine": (X, y), "one class": (X, np.ones_like(y))})
    with pytest.raises(TypeError, match=r"In datasets\['a'\]: .*a pair \(X, y\)"):
        training_explorer(datasets={"a": X})


def test_the_readout_shows_the_runs_advice():
    # One feature about 5·10⁴ times larger than the other: the safe step is tiny.
    X, y = make_seed_data(200, seed=0)
    X = X * [5e4, 1.0]
    explorer = training_explorer(X, y, iterations=50, auto_lr=True)
    advice = explorer.result.advice
    assert advice, "train() advises to standardise such features"
    assert "<b>Advice:</b>" in explorer.readout.value
    assert html.escape(advice) in explorer.readout.value
    explorer.close()


def test_the_readout_has_no_advice_for_features_of_similar_size(explorer):
    assert explorer.result.advice == ""
    assert "Advice" not in explorer.readout.value


def test_axis_labels_stay_inside_the_figure_after_the_ticks_change():
    # Seen in the browser: after a switch to noisy data the loss ticks grew from "0.7" to
    # "0.70" and pushed "cross-entropy loss" past the figure's left edge.
    X, y = make_seed_data(1000, seed=0)
    X_noisy, y_noisy = make_seed_data(1000, seed=0, label_noise=0.1)
    explorer = training_explorer(
        datasets={"clean": (X, y), "noisy": (X_noisy, y_noisy)}, lr=0.1, iterations=300
    )
    explorer.controls["data"].value = "noisy"
    explorer.controls["auto_lr"].value = True
    explorer.controls["iterations"].value = 330
    canvas = FigureCanvasAgg(explorer.figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    page = explorer.figure.bbox
    for ax in explorer.figure.axes:
        box = ax.get_tightbbox(renderer)
        assert page.x0 - 0.5 <= box.x0 and box.x1 <= page.x1 + 0.5, ax.get_ylabel()
        assert page.y0 - 0.5 <= box.y0 and box.y1 <= page.y1 + 0.5, ax.get_ylabel()
