"""The training explorer re-trains when a control moves, and the figure follows."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pytest

from sigmoid_lab.data import make_seed_data, make_shifted_data
from sigmoid_lab.training import TrainingError, safe_learning_rate
from sigmoid_lab.widgets import training as training_widgets
from sigmoid_lab.widgets.training import training_explorer


@pytest.fixture(scope="module")
def data():
    return make_seed_data(300, seed=2)


@pytest.fixture
def explorer(data):
    X, y = data
    return training_explorer(X, y, lr=0.1, iterations=100)


def test_controls_are_real_widgets_that_recompute_on_release(explorer):
    lr, iterations, auto = (explorer.controls[k] for k in ("lr", "iterations", "auto_lr"))
    assert isinstance(lr, widgets.FloatLogSlider)
    assert isinstance(iterations, widgets.IntSlider)
    assert isinstance(auto, widgets.Checkbox)
    # Each position is a whole training run: recompute on release, not while dragging.
    assert lr.continuous_update is False
    assert iterations.continuous_update is False


def test_moving_the_learning_rate_retrains_and_redraws(explorer):
    loss = explorer.artists["loss"].get_ydata().copy()
    surface = np.array(explorer.artists["surface"].get_array()).copy()
    boundary = np.array(explorer.artists["boundary"].get_xydata()).copy()
    explorer.controls["lr"].value = 3.0
    assert explorer.result.lr == pytest.approx(3.0)
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
    assert explorer.progress.value == explorer.progress.max == 1000
    assert explorer.progress.bar_style == "success"


def test_the_progress_bar_moves_during_a_long_run(monkeypatch, explorer):
    # Every recorded iteration counts as "long" with no interval between updates.
    monkeypatch.setattr(training_widgets, "_PROGRESS_INTERVAL", 0.0)
    seen = []
    explorer.progress.observe(lambda change: seen.append(change["new"]), names="value")
    explorer.controls["iterations"].value = 400
    assert len(seen) > 10
    assert seen == sorted(seen) and seen[-1] == 400
    assert explorer.progress.bar_style == "success"


def test_a_quick_run_sends_only_its_result_to_the_progress_bar(monkeypatch, explorer):
    monkeypatch.setattr(training_widgets, "_PROGRESS_INTERVAL", 60.0)
    seen = []
    explorer.progress.observe(lambda change: seen.append(change["new"]), names="value")
    explorer.controls["iterations"].value = 400
    assert seen == [400]


def test_auto_uses_the_safe_step_and_greys_out_the_slider(data, explorer):
    X, _ = data
    explorer.controls["auto_lr"].value = True
    assert explorer.result.lr == pytest.approx(safe_learning_rate(X))
    assert explorer.controls["lr"].disabled
    assert "auto" in explorer.readout.value
    explorer.controls["auto_lr"].value = False
    assert not explorer.controls["lr"].disabled
    assert explorer.result.lr == pytest.approx(explorer.controls["lr"].value)


def test_a_failed_run_is_explained_in_the_readout(monkeypatch, explorer):
    def fails(*args, **kwargs):
        raise TrainingError("the loss became nan at iteration 3; try a smaller lr")

    monkeypatch.setattr(training_widgets, "train", fails)
    explorer.controls["lr"].value = 50.0
    assert "Training failed" in explorer.readout.value
    assert "smaller lr" in explorer.readout.value
    assert explorer.progress.bar_style == "danger"


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
    assert isinstance(explorer.controls["data"], widgets.Dropdown)
    assert list(explorer.controls["data"].options) == ["separable", "noisy"]
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
        ({"X": np.ones((4, 3)), "y": np.ones(4)}, ValueError, r"shape \(n, 2\)"),
        ({"iterations": 0}, ValueError, "iterations=0"),
        ({"lr": 1e3}, ValueError, "lr=1000"),
        ({"X": np.ones((4, 2)), "y": np.ones(4), "datasets": {}}, TypeError, "not both"),
        ({"datasets": [(np.ones((4, 2)), np.ones(4))]}, TypeError, "must be a dict"),
    ],
)
def test_bad_arguments_are_explained(kwargs, error, match):
    with pytest.raises(error, match=match):
        training_explorer(**kwargs)


def test_axis_labels_stay_inside_the_figure_after_the_ticks_change():
    # Seen in the browser: after a switch to noisy data the loss ticks grew from "0.7" to
    # "0.70" and pushed "cross-entropy loss" past the figure's left edge.
    X, y = make_seed_data(1000, seed=0)
    X_noisy, y_noisy = make_seed_data(1000, seed=0, label_noise=0.1)
    explorer = training_explorer(
        datasets={"clean": (X, y), "noisy": (X_noisy, y_noisy)}, lr=0.1, iterations=300
    )
    explorer._shown = True  # frames are now drawn in the kernel, as after a learner's move
    explorer.controls["data"].value = "noisy"
    explorer.controls["auto_lr"].value = True
    explorer.controls["iterations"].value = 330
    renderer = explorer.figure.canvas.get_renderer()
    page = explorer.figure.bbox
    for ax in explorer.figure.axes:
        box = ax.get_tightbbox(renderer)
        assert page.x0 - 0.5 <= box.x0 and box.x1 <= page.x1 + 0.5, ax.get_ylabel()
        assert page.y0 - 0.5 <= box.y0 and box.y1 <= page.y1 + 0.5, ax.get_ylabel()
